import { accountableReaders } from '../auth/role-groups.ts';
import type { RequestContext } from '../context.ts';

/**
 * Safeguarding correspondence is need-to-know: a message of the safeguarding kind (threshold
 * advice, a section 42 referral) is read by managers, the registered manager and the auditor, and
 * by the member of staff who sent it. Anyone else is told it does not exist, as for a record of
 * another organisation: being told a concern exists never by itself grants sight of it.
 */
export const RESTRICTED_TEMPLATE = 'safeguarding';

/** A caller who reads safeguarding correspondence only when they sent it (userId null: none of it). */
export type RestrictedReader = { userId: string | null };

/** Whom the caller may not read beyond their own: null when they read every message. */
export function restrictedReader(context: RequestContext): RestrictedReader | null {
  const { type, role } = context.actor;
  if (type === 'system' || (role !== null && accountableReaders.includes(role))) return null;
  return { userId: context.actor.type === 'user' ? context.actor.id : null };
}

export function mayReadMessage(
  context: RequestContext,
  message: { template: string; sent_by_type: string; sent_by: string | null },
): boolean {
  const restricted = restrictedReader(context);
  if (restricted === null || message.template !== RESTRICTED_TEMPLATE) return true;
  return (
    restricted.userId !== null && message.sent_by_type === 'user' && message.sent_by === restricted.userId
  );
}
