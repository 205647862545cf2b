import { z } from 'zod';

/** Plain-English validation messages: each says what is wrong and what to do about it. */
export function installValidationMessages(): void {
  z.config({
    customError: (issue) => {
      switch (issue.code) {
        case 'invalid_type':
          if (issue.input === undefined) return 'This field is required.';
          if (issue.input === null) return 'This field cannot be empty.';
          return `Must be ${article(issue.expected)}.`;
        case 'too_small':
          if (issue.origin === 'string') {
            return Number(issue.minimum) <= 1
              ? 'This field cannot be empty.'
              : `Must be at least ${issue.minimum} characters.`;
          }
          if (issue.origin === 'array') return `Choose at least ${issue.minimum}.`;
          return `Must be at least ${issue.minimum}.`;
        case 'too_big':
          if (issue.origin === 'string') return `Must be at most ${issue.maximum} characters.`;
          if (issue.origin === 'array') return `Choose at most ${issue.maximum}.`;
          return `Must be at most ${issue.maximum}.`;
        case 'unrecognized_keys':
          return `${issue.keys.map((key) => `"${key}"`).join(', ')} ${issue.keys.length === 1 ? 'is not a field' : 'are not fields'} this accepts. Remove ${issue.keys.length === 1 ? 'it' : 'them'}.`;
        case 'invalid_value':
          return `Must be one of: ${issue.values.map(String).join(', ')}.`;
        case 'invalid_format':
          if (issue.format === 'email')
            return 'Enter an email address in the correct format, like name@example.org.';
          if (issue.format === 'uuid') return 'Must be an identifier in UUID format.';
          if (issue.format === 'datetime')
            return 'Enter a date and time in ISO 8601 format with a time zone, like 2026-11-21T09:00:00Z.';
          if (issue.format === 'date') return 'Enter a date in the format YYYY-MM-DD.';
          return `Must be in ${issue.format} format.`;
        default:
          return undefined;
      }
    },
  });
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}
