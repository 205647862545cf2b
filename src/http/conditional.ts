import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import type { VersionedChange } from '../db/versioned-change.ts';
import { AppError } from '../errors.ts';
import { problemSchema } from './schemas.ts';

/**
 * Optimistic concurrency over HTTP (RFC 9110 §8.8.3 and §13.1.1, RFC 6585 §3). A versioned record
 * is sent with a strong `ETag: "<version>"`; a change to it must send that tag back in `If-Match`:
 *
 * - no `If-Match`, or `If-Match: *` (which names no version) → 428, before the body is checked;
 * - anything but one strong tag of a version, like `"3"` → 400 (a weak tag can never match);
 * - a version that is not the stored one → 412, and nothing is changed.
 *
 * The services compare and set the version in the UPDATE itself (`… where version = expected`), so
 * of two requests that loaded the same version exactly one succeeds, however they interleave.
 */

// The version column is a PostgreSQL integer.
const MAX_VERSION = 2_147_483_647;

export function entityTag(version: number): string {
  return `"${version}"`;
}

/** Sets the record's version as its ETag and returns the record, for `return withETag(reply, …)`. */
export function withETag<Representation extends { version: number }>(
  reply: FastifyReply,
  representation: Representation,
): Representation {
  reply.header('ETag', entityTag(representation.version));
  return representation;
}

/** The version the caller loaded, from `If-Match`; refuses a request that does not name one. */
export function expectedVersion(request: FastifyRequest): number {
  const header = request.headers['if-match'];
  const value = (Array.isArray(header) ? header.join(', ') : (header ?? '')).trim();
  if (value === '') {
    throw new AppError(
      'precondition_required',
      'Send the If-Match header with the ETag you got when you loaded this record, like If-Match: "3". Changes without it are refused, so that nobody overwrites a change they have not seen.',
    );
  }
  if (value === '*') {
    throw new AppError(
      'precondition_required',
      'If-Match: * does not say which version you loaded. Send the ETag you got when you loaded this record, like If-Match: "3".',
    );
  }
  const digits = /^"([1-9][0-9]{0,9})"$/.exec(value)?.[1];
  const version = digits === undefined ? Number.NaN : Number(digits);
  if (!(version <= MAX_VERSION)) {
    throw new AppError(
      'validation',
      'If-Match must be the ETag you got when you loaded this record: one version number in double quotes, like "3" (not a weak W/"3" tag, and not a list).',
      { field: 'If-Match' },
    );
  }
  return version;
}

/**
 * The change an update of `…/:id` asks for, as the services take it: the record named in the path,
 * the version the caller loaded (`If-Match`) and the fields sent.
 */
export function versionedChange<Input>(
  request: FastifyRequest & { params: { id: string }; body: Input },
  clock: Clock,
): VersionedChange<Input> {
  return { id: request.params.id, expectedVersion: expectedVersion(request), input: request.body, clock };
}

/** Route hook: an update without `If-Match` is refused before its body is checked. */
export async function requireIfMatch(request: FastifyRequest): Promise<void> {
  expectedVersion(request);
}

/** Documents the header on an update route (it is enforced by `requireIfMatch`). */
export const ifMatchHeaders = z.looseObject({
  'if-match': z
    .string()
    .describe('The ETag you got when you loaded the record, like "3" (a strong tag: its version).'),
});

/** The answers an update route adds for `If-Match`. */
export const ifMatchProblems = { 412: problemSchema, 428: problemSchema } as const;

export const ifMatchDescription =
  'Send `If-Match` with the `ETag` you got when you loaded the record, like `If-Match: "3"`. Without it the answer is 428; if someone has changed the record since, 412 and nothing is changed (reload it and make the change again). A successful change answers with the new `ETag`.';

export const eTagDescription =
  'The `ETag` header is the record’s version, like `"3"`: send it back in `If-Match` to change the record.';

/**
 * What every update of a versioned record declares: who may make it, `If-Match` required before the
 * body is read (and documented), and the answers, so each route says only what is its own.
 */
export function versionedUpdate<
  Access,
  Answer,
  Problems extends Record<number, unknown>,
  Params = undefined,
  Body = undefined,
>(route: {
  access: Access;
  tags: string[];
  summary: string;
  /** Said before the `If-Match` description. */
  description?: string;
  /** None for a record the organisation has one of (its details, its settings): nothing in the path names it. */
  params?: Params;
  /** None for a change that sends nothing, as a DELETE that puts the default back. */
  body?: Body;
  answer: Answer;
  problems: Problems;
}) {
  return {
    config: { access: route.access },
    preValidation: requireIfMatch,
    schema: {
      tags: route.tags,
      summary: route.summary,
      description: route.description ? `${ifMatchDescription} ${route.description}` : ifMatchDescription,
      // Fastify warns of a part of a schema given as undefined, so a part the route has not is left
      // out; its type stays, for the handler's request.
      ...((route.params === undefined ? {} : { params: route.params }) as { params: Params }),
      headers: ifMatchHeaders,
      ...((route.body === undefined ? {} : { body: route.body }) as { body: Body }),
      response: { 200: route.answer, ...route.problems, ...ifMatchProblems },
    },
  };
}
