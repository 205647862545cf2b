import { randomUUID } from 'node:crypto';
import type { DbTransaction } from '../db/database.ts';
import { queueEmailsWithoutPersonalDetails } from '../partner-messages/outbox.ts';
import * as safeguardingRepository from './safeguarding.repository.ts';
import type { ConcernAlertKind } from './safeguarding.vocabulary.ts';

// What needs a manager's attention about a concern, and the email that tells them. The item says
// only that something needs review: being told about a concern never by itself lets anyone see it
// (its routes decide that), and the email carries no personal details at all.

/**
 * Raises an item for managers about a concern, once per concern, kind and cause while it is open.
 * Returns whether a new item was raised.
 */
export function raiseConcernAttention(
  trx: DbTransaction,
  item: {
    orgId: string;
    concernId: string;
    kind: ConcernAlertKind;
    /** What caused it: the trigger, restriction or concern, so the same cause raises one item. */
    causeId: string;
    title: string;
    detail: string | null;
    at: Date;
  },
): Promise<boolean> {
  return safeguardingRepository.insertAlert(trx, {
    org_id: item.orgId,
    id: randomUUID(),
    concern_id: item.concernId,
    kind: item.kind,
    cause_id: item.causeId,
    title: item.title,
    detail: item.detail,
    created_at: item.at,
    resolved_at: null,
    resolved_by: null,
    resolution_note: null,
  });
}

/** Emails the organisation's managers that a concern needs review: a link, and nothing about anyone. */
export async function emailManagersAboutConcern(
  trx: DbTransaction,
  email: { orgId: string; concernId: string; publicUrl: string; at: Date },
): Promise<void> {
  const addresses = await safeguardingRepository.managerEmails(trx, email.orgId);
  const link = `${email.publicUrl.replace(/\/+$/, '')}/safeguarding/concerns/${email.concernId}`;
  await queueEmailsWithoutPersonalDetails(
    trx,
    addresses.map((to) => ({
      orgId: email.orgId,
      messageId: null,
      to,
      subject: 'A safeguarding concern needs your review',
      text: `A safeguarding concern needs your review.\n\nOpen it in Liaison (you will be asked to sign in):\n${link}\n`,
      at: email.at,
    })),
  );
}
