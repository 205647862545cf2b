import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { sameOrganisation } from '../db/same-organisation.ts';
import type { SubjectType } from '../subjects/subjects.ts';
import type { EmailOutboxRow, EmailStatus, NewEmailOutboxRow } from './outbox.table.ts';

type Subject = { type: SubjectType; id: string };

export async function insertEmails(executor: Executor, rows: NewEmailOutboxRow[]): Promise<void> {
  if (rows.length === 0) return;
  await executor.insertInto('email_outbox').values(rows).execute();
}

/**
 * Takes up to `limit` emails due to be sent and leases them for `leaseMs`: a process that dies
 * while sending leaves them to be taken again when the lease runs out. Concurrent senders take
 * disjoint emails (SKIP LOCKED).
 */
export async function claimEmails(
  executor: Executor,
  now: Date,
  limit: number,
  leaseMs: number,
): Promise<EmailOutboxRow[]> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const result = await sql<EmailOutboxRow>`
    with due as materialized (
      select org_id, id from email_outbox
      where status in ('pending', 'sending') and next_attempt_at <= ${now}
      order by next_attempt_at
      limit ${limit}
      for update skip locked
    )
    update email_outbox as email
    set status = 'sending', attempts = email.attempts + 1, next_attempt_at = ${leaseUntil}
    from due
    where email.org_id = due.org_id and email.id = due.id
    returning email.*`.execute(executor);
  return result.rows;
}

export async function finishEmail(
  executor: Executor,
  email: Pick<EmailOutboxRow, 'org_id' | 'id'>,
  changes: {
    status: 'sent' | 'pending' | 'failed' | 'held';
    sentAt?: Date;
    nextAttemptAt?: Date;
    error?: string;
    heldReason?: string;
  },
): Promise<void> {
  // Once an email has gone, or will never go, its body and its link's sealed token are blanked:
  // nothing in the database or a backup can open the link afterwards.
  const finished = changes.status === 'sent' || changes.status === 'held' || changes.status === 'failed';
  await executor
    .updateTable('email_outbox')
    .set({
      status: changes.status,
      ...(finished ? { text_body: '', link_token_sealed: null } : {}),
      ...(changes.heldReason !== undefined ? { held_reason: changes.heldReason.slice(0, 2000) } : {}),
      ...(changes.sentAt ? { sent_at: changes.sentAt } : {}),
      ...(changes.nextAttemptAt ? { next_attempt_at: changes.nextAttemptAt } : {}),
      ...(changes.error !== undefined ? { last_error: changes.error.slice(0, 1000) } : {}),
    })
    .where('org_id', '=', email.org_id)
    .where('id', '=', email.id)
    .execute();
}

/** Holds a subject's emails that carry a share and have not been sent: they never will be. */
export async function holdPendingEmailsOfSubject(
  executor: Executor,
  orgId: string,
  subject: Subject,
  reason: string,
) {
  await executor
    .updateTable('email_outbox')
    .set({ status: 'held', held_reason: reason.slice(0, 2000), text_body: '', link_token_sealed: null })
    .where('org_id', '=', orgId)
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .where('share_id', 'is not', null)
    .where('status', '=', 'pending')
    .execute();
}

/** A subject's emails, oldest first, without their bodies. */
export async function listEmailsOfSubject(executor: Executor, orgId: string, subject: Subject) {
  return executor
    .selectFrom('email_outbox')
    .select(['id', 'to_address', 'status', 'held_reason', 'last_error', 'created_at', 'sent_at'])
    .where('org_id', '=', orgId)
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .orderBy('created_at')
    .orderBy('id')
    .limit(200)
    .execute();
}

/** The addresses a subject's emails carrying a link were delivered to. */
export async function linkEmailAddressesDelivered(
  executor: Executor,
  orgId: string,
  subject: Subject,
): Promise<string[]> {
  const rows = await executor
    .selectFrom('email_outbox')
    .select('to_address')
    .where('org_id', '=', orgId)
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .where('link_id', 'is not', null)
    .where('status', '=', 'sent')
    .execute();
  return rows.map((row) => row.to_address);
}

/** The shares still queued on the emails that carry a link. */
export async function queuedSharesOfLink(
  executor: Executor,
  orgId: string,
  linkId: string,
): Promise<string[]> {
  const rows = await executor
    .selectFrom('email_outbox as email')
    .innerJoin('queued_shares as queued', (join) =>
      sameOrganisation(join, 'queued.share_id', 'email.share_id'),
    )
    .select('queued.share_id')
    .where('email.org_id', '=', orgId)
    .where('email.link_id', '=', linkId)
    .where('queued.status', '=', 'queued')
    .execute();
  return rows.map((row) => row.share_id);
}

/** The organisation's outbox, newest first, without bodies or sealed tokens. */
export async function listOutbox(
  executor: Executor,
  orgId: string,
  options: { statuses: readonly EmailStatus[] | null; limit: number; offset: number },
) {
  let query = executor
    .selectFrom('email_outbox')
    .select([
      'id',
      'to_address',
      'subject',
      'subject_type',
      'subject_id',
      'status',
      'held_reason',
      'last_error',
      'attempts',
      'next_attempt_at',
      'created_at',
      'sent_at',
    ])
    .where('org_id', '=', orgId);
  if (options.statuses) query = query.where('status', 'in', [...options.statuses]);
  return query
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
}
