// Dates and times people type are UK dates and times, whatever time zone the device is set to.

const offsetFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  timeZoneName: 'longOffset',
});
const partsFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** London's offset from UTC at an instant, like "+01:00". */
function londonOffsetAt(instant: Date): string {
  const zone =
    offsetFormat.formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  return zone === 'GMT' ? '+00:00' : zone.replace('GMT', '');
}

/**
 * A UK wall-clock date and time as an ISO date-time with its offset (GMT or BST). A time the
 * spring change skips is read as an hour later; one the autumn change repeats, as the first.
 */
export function londonToIso(date: string, time: string): string {
  const asUtc = new Date(`${date}T${time}:00Z`).getTime();
  // London is GMT or an hour ahead: the earlier candidate that reads back the same is the one.
  const candidates = [new Date(asUtc - 60 * 60_000), new Date(asUtc)];
  const instant =
    candidates.find((candidate) => {
      const parts = londonParts(candidate);
      return parts.date === date && parts.time === time;
    }) ?? new Date(asUtc);
  const parts = londonParts(instant);
  return `${parts.date}T${parts.time}:00${londonOffsetAt(instant)}`;
}

/** The UK date of an instant (now by default) as YYYY-MM-DD. */
export function todayInLondon(now: Date = new Date()): string {
  return londonParts(now).date;
}

/** A YYYY-MM-DD date some days on (or back, for a negative number). */
export function daysAfter(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** A YYYY-MM-DD date some years on (29 February becomes 1 March in other years). */
export function yearsAfter(isoDate: string, years: number): string {
  const [year = 0, month = 1, day = 1] = isoDate.split('-').map(Number);
  const date = new Date(Date.UTC(year + years, month - 1, day));
  return date.toISOString().slice(0, 10);
}

/** "24 11 2027": how the NHS.UK date input pattern gives an example. */
export function dateInputExample(isoDate: string): string {
  const [year = '', month = '', day = ''] = isoDate.split('-');
  return `${Number(day)} ${Number(month)} ${year}`;
}

/** The last minute of a UK date, as an ISO date-time with its UTC offset (GMT or BST). */
export function endOfDayInLondon(isoDate: string): string {
  return londonToIso(isoDate, '23:59');
}

/** An instant's UK date (YYYY-MM-DD) and time (HH:MM). */
export function londonParts(instant: Date): { date: string; time: string } {
  const parts = partsFormat.formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((part) => part.type === type)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

/**
 * A time of day as people write it ("16:30", "4.30pm", "4pm", "noon") as HH:MM; null when it
 * cannot be read.
 */
export function readTimeOfDay(text: string): string | null {
  const written = text.trim().toLowerCase().replace(/\s+/g, '');
  if (written === 'noon' || written === 'midday') return '12:00';
  if (written === 'midnight') return '00:00';
  const match = /^(\d{1,2})(?:[:.](\d{2}))?(am|pm)?$/.exec(written);
  if (!match) return null;
  let hours = Number(match[1]);
  const minutes = Number(match[2] ?? '0');
  const period = match[3];
  if (minutes > 59) return null;
  if (period) {
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (period === 'pm' ? 12 : 0);
  } else if (hours > 23 || match[2] === undefined) {
    // "16" alone is ambiguous enough to ask again; "16:00" is not.
    return null;
  }
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}
