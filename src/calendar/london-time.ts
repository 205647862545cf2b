import { createRequire } from 'node:module';
import type HolidaysClass from 'date-holidays';
import { DateTime, IANAZone, Zone, type ZoneOffsetFormat, type ZoneOffsetOptions } from 'luxon';

/** Partners' working hours are all kept in UK local time; the clock change is luxon's business. */
export const LONDON = 'Europe/London';

/**
 * Europe/London with its UTC offset remembered per hour. Luxon asks Intl for the offset on every
 * conversion, which made a single "which channel now" decision take about a millisecond. The UK
 * changes offset only on the hour, so an offset looked up once for an hour holds for all of it.
 */
class LondonZone extends Zone {
  readonly #zone = IANAZone.create(LONDON);
  readonly #offsetByHour = new Map<number, number>();

  override get type(): string {
    return 'iana';
  }
  override get name(): string {
    return LONDON;
  }
  override get isUniversal(): boolean {
    return false;
  }
  override get isValid(): boolean {
    return true;
  }
  override offsetName(ts: number, options: ZoneOffsetOptions): string | null {
    return this.#zone.offsetName(ts, options);
  }
  override formatOffset(ts: number, format: ZoneOffsetFormat): string {
    return this.#zone.formatOffset(ts, format);
  }
  override offset(ts: number): number {
    const hour = Math.floor(ts / 3_600_000);
    let offset = this.#offsetByHour.get(hour);
    if (offset === undefined) {
      if (this.#offsetByHour.size > 200_000) this.#offsetByHour.clear();
      offset = this.#zone.offset(ts);
      this.#offsetByHour.set(hour, offset);
    }
    return offset;
  }
  override equals(other: Zone): boolean {
    return other.type === 'iana' && other.name === LONDON;
  }
}

const londonZone = new LondonZone();

export function inLondon(at: Date): DateTime {
  return DateTime.fromJSDate(at, { zone: londonZone }).setLocale('en-GB');
}

/** The instant a London wall-clock time falls at; minute 1440 is the next day's midnight. */
export function londonInstant(localDate: DateTime, minuteOfDay: number): Date {
  const day = localDate.startOf('day').plus({ days: Math.floor(minuteOfDay / 1440) });
  const minutes = minuteOfDay % 1440;
  return DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour: Math.floor(minutes / 60), minute: minutes % 60 },
    { zone: londonZone },
  ).toJSDate();
}

export function minuteOfDay(local: DateTime): number {
  return local.hour * 60 + local.minute;
}

/** The London calendar day an instant falls on, as YYYY-MM-DD. */
export function londonDateOf(at: Date): string {
  // The offset is the zone's (cached per hour above); the rest is arithmetic, so asking for the
  // day of hundreds of people at once costs no formatting.
  return new Date(at.getTime() + londonZone.offset(at.getTime()) * 60_000).toISOString().slice(0, 10);
}

/** A person's age in whole years on the London day `at` falls on; a 29 February birthday comes on 1 March. */
export function ageOn(dateOfBirth: string, at: Date): number {
  const [year, month, day] = londonDateOf(at).split('-').map(Number) as [number, number, number];
  const [bornYear, bornMonth, bornDay] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const hadBirthday = month > bornMonth || (month === bornMonth && day >= bornDay);
  return year - bornYear - (hadBirthday ? 0 : 1);
}

// Formatting through the date library costs tens of microseconds, and a burst of reminders or a
// list of proposals describes the same few minutes thousands of times: the words are kept per
// minute, which is all they say (the UK changes offset only on the hour).
const momentWords = new Map<number, string>();

/** "18:30 on Saturday 21 November": how times read in reasons shown to staff. */
export function describeMoment(at: Date): string {
  const minute = Math.floor(at.getTime() / 60_000);
  let words = momentWords.get(minute);
  if (words === undefined) {
    if (momentWords.size > 10_000) momentWords.clear();
    words = inLondon(at).toFormat("HH:mm 'on' cccc d LLLL");
    momentWords.set(minute, words);
  }
  return words;
}

// England and Wales (region ENG of GB covers both in date-holidays). Only days off in law count:
// observances such as Mother's Day are in the data too and are left out.
// The calendar data of every country comes with the library (about 20 MB in memory), so it is
// loaded when a bank holiday is first asked about, not at start.
const requireFromHere = createRequire(import.meta.url);
let englandAndWales: HolidaysClass | undefined;
const bankHolidaysByYear = new Map<number, Set<string>>();

function holidaysOfEnglandAndWales(): HolidaysClass {
  if (!englandAndWales) {
    const Holidays = requireFromHere('date-holidays') as typeof HolidaysClass;
    englandAndWales = new Holidays('GB', 'ENG');
  }
  return englandAndWales;
}

function bankHolidaysIn(year: number): Set<string> {
  let dates = bankHolidaysByYear.get(year);
  if (!dates) {
    dates = new Set(
      holidaysOfEnglandAndWales()
        .getHolidays(year)
        .filter((holiday) => holiday.type === 'public' || holiday.type === 'bank')
        .map((holiday) => holiday.date.slice(0, 10)),
    );
    bankHolidaysByYear.set(year, dates);
  }
  return dates;
}

/** Whether a London calendar day is a bank holiday in England and Wales (substitute days included). */
export function isBankHoliday(localDate: DateTime): boolean {
  return bankHolidaysIn(localDate.year).has(localDate.toISODate() ?? '');
}
