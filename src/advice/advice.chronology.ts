import { type ChronologyEntry, chronologyWindow, type SourceQuery } from '../chronology/chronology.ts';
import type { Executor } from '../db/database.ts';
import { sameOrganisation } from '../db/same-organisation.ts';

// Advice partners gave about a person, as entries of the person's chronology, under the adviser's
// organisation (the provider's own name when the adviser is not on the register).
export async function readAdviceOfPerson(executor: Executor, query: SourceQuery): Promise<ChronologyEntry[]> {
  const advice = await executor
    .selectFrom('advice_records as a')
    .leftJoin('partner_organisations as p', (join) =>
      sameOrganisation(join, 'p.id', 'a.partner_organisation_id'),
    )
    .select([
      'a.id',
      'a.given_at',
      'a.created_at',
      'a.given_by_name',
      'a.given_by_role',
      'a.advice',
      'a.message_id',
      'p.name as partner_name',
    ])
    .where('a.org_id', '=', query.orgId)
    .where('a.person_id', '=', query.key)
    .where(chronologyWindow('a.given_at', 'a.id', query))
    .orderBy('a.given_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(query.limit)
    .execute();
  return advice.map((record) => ({
    source: 'advice',
    id: record.id,
    occurredAt: record.given_at,
    recordedAt: record.created_at,
    agency: record.partner_name ?? query.ownAgency,
    kindLabel: 'Advice from a partner',
    text: record.advice,
    recordedBy: `${record.given_by_name}${record.given_by_role ? ` (${record.given_by_role})` : ''}`,
    subject: { type: 'advice', id: record.id, title: `Advice from ${record.given_by_name}` },
  }));
}
