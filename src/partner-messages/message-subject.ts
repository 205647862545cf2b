import type { SubjectDescriber } from '../subjects/subjects.ts';
import * as messagesRepository from './partner-messages.repository.ts';
import type { PartnerMessageRow } from './partner-messages.table.ts';

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

/** What partner access needs to issue a link to a message for one of its contacts. */
export function linkFor(
  message: Pick<PartnerMessageRow, 'org_id' | 'id' | 'deadline'>,
  contactId: string | null,
) {
  return {
    orgId: message.org_id,
    subject: { type: 'partner_message' as const, id: message.id },
    deadline: message.deadline,
    contactId,
  };
}
