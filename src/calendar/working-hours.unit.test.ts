import { describe, expect, it } from 'vitest';
import { inLondon, isBankHoliday } from './london-time.ts';
import { checkDaySpans, nextStaffedAt, parseHoursText } from './working-hours.ts';

describe('bank holidays in England and Wales', () => {
  it('include Christmas, the Boxing Day substitute and the early May bank holiday, and not Mother’s Day', () => {
    const day = (iso: string) => inLondon(new Date(`${iso}T12:00:00Z`));
    expect(isBankHoliday(day('2026-12-25'))).toBe(true);
    expect(isBankHoliday(day('2026-12-28'))).toBe(true);
    expect(isBankHoliday(day('2027-05-03'))).toBe(true);
    expect(isBankHoliday(day('2026-03-15'))).toBe(false);
    expect(isBankHoliday(day('2026-12-29'))).toBe(false);
  });
});

describe('spans of hours', () => {
  it('sorts spans, accepts an en dash and 24:00, and refuses overlaps and backwards spans', () => {
    expect(checkDaySpans(['13:00–17:00', '08:00-12:00'])).toEqual({ spans: ['08:00-12:00', '13:00-17:00'] });
    expect(checkDaySpans(['17:00-24:00'])).toEqual({ spans: ['17:00-24:00'] });
    expect(checkDaySpans(['09:00-12:00', '11:00-13:00'])).toMatchObject({
      problem: expect.stringContaining('overlap'),
    });
    expect(checkDaySpans(['17:00-09:00'])).toMatchObject({ problem: expect.stringContaining('HH:MM-HH:MM') });
    expect(checkDaySpans(['9-5'])).toMatchObject({ problem: expect.stringContaining('"9-5"') });
  });

  it('finds when a channel next opens across a weekend and a bank holiday', () => {
    const office = {
      hours: { monday: ['09:00-17:00'], tuesday: ['09:00-17:00'] },
      staffedOnBankHolidays: false,
    };
    // Saturday 26 December 2026; Monday 28 is the Boxing Day substitute, so Tuesday 29 it is.
    expect(nextStaffedAt(office, new Date('2026-12-26T12:00:00Z'))).toEqual(new Date('2026-12-29T09:00:00Z'));
  });
});

describe('hours written in a spreadsheet', () => {
  it('reads day ranges, lists and several spans', () => {
    expect(parseHoursText('Mon-Fri 09:00-17:00; Sat 10:00-12:00, 14:00-16:00')).toEqual({
      hours: {
        monday: ['09:00-17:00'],
        tuesday: ['09:00-17:00'],
        wednesday: ['09:00-17:00'],
        thursday: ['09:00-17:00'],
        friday: ['09:00-17:00'],
        saturday: ['10:00-12:00', '14:00-16:00'],
      },
    });
    expect(parseHoursText('sat,sun 00:00-24:00')).toEqual({
      hours: { saturday: ['00:00-24:00'], sunday: ['00:00-24:00'] },
    });
    expect(parseHoursText('Fri-Mon 18:00-20:00')).toMatchObject({
      hours: {
        friday: ['18:00-20:00'],
        saturday: ['18:00-20:00'],
        sunday: ['18:00-20:00'],
        monday: ['18:00-20:00'],
      },
    });
    expect(parseHoursText(' 24/7 ')).toEqual({ hours: '24/7' });
  });

  it('says what is wrong with hours it cannot read', () => {
    expect(parseHoursText('weekdays 9 to 5')).toMatchObject({
      problem: expect.stringContaining('are not days'),
    });
    expect(parseHoursText('Mon-Fri 9-5')).toMatchObject({ problem: expect.stringContaining('"9-5"') });
    expect(parseHoursText('')).toMatchObject({ problem: expect.stringContaining('Mon-Fri 09:00-17:00') });
  });
});
