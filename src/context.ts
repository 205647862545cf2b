import type { ActorType } from './audit/audit.table.ts';
import type { StaffRole } from './users/users.table.ts';

/** Who is acting. For staff and API tokens the organisation always comes from the session or token. */
export type Actor = {
  type: ActorType;
  /** User id, API token id, partner link id, or the name of the system job. */
  id: string;
  role: StaffRole | null;
};

/** What every service that changes or reveals a record needs to know about the request. */
export type RequestContext = {
  orgId: string;
  actor: Actor;
  requestId: string | null;
  ip: string | null;
};

export function systemContext(orgId: string, job: string): RequestContext {
  return { orgId, actor: { type: 'system', id: job, role: null }, requestId: null, ip: null };
}
