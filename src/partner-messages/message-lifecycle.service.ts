import { recordAudit } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, DbTransaction } from '../db/database.ts';
import { AppError, notFound, orNotFound } from '../errors.ts';
import { cancellationFor } from '../escalation/escalation-routes.ts';
import { cancelSteps } from '../escalation/escalation-steps.service.ts';
import type { LinkSettings } from '../outbox/outbox.service.ts';
import { revokeLinksOf } from '../partner-access/partner-links.service.ts';
import { resolveMootAttention } from './message-attention.ts';
import { mayReadMessage } from './message-readers.ts';
import { viewMessage } from './message-reading.service.ts';
import * as messagesRepository from './partner-messages.repository.ts';
import type { LogContactInput } from './partner-messages.schemas.ts';
import { addEvent, type EventInput, MESSAGE_SUBJECT, type Settings } from './partner-messages.service.ts';
import type {
  MessageStatus,
  MessageTemplateKind,
  PartnerMessageRow,
  PartnerMessageUpdate,
  ReceivedHow,
} from './partner-messages.table.ts';

// ---- the lifecycle ----

export type PartnerReply =
  | { kind: 'acknowledged' }
  | { kind: 'accepted' }
  | { kind: 'declined'; reason: string }
  | { kind: 'responded'; text: string }
  | { kind: 'done'; text: string };

const awaitingReply: readonly MessageStatus[] = ['sent', 'acknowledged', 'accepted'];
const asksSomething = (template: MessageTemplateKind) =>
  template === 'request' || template === 'safeguarding' || template === 'meeting_request';

/** Why this reply cannot be applied to the message as it stands, or null when it can. */
export function replyRefusal(
  message: Pick<PartnerMessageRow, 'status' | 'template'>,
  kind: PartnerReply['kind'],
) {
  if (message.status === 'withdrawn') return 'This message was withdrawn by the sender.';
  if (message.status === 'closed') return 'This message is closed.';
  if (!awaitingReply.includes(message.status)) return `This message has already been ${message.status}.`;
  switch (kind) {
    case 'acknowledged':
      return message.status === 'sent' ? null : 'This message has already been acknowledged.';
    case 'accepted':
    case 'declined':
      if (!asksSomething(message.template))
        return 'This message does not ask for anything to accept or decline.';
      return message.status === 'accepted' ? 'This request has already been accepted.' : null;
    case 'done':
      return asksSomething(message.template) ? null : 'This message does not ask for anything to be done.';
    case 'responded':
      return null;
  }
}

/**
 * Applies a partner's acknowledgement, acceptance, refusal, response or completion to the
 * message (locked by the caller): its status, the thread, the escalation steps it stops, and the
 * audit entry. An acknowledgement or acceptance stops the steps that chase receipt; anything
 * else ends the route.
 */
export async function applyReply(
  trx: DbTransaction,
  context: RequestContext,
  message: PartnerMessageRow,
  reply: PartnerReply,
  event: Omit<EventInput, 'kind'>,
  at: Date,
): Promise<PartnerMessageRow> {
  const refusal = replyRefusal(message, reply.kind);
  if (refusal) throw new AppError('conflict', refusal);
  const acknowledgedAt = message.acknowledged_at ?? event.occurredAt ?? at;
  const changes: PartnerMessageUpdate = {
    updated_at: at,
    acknowledged_at: acknowledgedAt,
    status: reply.kind,
  };
  switch (reply.kind) {
    case 'accepted':
      changes.accepted_at = event.occurredAt ?? at;
      break;
    case 'declined':
      changes.declined_at = event.occurredAt ?? at;
      changes.decline_reason = reply.reason;
      break;
    case 'responded':
      changes.responded_at = event.occurredAt ?? at;
      break;
    case 'done':
      changes.done_at = event.occurredAt ?? at;
      changes.responded_at = message.responded_at ?? event.occurredAt ?? at;
      changes.outcome = reply.text;
      break;
  }
  const updated = await messagesRepository.updateMessage(trx, context.orgId, message.id, changes);
  const text = reply.kind === 'declined' ? reply.reason : 'text' in reply ? reply.text : (event.text ?? null);
  await addEvent(trx, context, message.id, { ...event, kind: reply.kind, text }, at);
  const stopsOnlyReminders = reply.kind === 'acknowledged' || reply.kind === 'accepted';
  const cancellation = cancellationFor(stopsOnlyReminders ? 'acknowledged' : 'responded');
  const cancelled = await cancelSteps(
    trx,
    { orgId: context.orgId, type: MESSAGE_SUBJECT, id: message.id },
    {
      reason: reply.kind,
      onlyThoseStoppedByAcknowledgement: cancellation.onlyThoseStoppedByAcknowledgement,
      at,
    },
  );
  const attentionResolved = await resolveMootAttention(trx, context.orgId, message.id, reply.kind, at);
  await recordAudit(trx, context, at, {
    action: `partner_message.${reply.kind === 'acknowledged' ? 'acknowledge' : reply.kind === 'accepted' ? 'accept' : reply.kind === 'declined' ? 'decline' : reply.kind === 'done' ? 'done' : 'respond'}`,
    entityType: 'partner_message',
    entityId: message.id,
    changedFields: Object.keys(changes),
    details: { stepsCancelled: cancelled.length, attentionResolved, how: event.how ?? null },
  });
  return updated;
}

export async function lockOwnMessage(trx: DbTransaction, context: RequestContext, id: string) {
  const message = orNotFound(await messagesRepository.lockMessage(trx, context.orgId, id), 'The message');
  if (!mayReadMessage(context, message)) throw notFound('The message');
  return message;
}

/**
 * Staff record a phone call or a reply that came another way. When it amounts to an
 * acknowledgement, acceptance, refusal or response, the request moves on as if the partner had
 * used the link; advice in it becomes an advice record (and, not in writing, a request for
 * written confirmation).
 */
export async function logContact(
  db: Db,
  context: RequestContext,
  id: string,
  input: LogContactInput,
  settings: Settings,
  recordAdvice: AdviceRecorder,
) {
  const at = settings.clock.now();
  const occurredAt = new Date(input.occurredAt);
  if (occurredAt.getTime() > at.getTime() + 60_000) {
    throw new AppError('validation', 'The call or reply cannot be in the future.', { field: 'occurredAt' });
  }
  await db.transaction().execute(async (trx) => {
    const message = await lockOwnMessage(trx, context, id);
    if (message.status === 'withdrawn') throw new AppError('conflict', 'This message was withdrawn.');
    const event: EventInput = {
      kind: input.kind === 'call' ? 'call_logged' : 'reply_logged',
      how: input.how,
      text: input.summary,
      occurredAt,
      details: {
        partnerName: input.partnerName,
        partnerRole: input.partnerRole ?? null,
        direction: input.direction,
        outcome: input.outcome,
      },
    };
    // A call that answers the request is one entry, the answer's: the call's words, by phone.
    // A refusal keeps the call's entry too, as the refusal's entry holds only the reason.
    if (input.outcome === 'none' || input.outcome === 'declined') await addEvent(trx, context, id, event, at);
    if (input.outcome !== 'none') {
      const reply: PartnerReply =
        input.outcome === 'declined'
          ? { kind: 'declined', reason: input.declineReason!.trim() }
          : input.outcome === 'responded' || input.outcome === 'done'
            ? { kind: input.outcome, text: input.summary }
            : { kind: input.outcome };
      await applyReply(
        trx,
        context,
        message,
        reply,
        {
          actorName: input.partnerName,
          actorRole: input.partnerRole ?? null,
          how: input.how,
          occurredAt,
          text: input.summary,
          details: event.details ?? {},
        },
        at,
      );
    } else {
      await recordAudit(trx, context, at, {
        action: 'partner_message.log_contact',
        entityType: 'partner_message',
        entityId: id,
        details: { kind: input.kind, how: input.how },
      });
    }
    if (input.isAdvice) {
      await recordAdvice(trx, context, message, {
        givenByName: input.partnerName,
        givenByRole: input.partnerRole ?? null,
        givenAt: occurredAt,
        receivedHow: input.how,
        advice: input.advice!.trim(),
        adviserContactId: input.adviserContactId ?? null,
        inWriting: input.how === 'email' || input.how === 'letter',
        at,
        links: { publicUrl: settings.config.publicUrl, keyFile: settings.config.mfaKeyFile },
      });
    }
  });
  return viewMessage(db, context, id, settings.clock, { audit: false });
}

/** Records advice from a message's thread; see src/advice. Passed in to keep the two features apart. */
export type AdviceRecorder = (
  trx: DbTransaction,
  context: RequestContext,
  message: PartnerMessageRow,
  advice: {
    givenByName: string;
    givenByRole: string | null;
    givenAt: Date;
    receivedHow: ReceivedHow;
    advice: string;
    /** Who gave it, from the register; written confirmation is asked of them. */
    adviserContactId?: string | null;
    inWriting: boolean;
    at: Date;
    links: LinkSettings;
  },
) => Promise<void>;

export async function closeMessage(
  db: Db,
  context: RequestContext,
  id: string,
  input: { note?: string | null | undefined },
  clock: Clock,
) {
  const note = input.note?.trim() || null;
  return endMessage(db, context, id, clock, {
    status: 'closed',
    action: 'partner_message.close',
    changes: (at) => ({ status: 'closed', closed_at: at, close_note: note, updated_at: at }),
    text: note,
  });
}

/** The sender takes the message back: its links stop working and its escalation ends. */
export async function withdrawMessage(
  db: Db,
  context: RequestContext,
  id: string,
  input: { reason: string },
  clock: Clock,
) {
  return endMessage(db, context, id, clock, {
    status: 'withdrawn',
    action: 'partner_message.withdraw',
    changes: (at) => ({
      status: 'withdrawn',
      withdrawn_at: at,
      withdrawn_reason: input.reason,
      updated_at: at,
    }),
    text: input.reason,
    alsoDo: async (trx, at) => {
      const revoked = await revokeLinksOf(
        trx,
        context.orgId,
        { type: 'partner_message', id },
        { at, reason: 'withdrawn' },
      );
      return { linksRevoked: revoked.length };
    },
  });
}

/**
 * Closing and withdrawing end a message alike, in one transaction: refused once it has ended, then
 * the change, anything of its own (`alsoDo`), the thread entry, the escalation stopped, the items
 * needing attention it makes moot resolved, and the audit entry.
 */
async function endMessage(
  db: Db,
  context: RequestContext,
  id: string,
  clock: Clock,
  ending: {
    status: 'closed' | 'withdrawn';
    action: string;
    changes: (at: Date) => PartnerMessageUpdate;
    text: string | null;
    alsoDo?: (trx: DbTransaction, at: Date) => Promise<Record<string, unknown>>;
  },
) {
  const at = clock.now();
  await db.transaction().execute(async (trx) => {
    const message = await lockOwnMessage(trx, context, id);
    if (message.status === 'closed' || message.status === 'withdrawn') {
      throw new AppError('conflict', `This message is already ${message.status}.`);
    }
    const changes = ending.changes(at);
    await messagesRepository.updateMessage(trx, context.orgId, id, changes);
    const done = (await ending.alsoDo?.(trx, at)) ?? {};
    await addEvent(trx, context, id, { kind: ending.status, text: ending.text }, at);
    const cancelled = await cancelSteps(
      trx,
      { orgId: context.orgId, type: MESSAGE_SUBJECT, id },
      { reason: ending.status, onlyThoseStoppedByAcknowledgement: false, at },
    );
    const attentionResolved = await resolveMootAttention(trx, context.orgId, id, ending.status, at);
    await recordAudit(trx, context, at, {
      action: ending.action,
      entityType: 'partner_message',
      entityId: id,
      changedFields: Object.keys(changes),
      details: { ...done, stepsCancelled: cancelled.length, attentionResolved },
    });
  });
  return viewMessage(db, context, id, clock, { audit: false });
}
