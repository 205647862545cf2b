import type { MessageDetail, MessageStatus, MessageSummary, PartnerContact, RequestUrgency } from '../api.ts';
import { urgencyHints, urgencyLabels } from '../partners/partner-labels.ts';
import { codeChoices, Radios } from '../ui/form-fields.tsx';
import { MultiLine } from '../ui/page-parts.tsx';
import { statusLabels, statusTagClass } from './message-labels.ts';

/** What the message says, part by part under its headings: the parts left empty are left out. */
export function TheMessage({
  message,
}: {
  message: Pick<MessageDetail, 'summary' | 'impact' | 'mitigations' | 'ask' | 'body'>;
}) {
  const parts: { heading: string; text: string | null }[] = [
    { heading: 'Summary', text: message.summary },
    { heading: 'Impact', text: message.impact },
    { heading: 'What is already in place', text: message.mitigations },
    { heading: 'What we are asking', text: message.ask },
    { heading: 'Anything else', text: message.body },
  ];
  return (
    <>
      <h2>The message</h2>
      {parts
        .filter((part) => part.text)
        .map((part) => (
          <div key={part.heading}>
            <h3 className="nhsuk-heading-s nhsuk-u-margin-bottom-1">{part.heading}</h3>
            <p>
              <MultiLine text={part.text} />
            </p>
          </div>
        ))}
    </>
  );
}

/** A partner contact to send to, or to name as the adviser: saying so when they have no email address. */
export function contactChoice(contact: Pick<PartnerContact, 'id' | 'name' | 'jobTitle' | 'email'>): {
  value: string;
  label: string;
} {
  return {
    value: contact.id,
    label: [contact.name, contact.jobTitle, contact.email ? null : 'no email address']
      .filter(Boolean)
      .join(', '),
  };
}

export function messagePath(messageId: string): string {
  return `/messages/${messageId}`;
}

export function StatusTag({ status }: { status: MessageStatus }) {
  return <strong className={statusTagClass(status)}>{statusLabels[status]}</strong>;
}

/** The status, and whether the deadline has passed or escalation has begun, in words as well as colour. */
export function MessageTags({
  message,
}: {
  message: Pick<MessageSummary, 'status' | 'overdue' | 'escalationStepsFired' | 'urgency'>;
}) {
  return (
    <>
      <StatusTag status={message.status} />
      {message.overdue ? (
        <strong className="nhsuk-tag nhsuk-tag--red nhsuk-u-margin-left-1">Overdue</strong>
      ) : null}
      {message.escalationStepsFired > 0 ? (
        <strong className="nhsuk-tag nhsuk-tag--orange nhsuk-u-margin-left-1">
          Escalated{message.escalationStepsFired > 1 ? ` ${message.escalationStepsFired} times` : ''}
        </strong>
      ) : null}
      {message.urgency === 'urgent' ? (
        <strong className="nhsuk-tag nhsuk-tag--pink nhsuk-u-margin-left-1">Urgent</strong>
      ) : null}
    </>
  );
}

/** Whether the message is still running: not closed and not withdrawn. */
export function isOpen(status: MessageStatus): boolean {
  return status !== 'closed' && status !== 'withdrawn';
}

/** "How urgent is it?": routine or urgent, each with what it means for chasing. */
export function UrgencyRadios({
  hint,
  defaultUrgency,
  inline,
}: {
  hint?: string;
  defaultUrgency?: RequestUrgency;
  inline?: boolean;
}) {
  return (
    <Radios
      name="urgency"
      legend="How urgent is it?"
      hint={hint}
      items={codeChoices(['routine', 'urgent'], urgencyLabels, urgencyHints)}
      defaultValues={defaultUrgency ? [defaultUrgency] : undefined}
      inline={inline}
    />
  );
}
