import { restrictedReader } from '../auth/need-to-know.ts';
import type { RequestContext } from '../context.ts';

/** The kind of message that is need-to-know (see auth/need-to-know.ts). */
export const RESTRICTED_TEMPLATE = 'safeguarding';

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
