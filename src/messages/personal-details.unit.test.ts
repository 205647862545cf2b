import { describe, expect, it } from 'vitest';
import { findAnyNameOf, findFullDates, findMentionsOf, findNhsNumbers } from './personal-details.ts';

describe('NHS numbers', () => {
  it('finds ten digits passing the modulus-11 check, with or without spaces or hyphens', () => {
    expect(findNhsNumbers('NHS 9434765919').map((found) => found.digits)).toEqual(['9434765919']);
    expect(findNhsNumbers('no. 943 476 5919.').map((found) => found.text)).toEqual(['943 476 5919']);
    expect(findNhsNumbers('943-476-5919').map((found) => found.digits)).toEqual(['9434765919']);
    expect(findNhsNumbers('ward 4 943 476 5919').map((found) => found.text)).toEqual(['943 476 5919']);
  });

  it('does not take a phone number, or ten digits failing the check, for one', () => {
    expect(findNhsNumbers('Call 01392 123456 or 07700 900123')).toEqual([]);
    expect(findNhsNumbers('0139212346')).toEqual([]); // ten digits, fails the check
    expect(findNhsNumbers('9434765918')).toEqual([]); // one digit wrong
    expect(findNhsNumbers('94347659190')).toEqual([]); // eleven digits
  });
});

describe('full dates', () => {
  it('finds a day, month and year however written', () => {
    const text =
      'Born 12/03/1941, or 12-3-41, 12.03.1941, 12 March 1941, 1st of Dec 1941, March 12th, 1941, 1941-03-12';
    expect(findFullDates(text).map((found) => found.text)).toEqual([
      '12/03/1941',
      '12-3-41',
      '12.03.1941',
      '12 March 1941',
      '1st of Dec 1941',
      'March 12th, 1941',
      '1941-03-12',
    ]);
  });

  it('leaves times and dates without a year alone', () => {
    expect(findFullDates('Since 6am, at 6.30, by 16:00 on 12 March, 12/03, room 3-4')).toEqual([]);
  });
});

const doris = { givenName: 'Doris', familyName: 'Evans', preferredName: 'Dot', nhsNumber: '9434765919' };

describe('names', () => {
  it('finds any of the person’s names written as a name', () => {
    expect(findAnyNameOf('Visit for Dot Evans', doris).map((found) => found.text)).toEqual(['Dot', 'Evans']);
    // "dot" in lower case is an ordinary word, not a name.
    expect(findAnyNameOf('a dot on the chart', doris)).toEqual([]);
    expect(findAnyNameOf('Dorset visits', doris)).toEqual([]);
  });

  it('counts a full name, a title with the family name, or the NHS number as a mention', () => {
    const text = 'Doris Evans, also Mrs Evans (Dot Evans), NHS 943 476 5919; Doris from the shop; Evans Road';
    expect(findMentionsOf(text, doris).map((found) => found.text)).toEqual([
      'Doris Evans',
      'Mrs Evans',
      'Dot Evans',
      '943 476 5919',
    ]);
  });
});
