import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { namesById } from '../db/names-by-id.ts';
import { sameOrganisation } from '../db/same-organisation.ts';
import type { ActorType, AuditOutcome } from './audit.table.ts';

type Page = { limit: number; offset: number };

/** Which entries: about a record (a person includes the records kept about them), by whom, what, when. */
export type AccessFilter = {
  entity?: { type: string; id: string };
  actorId?: string;
  action?: string;
  from?: Date;
  /** Exclusive. */
  to?: Date;
};

/**
 * One visit: consecutive entries of the same actor doing the same thing to the same record, each
 * within `visitGapSeconds` of the one before or in the same request. Opening a person's page reads
 * six or more parts of their record; to someone asking who saw it, that is one visit.
 */
export type VisitRow = {
  actor_type: ActorType;
  actor_id: string | null;
  actor_role: string | null;
  /** Every action in the visit: several for a visit's reads, one for a change. */
  actions: string[];
  outcome: AuditOutcome;
  /** The person the visit was about, when it was about a person. */
  person_id: string | null;
  entity_type: string;
  entity_id: string | null;
  first_id: number;
  last_id: number;
  first_at: Date;
  last_at: Date;
  entries: number;
  parts: string[];
  /** Each entry's changed columns, comma-separated. */
  changed_fields: string[];
  request_id: string | null;
};

export const visitGapSeconds = 120;

/**
 * Visits matching the filter, newest first. A visit is consecutive entries of one actor, each
 * within `visitGapSeconds` of the one before or in the same request: all their reads of one
 * person's records (opening a person's page reads six or more parts of it), or one kind of
 * change to one record. To someone asking who saw a record, that is one visit.
 */
export async function listVisits(
  executor: Executor,
  orgId: string,
  filter: AccessFilter,
  page: Page,
  readActions: readonly string[],
): Promise<VisitRow[]> {
  const conditions = [sql`event.org_id = ${orgId}`];
  if (filter.entity?.type === 'person') {
    // The person's record itself, and the records kept about them, whose entries name them.
    conditions.push(
      sql`((event.entity_type = 'person' and event.entity_id = ${filter.entity.id}) or event.details ->> 'personId' = ${filter.entity.id})`,
    );
  } else if (filter.entity) {
    conditions.push(sql`event.entity_type = ${filter.entity.type} and event.entity_id = ${filter.entity.id}`);
  }
  if (filter.actorId !== undefined) conditions.push(sql`event.actor_id = ${filter.actorId}`);
  if (filter.action !== undefined) conditions.push(sql`event.action = ${filter.action}`);
  if (filter.from !== undefined) conditions.push(sql`event.occurred_at >= ${filter.from}`);
  if (filter.to !== undefined) conditions.push(sql`event.occurred_at < ${filter.to}`);
  const where = sql.join(conditions, sql` and `);
  const reads = sql.join(readActions.map((action) => sql`${action}`));
  const gap = sql.raw(`interval '${visitGapSeconds} seconds'`);
  const result = await sql<VisitRow>`
    with keyed as (
      select event.id, event.occurred_at, event.actor_type, event.actor_id, event.actor_role, event.action,
        event.outcome, event.entity_type, event.entity_id, event.request_id, event.details ->> 'part' as part,
        array_to_string(event.changed_fields, ',') as changed,
        case when event.entity_type = 'person' then event.entity_id else event.details ->> 'personId' end
          as person_id,
        case when event.action in (${reads}) then 'read' else event.action end as kind
      from audit_events as event
      where ${where}
    ),
    matching as (
      select keyed.*,
        coalesce('person:' || person_id, entity_type || ':' || coalesce(entity_id, '')) as subject,
        lag(occurred_at) over same_thing as previous_at,
        lag(request_id) over same_thing as previous_request_id
      from keyed
      window same_thing as (
        partition by actor_type, actor_id, outcome, kind,
          coalesce('person:' || person_id, entity_type || ':' || coalesce(entity_id, ''))
        order by id
      )
    ),
    numbered as (
      select matching.*,
        sum(case when previous_at is null
          or ((request_id is null or request_id is distinct from previous_request_id)
            and occurred_at - previous_at > ${gap})
          then 1 else 0 end) over (partition by actor_type, actor_id, outcome, kind, subject order by id) as visit
      from matching
    )
    select actor_type, actor_id, max(actor_role) as actor_role, outcome,
      array_agg(distinct action) as actions, max(person_id) as person_id,
      min(entity_type) as entity_type, min(entity_id) as entity_id,
      min(id)::int as first_id, max(id)::int as last_id, min(occurred_at) as first_at, max(occurred_at) as last_at,
      count(*)::int as entries,
      coalesce(array_agg(distinct part) filter (where part is not null), '{}') as parts,
      coalesce(array_agg(changed) filter (where changed <> ''), '{}') as changed_fields,
      min(request_id) as request_id
    from numbered
    group by actor_type, actor_id, outcome, kind, subject, visit
    order by max(id) desc
    limit ${page.limit} offset ${page.offset}
  `.execute(executor);
  return result.rows;
}

// Names to show beside ids (staff names come from the users' own service). Read straight from the
// API token, partner and people tables: the audit trail itself holds ids only, never names.

export function findApiTokenNames(executor: Executor, orgId: string, ids: string[]) {
  return namesById(executor, 'api_tokens', { orgId, ids });
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

/** A partner acts through a secure link: its entries name the link, whose contact is the person. */
export async function findPartnerLinkHolders(executor: Executor, orgId: string, linkIds: string[]) {
  if (linkIds.length === 0) return new Map<string, { name: string; organisationName: string }>();
  const rows = await executor
    .selectFrom('partner_links as link')
    .innerJoin('partner_contacts as contact', (join) =>
      sameOrganisation(join, 'contact.id', 'link.partner_contact_id'),
    )
    .innerJoin('partner_organisations as organisation', (join) =>
      sameOrganisation(join, 'organisation.id', 'contact.partner_organisation_id'),
    )
    .select(['link.id', 'contact.name', 'organisation.name as organisation_name'])
    .where('link.org_id', '=', orgId)
    .where('link.id', 'in', linkIds)
    .execute();
  return new Map(rows.map((row) => [row.id, { name: row.name, organisationName: row.organisation_name }]));
}
