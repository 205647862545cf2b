import { raiseAttention } from '../attention/attention.service.ts';
import { systemContext } from '../context.ts';
import type { DbTransaction } from '../db/database.ts';
import { DELIVER_EMAIL_JOB } from '../outbox/email-delivery.ts';
import type { EmailOutcomes } from '../outbox/outbox.service.ts';
import type { EmailOutboxRow } from '../outbox/outbox.table.ts';
import * as messagesRepository from './partner-messages.repository.ts';
import { addEvent } from './partner-messages.service.ts';

/** A message's thread records what became of each of its emails; whoever sent it hears of a failure. */
export const messageEmailOutcomes: EmailOutcomes = {
  async sent(trx, email, at) {
    await addEvent(
      trx,
      systemContext(email.org_id, DELIVER_EMAIL_JOB),
      email.subject_id!,
      { kind: 'emailed', actorName: 'Liaison', details: { emailId: email.id } },
      at,
    );
  },
  async held(trx, email, reason, at) {
    await addEvent(
      trx,
      systemContext(email.org_id, DELIVER_EMAIL_JOB),
      email.subject_id!,
      { kind: 'email_held', actorName: 'Liaison', text: reason, details: { emailId: email.id } },
      at,
    );
    await raiseAttention(trx, {
      orgId: email.org_id,
      subject: { type: 'partner_message', id: email.subject_id! },
      kind: 'share_held',
      forRole: 'sender',
      forUserId: await senderOf(trx, email),
      title: 'An email to a partner was held and not sent',
      detail: reason,
      at,
    });
  },
  async failed(trx, email, failure, at) {
    await addEvent(
      trx,
      systemContext(email.org_id, DELIVER_EMAIL_JOB),
      email.subject_id!,
      {
        kind: 'email_failed',
        actorName: 'Liaison',
        text: `The email could not be delivered (${failure.reason.replaceAll('_', ' ')}).`,
        details: { emailId: email.id, reason: failure.reason },
      },
      at,
    );
    await raiseAttention(trx, {
      orgId: email.org_id,
      subject: { type: 'partner_message', id: email.subject_id! },
      kind: 'email_failed',
      forRole: 'sender',
      forUserId: await senderOf(trx, email),
      title: 'An email to a partner could not be delivered',
      detail: `${failure.message} Check the address in the partner register, then send a new link or phone them.`,
      at,
    });
  },
};

/** Who sent the message an email belongs to, when a member of staff did: their item to deal with. */
async function senderOf(trx: DbTransaction, email: EmailOutboxRow): Promise<string | null> {
  const message = await messagesRepository.findMessage(trx, email.org_id, email.subject_id!);
  return message?.sent_by_type === 'user' ? message.sent_by : null;
}
