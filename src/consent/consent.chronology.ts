import { DateTime } from 'luxon';
import {
  type ChronologyEntry,
  chronologyWindow,
  ownRecordEntry,
  type SourceQuery,
} from '../chronology/chronology.ts';
import type { Executor } from '../db/database.ts';
import { categoryLabels, purposeLabels } from '../sharing/share-log-labels.ts';
import type { InformationCategory, SharingPurpose } from '../sharing/sharing.table.ts';
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
      text: `Consent given by ${givenByWords[row.given_by]} for ${whatFor(row)}, to be reviewed on ${DateTime.fromISO(row.review_on).toFormat('d MMMM yyyy')}`,
    }),
  );
}

/** Consent withdrawn, when it was withdrawn: an entry of its own beside the consent it ends. */
export async function readConsentWithdrawalsOfPerson(
  executor: Executor,
  query: SourceQuery,
): Promise<ChronologyEntry[]> {
  const withdrawals = await executor
    .selectFrom('consent_records as c')
    .select([
      'c.id',
      'c.withdrawn_at as occurred_at',
      'c.withdrawn_by',
      'c.withdrawal_reason',
      'c.purposes',
      'c.categories',
    ])
    .where('c.org_id', '=', query.orgId)
    .where('c.person_id', '=', query.key)
    .where('c.withdrawn_at', 'is not', null)
    .where(chronologyWindow('c.withdrawn_at', 'c.id', query))
    .orderBy('c.withdrawn_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(query.limit)
    .execute();
  return withdrawals.flatMap(({ occurred_at, ...row }) =>
    occurred_at
      ? [
          ownRecordEntry('consent_withdrawals', query, {
            id: row.id,
            occurred_at,
            label: 'Consent to share withdrawn',
            text: `Consent for ${whatFor(row)} withdrawn${row.withdrawn_by ? ` by ${givenByWords[row.withdrawn_by]}` : ''}${row.withdrawal_reason ? `: ${row.withdrawal_reason}` : ''}`,
          }),
        ]
      : [],
  );
}

function whatFor(row: { purposes: SharingPurpose[]; categories: InformationCategory[] }): string {
  const purposes = row.purposes.map((purpose) => purposeLabels[purpose].toLowerCase()).join(', ');
  const categories = row.categories.map((category) => categoryLabels[category].toLowerCase()).join(', ');
  return `${purposes} (${categories})`;
}
