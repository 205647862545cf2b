import { sql } from 'kysely';
import { countRows } from '../db/count-rows.ts';
import type { Executor } from '../db/database.ts';
import { sameOrganisation } from '../db/same-organisation.ts';
import { lockForChange } from '../db/versioned-change.ts';
import { personNameSql } from '../people/person-name.ts';
import { RESTRICTED_TEMPLATE } from './message-readers.ts';
import type {
  MessageEventRow,
  NewMessageEventRow,
  NewPartnerMessageRow,
  PartnerMessageRow,
  PartnerMessageUpdate,
} from './partner-messages.table.ts';

export type MessageListView =
  | 'open'
  | 'awaiting_acknowledgement'
  | 'awaiting_response'
  | 'overdue'
  | 'escalated'
  | 'all';

export type MessageWithNames = PartnerMessageRow & {
  partner_organisation_name: string;
  partner_contact_name: string;
  person_name: string | null;
  /** How many escalation steps have fired: counted from the schedule, never kept twice. */
  escalation_steps_fired: number;
};

const firedSteps = sql<number>`(select count(*)::int from escalation_steps as step
  where step.org_id = message.org_id and step.subject_type = 'partner_message'
    and step.subject_id = message.id and step.status = 'fired')`;

function selectMessages(executor: Executor, orgId: string) {
  return executor
    .selectFrom('partner_messages as message')
    .innerJoin('partner_organisations as partner', (join) =>
      sameOrganisation(join, 'partner.id', 'message.partner_organisation_id'),
    )
    .innerJoin('partner_contacts as contact', (join) =>
      sameOrganisation(join, 'contact.id', 'message.partner_contact_id'),
    )
    .leftJoin('people as person', (join) => sameOrganisation(join, 'person.id', 'message.person_id'))
    .selectAll('message')
    .select([
      'partner.name as partner_organisation_name',
      'contact.name as partner_contact_name',
      personNameSql.as('person_name'),
      firedSteps.as('escalation_steps_fired'),
    ])
    .where('message.org_id', '=', orgId);
}

export async function insertMessage(executor: Executor, row: NewPartnerMessageRow): Promise<void> {
  await executor.insertInto('partner_messages').values(row).execute();
}

export async function findMessage(
  executor: Executor,
  orgId: string,
  id: string,
): Promise<MessageWithNames | undefined> {
  return selectMessages(executor, orgId).where('message.id', '=', id).executeTakeFirst();
}

/** Locks the message for a change of status, so two replies at once are applied one after the other. */
export async function lockMessage(
  executor: Executor,
  orgId: string,
  id: string,
): Promise<PartnerMessageRow | undefined> {
  return lockForChange(executor, 'partner_messages', { orgId, id });
}

export async function updateMessage(
  executor: Executor,
  orgId: string,
  id: string,
  changes: PartnerMessageUpdate,
): Promise<PartnerMessageRow> {
  return executor
    .updateTable('partner_messages')
    .set({ ...changes, version: sql`version + 1` })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

const closedStatuses = ['closed', 'withdrawn'] as const;

/** A caller who reads restricted messages only when they sent them (see message-readers.ts); null reads all. */
type Restricted = { userId: string | null } | null;

function readableBy(query: ReturnType<typeof selectMessages>, restricted: Restricted) {
  if (restricted === null) return query;
  const { userId } = restricted;
  return query.where((eb) =>
    eb.or([
      eb('message.template', '<>', RESTRICTED_TEMPLATE),
      ...(userId === null
        ? []
        : [eb.and([eb('message.sent_by_type', '=', 'user'), eb('message.sent_by', '=', userId)])]),
    ]),
  );
}

export async function listMessages(
  executor: Executor,
  orgId: string,
  options: {
    view: MessageListView;
    personId?: string | undefined;
    limit: number;
    offset: number;
    now: Date;
    restricted: Restricted;
  },
): Promise<MessageWithNames[]> {
  let query = readableBy(selectMessages(executor, orgId), options.restricted);
  if (options.personId) query = query.where('message.person_id', '=', options.personId);
  switch (options.view) {
    case 'all':
      break;
    case 'open':
      query = query.where('message.status', 'not in', closedStatuses);
      break;
    case 'awaiting_acknowledgement':
      query = query.where('message.status', '=', 'sent');
      break;
    case 'awaiting_response':
      query = query
        .where('message.status', 'in', ['sent', 'acknowledged', 'accepted'])
        .where('message.template', '<>', 'update');
      break;
    case 'overdue':
      query = query
        .where('message.status', 'in', ['sent', 'acknowledged', 'accepted'])
        .where('message.deadline', '<', options.now);
      break;
    case 'escalated':
      query = query.where('message.status', 'not in', closedStatuses).where(sql<boolean>`${firedSteps} > 0`);
      break;
  }
  const ordered =
    options.view === 'all'
      ? query.orderBy('message.sent_at', 'desc')
      : query.orderBy(sql`message.deadline asc nulls last`).orderBy('message.sent_at', 'desc');
  return ordered.orderBy('message.id').limit(options.limit).offset(options.offset).execute();
}

/**
 * Messages that wait for staff: `replied`, the partner has answered (responded, said it is done, or
 * declined) and nobody has closed it yet, the longest waiting first; `overdue`, the deadline passed
 * with no answer, the most overdue first. Only those `sentBy` sent, when given.
 */
function messagesWaiting(
  executor: Executor,
  orgId: string,
  options: { kind: 'replied' | 'overdue'; sentBy: string | null; now: Date; restricted: Restricted },
) {
  let query = readableBy(selectMessages(executor, orgId), options.restricted);
  if (options.sentBy !== null) {
    query = query.where('message.sent_by_type', '=', 'user').where('message.sent_by', '=', options.sentBy);
  }
  return options.kind === 'replied'
    ? query.where('message.status', 'in', ['declined', 'responded', 'done'])
    : query
        .where('message.status', 'in', ['sent', 'acknowledged', 'accepted'])
        .where('message.deadline', '<', options.now);
}

export async function listMessagesWaiting(
  executor: Executor,
  orgId: string,
  options: {
    kind: 'replied' | 'overdue';
    sentBy: string | null;
    now: Date;
    restricted: Restricted;
    limit: number;
  },
): Promise<MessageWithNames[]> {
  const query = messagesWaiting(executor, orgId, options);
  const ordered =
    options.kind === 'replied'
      ? query.orderBy(
          sql`coalesce(message.declined_at, message.responded_at, message.done_at) asc nulls last`,
        )
      : query.orderBy('message.deadline', 'asc');
  return ordered.orderBy('message.id').limit(options.limit).execute();
}

export async function countMessagesWaiting(
  executor: Executor,
  orgId: string,
  options: { kind: 'replied' | 'overdue'; sentBy: string | null; now: Date; restricted: Restricted },
): Promise<number> {
  return countRows(messagesWaiting(executor, orgId, options).clearSelect());
}

export async function insertEvent(executor: Executor, row: NewMessageEventRow): Promise<void> {
  await executor.insertInto('message_events').values(row).execute();
}

export async function listEvents(
  executor: Executor,
  orgId: string,
  messageId: string,
): Promise<MessageEventRow[]> {
  return executor
    .selectFrom('message_events')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('message_id', '=', messageId)
    .orderBy('seq')
    .execute();
}

// ---- sharing ended ----

/**
 * Messages that rested on a record and reached their partner (an email accepted by the mail server,
 * a link handed over, or a link opened), whose sharing has not already ended, and that still have a
 * link that works: a message whose links have all expired or been stopped shows nothing already.
 */
export async function deliveredMessagesSharedOn(
  executor: Executor,
  orgId: string,
  recordId: string,
  at: Date,
) {
  return executor
    .selectFrom('partner_messages as message')
    .selectAll('message')
    .where('message.org_id', '=', orgId)
    .where('message.sharing_ended_at', 'is', null)
    .where('message.status', '<>', 'withdrawn')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('partner_links as link')
          .select('link.id')
          .whereRef('link.org_id', '=', 'message.org_id')
          .where('link.subject_type', '=', 'partner_message')
          .whereRef('link.subject_id', '=', 'message.id')
          .where('link.revoked_at', 'is', null)
          .where('link.expires_at', '>', at),
      ),
    )
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('share_log as share')
          .select('share.id')
          .whereRef('share.org_id', '=', 'message.org_id')
          .where('share.subject_type', '=', 'partner_message')
          .whereRef('share.subject_id', '=', 'message.id')
          .where('share.basis_record_id', '=', recordId),
      ),
    )
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('share_log as left_share')
            .select('left_share.id')
            .whereRef('left_share.org_id', '=', 'message.org_id')
            .where('left_share.subject_type', '=', 'partner_message')
            .whereRef('left_share.subject_id', '=', 'message.id')
            .where('left_share.outcome', '=', 'allowed')
            .where('left_share.delivery', 'in', ['emailed', 'link', 'handed_over']),
        ),
        eb.exists(
          eb
            .selectFrom('share_log as queued_share')
            .innerJoin('queued_shares as queued', (join) =>
              sameOrganisation(join, 'queued.share_id', 'queued_share.id'),
            )
            .select('queued.share_id')
            .whereRef('queued_share.org_id', '=', 'message.org_id')
            .where('queued_share.subject_type', '=', 'partner_message')
            .whereRef('queued_share.subject_id', '=', 'message.id')
            .where('queued.status', '=', 'sent'),
        ),
      ]),
    )
    .limit(500)
    .execute();
}

export async function markSharingEnded(
  executor: Executor,
  orgId: string,
  messageId: string,
  ended: { at: Date; reason: string },
): Promise<void> {
  await executor
    .updateTable('partner_messages')
    .set({
      sharing_ended_at: ended.at,
      sharing_ended_reason: ended.reason.slice(0, 1000),
      updated_at: ended.at,
    })
    .where('org_id', '=', orgId)
    .where('id', '=', messageId)
    .execute();
}

/**
 * The register's address of each contact holding one of the message's links that was handed
 * over or opened.
 */
export async function linkHoldersReached(executor: Executor, orgId: string, messageId: string) {
  const holders = await executor
    .selectFrom('partner_links as link')
    .innerJoin('partner_contacts as contact', (join) =>
      sameOrganisation(join, 'contact.id', 'link.partner_contact_id'),
    )
    .select('contact.email')
    .where('link.org_id', '=', orgId)
    .where('link.subject_type', '=', 'partner_message')
    .where('link.subject_id', '=', messageId)
    .where('contact.email', 'is not', null)
    .where((eb) =>
      eb.or([
        eb('link.last_used_at', 'is not', null),
        eb.exists(
          eb
            .selectFrom('message_events as event')
            .select('event.id')
            .whereRef('event.org_id', '=', 'link.org_id')
            .whereRef('event.message_id', '=', 'link.subject_id')
            .where('event.kind', '=', 'link_handed_over')
            .where(sql<boolean>`event.details->>'linkId' = link.id::text`),
        ),
      ]),
    )
    .execute();
  return holders.map((row) => row.email ?? '');
}

// ---- what escalation and the message check read ----

/** The messages with these keys, in one statement (a sweep's batch of steps). */
export async function findMessagesByKeys(
  executor: Executor,
  keys: readonly { orgId: string; id: string }[],
): Promise<PartnerMessageRow[]> {
  if (keys.length === 0) return [];
  return executor
    .selectFrom('partner_messages')
    .selectAll()
    .where(
      sql<boolean>`(org_id, id) in (select * from unnest(${keys.map((key) => key.orgId)}::uuid[],
        ${keys.map((key) => key.id)}::uuid[]))`,
    )
    .execute();
}

/** The first other current contact at the partner organisation, by name. */
export async function findOtherCurrentContact(
  executor: Executor,
  orgId: string,
  partnerOrganisationId: string,
  exceptContactId: string,
): Promise<string | undefined> {
  const next = await executor
    .selectFrom('partner_contacts')
    .select('id')
    .where('org_id', '=', orgId)
    .where('partner_organisation_id', '=', partnerOrganisationId)
    .where('id', '<>', exceptContactId)
    .where('ended_at', 'is', null)
    .orderBy('name')
    .orderBy('id')
    .executeTakeFirst();
  return next?.id;
}

export async function findOrganisationName(executor: Executor, orgId: string): Promise<string> {
  const organisation = await executor
    .selectFrom('organisations')
    .select('name')
    .where('id', '=', orgId)
    .executeTakeFirstOrThrow();
  return organisation.name;
}

const namedPersonColumns = ['id', 'given_name', 'family_name', 'preferred_name', 'nhs_number'] as const;

export async function findPersonForNaming(executor: Executor, orgId: string, personId: string) {
  return executor
    .selectFrom('people')
    .select(namedPersonColumns)
    .where('org_id', '=', orgId)
    .where('id', '=', personId)
    .executeTakeFirst();
}

/** People whose family name or NHS number appears among those found in a text (at most 200). */
export async function findPeopleNamed(
  executor: Executor,
  orgId: string,
  found: { familyNames: readonly string[]; nhsNumbers: readonly string[] },
) {
  if (found.familyNames.length === 0 && found.nhsNumbers.length === 0) return [];
  return executor
    .selectFrom('people')
    .select(namedPersonColumns)
    .where('org_id', '=', orgId)
    .where((eb) =>
      eb.or([
        ...(found.familyNames.length > 0
          ? [eb(eb.fn('lower', ['family_name']), 'in', [...found.familyNames])]
          : []),
        ...(found.nhsNumbers.length > 0 ? [eb('nhs_number', 'in', [...found.nhsNumbers])] : []),
      ]),
    )
    .limit(200)
    .execute();
}
