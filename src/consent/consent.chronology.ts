import { DateTime } from 'luxon';
import {
  type ChronologyEntry,
  chronologyWindow,
  ownRecordEntry,
  type SourceQuery,
} from '../chronology/chronology.ts';
import type { Executor } from '../db/database.ts';
import { categoryLabels, purposeLabels } from '../sharing/share-log-labels.ts';
import type { ConsentGiver } from './consent.table.ts';

const givenByWords = {
  person: 'the person',
  representative: 'their attorney or deputy',
} as const satisfies Record<ConsentGiver, string>;

// Consent to share recorded for a person, as entries of the person's chronology: in words, as the
// chronology is read by staff, inspectors and (in a copy of their record) the person.
export async function readConsentOfPerson(
  executor: Executor,
  query: SourceQuery,
): Promise<ChronologyEntry[]> {
  const consents = await executor
    .selectFrom('consent_records as c')
    .select([
      'c.id',
      'c.created_at as occurred_at',
      'c.given_by',
      'c.purposes',
      'c.categories',
      'c.review_on',
    ])
    .where('c.org_id', '=', query.orgId)
    .where('c.person_id', '=', query.key)
    .where(chronologyWindow('c.created_at', 'c.id', query))
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(query.limit)
    .execute();
  return consents.map((row) =>
    ownRecordEntry('consent', query, {
      id: row.id,
      occurred_at: row.occurred_at,
      label: 'Consent to share recorded',
      text: `Consent given by ${givenByWords[row.given_by]} for ${row.purposes
        .map((purpose) => purposeLabels[purpose].toLowerCase())
        .join(', ')} (${row.categories
        .map((category) => categoryLabels[category].toLowerCase())
        .join(', ')}), to be reviewed on ${DateTime.fromISO(row.review_on).toFormat('d MMMM yyyy')}`,
    }),
  );
}
