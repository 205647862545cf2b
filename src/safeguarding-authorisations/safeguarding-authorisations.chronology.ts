import { sql } from 'kysely';
import {
  type ChronologyEntry,
  chronologyWindow,
  ownRecordEntry,
  type SourceQuery,
} from '../chronology/chronology.ts';
import type { Executor } from '../db/database.ts';

// Sharing without consent authorised for safeguarding, as entries of the person's chronology.
export async function readSafeguardingAuthorisationsOfPerson(
  executor: Executor,
  query: SourceQuery,
): Promise<ChronologyEntry[]> {
  const authorisations = await executor
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
    .limit(query.limit)
    .execute();
  return authorisations.map((row) => ownRecordEntry('safeguarding_authorisations', query, row));
}
