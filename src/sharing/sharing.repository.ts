import { type Selectable, sql } from 'kysely';
import type { RestrictedReader } from '../auth/need-to-know.ts';
import type { Database, Executor } from '../db/database.ts';
import { sameOrganisation } from '../db/same-organisation.ts';
import type {
  BasisRecordType,
  LawfulBasisDefaultRow,
  NewShareLogRow,
  QueuedShareRow,
  ShareLogRow,
  SharingPurpose,
} from './sharing.table.ts';
import type { GateRepresentative, PersonSharingRecords } from './sharing-gate.ts';

/**
 * Locks the person's row for the rest of the transaction. Shares take it shared and withdrawals
 * take it exclusively, so a share never slips through on a consent withdrawn while it was decided.
 */
export async function lockPerson(
  executor: Executor,
  orgId: string,
  personId: string,
  mode: 'share' | 'update',
): Promise<{ id: string; given_name: string; family_name: string } | undefined> {
  const query = executor
    .selectFrom('people')
    .select(['id', 'given_name', 'family_name'])
    .where('org_id', '=', orgId)
    .where('id', '=', personId);
  return (mode === 'share' ? query.forShare() : query.forUpdate()).executeTakeFirst();
}

/** The records a share can rest on, keyed by the person they are about. */
type BasisTable =
  | 'consent_records'
  | 'capacity_assessments'
  | 'best_interests_decisions'
  | 'safeguarding_authorisations';

function recordsOfPerson<Table extends BasisTable>(
  executor: Executor,
  table: Table,
  key: { orgId: string; personId: string },
) {
  return executor
    .selectFrom(table as BasisTable)
    .selectAll()
    .where('org_id', '=', key.orgId)
    .where('person_id', '=', key.personId)
    .execute() as Promise<Selectable<Database[Table]>[]>;
}

/** Everything the sharing gate needs about one person. */
export async function loadSharingRecords(
  executor: Executor,
  orgId: string,
  personId: string,
): Promise<PersonSharingRecords> {
  const key = { orgId, personId };
  // One after another: the gate often asks inside a transaction, on its one connection.
  const consents = await recordsOfPerson(executor, 'consent_records', key);
  const capacityAssessments = await recordsOfPerson(executor, 'capacity_assessments', key);
  const bestInterestsDecisions = await recordsOfPerson(executor, 'best_interests_decisions', key);
  const safeguardingAuthorisations = await recordsOfPerson(executor, 'safeguarding_authorisations', key);
  const representatives = await findRepresentativesOf(executor, orgId, personId);
  return {
    consents,
    capacityAssessments,
    bestInterestsDecisions,
    safeguardingAuthorisations,
    representatives,
  };
}

/** The person's representatives, as the gate needs them (ended ones included). */
export async function findRepresentativesOf(
  executor: Executor,
  orgId: string,
  personId: string,
): Promise<GateRepresentative[]> {
  return executor
    .selectFrom('person_representatives')
    .select(['id', 'kind', 'name', 'deputy_decisions', 'registered_on', 'ended_at'])
    .where('org_id', '=', orgId)
    .where('person_id', '=', personId)
    .execute();
}

// ---- share log ----

export async function insertShare(executor: Executor, row: NewShareLogRow): Promise<ShareLogRow> {
  return executor.insertInto('share_log').values(row).returningAll().executeTakeFirstOrThrow();
}

export type ShareLogEntry = ShareLogRow & {
  partner_organisation_name: string;
  partner_contact_name: string | null;
  queue_status: QueuedShareRow['status'] | null;
};

export async function listShares(
  executor: Executor,
  orgId: string,
  personId: string,
  options: {
    limit: number;
    offset: number;
    outcome?: 'allowed' | 'refused' | undefined;
    /** Shares for safeguarding only when this caller made them (see auth/need-to-know.ts); null: all. */
    restricted: RestrictedReader | null;
  },
): Promise<ShareLogEntry[]> {
  let query = executor
    .selectFrom('share_log as share')
    .innerJoin('partner_organisations as organisation', (join) =>
      sameOrganisation(join, 'organisation.id', 'share.partner_organisation_id'),
    )
    .leftJoin('partner_contacts as contact', (join) =>
      sameOrganisation(join, 'contact.id', 'share.partner_contact_id'),
    )
    .leftJoin('queued_shares as queued', (join) => sameOrganisation(join, 'queued.share_id', 'share.id'))
    .selectAll('share')
    .select([
      'organisation.name as partner_organisation_name',
      'contact.name as partner_contact_name',
      'queued.status as queue_status',
    ])
    .where('share.org_id', '=', orgId)
    .where('share.person_id', '=', personId);
  if (options.outcome) query = query.where('share.outcome', '=', options.outcome);
  const { restricted } = options;
  if (restricted !== null) {
    query = query.where((eb) =>
      eb.or([
        eb('share.purpose', '<>', 'safeguarding'),
        ...(restricted.userId === null
          ? []
          : [eb.and([eb('share.actor_type', '=', 'user'), eb('share.actor_id', '=', restricted.userId)])]),
      ]),
    );
  }
  return query
    .orderBy('share.occurred_at', 'desc')
    .orderBy('share.id')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
}

export async function insertQueuedShare(
  executor: Executor,
  row: { org_id: string; share_id: string; person_id: string; basis_record_id: string; created_at: Date },
): Promise<void> {
  await executor
    .insertInto('queued_shares')
    .values({ ...row, status: 'queued', updated_at: row.created_at })
    .execute();
}

/** Holds every share still waiting to be sent that rests on the record; returns the shares held. */
export async function holdQueuedShares(
  executor: Executor,
  orgId: string,
  basisRecordId: string,
  hold: { reason: string; at: Date },
): Promise<string[]> {
  const rows = await executor
    .updateTable('queued_shares')
    .set({ status: 'held', held_reason: hold.reason, held_at: hold.at, updated_at: hold.at })
    .where('org_id', '=', orgId)
    .where('basis_record_id', '=', basisRecordId)
    .where('status', '=', 'queued')
    .returning('share_id')
    .execute();
  return rows.map((row) => row.share_id);
}

export async function findShareEntry(executor: Executor, orgId: string, shareId: string) {
  return executor
    .selectFrom('share_log')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', shareId)
    .executeTakeFirst();
}

/** Holds one share still waiting to be sent; false if it is no longer queued. */
export async function holdQueuedShare(
  executor: Executor,
  orgId: string,
  shareId: string,
  hold: { reason: string; at: Date },
): Promise<boolean> {
  const rows = await executor
    .updateTable('queued_shares')
    .set({ status: 'held', held_reason: hold.reason.slice(0, 500), held_at: hold.at, updated_at: hold.at })
    .where('org_id', '=', orgId)
    .where('share_id', '=', shareId)
    .where('status', '=', 'queued')
    .returning('share_id')
    .execute();
  return rows.length > 0;
}

/** Records that a basis record's end has been acted on; false if it already had been. */
export async function insertBasisEnding(
  executor: Executor,
  row: {
    org_id: string;
    record_id: string;
    record_type: BasisRecordType;
    ended_at: Date;
    reason: string;
    noticed_at: Date;
  },
): Promise<boolean> {
  const inserted = await executor
    .insertInto('sharing_basis_endings')
    .values({ ...row, reason: row.reason.slice(0, 500) })
    .onConflict((conflict) => conflict.columns(['org_id', 'record_id']).doNothing())
    .returning('record_id')
    .execute();
  return inserted.length > 0;
}

export type LapsedBasis = { org_id: string; record_id: string; record_type: BasisRecordType; ended_at: Date };

/**
 * Consents past their review date and safeguarding authorisations past their expiry that some
 * share rests on and whose end has not been acted on yet. Bounded: the rest are taken next run.
 * Withdrawals and revocations are acted on when they are recorded, so they are not looked for here.
 */
export async function findLapsedBases(
  executor: Executor,
  options: { now: Date; today: string; limit: number },
): Promise<LapsedBasis[]> {
  const result = await sql<LapsedBasis>`
    select consent.org_id, consent.id as record_id, 'consent_record' as record_type,
           (consent.review_on + 1)::timestamptz as ended_at
    from consent_records as consent
    where consent.review_on < ${options.today}::date and consent.withdrawn_at is null
      and exists (select 1 from share_log as share
                  where share.org_id = consent.org_id and share.basis_record_id = consent.id)
      and not exists (select 1 from sharing_basis_endings as ending
                      where ending.org_id = consent.org_id and ending.record_id = consent.id)
    union all
    select authorisation.org_id, authorisation.id, 'safeguarding_authorisation', authorisation.expires_at
    from safeguarding_authorisations as authorisation
    where authorisation.expires_at <= ${options.now} and authorisation.revoked_at is null
      and exists (select 1 from share_log as share
                  where share.org_id = authorisation.org_id and share.basis_record_id = authorisation.id)
      and not exists (select 1 from sharing_basis_endings as ending
                      where ending.org_id = authorisation.org_id and ending.record_id = authorisation.id)
    union all
    select decision.org_id, decision.id, 'best_interests_decision', (decision.review_on + 1)::timestamptz
    from best_interests_decisions as decision
    where decision.review_on < ${options.today}::date
      and exists (select 1 from share_log as share
                  where share.org_id = decision.org_id and share.basis_record_id = decision.id)
      and not exists (select 1 from sharing_basis_endings as ending
                      where ending.org_id = decision.org_id and ending.record_id = decision.id)
    limit ${options.limit}
  `.execute(executor);
  return result.rows;
}

export type HeldShareEntry = QueuedShareRow & {
  given_name: string;
  family_name: string;
  partner_organisation_name: string;
  partner_contact_name: string | null;
  purpose: SharingPurpose;
  categories: ShareLogRow['categories'];
};

export async function listHeldShares(
  executor: Executor,
  orgId: string,
  options: { limit: number; offset: number; personId?: string | undefined },
): Promise<HeldShareEntry[]> {
  let query = executor
    .selectFrom('queued_shares as queued')
    .innerJoin('share_log as share', (join) => sameOrganisation(join, 'share.id', 'queued.share_id'))
    .innerJoin('people as person', (join) => sameOrganisation(join, 'person.id', 'queued.person_id'))
    .innerJoin('partner_organisations as organisation', (join) =>
      sameOrganisation(join, 'organisation.id', 'share.partner_organisation_id'),
    )
    .leftJoin('partner_contacts as contact', (join) =>
      sameOrganisation(join, 'contact.id', 'share.partner_contact_id'),
    )
    .selectAll('queued')
    .select([
      'person.given_name',
      'person.family_name',
      'organisation.name as partner_organisation_name',
      'contact.name as partner_contact_name',
      'share.purpose',
      'share.categories',
    ])
    .where('queued.org_id', '=', orgId)
    .where('queued.status', '=', 'held');
  if (options.personId) query = query.where('queued.person_id', '=', options.personId);
  return query
    .orderBy('queued.held_at')
    .orderBy('queued.share_id')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
}

export async function findQueuedShare(executor: Executor, orgId: string, shareId: string) {
  return executor
    .selectFrom('queued_shares')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('share_id', '=', shareId)
    .forUpdate()
    .executeTakeFirst();
}

export async function setQueuedShareStatus(
  executor: Executor,
  orgId: string,
  shareId: string,
  change: {
    status: 'cancelled' | 'sent';
    at: Date;
    resolvedBy?: string | null;
    note?: string | null;
  },
): Promise<void> {
  await executor
    .updateTable('queued_shares')
    .set({
      status: change.status,
      updated_at: change.at,
      ...(change.status === 'sent'
        ? { sent_at: change.at }
        : {
            resolved_at: change.at,
            resolved_by: change.resolvedBy ?? null,
            resolution_note: change.note ?? null,
          }),
    })
    .where('org_id', '=', orgId)
    .where('share_id', '=', shareId)
    .execute();
}

// ---- lawful basis defaults ----

export async function listLawfulBasisDefaults(
  executor: Executor,
  orgId: string,
): Promise<LawfulBasisDefaultRow[]> {
  return executor.selectFrom('lawful_basis_defaults').selectAll().where('org_id', '=', orgId).execute();
}

export async function upsertLawfulBasisDefault(
  executor: Executor,
  row: Omit<LawfulBasisDefaultRow, never>,
): Promise<void> {
  await executor
    .insertInto('lawful_basis_defaults')
    .values(row)
    .onConflict((conflict) =>
      conflict.columns(['org_id', 'purpose']).doUpdateSet({
        article6: row.article6,
        article9: row.article9,
        dpa2018: row.dpa2018,
        updated_at: row.updated_at,
        updated_by: row.updated_by,
      }),
    )
    .execute();
}
