import { type ChronologyEntry, chronologyWindow, type SourceQuery } from '../chronology/chronology.ts';
import type { Executor } from '../db/database.ts';
import { sameOrganisation } from '../db/same-organisation.ts';
import type { EventKind } from './partner-messages.table.ts';
import { eventTitles } from './partner-messages.vocabulary.ts';

// The thread entries of partner messages, as chronology entries: a person's chronology reads the
// messages about them, a safeguarding concern's the messages linked to it.

/** Thread entries whose words came from the partner rather than the provider's staff. */
const fromPartner = new Set<EventKind>(['acknowledged', 'accepted', 'declined', 'responded', 'done']);

/**
 * The newest events of each chosen message (an indexed scan per message, on
 * (org_id, message_id, occurred_at)), then the newest of those: a person has tens of messages,
 * and a join over every event of the organisation would be read in full.
 */
function baseQuery(executor: Executor, query: SourceQuery) {
  return executor
    .selectFrom('partner_messages as m')
    .innerJoin('partner_organisations as p', (join) =>
      sameOrganisation(join, 'p.id', 'm.partner_organisation_id'),
    )
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('message_events as e')
          .select([
            'e.id',
            'e.kind',
            'e.actor_type',
            'e.actor_name',
            'e.text',
            'e.details',
            'e.occurred_at',
            'e.recorded_at',
          ])
          .whereRef('e.org_id', '=', 'm.org_id')
          .whereRef('e.message_id', '=', 'm.id')
          .where(chronologyWindow('e.occurred_at', 'e.id', query))
          .orderBy('e.occurred_at', 'desc')
          .orderBy('e.id', 'desc')
          .limit(query.limit)
          .as('e'),
      (join) => join.onTrue(),
    )
    .select([
      'e.id',
      'e.kind',
      'e.actor_type',
      'e.actor_name',
      'e.text',
      'e.details',
      'e.occurred_at',
      'e.recorded_at',
      'm.id as message_id',
      'm.subject',
      'p.name as partner_name',
    ])
    .where('m.org_id', '=', query.orgId)
    .orderBy('e.occurred_at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(query.limit);
}

type EventWithMessage = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

function toEntry(source: string, ownAgency: string, event: EventWithMessage): ChronologyEntry {
  const partnerSpoke =
    event.actor_type === 'partner' ||
    (fromPartner.has(event.kind) && event.actor_type !== 'system') ||
    ((event.kind === 'call_logged' || event.kind === 'reply_logged') &&
      (event.details as { direction?: string }).direction !== 'to_partner');
  return {
    source,
    id: event.id,
    occurredAt: event.occurred_at,
    recordedAt: event.recorded_at,
    agency: partnerSpoke ? event.partner_name : ownAgency,
    kindLabel: eventTitles[event.kind],
    text: event.text ?? `${eventTitles[event.kind]}: ${event.subject}`,
    recordedBy: event.actor_name,
    subject: { type: 'message', id: event.message_id, title: event.subject },
  };
}

/** The thread entries of every message about the person (`query.key`). */
export async function readMessageEventsOfPerson(
  executor: Executor,
  query: SourceQuery,
): Promise<ChronologyEntry[]> {
  const events = await baseQuery(executor, query).where('m.person_id', '=', query.key).execute();
  return events.map((event) => toEntry('partner_messages', query.ownAgency, event));
}

/** The thread entries of the given messages. */
export async function readMessageEventsOfMessages(
  executor: Executor,
  query: SourceQuery & { messageIds: readonly string[] },
): Promise<ChronologyEntry[]> {
  if (query.messageIds.length === 0) return [];
  const events = await baseQuery(executor, query).where('m.id', 'in', query.messageIds).execute();
  return events.map((event) => toEntry('partner_messages', query.ownAgency, event));
}
