import { resolveAttentionOf } from '../attention/attention.service.ts';
import type { AttentionKind } from '../attention/attention.table.ts';
import type { DbTransaction } from '../db/database.ts';

// ---- needs attention ----

/** What makes items moot: the partner heard from, or the message no longer to be chased. */
export type AttentionCause =
  | 'acknowledged'
  | 'accepted'
  | 'declined'
  | 'responded'
  | 'done'
  | 'closed'
  | 'withdrawn'
  | 'sharing_ended';

/** Items that chase the partner: calls to make, no channel to chase by, recipients the gate refused. */
const chasingKinds: readonly AttentionKind[] = ['call_partner', 'no_route', 'share_refused'];
/** Items saying the partner has not answered. */
const noAnswerKinds: readonly AttentionKind[] = ['escalated_to_manager', 'escalated_to_registered_manager'];

// An email that failed or was held stays until a person deals with it: the partner may still not
// have what the message says, whatever happened to the message since.
const mootWhen: Record<AttentionCause, { kinds: readonly AttentionKind[]; note: string }> = {
  // Heard from, so chasing for receipt is over; there is still no answer, so managers keep theirs.
  acknowledged: { kinds: chasingKinds, note: 'The partner acknowledged the message.' },
  accepted: { kinds: chasingKinds, note: 'The partner accepted the request.' },
  declined: { kinds: [...chasingKinds, ...noAnswerKinds], note: 'The partner declined the request.' },
  responded: { kinds: [...chasingKinds, ...noAnswerKinds], note: 'The partner responded.' },
  done: { kinds: [...chasingKinds, ...noAnswerKinds], note: 'The partner said it is done.' },
  closed: { kinds: [...chasingKinds, ...noAnswerKinds], note: 'The message was closed.' },
  withdrawn: { kinds: [...chasingKinds, ...noAnswerKinds], note: 'The message was withdrawn.' },
  sharing_ended: {
    kinds: [...chasingKinds, ...noAnswerKinds],
    note: 'The basis for sharing ended: nobody may be chased about this message.',
  },
};

/**
 * Resolves the message's open items that `cause` makes moot, as Liaison rather than a person, in
 * the caller's transaction (whose audit entry counts them). Returns how many it resolved.
 */
export function resolveMootAttention(
  trx: DbTransaction,
  orgId: string,
  messageId: string,
  cause: AttentionCause,
  at: Date,
): Promise<number> {
  return resolveAttentionOf(
    trx,
    orgId,
    { type: 'partner_message', id: messageId },
    { ...mootWhen[cause], at },
  );
}
