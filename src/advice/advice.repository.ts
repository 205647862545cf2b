import type { Updateable } from 'kysely';
import type { RestrictedReader } from '../auth/need-to-know.ts';
import type { Executor } from '../db/database.ts';
import { sameOrganisation } from '../db/same-organisation.ts';
import { lockForChange, updateAtVersion } from '../db/versioned-change.ts';
import { RESTRICTED_TEMPLATE } from '../partner-messages/message-readers.ts';
import { personNameSql } from '../people/person-name.ts';
import type {
  AdviceRecordRow,
  AdviceRecordsTable,
  CarePlanAmendmentRow,
  NewAdviceRecordRow,
  NewCarePlanAmendmentRow,
} from './advice.table.ts';

export async function insertAdvice(
  executor: Executor,
  row: Omit<NewAdviceRecordRow, 'version'>,
): Promise<void> {
  await executor.insertInto('advice_records').values(row).execute();
}

/**
 * The advice, locked for the rest of the transaction: confirming it checks it is not yet
 * confirmed, and the partner's reply and a member of staff recording a letter must not both pass.
 */
export async function findAdviceForChange(
  executor: Executor,
  orgId: string,
  id: string,
): Promise<AdviceRecordRow | undefined> {
  return lockForChange(executor, 'advice_records', { orgId, id });
}

/** Compare and set: changes nothing unless the advice is still at `expectedVersion`. */
export async function updateAdvice(
  executor: Executor,
  key: { orgId: string; id: string; expectedVersion: number },
  changes: Omit<Updateable<AdviceRecordsTable>, 'version'>,
): Promise<AdviceRecordRow | undefined> {
  return updateAtVersion(executor, 'advice_records', key, changes);
}

export type AdviceWithNames = AdviceRecordRow & {
  message_subject: string | null;
  partner_organisation_name: string | null;
  person_name: string | null;
  confirmation_requested_from: string | null;
};

/**
 * Advice with the names it is shown with. Advice given in answer to safeguarding correspondence is
 * as need-to-know as the correspondence: a restricted reader sees it only when they sent the
 * message it answers (see message-readers.ts).
 */
function selectAdvice(executor: Executor, orgId: string, restricted: RestrictedReader | null) {
  const query = executor
    .selectFrom('advice_records as advice')
    .leftJoin('partner_messages as message', (join) =>
      sameOrganisation(join, 'message.id', 'advice.message_id'),
    )
    .leftJoin('partner_organisations as partner', (join) =>
      sameOrganisation(join, 'partner.id', 'advice.partner_organisation_id'),
    )
    .leftJoin('people as person', (join) => sameOrganisation(join, 'person.id', 'advice.person_id'))
    // Who the request for written confirmation was addressed to: the thread says so, and so must the list.
    .leftJoin('partner_messages as confirmation', (join) =>
      sameOrganisation(join, 'confirmation.id', 'advice.confirmation_message_id'),
    )
    .leftJoin('partner_contacts as confirmer', (join) =>
      sameOrganisation(join, 'confirmer.id', 'confirmation.partner_contact_id'),
    )
    .selectAll('advice')
    .select([
      'confirmer.name as confirmation_requested_from',
      'message.subject as message_subject',
      'partner.name as partner_organisation_name',
      personNameSql.as('person_name'),
    ])
    .where('advice.org_id', '=', orgId);
  if (restricted === null) return query;
  const { userId } = restricted;
  return query.where((eb) =>
    eb.or([
      eb('message.template', 'is distinct from', RESTRICTED_TEMPLATE),
      ...(userId === null
        ? []
        : [eb.and([eb('message.sent_by_type', '=', 'user'), eb('message.sent_by', '=', userId)])]),
    ]),
  );
}

export async function findAdviceWithNames(
  executor: Executor,
  orgId: string,
  id: string,
  restricted: RestrictedReader | null,
): Promise<AdviceWithNames | undefined> {
  return selectAdvice(executor, orgId, restricted).where('advice.id', '=', id).executeTakeFirst();
}

/** Advice about a person, newest first; at most 200. */
export async function listAdviceAbout(
  executor: Executor,
  orgId: string,
  personId: string,
  restricted: RestrictedReader | null,
): Promise<AdviceWithNames[]> {
  return selectAdvice(executor, orgId, restricted)
    .where('advice.person_id', '=', personId)
    .orderBy('advice.given_at', 'desc')
    .orderBy('advice.id')
    .limit(200)
    .execute();
}

/** Advice still waiting for written confirmation, oldest first. */
export async function listAdviceAwaitingConfirmation(
  executor: Executor,
  orgId: string,
  page: { limit: number; offset: number },
  restricted: RestrictedReader | null,
): Promise<AdviceWithNames[]> {
  return selectAdvice(executor, orgId, restricted)
    .where('advice.confirmation_status', 'in', ['requested', 'not_requested'])
    .orderBy('advice.given_at')
    .orderBy('advice.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function listAmendmentsApplying(
  executor: Executor,
  orgId: string,
  adviceIds: readonly string[],
): Promise<CarePlanAmendmentRow[]> {
  if (adviceIds.length === 0) return [];
  return executor
    .selectFrom('care_plan_amendments')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('advice_id', 'in', [...adviceIds])
    .orderBy('made_at')
    .execute();
}

/** The person's care-plan amendments, newest first, with the advice each applied; at most 200. */
export async function listCarePlanAmendments(executor: Executor, orgId: string, personId: string) {
  return executor
    .selectFrom('care_plan_amendments as amendment')
    .leftJoin('advice_records as advice', (join) =>
      sameOrganisation(join, 'advice.id', 'amendment.advice_id'),
    )
    .selectAll('amendment')
    .select(['advice.given_by_name as advice_given_by', 'advice.advice as advice_text'])
    .where('amendment.org_id', '=', orgId)
    .where('amendment.person_id', '=', personId)
    .orderBy('amendment.made_at', 'desc')
    .orderBy('amendment.id')
    .limit(200)
    .execute();
}

export async function insertCarePlanAmendment(
  executor: Executor,
  row: NewCarePlanAmendmentRow,
): Promise<void> {
  await executor.insertInto('care_plan_amendments').values(row).execute();
}
