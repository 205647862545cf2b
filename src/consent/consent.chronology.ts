import { sql } from 'kysely';
import {
  type ChronologyEntry,
  chronologyWindow,
  ownRecordEntry,
  type SourceQuery,
} from '../chronology/chronology.ts';
import type { Executor } from '../db/database.ts';

// Consent to share recorded for a person, as entries of the person's chronology.
export async function readConsentOfPerson(
  executor: Executor,
  query: SourceQuery,
): Promise<ChronologyEntry[]> {
  const consents = await executor
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
    .limit(query.limit)
    .execute();
  return consents.map((row) => ownRecordEntry('consent', query, row));
}
