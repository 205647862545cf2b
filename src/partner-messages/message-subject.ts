import type { SubjectDescriber } from '../subjects/subjects.ts';
import * as messagesRepository from './partner-messages.repository.ts';

/** A message as the shared mechanisms show it: "To Riverside district nurses: pressure care". */
export const describeMessage: SubjectDescriber = async (executor, ref) => {
  const message = await messagesRepository.findMessage(executor, ref.orgId, ref.id);
  if (!message) return undefined;
  return {
    title: `To ${message.partner_organisation_name}: ${message.subject}`,
    webPath: `/messages/${message.id}`,
    personIds: message.person_id ? [message.person_id] : [],
  };
};
