import type { MessageOriginFinder } from '../partner-messages/message-origins.ts';
import type { SubjectDescriber } from '../subjects/subjects.ts';
import * as safeguardingRepository from './safeguarding.repository.ts';
import { abuseCategoryLabels } from './safeguarding.vocabulary.ts';

/** How the shared mechanisms show a concern: its category only, never who or what. */
export const describeConcern: SubjectDescriber = async (executor, ref) => {
  const concern = await safeguardingRepository.findConcern(executor, ref.orgId, ref.id);
  if (!concern) return undefined;
  return {
    title: `Safeguarding concern: ${abuseCategoryLabels[concern.category].toLowerCase()}`,
    webPath: `/safeguarding/concerns/${concern.id}`,
    personIds: [concern.person_id],
  };
};

/** The concern a message was sent from, as a subject: so the message's page leads back to it. */
export const concernOfMessage: MessageOriginFinder = async (executor, orgId, messageId) => {
  const concernId = await safeguardingRepository.findConcernOfMessage(executor, orgId, messageId);
  return concernId ? { orgId, type: 'concern', id: concernId } : undefined;
};
