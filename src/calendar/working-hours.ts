import type { DateTime } from 'luxon';
import { inLondon, isBankHoliday, londonInstant, minuteOfDay } from './london-time.ts';

export const weekdays = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof weekdays)[number];

/** "24/7", or for each weekday the "HH:MM-HH:MM" spans it is staffed (UK local time). */
export type WeeklyHours = '24/7' | Partial<Record<Weekday, string[]>>;

export type StaffedHours = { hours: WeeklyHours; staffedOnBankHolidays: boolean };

/** Minutes from local midnight; the end is exclusive and at most 1440 (midnight at the day's end). */
export type Span = { start: number; end: number };

const spanPattern = /^([01]\d|2[0-3]):([0-5]\d)\s*[-–]\s*([01]\d|2[0-3]|24):([0-5]\d)$/;

export function parseSpan(text: string): Span | null {
  const match = spanPattern.exec(text.trim());
  if (!match) return null;
  const start = Number(match[1]) * 60 + Number(match[2]);
  const end = Number(match[3]) * 60 + Number(match[4]);
  if (end > 1440 || end <= start) return null;
  return { start, end };
}

export function formatSpan(span: Span): string {
  const clock = (minutes: number) =>
    `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return `${clock(span.start)}-${clock(span.end)}`;
}

/**
 * Checks one day's spans: each must read HH:MM-HH:MM with the end after the start (24:00 is the
 * end of the day), and none may overlap. Returns the spans sorted, or what is wrong.
 */
export function checkDaySpans(texts: string[]): { spans: string[] } | { problem: string } {
  const spans: Span[] = [];
  for (const text of texts) {
    const span = parseSpan(text);
    if (!span) {
      return {
        problem: `"${text}" is not a span of hours. Write it as HH:MM-HH:MM with the end after the start, like 09:00-17:00 (use 24:00 for midnight at the end of the day).`,
      };
    }
    spans.push(span);
  }
  spans.sort((a, b) => a.start - b.start);
  for (let index = 1; index < spans.length; index += 1) {
    if (spans[index]!.start < spans[index - 1]!.end) {
      return {
        problem: `${formatSpan(spans[index - 1]!)} and ${formatSpan(spans[index]!)} overlap. Merge them into one span.`,
      };
    }
  }
  return { spans: spans.map(formatSpan) };
}

/** The spans a channel is staffed on one London calendar day. */
export function spansOn(schedule: StaffedHours, localDay: DateTime): Span[] {
  if (schedule.hours === '24/7') return [{ start: 0, end: 1440 }];
  if (!schedule.staffedOnBankHolidays && isBankHoliday(localDay)) return [];
  const weekday = weekdays[localDay.weekday - 1]!;
  return (schedule.hours[weekday] ?? [])
    .map(parseSpan)
    .filter((span): span is Span => span !== null)
    .sort((a, b) => a.start - b.start);
}

export function isStaffedAt(schedule: StaffedHours, at: Date): boolean {
  const local = inLondon(at);
  const minute = minuteOfDay(local);
  return spansOn(schedule, local).some((span) => span.start <= minute && minute < span.end);
}

/**
 * When the staffed stretch that includes `at` ends, following spans that run on past midnight
 * into the next day. Null when it does not end within a week (staffed around the clock), or
 * when the channel is not staffed at `at`.
 */
export function staffedUntil(schedule: StaffedHours, at: Date): Date | null {
  let day = inLondon(at).startOf('day');
  const minute = minuteOfDay(inLondon(at));
  let current = spansOn(schedule, day).find((span) => span.start <= minute && minute < span.end);
  if (!current) return null;
  for (let days = 0; days < 8; days += 1) {
    if (current.end < 1440) return londonInstant(day, current.end);
    day = day.plus({ days: 1 });
    const continuing: Span | undefined = spansOn(schedule, day).find((span) => span.start === 0);
    if (!continuing) return londonInstant(day, 0);
    current = continuing;
  }
  return null;
}

/** The first moment at or after `at` when the channel is staffed, looking `horizonDays` ahead. */
export function nextStaffedAt(schedule: StaffedHours, at: Date, horizonDays = 14): Date | null {
  const today = inLondon(at).startOf('day');
  for (let offset = 0; offset <= horizonDays; offset += 1) {
    const day = today.plus({ days: offset });
    for (const span of spansOn(schedule, day)) {
      const start = londonInstant(day, span.start);
      const end = londonInstant(day, span.end);
      if (end > at) return start > at ? start : at;
    }
  }
  return null;
}

const dayNames: Record<string, Weekday> = Object.fromEntries(
  weekdays.flatMap((weekday) => [
    [weekday, weekday],
    [weekday.slice(0, 3), weekday],
  ]),
);

/**
 * Reads hours written the way people write them in a spreadsheet: "24/7", or day groups with
 * their spans separated by semicolons, e.g. "Mon-Fri 09:00-17:00; Sat 10:00-12:00, 14:00-16:00".
 */
export function parseHoursText(text: string): { hours: WeeklyHours } | { problem: string } {
  const trimmed = text.trim();
  if (/^24\s*\/\s*7$/.test(trimmed)) return { hours: '24/7' };
  const hours: Partial<Record<Weekday, string[]>> = {};
  const groups = trimmed
    .split(';')
    .map((group) => group.trim())
    .filter(Boolean);
  if (groups.length === 0) return { problem: hoursTextHelp };
  for (const group of groups) {
    const firstDigit = group.search(/\d/);
    if (firstDigit <= 0) return { problem: `"${group}" does not start with days. ${hoursTextHelp}` };
    const days = parseDays(group.slice(0, firstDigit));
    if (!days) return { problem: `"${group.slice(0, firstDigit).trim()}" are not days. ${hoursTextHelp}` };
    const spanTexts = group
      .slice(firstDigit)
      .split(',')
      .map((span) => span.trim());
    for (const day of days) hours[day] = [...(hours[day] ?? []), ...spanTexts];
  }
  for (const day of weekdays) {
    const checked = checkDaySpans(hours[day] ?? []);
    if ('problem' in checked) return checked;
    if (hours[day]) hours[day] = checked.spans;
  }
  return { hours };
}

const hoursTextHelp = 'Write hours like "Mon-Fri 09:00-17:00; Sat 10:00-12:00", or "24/7".';

function parseDays(text: string): Weekday[] | null {
  const days: Weekday[] = [];
  for (const part of text.split(',').map((piece) => piece.trim().toLowerCase())) {
    const [from, to, ...rest] = part.split(/\s*[-–]\s*/);
    const first = from ? dayNames[from] : undefined;
    const last = to === undefined ? first : dayNames[to];
    if (!first || !last || rest.length > 0) return null;
    const start = weekdays.indexOf(first);
    const length = ((weekdays.indexOf(last) - start + 7) % 7) + 1;
    for (let step = 0; step < length; step += 1) days.push(weekdays[(start + step) % 7]!);
  }
  return days;
}
