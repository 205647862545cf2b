import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidNhsNumber, normaliseNhsNumber } from './nhs-number.ts';

describe('NHS number check digit', () => {
  it('accepts a valid number, with or without spaces', () => {
    expect(isValidNhsNumber('9434765919')).toBe(true);
    expect(isValidNhsNumber(normaliseNhsNumber('943 476 5919'))).toBe(true);
  });

  it('refuses a wrong check digit, the wrong length and other characters', () => {
    expect(isValidNhsNumber(normaliseNhsNumber('943 476 5918'))).toBe(false);
    expect(isValidNhsNumber('943476591')).toBe(false);
    expect(isValidNhsNumber('94347659190')).toBe(false);
    expect(isValidNhsNumber('943-476-59')).toBe(false);
  });

  it('treats a check of 11 as check digit 0', () => {
    // 000000000 sums to 0, so the check is 11 − 0 = 11, written as 0.
    expect(isValidNhsNumber('0000000000')).toBe(true);
    expect(isValidNhsNumber('0000000001')).toBe(false);
    // 828836075 sums to 297 = 27 × 11.
    expect(isValidNhsNumber('8288360750')).toBe(true);
  });

  it('never accepts a number whose check would be 10', () => {
    // 123456789 sums to 210; 210 mod 11 = 1 and 11 − 1 = 10: no check digit makes it valid.
    for (let digit = 0; digit <= 9; digit += 1) expect(isValidNhsNumber(`123456789${digit}`)).toBe(false);
  });

  it('accepts exactly one check digit for any nine digits that allow one', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), (first) => {
        const valid = [...'0123456789'].filter((digit) => isValidNhsNumber(first + digit));
        expect(valid.length).toBeLessThanOrEqual(1);
      }),
    );
  });
});
