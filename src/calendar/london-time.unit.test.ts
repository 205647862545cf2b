import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { ageOn, describeMoment, inLondon, londonDateOf } from './london-time.ts';

describe('the London day and a person’s age', () => {
  it('takes the day from London, not UTC, on both sides of the clock change', () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST); in January the two agree.
    expect(londonDateOf(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(londonDateOf(new Date('2026-01-31T23:30:00Z'))).toBe('2026-01-31');
  });

  it('agrees with the date library on the London day of any instant', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1990-01-01T00:00:00Z'),
          max: new Date('2040-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (at) => {
          expect(londonDateOf(at)).toBe(inLondon(at).toISODate());
        },
      ),
    );
  });

  it('counts a year on the birthday itself, and not the day before', () => {
    expect(ageOn('1940-07-01', new Date('2026-06-30T22:59:00Z'))).toBe(85);
    expect(ageOn('1940-07-01', new Date('2026-06-30T23:00:00Z'))).toBe(86);
  });

  it('brings a 29 February birthday on 1 March in other years', () => {
    expect(ageOn('1940-02-29', new Date('2026-02-28T12:00:00Z'))).toBe(85);
    expect(ageOn('1940-02-29', new Date('2026-03-01T12:00:00Z'))).toBe(86);
    expect(ageOn('1940-02-29', new Date('2028-02-29T12:00:00Z'))).toBe(88);
  });

  it('agrees with the calendar arithmetic of the date library', () => {
    const day = fc.date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2025-12-31T00:00:00Z'),
      noInvalidDate: true,
    });
    const instant = fc.date({
      min: new Date('2026-01-01T00:00:00Z'),
      max: new Date('2030-12-31T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(day, instant, (born, at) => {
        const dateOfBirth = born.toISOString().slice(0, 10);
        const today = DateTime.fromJSDate(at, { zone: 'Europe/London' }).startOf('day');
        const expected = Math.floor(
          today.diff(DateTime.fromISO(dateOfBirth, { zone: 'Europe/London' }), 'years').years,
        );
        expect(ageOn(dateOfBirth, at)).toBe(expected);
      }),
    );
  });

  it('describes a moment to the minute in London time, the same however often it is asked', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2040-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (at) => {
          const expected = inLondon(at).toFormat("HH:mm 'on' cccc d LLLL");
          expect(describeMoment(at)).toBe(expected);
          expect(describeMoment(new Date(at.getTime()))).toBe(expected);
        },
      ),
    );
    // The clocks go back at 02:00 BST on 25 October 2026: 00:30 UTC is 01:30 BST, 01:30 UTC is 01:30 GMT.
    expect(describeMoment(new Date('2026-10-25T00:30:00Z'))).toBe('01:30 on Sunday 25 October');
    expect(describeMoment(new Date('2026-10-25T01:30:00Z'))).toBe('01:30 on Sunday 25 October');
  });
});
