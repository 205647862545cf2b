import type { Clock } from '../clock.ts';
import { systemContext } from '../context.ts';
import type { Db, DbTransaction } from '../db/database.ts';
import type { Job } from '../jobs/scheduler.ts';
import { MailError } from '../mail/mail-error.ts';
import type { Mailer } from '../mail/mailer.ts';
import { askAtDisclosure } from '../sharing/disclosure.ts';
import { findShareToDeliver, holdQueuedShare, markQueuedShareSent } from '../sharing/sharing.service.ts';
import * as outboxRepository from './outbox.repository.ts';
import { bodyToSend, emailOutcomesFor } from './outbox.service.ts';
import type { EmailOutboxRow } from './outbox.table.ts';

export const DELIVER_EMAIL_JOB = 'deliver-email';
/** An email being sent is leased for this long; a process that dies mid-send leaves it for another. */
export const SEND_LEASE_MS = 5 * 60_000;
/** After this many transient failures an email is given up, and staff are told. */
export const MAX_ATTEMPTS = 12;

type DeliveryOptions = { mailer: Mailer; clock: Clock; domain: string; keyFile: string; batchSize?: number };

/** One minute after the first failure, doubling, at most an hour. */
function retryAt(now: Date, attempts: number): Date {
  return new Date(now.getTime() + Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 3_600_000));
}

/**
 * Sends the emails waiting in the outbox. Emails are written in the same transaction as what
 * they announce, so none is lost and none is sent for a change that rolled back; this job sends
 * them afterwards and records the result on the message's thread. Delivery is at least once: if
 * the process dies between the server taking an email and the record of it, the email goes again
 * with the same Message-ID, so mail systems can recognise it.
 *
 * An email about a person is handed to the mail server inside a transaction that has just asked
 * the sharing gate again (holding the person's share lock, which a withdrawal waits for), and that
 * marks its share sent only once the server has accepted it: refused, the email is held and never
 * sent; the server refusing it, nothing is marked. Emails with no personal details are sent
 * outside any transaction.
 */
export async function deliverDueEmails(db: Db, options: DeliveryOptions): Promise<number> {
  const claimed = await db
    .transaction()
    .execute((trx) =>
      outboxRepository.claimEmails(trx, options.clock.now(), options.batchSize ?? 20, SEND_LEASE_MS),
    );
  let sent = 0;
  for (const email of claimed) {
    try {
      if (email.share_id) {
        if ((await sendDisclosure(db, email, options)) === 'sent') sent += 1;
        continue;
      }
      await send(email, options);
      await db.transaction().execute((trx) => recordSent(trx, email, options.clock.now()));
      sent += 1;
    } catch (error) {
      const failure =
        error instanceof MailError
          ? error
          : new MailError(String(error), { kind: 'transient', reason: 'unknown' });
      await recordFailure(db, email, failure, options.clock);
    }
  }
  return sent;
}

function send(email: EmailOutboxRow, options: DeliveryOptions) {
  return options.mailer.send({
    to: email.to_address,
    subject: email.subject,
    text: bodyToSend(email, options.keyFile),
    messageId: `<${email.id}@${options.domain}>`,
  });
}

async function sendDisclosure(
  db: Db,
  email: EmailOutboxRow,
  options: DeliveryOptions,
): Promise<'sent' | 'held'> {
  return db.transaction().execute(async (trx) => {
    const at = options.clock.now();
    const system = systemContext(email.org_id, DELIVER_EMAIL_JOB);
    const { queued, share } = await findShareToDeliver(trx, system, email.share_id!);
    if (!queued || !share || queued.status === 'held' || queued.status === 'cancelled') {
      await hold(
        trx,
        email,
        queued?.held_reason ?? 'The share this email carries is no longer to be sent.',
        at,
      );
      return 'held';
    }
    const gated = await askAtDisclosure(
      trx,
      system,
      {
        personId: share.person_id,
        recipient: {
          partnerOrganisationId: email.partner_organisation_id ?? share.partner_organisation_id,
          partnerContactId: email.partner_contact_id,
        },
        purpose: share.purpose,
        categories: share.categories,
        moment: 'email',
        description: share.description,
        subject:
          email.subject_type && email.subject_id
            ? { type: email.subject_type, id: email.subject_id }
            : undefined,
      },
      at,
    );
    if (!gated.decision.allowed) {
      const reason = `The sharing gate refused this email as it was about to be sent. ${gated.decision.reasons
        .map((each) => each.message)
        .join(' ')}`;
      if (queued.status === 'queued') await holdQueuedShare(trx, system, queued.share_id, reason, at);
      await hold(trx, email, reason, at);
      return 'held';
    }
    await send(email, options);
    if (queued.status === 'queued') await markQueuedShareSent(trx, system, queued.share_id, at);
    await recordSent(trx, email, at);
    return 'sent';
  });
}

async function recordSent(trx: DbTransaction, email: EmailOutboxRow, at: Date): Promise<void> {
  await outboxRepository.finishEmail(trx, email, { status: 'sent', sentAt: at });
  await emailOutcomesFor(email)?.sent(trx, email, at);
}

/** Never sent: the record's feature says so on its page and tells whoever sent it. */
async function hold(trx: DbTransaction, email: EmailOutboxRow, reason: string, at: Date) {
  await outboxRepository.finishEmail(trx, email, { status: 'held', heldReason: reason });
  await emailOutcomesFor(email)?.held(trx, email, reason, at);
}

async function recordFailure(db: Db, email: EmailOutboxRow, failure: MailError, clock: Clock): Promise<void> {
  const at = clock.now();
  await db.transaction().execute(async (trx) => {
    const givingUp = failure.kind === 'permanent' || email.attempts >= MAX_ATTEMPTS;
    if (!givingUp) {
      await outboxRepository.finishEmail(trx, email, {
        status: 'pending',
        nextAttemptAt: retryAt(at, email.attempts),
        error: failure.message,
      });
      return;
    }
    await outboxRepository.finishEmail(trx, email, { status: 'failed', error: failure.message });
    await emailOutcomesFor(email)?.failed(
      trx,
      email,
      { reason: failure.reason, message: failure.message },
      at,
    );
  });
}

export function deliverEmailJob(options: {
  db: Db;
  mailer: Mailer;
  clock: Clock;
  domain: string;
  keyFile: string;
}): Job {
  return {
    name: DELIVER_EMAIL_JOB,
    intervalMs: 2_000,
    run: () => deliverDueEmails(options.db, options),
  };
}
