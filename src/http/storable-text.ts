import type { FastifyInstance } from 'fastify';
import { AppError, type FieldProblem } from '../errors.ts';

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text PostgreSQL cannot store as sent: the NUL character (U+0000), which `text` refuses outright
 * (the statement fails), and half of a surrogate pair, which is not Unicode at all and would be
 * stored silently changed (as U+FFFD). Both are refused before any route sees the request.
 */
export function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'Must not contain the NUL character (U+0000).';
  if (loneSurrogate.test(value)) return 'Must be valid Unicode text: it holds half of a character.';
  return null;
}

/**
 * The first string in a parsed body, query or set of path parameters that cannot be stored, with
 * where it is (`notes`, `locations.2`; a field's name is checked as well as its value). Walks
 * with a stack, not recursion: a body is up to 1 MB and may nest deeper than the call stack.
 */
export function findUnstorableText(root: unknown, rootField: string): FieldProblem | null {
  // Each entry links to its parent, so a deep body costs no copying of paths.
  type Place = { value: unknown; key: string | null; parent: Place | null };
  const fieldName = (place: Place, last?: string) => {
    const keys = last === undefined ? [] : [last];
    for (let at: Place | null = place; at?.key != null; at = at.parent) keys.push(at.key);
    return keys.length > 0 ? keys.reverse().join('.') : rootField;
  };
  const pending: Place[] = [{ value: root, key: null, parent: null }];
  for (let place = pending.pop(); place; place = pending.pop()) {
    const { value } = place;
    if (typeof value === 'string') {
      const message = textProblem(value);
      if (message) return { field: fieldName(place), message };
    } else if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index -= 1) {
        pending.push({ value: value[index], key: String(index), parent: place });
      }
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value);
      for (let index = entries.length - 1; index >= 0; index -= 1) {
        const [key, member] = entries[index] as [string, unknown];
        const message = textProblem(key);
        // A field name that is not storable text is named as best it can be in an answer.
        if (message) return { field: fieldName(place, JSON.stringify(key).slice(1, -1)), message };
        pending.push({ value: member, key, parent: place });
      }
    }
  }
  return null;
}

/**
 * Refuses, with 400 naming the field, any request whose path parameters, query or body holds text
 * that cannot be stored (see textProblem). One hook for every route, so a route added later, or a
 * schema that forgets, cannot let such text through to the database and fail there with a 500.
 */
export function registerStorableTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const [where, value] of [
      ['path', request.params],
      ['query', request.query],
      ['body', request.body],
    ] as const) {
      const problem = findUnstorableText(value, where);
      if (problem) {
        throw new AppError('validation', `Check the ${where}: ${problem.field}: ${problem.message}`, {
          fields: [problem],
        });
      }
    }
  });
}
