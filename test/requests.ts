import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Db } from '../src/db/database.ts';
import type { SignedIn } from './factories.ts';

/**
 * A request from a signed-in member of staff (or a system with an API token): method, address,
 * who (their headers), the body if any, and the version they loaded, sent as `If-Match` (every
 * PATCH needs one).
 */
export type StaffRequest = [
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  who: { headers: SignedIn['headers'] | Record<string, string> },
  payload?: unknown,
  version?: number,
];

/** Sends a staff request: `const call = (...request: StaffRequest) => requestAs(t.app, ...request)`. */
export function requestAs(app: FastifyInstance, ...[method, url, who, payload, version]: StaffRequest) {
  return app.inject({
    method,
    url,
    headers: version === undefined ? who.headers : { ...who.headers, 'If-Match': `"${version}"` },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

/**
 * Sends a staff request that must succeed, and answers its body. Any other answer fails the test,
 * naming the request and showing what came back.
 */
export async function okAs(app: FastifyInstance, ...request: StaffRequest) {
  const response = await requestAs(app, ...request);
  if (response.statusCode >= 300) {
    throw new Error(`${request[0]} ${request[1]}: ${response.statusCode} ${response.body}`);
  }
  return response.json();
}

/**
 * Sends a staff request that must be answered with exactly `status` (201 for a record it makes),
 * and answers its body. Any other answer fails the test, naming the request and showing what came
 * back.
 */
export async function answerAs(app: FastifyInstance, status: number, ...request: StaffRequest) {
  const response = await requestAs(app, ...request);
  expect(response.statusCode, `${request[0]} ${request[1]}: ${response.body}`).toBe(status);
  return response.json();
}

/**
 * A partner's request through the link they were sent (`token` is the part after `#`) to the
 * partner's page of a message: a GET without a payload, a POST with one.
 */
export function requestAsPartner(
  app: FastifyInstance,
  token: string,
  path = '',
  payload?: Record<string, unknown>,
) {
  return app.inject({
    method: payload ? 'POST' : 'GET',
    url: `/api/partner/message${path}`,
    headers: { 'x-partner-link': token },
    ...(payload ? { payload } : {}),
  });
}

/** A partner's request through their link that must be taken (200), answering its body. */
export async function okAsPartner(
  app: FastifyInstance,
  token: string,
  path = '',
  payload?: Record<string, unknown>,
) {
  const response = await requestAsPartner(app, token, path, payload);
  if (response.statusCode !== 200) {
    throw new Error(`partner ${path}: ${response.statusCode} ${response.body}`);
  }
  return response.json();
}

/** An organisation's audit entries, oldest first: of one action, about one record, or both. */
export function auditEntriesOf(db: Db, orgId: string, filter: { action?: string; entityId?: string }) {
  let query = db.selectFrom('audit_events').selectAll().where('org_id', '=', orgId);
  if (filter.action !== undefined) query = query.where('action', '=', filter.action);
  if (filter.entityId !== undefined) query = query.where('entity_id', '=', filter.entityId);
  return query.orderBy('id').execute();
}
