import type { FastifyInstance } from 'fastify';
import type { Db } from '../src/db/database.ts';
import type { SignedIn } from './factories.ts';

/**
 * A request from a signed-in member of staff: method, address, who, the body if any, and the
 * version they loaded, sent as `If-Match` (every PATCH needs one).
 */
export type StaffRequest = [
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  who: SignedIn,
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

/** An organisation's audit entries, oldest first: of one action, about one record, or both. */
export function auditEntriesOf(db: Db, orgId: string, filter: { action?: string; entityId?: string }) {
  let query = db.selectFrom('audit_events').selectAll().where('org_id', '=', orgId);
  if (filter.action !== undefined) query = query.where('action', '=', filter.action);
  if (filter.entityId !== undefined) query = query.where('entity_id', '=', filter.entityId);
  return query.orderBy('id').execute();
}
