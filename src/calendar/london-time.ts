import Holidays from 'date-holidays';
import { DateTime } from 'luxon';

/** Partners' working hours are all kept in UK local time; the clock change is luxon's business. */
export const LONDON = 'Europe/London';

export function inLondon(at: Date): DateTime {
  return DateTime.fromJSDate(at, { zone: LONDON }).setLocale('en-GB');
}

/** The instant a London wall-clock time falls at; minute 1440 is the next day's midnight. */
export function londonInstant(localDate: DateTime, minuteOfDay: number): Date {
  const day = localDate.startOf('day').plus({ days: Math.floor(minuteOfDay / 1440) });
  const minutes = minuteOfDay % 1440;
  return DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour: Math.floor(minutes / 60), minute: minutes % 60 },
    { zone: LONDON },
  ).toJSDate();
}

export function minuteOfDay(local: DateTime): number {
  return local.hour * 60 + local.minute;
}

/** "18:30 on Saturday 21 November": how times read in reasons shown to staff. */
export function describeMoment(at: Date): string {
  return inLondon(at).toFormat("HH:mm 'on' cccc d LLLL");
}

// England and Wales (region ENG of GB covers both in date-holidays). Only days off in law count:
// observances such as Mother's Day are in the data too and are left out.
const englandAndWales = new Holidays('GB', 'ENG');
const bankHolidaysByYear = new Map<number, Set<string>>();

function bankHolidaysIn(year: number): Set<string> {
  let dates = bankHolidaysByYear.get(year);
  if (!dates) {
    dates = new Set(
      englandAndWales
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
