import { recordAudit } from '../audit/audit.service.ts';
import { describeMoment } from '../calendar/london-time.ts';
import type { RequestContext } from '../context.ts';
import type { DbTransaction } from '../db/database.ts';
import { cancelSteps } from '../escalation/escalation-steps.service.ts';
import {
  addressesEmailedLinks,
  holdUnsentEmailsOf,
  queueEmailsWithoutPersonalDetails,
} from '../outbox/outbox.service.ts';
import type { SharingBasisEnded } from '../sharing/basis-endings.ts';
import { decideQuietly } from '../sharing/sharing.service.ts';
import { resolveMootAttention } from './message-attention.ts';
import * as messagesRepository from './partner-messages.repository.ts';
import { addEvent, MESSAGE_SUBJECT, organisationName } from './partner-messages.service.ts';

/**
 * The basis a delivered message rested on has ended. The gate already refuses every later open of
 * its links; this tells people, once: the message is marked, its thread says so, its escalation
 * stops (nobody may be chased about it), and everyone the message reached is told by email —
 * without personal details — that it is no longer shared with them. A message that never left
 * needs none of this: its queued shares were held, so its email is never sent.
 */
export async function endMessageSharing(
  trx: DbTransaction,
  context: RequestContext,
  ended: SharingBasisEnded,
  at: Date,
): Promise<void> {
  const messages = await messagesRepository.deliveredMessagesSharedOn(trx, context.orgId, ended.recordId, at);
  for (const message of messages) {
    if (!message.person_id || !message.purpose) continue;
    // Another basis in force may still cover the addressee (a new consent): then nothing ended.
    const still = await decideQuietly(trx, context.orgId, message.person_id, {
      partnerOrganisationId: message.partner_organisation_id,
      partnerContactId: message.partner_contact_id,
      purpose: message.purpose,
      categories: message.categories,
      at,
    });
    if (still.allowed) continue;
    await messagesRepository.markSharingEnded(trx, context.orgId, message.id, { at, reason: ended.reason });
    const cancelled = await cancelSteps(
      trx,
      { orgId: context.orgId, type: MESSAGE_SUBJECT, id: message.id },
      { reason: 'The basis for sharing ended', onlyThoseStoppedByAcknowledgement: false, at },
    );
    // Whatever about the message has not left yet never will; the delivery gate would refuse it
    // anyway, but staff should see it held now, not waiting.
    await holdUnsentEmailsOf(trx, context.orgId, { type: 'partner_message', id: message.id }, ended.reason);
    const attentionResolved = await resolveMootAttention(trx, context.orgId, message.id, 'sharing_ended', at);
    const addresses = await addressesReachedBy(trx, context.orgId, message.id);
    const provider = await organisationName(trx, context.orgId);
    await queueEmailsWithoutPersonalDetails(
      trx,
      addresses.map((to) => ({
        orgId: context.orgId,
        about: { type: 'partner_message' as const, id: message.id },
        to,
        subject: `${provider}: information shared with you is no longer shared`,
        text:
          'Dear colleague,\n\n' +
          `${provider} sent you a message through a secure link at ${describeMoment(message.sent_at)}. ` +
          'The basis for sharing that information with you has ended: it is no longer shared with you, ' +
          'and the link no longer shows it.\n\n' +
          'Please do not use or pass on the information in that message unless you have your own lawful ' +
          `basis for it, and delete any copy you made. If you need to discuss this, contact ${provider}.\n`,
        at,
      })),
    );
    await addEvent(
      trx,
      context,
      message.id,
      {
        kind: 'sharing_ended',
        actorName: 'Liaison',
        text:
          `${ended.reason}. The partner's links no longer show anything about the person` +
          (addresses.length > 0
            ? `; a notice without personal details is queued for ${addresses.length === 1 ? 'the partner' : `${addresses.length} recipients`}.`
            : '.') +
          (cancelled.length > 0 ? ' Its escalation has stopped.' : ''),
        details: { recordId: ended.recordId, recordType: ended.recordType, cancelledSteps: cancelled },
      },
      at,
    );
    await recordAudit(trx, context, at, {
      action: 'partner_message.sharing_ended',
      entityType: 'partner_message',
      entityId: message.id,
      changedFields: ['sharing_ended_at', 'sharing_ended_reason'],
      details: {
        personId: message.person_id,
        recordId: ended.recordId,
        notified: addresses.length,
        attentionResolved,
      },
    });
  }
}

/**
 * Everyone a message's links reached: the addresses its link emails were delivered to, and the
 * register's address of each contact holding a link that was handed over or opened.
 */
async function addressesReachedBy(trx: DbTransaction, orgId: string, messageId: string): Promise<string[]> {
  const emailed = await addressesEmailedLinks(trx, orgId, { type: 'partner_message', id: messageId });
  const holders = await messagesRepository.linkHoldersReached(trx, orgId, messageId);
  return [...new Set([...emailed, ...holders.map((address) => address.toLowerCase())])].filter(
    (address) => address.length > 0,
  );
}
