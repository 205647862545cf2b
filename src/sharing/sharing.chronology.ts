import { type SqlBool, sql } from 'kysely';
import { type ChronologyEntry, chronologyWindow, type SourceQuery } from '../chronology/chronology.ts';
import type { Executor } from '../db/database.ts';
import { sameOrganisation } from '../db/same-organisation.ts';

// What was shared about a person for safeguarding, or refused, as entries of the person's
// chronology.

const shareLogQuery = (executor: Executor, query: SourceQuery) =>
  executor
    .selectFrom('share_log as s')
    .innerJoin('partner_organisations as p', (join) =>
      sameOrganisation(join, 'p.id', 's.partner_organisation_id'),
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
