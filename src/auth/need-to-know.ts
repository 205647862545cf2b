import type { RequestContext } from '../context.ts';
import { accountableReaders } from './role-groups.ts';

/**
 * Safeguarding is need-to-know: safeguarding correspondence (threshold advice, a section 42
 * referral) and what was shared about a person to protect them are read by managers, the
 * registered manager and the auditor, and by the member of staff who sent or shared it. Anyone else
 * is told it does not exist, as for a record of another organisation: knowing that a concern exists
 * never by itself grants sight of it.
 */
export type RestrictedReader = { userId: string | null };

/** Whom the caller may not read beyond their own: null when they read everything. */
export function restrictedReader(context: RequestContext): RestrictedReader | null {
  const { type, role } = context.actor;
  if (type === 'system' || (role !== null && accountableReaders.includes(role))) return null;
  return { userId: context.actor.type === 'user' ? context.actor.id : null };
}
