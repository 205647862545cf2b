import type { Executor } from '../db/database.ts';
import type { AuditEventRow } from './audit.table.ts';

type Page = { limit: number; offset: number };

export type AccessEntryRow = Omit<AuditEventRow, 'org_id'> & { seq: number | null };

function selectEntries(executor: Executor, orgId: string) {
  return (
    executor
      .selectFrom('audit_events as event')
      // The seq, when sealed: unique (org_id, event_id) makes this one index probe per entry.
      .leftJoin('audit_chain as chain', (join) =>
        join.onRef('chain.org_id', '=', 'event.org_id').onRef('chain.event_id', '=', 'event.id'),
      )
      .select([
        'event.id',
        'event.occurred_at',
        'event.actor_type',
        'event.actor_id',
        'event.actor_role',
        'event.action',
        'event.entity_type',
        'event.entity_id',
        'event.changed_fields',
        'event.outcome',
        'event.request_id',
        'event.ip',
        'event.details',
        'chain.seq',
      ])
      .where('event.org_id', '=', orgId)
  );
}

/**
 * Entries about one person: their record itself, and the records kept about them (representatives,
 * circle, consent, shares…), whose entries name the person as `details.personId`. Newest first.
 */
export async function listEntriesAboutPerson(
  executor: Executor,
  orgId: string,
  personId: string,
  page: Page,
): Promise<AccessEntryRow[]> {
  return selectEntries(executor, orgId)
    .where((eb) =>
      eb.or([
        eb.and([eb('event.entity_type', '=', 'person'), eb('event.entity_id', '=', personId)]),
        eb(eb.ref('event.details', '->>').key('personId'), '=', personId),
      ]),
    )
    .orderBy('event.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** Entries about one record of any other kind. Newest first. */
export async function listEntriesAboutEntity(
  executor: Executor,
  orgId: string,
  entity: { type: string; id: string },
  page: Page,
): Promise<AccessEntryRow[]> {
  return selectEntries(executor, orgId)
    .where('event.entity_type', '=', entity.type)
    .where('event.entity_id', '=', entity.id)
    .orderBy('event.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** Everything one staff member, API token or job did. Newest first. */
export async function listEntriesByActor(
  executor: Executor,
  orgId: string,
  actorId: string,
  page: Page,
): Promise<AccessEntryRow[]> {
  return selectEntries(executor, orgId)
    .where('event.actor_id', '=', actorId)
    .orderBy('event.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

// Names to show beside ids. Read straight from the users, API token and people tables: the audit
// trail itself holds ids only, never names.

export async function findUserNames(executor: Executor, orgId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await executor
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('org_id', '=', orgId)
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((row) => [row.id, row.display_name]));
}

export async function findApiTokenNames(executor: Executor, orgId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await executor
    .selectFrom('api_tokens')
    .select(['id', 'name'])
    .where('org_id', '=', orgId)
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

export async function findPersonNames(executor: Executor, orgId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await executor
    .selectFrom('people')
    .select(['id', 'given_name', 'family_name'])
    .where('org_id', '=', orgId)
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((row) => [row.id, `${row.given_name} ${row.family_name}`]));
}
