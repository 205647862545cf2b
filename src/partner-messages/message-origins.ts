import type { Executor } from '../db/database.ts';
import { describeSubject, type SubjectRef, type SubjectType } from '../subjects/subjects.ts';

/**
 * The record a message was sent from, when a feature keeps that link itself (a safeguarding
 * concern's advice request or referral, say): its subject, or undefined when it is not one of the
 * feature's. Each feature registers its finder once (a line in `src/capabilities.ts`).
 */
export type MessageOriginFinder = (
  executor: Executor,
  orgId: string,
  messageId: string,
) => Promise<SubjectRef | undefined>;

// A set: the app registers its finders each time it is built (tests build many).
const finders = new Set<MessageOriginFinder>();

export function registerMessageOrigin(finder: MessageOriginFinder): void {
  finders.add(finder);
}

export type MessageOrigin = { type: SubjectType; title: string; webPath: string };

/** Where the message was sent from, named as staff see it, so its page can lead back there. */
export async function findMessageOrigin(
  executor: Executor,
  message: { org_id: string; id: string; incident_id: string | null },
): Promise<MessageOrigin | null> {
  let origin: SubjectRef | undefined = message.incident_id
    ? { orgId: message.org_id, type: 'incident', id: message.incident_id }
    : undefined;
  for (const find of finders) {
    if (origin) break;
    origin = await find(executor, message.org_id, message.id);
  }
  if (!origin) return null;
  const description = await describeSubject(executor, origin);
  return description ? { type: origin.type, title: description.title, webPath: description.webPath } : null;
}
