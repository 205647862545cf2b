import { type SqlBool, sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { SharingPurpose } from '../sharing/sharing.table.ts';
import type { ConsentRecordRow, NewConsentRecordRow } from './consent.table.ts';

export async function insertConsent(executor: Executor, row: NewConsentRecordRow): Promise<ConsentRecordRow> {
  return executor.insertInto('consent_records').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findConsent(
  executor: Executor,
  orgId: string,
  personId: string,
  id: string,
): Promise<ConsentRecordRow | undefined> {
  return executor
    .selectFrom('consent_records')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('person_id', '=', personId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function withdrawConsent(
  executor: Executor,
  orgId: string,
  id: string,
  withdrawal: {
    withdrawn_at: Date;
    withdrawn_by: 'person' | 'representative';
    withdrawn_by_representative_id: string | null;
    withdrawal_reason: string | null;
    withdrawal_recorded_by: string | null;
  },
): Promise<ConsentRecordRow | undefined> {
  return executor
    .updateTable('consent_records')
    .set(withdrawal)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('withdrawn_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** The person's consent records that cover a purpose. */
export async function listConsentsCovering(
  executor: Executor,
  orgId: string,
  personId: string,
  purpose: SharingPurpose,
): Promise<ConsentRecordRow[]> {
  return executor
    .selectFrom('consent_records')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('person_id', '=', personId)
    .where(sql<SqlBool>`${purpose} = any(purposes)`)
    .execute();
}
