import { inLondon, isBankHoliday, londonInstant, minuteOfDay } from './london-time.ts';

/**
 * The same London time of day `days` working days after `from`: weekdays that are not bank
 * holidays in England and Wales. Friday 16:00 plus two working days is Tuesday 16:00.
 */
export function addWorkingDays(from: Date, days: number): Date {
  const start = inLondon(from);
  let day = start.startOf('day');
  let counted = 0;
  while (counted < days) {
    day = day.plus({ days: 1 });
    if (day.weekday <= 5 && !isBankHoliday(day)) counted += 1;
  }
  return londonInstant(day, minuteOfDay(start));
}
