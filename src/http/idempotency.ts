import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';

/**
 * `Idempotency-Key` on POST: a client that did not hear the answer (a dropped connection, a timeout)
 * can send the same request again with the same key and get the same answer, with the change made
 * once. The key is the caller's own: two callers using the same key never see each other's answers.
 *
 * - same key, same request, answered → the stored answer again (`Idempotent-Replayed: true`);
 * - same key, a different request → 422;
 * - same key while the first is still being handled → 409;
 * - a request that failed on the server (5xx) leaves no trace, so it can be tried again.
 *
 * Keys are kept for `KEEP_HOURS`.
 */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const KEEP_HOURS = 24;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { orgId: string; actorId: string; key: string } | null;
  }
}

type Row = {
  request_hash: string;
  status_code: number | null;
  response_body: string | null;
  content_type: string | null;
};

function requestHash(request: FastifyRequest): string {
  const body = canonicalize(request.body ?? null) ?? 'null';
  return createHash('sha256').update(`${request.method}\n${request.url}\n${body}`).digest('hex');
}

export function registerIdempotency(app: FastifyInstance, dependencies: { db: Db; clock: Clock }): void {
  const { db, clock } = dependencies;
  app.decorateRequest('idempotency', null);

  // After authentication and validation, before the handler: the key is scoped to the caller.
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST') return;
    const header = request.headers[IDEMPOTENCY_HEADER];
    if (header === undefined) return;
    const key = Array.isArray(header) ? header[0] : header;
    if (!key || key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) {
      throw new AppError('validation', 'Idempotency-Key must be 1 to 255 visible ASCII characters.', {
        field: 'Idempotency-Key',
      });
    }
    const authentication = request.authentication;
    if (!authentication) return;
    const scope = { orgId: authentication.orgId, actorId: authentication.actorId, key };
    const hash = requestHash(request);
    const inserted = await sql<{ key: string }>`
      insert into idempotency_keys (org_id, actor_id, key, request_hash, created_at)
      values (${scope.orgId}, ${scope.actorId}, ${key}, ${hash}, ${clock.now()})
      on conflict do nothing
      returning key
    `.execute(db);
    if (inserted.rows.length === 1) {
      request.idempotency = scope;
      return;
    }
    const existing = await sql<Row>`
      select request_hash, status_code, response_body, content_type from idempotency_keys
      where org_id = ${scope.orgId} and actor_id = ${scope.actorId} and key = ${key}
    `.execute(db);
    const row = existing.rows[0];
    if (!row) {
      // Removed between the two statements (its first attempt failed): ask for a retry.
      throw new AppError('conflict', 'A request with this Idempotency-Key has just failed. Send it again.');
    }
    if (row.status_code === null) {
      throw new AppError(
        'conflict',
        'A request with this Idempotency-Key is still being handled. Wait for its answer.',
      );
    }
    if (row.request_hash !== hash) {
      throw new AppError(
        'unprocessable',
        'This Idempotency-Key was used for a different request. Use a new key for a new request.',
        { field: 'Idempotency-Key' },
      );
    }
    reply.header('Idempotent-Replayed', 'true');
    if (row.content_type) reply.type(row.content_type);
    return reply
      .code(row.status_code)
      .serializer((payload: unknown) => String(payload))
      .send(row.response_body ?? '');
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const scope = request.idempotency;
    if (!scope) return payload;
    request.idempotency = null;
    const where = sql`org_id = ${scope.orgId} and actor_id = ${scope.actorId} and key = ${scope.key}`;
    if (reply.statusCode >= 500) {
      await sql`delete from idempotency_keys where ${where}`.execute(db);
      return payload;
    }
    const body = typeof payload === 'string' ? payload : payload == null ? '' : null;
    if (body === null) return payload; // Streams are not stored: nothing the API answers with is one.
    const contentType = reply.getHeader('content-type');
    await sql`
      update idempotency_keys
      set status_code = ${reply.statusCode}, response_body = ${body},
          content_type = ${typeof contentType === 'string' ? contentType : null}, completed_at = ${clock.now()}
      where ${where}
    `.execute(db);
    return payload;
  });
}

/** Forgets keys older than `KEEP_HOURS`; bounded so one run never holds the database for long. */
export async function forgetOldIdempotencyKeys(db: Db, clock: Clock): Promise<number> {
  const before = new Date(clock.now().getTime() - KEEP_HOURS * 3_600_000);
  const result = await sql`
    delete from idempotency_keys where ctid in (
      select ctid from idempotency_keys where created_at < ${before} limit 10000
    )
  `.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
