import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { systemContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import type { Job } from '../jobs/scheduler.ts';
import { MailError } from '../mail/mail-error.ts';
import type { Mailer } from '../mail/mailer.ts';
import * as messagesRepository from './partner-messages.repository.ts';
import { addEvent } from './partner-messages.service.ts';
import type { EmailOutboxRow } from './partner-messages.table.ts';

export const DELIVER_EMAIL_JOB = 'deliver-email';
/** An email being sent is leased for this long; a process that dies mid-send leaves it for another. */
export const SEND_LEASE_MS = 5 * 60_000;
/** After this many transient failures an email is given up, and staff are told. */
export const MAX_ATTEMPTS = 12;

/** One minute after the first failure, doubling, at most an hour. */
function retryAt(now: Date, attempts: number): Date {
  return new Date(now.getTime() + Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 3_600_000));
}

/**
 * Sends the emails waiting in the outbox. Emails are written in the same transaction as what
 * they announce, so none is lost and none is sent for a change that rolled back; this job sends
 * them afterwards, outside any transaction, and records the result on the message's thread.
 * Delivery is at least once: if the process dies between the server taking an email and the
 * record of it, the email goes again with the same Message-ID, so mail systems can recognise it.
 */
export async function deliverDueEmails(
  db: Db,
  options: { mailer: Mailer; clock: Clock; domain: string; batchSize?: number },
): Promise<number> {
  const claimed = await db
    .transaction()
    .execute((trx) =>
      messagesRepository.claimEmails(trx, options.clock.now(), options.batchSize ?? 20, SEND_LEASE_MS),
    );
  let sent = 0;
  for (const email of claimed) {
    try {
      await options.mailer.send({
        to: email.to_address,
        subject: email.subject,
        text: email.text_body,
        messageId: `<${email.id}@${options.domain}>`,
      });
      await recordResult(db, email, { sent: true }, options.clock);
      sent += 1;
    } catch (error) {
      const failure =
        error instanceof MailError
          ? error
          : new MailError(String(error), { kind: 'transient', reason: 'unknown' });
      await recordResult(db, email, { sent: false, failure }, options.clock);
    }
  }
  return sent;
}

async function recordResult(
  db: Db,
  email: EmailOutboxRow,
  result: { sent: true } | { sent: false; failure: MailError },
  clock: Clock,
): Promise<void> {
  const at = clock.now();
  const system = systemContext(email.org_id, DELIVER_EMAIL_JOB);
  await db.transaction().execute(async (trx) => {
    if (result.sent) {
      await messagesRepository.finishEmail(trx, email, { status: 'sent', sentAt: at });
      if (email.message_id) {
        await addEvent(
          trx,
          system,
          email.message_id,
          { kind: 'emailed', actorName: 'Liaison', details: { emailId: email.id } },
          at,
        );
      }
      return;
    }
    const { failure } = result;
    const givingUp = failure.kind === 'permanent' || email.attempts >= MAX_ATTEMPTS;
    if (!givingUp) {
      await messagesRepository.finishEmail(trx, email, {
        status: 'pending',
        nextAttemptAt: retryAt(at, email.attempts),
        error: failure.message,
      });
      return;
    }
    await messagesRepository.finishEmail(trx, email, { status: 'failed', error: failure.message });
    if (email.message_id) {
      await addEvent(
        trx,
        system,
        email.message_id,
        {
          kind: 'email_failed',
          actorName: 'Liaison',
          text: `The email could not be delivered (${failure.reason.replaceAll('_', ' ')}).`,
          details: { emailId: email.id, reason: failure.reason },
        },
        at,
      );
      await messagesRepository.insertAttentionItem(trx, {
        org_id: email.org_id,
        id: randomUUID(),
        message_id: email.message_id,
        step_id: null,
        kind: 'email_failed',
        for_role: 'sender',
        title: 'An email to a partner could not be delivered',
        detail: `${failure.message} Check the address in the partner register, then send a new link or phone them.`,
        created_at: at,
        resolved_at: null,
        resolved_by: null,
        resolution_note: null,
      });
    }
  });
}

export function deliverEmailJob(options: { db: Db; mailer: Mailer; clock: Clock; domain: string }): Job {
  return {
    name: DELIVER_EMAIL_JOB,
    intervalMs: 2_000,
    run: () => deliverDueEmails(options.db, options),
  };
}
