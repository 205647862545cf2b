import { randomUUID } from 'node:crypto';
import {
  type AttentionDealtWith,
  raiseAttention,
  resolveAttentionOf,
} from '../attention/attention.service.ts';
import type { AttentionKind } from '../attention/attention.table.ts';
import type { DbTransaction } from '../db/database.ts';
import { queueEmailsWithoutPersonalDetails } from '../outbox/outbox.service.ts';
import { activeStaffEmails } from '../users/users.service.ts';
import * as safeguardingRepository from './safeguarding.repository.ts';
import type { ConcernAlertKind } from './safeguarding.vocabulary.ts';

// What needs a manager's attention about a concern, and the email that tells them. Each cause (a
// trigger, a restriction, the referral) is flagged on the concern itself, which its page and the
// concerns list show; the organisation's "needs attention" list gets one item per concern and
// kind. Marking either dealt with settles the other. The item says only that something needs
// review: being told about a concern never by itself lets anyone see it (its routes decide that),
// and the email carries no personal details.

const attentionKindOf: Record<ConcernAlertKind, AttentionKind> = {
  trigger_met: 'review_trigger_met',
  decision_overdue: 'decision_overdue',
  restriction_past_review: 'restriction_past_review',
};

const concernAlertKindOf = Object.fromEntries(
  Object.entries(attentionKindOf).map(([alertKind, attentionKind]) => [attentionKind, alertKind]),
) as Partial<Record<AttentionKind, ConcernAlertKind>>;

const concernSubject = (concernId: string) => ({ type: 'concern' as const, id: concernId });

/**
 * Raises an item for managers about a concern, once per concern, kind and cause while it is open.
 * Returns whether a new item was raised.
 */
export async function raiseConcernAttention(
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
  await raiseAttention(trx, {
    orgId: item.orgId,
    subject: concernSubject(item.concernId),
    kind: attentionKindOf[item.kind],
    forRole: 'manager',
    title: item.title,
    detail: item.detail,
    at: item.at,
  });
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
  const addresses = await activeStaffEmails(trx, email, { roles: ['manager', 'registered_manager'] });
  const link = `${email.publicUrl.replace(/\/+$/, '')}/safeguarding/concerns/${email.concernId}`;
  await queueEmailsWithoutPersonalDetails(
    trx,
    addresses.map((to) => ({
      orgId: email.orgId,
      about: concernSubject(email.concernId),
      to,
      subject: 'A safeguarding concern needs your review',
      text: `A safeguarding concern needs your review.\n\nOpen it in Liaison (you will be asked to sign in):\n${link}\n`,
      at: email.at,
    })),
  );
}

/** Resolves what a concern's flags of `kind` raised, as Liaison, once their cause went away. */
export async function resolveConcernAttention(
  trx: DbTransaction,
  resolution: { orgId: string; concernId: string; kind: ConcernAlertKind; note: string; at: Date },
): Promise<void> {
  await safeguardingRepository.resolveAlertsOfKind(
    trx,
    resolution.orgId,
    resolution.concernId,
    resolution.kind,
    {
      at: resolution.at,
      note: resolution.note,
    },
  );
  await resolveAttentionOf(trx, resolution.orgId, concernSubject(resolution.concernId), {
    kinds: [attentionKindOf[resolution.kind]],
    note: resolution.note,
    at: resolution.at,
  });
}

/**
 * A manager marked a concern's flags of one kind dealt with on the concern's page: once none of
 * that kind is left open there, its "needs attention" item is dealt with too, in their name.
 */
export async function concernFlagsDealtWith(
  trx: DbTransaction,
  dealtWith: { orgId: string; concernId: string; kind: ConcernAlertKind; at: Date; by: string | null },
): Promise<number> {
  const open = await safeguardingRepository.listOpenAlerts(trx, dealtWith.orgId, dealtWith.concernId);
  if (open.some((alert) => alert.kind === dealtWith.kind)) return 0;
  return resolveAttentionOf(trx, dealtWith.orgId, concernSubject(dealtWith.concernId), {
    kinds: [attentionKindOf[dealtWith.kind]],
    note: 'Marked as dealt with on the concern.',
    at: dealtWith.at,
    by: dealtWith.by,
  });
}

/**
 * A manager marked a concern's item dealt with under "needs attention": the concern's own flags
 * of that kind are dealt with too, in their name and with their note, so its page stops asking.
 */
export const concernAttentionDealtWith: AttentionDealtWith = async (trx, dealtWith) => {
  const kind = concernAlertKindOf[dealtWith.kind];
  if (!kind) return 0;
  return safeguardingRepository.resolveAlertsOfKind(trx, dealtWith.orgId, dealtWith.subjectId, kind, {
    at: dealtWith.at,
    by: dealtWith.by,
    note: dealtWith.note ?? 'Marked as dealt with under needs attention.',
  });
};
