import { isValidNhsNumber } from '../people/nhs-number.ts';
import type { TextSpan } from './readability.ts';

// Finds the details that identify a person in free text: NHS numbers, full dates (a date of
// birth has a year) and names. Used to keep them out of what goes into an email, and to notice
// text that names someone other than the person a message is shared about.

/** A person as the message check needs them: their names and NHS number. */
export type NamedPerson = {
  givenName: string;
  familyName: string;
  preferredName: string | null;
  nhsNumber: string | null;
};

// Runs of digits separated by single spaces or hyphens, as NHS numbers are written (943 476 5919).
const digitRun = /(?<![\p{L}\p{N}])\d+(?:[ -]\d+)*(?![\p{L}\p{N}])/gu;

/**
 * NHS numbers in the text: ten digits, together or in groups, that pass the modulus-11 check.
 * A phone number (eleven digits) or ten digits failing the check is not one.
 */
export function findNhsNumbers(text: string): (TextSpan & { digits: string })[] {
  const found: (TextSpan & { digits: string })[] = [];
  for (const run of text.matchAll(digitRun)) {
    const groups = [...run[0].matchAll(/\d+/g)];
    // Any consecutive groups making ten digits: "ward 4 943 476 5919" still holds one.
    for (let first = 0; first < groups.length; first += 1) {
      let digits = '';
      for (let last = first; last < groups.length && digits.length < 10; last += 1) {
        digits += groups[last]![0];
        if (digits.length === 10 && isValidNhsNumber(digits)) {
          const start = run.index + groups[first]!.index;
          const end = run.index + groups[last]!.index + groups[last]![0].length;
          found.push({ start, end, text: text.slice(start, end), digits });
          first = last;
        }
      }
    }
  }
  return found;
}

const monthNames =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';

/** A day, month and year: 12/03/1941, 12-3-41, 12.03.1941, 12 March 1941, March 12th, 1941, 1941-03-12. */
const fullDate = new RegExp(
  [
    String.raw`(?<![\p{N}/.-])(?:0?[1-9]|[12]\d|3[01])[/.-](?:0?[1-9]|1[0-2])[/.-](?:\d{4}|\d{2})(?![\p{N}/.-])`,
    String.raw`\b(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?:\s+of)?\s+(?:${monthNames})\.?,?\s+\d{4}\b`,
    String.raw`\b(?:${monthNames})\.?\s+(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?,?\s+\d{4}\b`,
    String.raw`\b\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b`,
  ].join('|'),
  'giu',
);

/** Dates with a day, month and year, such as a date of birth. Times and dates without a year are not. */
export function findFullDates(text: string): TextSpan[] {
  return [...text.matchAll(fullDate)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    text: match[0],
  }));
}

function escapeForPattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function wordPattern(words: string): string {
  return escapeForPattern(words.trim()).replace(/\s+/g, String.raw`\s+`);
}

function findAll(text: string, pattern: RegExp): TextSpan[] {
  return [...text.matchAll(pattern)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    text: match[0],
  }));
}

/**
 * Any of the person's own names, each on its own, as a whole word written with a capital (as a
 * name is): "Doris", "Evans". Used where nothing about the person may appear at all.
 */
export function findAnyNameOf(text: string, person: NamedPerson): TextSpan[] {
  const names = [person.givenName, person.familyName, person.preferredName]
    .map((name) => name?.trim() ?? '')
    .filter((name) => name.length >= 2);
  if (names.length === 0) return [];
  const pattern = new RegExp(
    String.raw`(?<![\p{L}\p{N}])(?:${names.map(wordPattern).join('|')})(?![\p{L}\p{N}])`,
    'giu',
  );
  return findAll(text, pattern).filter((span) => /^\p{Lu}/u.test(span.text));
}

const titles = 'mr|mrs|ms|miss|mx|dr';

/**
 * Where the text names the person unmistakably: their given or preferred name with their family
 * name ("Doris Evans"), a title with their family name ("Mrs Evans"), or their NHS number.
 * A given name alone is not counted: many people share one.
 */
export function findMentionsOf(text: string, person: NamedPerson): TextSpan[] {
  const firstNames = [person.givenName, person.preferredName]
    .map((name) => name?.trim() ?? '')
    .filter((name) => name.length > 0);
  const family = wordPattern(person.familyName);
  const alternatives = [
    ...firstNames.map((name) => String.raw`${wordPattern(name)}\s+${family}`),
    String.raw`(?:${titles})\.?\s+${family}`,
  ];
  const pattern = new RegExp(
    String.raw`(?<![\p{L}\p{N}])(?:${alternatives.join('|')})(?![\p{L}\p{N}])`,
    'giu',
  );
  const byName = findAll(text, pattern);
  const byNumber = person.nhsNumber
    ? findNhsNumbers(text).filter((found) => found.digits === person.nhsNumber)
    : [];
  return [...byName, ...byNumber.map(({ digits: _digits, ...span }) => span)].sort(
    (a, b) => a.start - b.start,
  );
}

/** The words of a text that could be a family name, lower-cased: to look people up by. */
export function possibleFamilyNames(text: string): string[] {
  const words = text.match(/\p{Lu}[\p{L}'’-]+/gu) ?? [];
  return [...new Set(words.map((word) => word.toLowerCase()))];
}
