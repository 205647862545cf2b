import { type SqlBool, sql } from 'kysely';
import { type ChronologyEntry, chronologyWindow, type SourceQuery } from '../chronology/chronology.ts';
import type { Executor } from '../db/database.ts';

// Consent and capacity decisions about a person, and what was shared about them for safeguarding,
// as entries of the person's chronology.

/**
 * Consent given, capacity assessed, best-interests decisions and safeguarding authorisations:
 * one indexed query per record kind, each limited, merged by the caller.
 */
export async function readConsentAndCapacityOfPerson(
  executor: Executor,
  query: SourceQuery,
): Promise<ChronologyEntry[]> {
  const consents = executor
    .selectFrom('consent_records as c')
    .select([
      'c.id',
      'c.created_at as occurred_at',
      sql<string>`'Consent to share recorded'`.as('label'),
      sql<string>`'Consent given by ' || c.given_by || ' for ' || array_to_string(c.purposes, ', ') || ' (' || array_to_string(c.categories, ', ') || '), to be reviewed on ' || c.review_on`.as(
        'text',
      ),
    ])
    .where('c.org_id', '=', query.orgId)
    .where('c.person_id', '=', query.key)
    .where(chronologyWindow('c.created_at', 'c.id', query))
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(query.limit);
  const assessments = executor
    .selectFrom('capacity_assessments as a')
    .select([
      'a.id',
      'a.created_at as occurred_at',
      sql<string>`'Capacity assessed'`.as('label'),
      sql<string>`a.decision || ': ' || replace(a.outcome, '_', ' ') || '. ' || a.reasons`.as('text'),
    ])
    .where('a.org_id', '=', query.orgId)
    .where('a.person_id', '=', query.key)
    .where(chronologyWindow('a.created_at', 'a.id', query))
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(query.limit);
  const decisions = executor
    .selectFrom('best_interests_decisions as b')
    .select([
      'b.id',
      'b.created_at as occurred_at',
      sql<string>`'Best-interests decision'`.as('label'),
      sql<string>`b.decision || ': ' || b.outcome || ' — ' || b.rationale`.as('text'),
    ])
    .where('b.org_id', '=', query.orgId)
    .where('b.person_id', '=', query.key)
    .where(chronologyWindow('b.created_at', 'b.id', query))
    .orderBy('b.created_at', 'desc')
    .orderBy('b.id', 'desc')
    .limit(query.limit);
  const authorisations = executor
    .selectFrom('safeguarding_authorisations as s')
    .select([
      's.id',
      's.authorised_at as occurred_at',
      sql<string>`'Sharing without consent authorised for safeguarding'`.as('label'),
      's.rationale as text',
    ])
    .where('s.org_id', '=', query.orgId)
    .where('s.person_id', '=', query.key)
    .where(chronologyWindow('s.authorised_at', 's.id', query))
    .orderBy('s.authorised_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(query.limit);
  const rows = (
    await Promise.all([
      consents.execute(),
      assessments.execute(),
      decisions.execute(),
      authorisations.execute(),
    ])
  ).flat();
  return rows.map((row) => ({
    source: 'consent_and_capacity',
    id: row.id,
    occurredAt: row.occurred_at,
    recordedAt: row.occurred_at,
    agency: query.ownAgency,
    kindLabel: row.label,
    text: row.text,
    recordedBy: null,
    subject: { type: 'person', id: query.key, title: 'Consent and sharing records' },
  }));
}

const shareLogQuery = (executor: Executor, query: SourceQuery) =>
  executor
    .selectFrom('share_log as s')
    .innerJoin('partner_organisations as p', (join) =>
      join.onRef('p.org_id', '=', 's.org_id').onRef('p.id', '=', 's.partner_organisation_id'),
    )
    .select([
      's.id',
      's.occurred_at',
      's.outcome',
      's.description',
      's.moment',
      's.subject_type',
      's.subject_id',
      'p.name as partner_name',
    ])
    .where('s.org_id', '=', query.orgId)
    .where(chronologyWindow('s.occurred_at', 's.id', query))
    .orderBy('s.occurred_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(query.limit);

type ShareRow = Awaited<ReturnType<ReturnType<typeof shareLogQuery>['execute']>>[number];

function toShareEntry(query: SourceQuery, share: ShareRow): ChronologyEntry {
  const what = share.outcome === 'allowed' ? 'Shared with' : 'Sharing refused with';
  return {
    source: 'safeguarding_shares',
    id: share.id,
    occurredAt: share.occurred_at,
    recordedAt: share.occurred_at,
    agency: query.ownAgency,
    kindLabel: share.outcome === 'allowed' ? 'Information shared' : 'Share refused by the sharing gate',
    text: `${what} ${share.partner_name} for safeguarding${share.description ? `: ${share.description}` : ''}`,
    recordedBy: null,
    subject:
      share.subject_type === 'partner_message' && share.subject_id
        ? { type: 'message', id: share.subject_id, title: share.description ?? 'Message to a partner' }
        : null,
  };
}

/** What was shared about the person for safeguarding, or refused, at each moment it was asked. */
export async function readSafeguardingSharesOfPerson(
  executor: Executor,
  query: SourceQuery,
): Promise<ChronologyEntry[]> {
  const shares = await shareLogQuery(executor, query)
    .where('s.person_id', '=', query.key)
    .where('s.purpose', '=', 'safeguarding')
    .execute();
  return shares.map((share) => toShareEntry(query, share));
}

/** Shares of the person that went with the given records (a concern's messages and exports). */
export async function readSharesOfSubjects(
  executor: Executor,
  query: SourceQuery & { personId: string; subjectIds: readonly string[] },
): Promise<ChronologyEntry[]> {
  if (query.subjectIds.length === 0) return [];
  const shares = await shareLogQuery(executor, query)
    .where('s.person_id', '=', query.personId)
    .where(sql<SqlBool>`s.subject_id = any(${sql.val([...query.subjectIds])}::uuid[])`)
    .execute();
  return shares.map((share) => toShareEntry(query, share));
}
