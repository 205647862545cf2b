import type { ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router';
import {
  type ContactOutcome,
  closeMessage,
  type FieldError,
  getMessage,
  type LoggedContact,
  listContactsOfOrganisation,
  logMessageContact,
  type MessageDetail,
  revokePartnerLink,
  withdrawMessage,
} from '../api.ts';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import {
  Checkboxes,
  codeChoices,
  DateInput,
  Radios,
  readDateInput,
  readText,
  SelectField,
  TextArea,
  TextField,
} from '../ui/form-fields.tsx';
import { formatDateTime } from '../ui/format.ts';
import { londonParts, londonToIso, readTimeOfDay, todayInLondon } from '../ui/london-time.ts';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { BackLink, FormPage, Loading } from '../ui/page-parts.tsx';
import { useResource } from '../ui/useResource.ts';
import type { ThreadState } from './MessageThreadPage.tsx';
import { contactHows, outcomeLabels, outcomes, receivedHowLabels } from './message-labels.ts';
import { contactChoice, isOpen, messagePath } from './message-parts.tsx';

/** Loads the message an action page acts on, with the usual loading and failure states. */
function WithMessage({
  title,
  children,
}: {
  title: string;
  children: (message: MessageDetail) => ReactNode;
}) {
  const { messageId = '' } = useParams();
  const [message, reload] = useResource(`message ${messageId}`, () => getMessage(messageId));
  if (message.status === 'loading') return <Loading />;
  if (message.status === 'failed') {
    return (
      <>
        <BackLink to={messagePath(messageId)}>Back to the message</BackLink>
        <h1>{title}</h1>
        <LoadProblem error={message.error} onTryAgain={reload} />
      </>
    );
  }
  if (!isOpen(message.data.status)) {
    return (
      <>
        <BackLink to={messagePath(messageId)}>Back to the message</BackLink>
        <h1>{title}</h1>
        <p>This message has been {message.data.status}: nothing more can be done on it.</p>
      </>
    );
  }
  return <>{children(message.data)}</>;
}

const contactFields = {
  kind: 'kind',
  how: 'how',
  direction: 'direction',
  partnerName: 'partnerName',
  partnerRole: 'partnerRole',
  occurredAt: 'occurredAt',
  summary: 'summary',
  outcome: 'outcome',
  declineReason: 'declineReason',
  isAdvice: 'isAdvice',
  advice: 'advice',
  adviserContactId: 'adviserContactId',
};

export function LogContactPage() {
  return (
    <WithMessage title="Log a call or reply">{(message) => <LogContact message={message} />}</WithMessage>
  );
}

function LogContact({ message }: { message: MessageDetail }) {
  const navigate = useNavigate();
  const now = londonParts(new Date());
  // The adviser is chosen from the register, so the request to confirm their advice reaches them.
  const [contacts] = useResource(`contacts of ${message.partnerOrganisationId}`, () =>
    listContactsOfOrganisation(message.partnerOrganisationId, { limit: 100, offset: 0 }),
  );
  const adviserOptions =
    contacts.status === 'loaded'
      ? contacts.data.items.map(contactChoice)
      : [{ value: message.partnerContactId, label: message.partnerContactName }];

  const form = useFormSubmit(contactFields, async (values) => {
    const kind = readText(values, 'kind') as LoggedContact['kind'] | null;
    const how = readText(values, 'how') as LoggedContact['how'] | null;
    const partnerName = readText(values, 'partnerName');
    const summary = readText(values, 'summary');
    const outcome = (readText(values, 'outcome') ?? 'none') as ContactOutcome;
    const declineReason = readText(values, 'declineReason');
    const isAdvice = values.get('isAdvice') === 'yes';
    const advice = readText(values, 'advice');
    const date = readDateInput(values, 'occurredAt', 'The date');
    const time = readTimeOfDay(String(values.get('occurredAt-time') ?? ''));
    const problems: FieldError[] = [];
    if (!kind) problems.push({ field: 'kind', message: 'Choose whether it was a phone call or a reply' });
    if (!how) problems.push({ field: 'how', message: 'Choose how it came' });
    if (!partnerName)
      problems.push({ field: 'partnerName', message: 'Enter who you spoke to or heard from' });
    if ('problem' in date) problems.push({ field: 'occurredAt', message: date.problem });
    else if (!date.date) problems.push({ field: 'occurredAt', message: 'Enter the date it happened' });
    else if (!time)
      problems.push({ field: 'occurredAt', message: 'Enter the time it happened, like 2:15pm or 14:15' });
    if (!summary) problems.push({ field: 'summary', message: 'Say what was said' });
    if (outcome === 'declined' && !declineReason) {
      problems.push({ field: 'declineReason', message: 'Say why the partner declined' });
    }
    if (isAdvice && !advice) problems.push({ field: 'advice', message: 'Write the advice as they gave it' });
    if (
      problems.length > 0 ||
      !kind ||
      !how ||
      !partnerName ||
      !summary ||
      !('date' in date) ||
      !date.date ||
      !time
    )
      return problems;
    await logMessageContact(message.id, {
      kind,
      how,
      direction: (readText(values, 'direction') ?? 'from_partner') as 'from_partner' | 'to_partner',
      partnerName,
      partnerRole: readText(values, 'partnerRole'),
      summary,
      occurredAt: londonToIso(date.date, time),
      outcome,
      declineReason: outcome === 'declined' ? declineReason : null,
      isAdvice,
      advice: isAdvice ? advice : null,
      adviserContactId: isAdvice ? readText(values, 'adviserContactId') : null,
    });
    const state: ThreadState = {
      notice: kind === 'call' ? 'The call has been logged.' : 'The reply has been logged.',
    };
    navigate(messagePath(message.id), { state });
  });
  return (
    <FormPage
      back={<BackLink to={messagePath(message.id)}>Back to the message</BackLink>}
      title="Log a call or reply"
      caption={message.subject}
      form={form}
    >
      <Form form={form}>
        <Radios
          name="kind"
          legend="What was it?"
          items={[
            { value: 'call', label: 'A phone call' },
            {
              value: 'reply',
              label: 'A reply that came another way',
              hint: 'Like an email to the office, or a letter.',
            },
          ]}
        />
        <SelectField
          name="how"
          label="How did it come?"
          options={codeChoices(contactHows, receivedHowLabels)}
          defaultValue="phone"
        />
        <Radios
          name="direction"
          legend="Who got in touch?"
          items={[
            { value: 'from_partner', label: `${message.partnerOrganisationName} got in touch with us` },
            { value: 'to_partner', label: `We got in touch with ${message.partnerOrganisationName}` },
          ]}
          defaultValues={['from_partner']}
        />
        <TextField
          name="partnerName"
          label="Who did you speak to or hear from?"
          defaultValue={message.partnerContactName}
        />
        <TextField name="partnerRole" label="Their job title or role (optional)" />
        <DateInput
          name="occurredAt"
          legend="When did it happen?"
          hint="UK time."
          defaultValue={todayInLondon()}
        />
        <TextField
          id="occurredAt-time"
          name="occurredAt-time"
          label="Time"
          hint="For example, 2:15pm or 14:15."
          defaultValue={now.time}
          widthClass="nhsuk-input--width-5"
        />
        <TextArea
          name="summary"
          label="What was said"
          hint="Facts, and their words where they matter."
          rows={5}
        />
        <Radios
          name="outcome"
          legend="What does it mean for the request?"
          hint="The message moves on as if the partner had used their link."
          items={codeChoices(outcomes, outcomeLabels)}
          defaultValues={['none']}
          conditional={{
            declined: (
              <TextArea
                id={contactFields.declineReason}
                name="declineReason"
                label="Why did they decline?"
                rows={2}
                error={form.errors.byField.get('declineReason')}
              />
            ),
          }}
          error={form.errors.byField.get('outcome')}
        />
        <Checkboxes
          name="isAdvice"
          legend="Advice"
          items={[
            {
              value: 'yes',
              label: 'This is advice or an instruction from the partner',
              hint: 'It is recorded as advice. Advice not given in writing is followed by an email asking the adviser to confirm it in writing.',
            },
          ]}
          conditional={{
            yes: (
              <>
                <SelectField
                  key={`adviser ${contacts.status}`}
                  id={contactFields.adviserContactId}
                  name="adviserContactId"
                  label="Who gave the advice?"
                  hint={`From the register at ${message.partnerOrganisationName}. The request to confirm it in writing is emailed to them.`}
                  options={adviserOptions}
                  defaultValue={message.partnerContactId}
                  error={form.errors.byField.get('adviserContactId')}
                />
                <TextArea
                  name="advice"
                  label="Their advice, in their words"
                  hint="Only the advice: this is what they are asked to confirm, and what the care plan can cite."
                  rows={3}
                />
              </>
            ),
          }}
          error={form.errors.byField.get('isAdvice')}
        />
        <SubmitButton>Log it</SubmitButton>
      </Form>
    </FormPage>
  );
}

/** A page with one reason (or note) to give, and a button that does the action. */
function ReasonForm({
  message,
  title,
  intro,
  label,
  hint,
  isRequired,
  missing,
  button,
  warning,
  act,
  done,
}: {
  message: MessageDetail;
  title: string;
  intro: string;
  label: string;
  hint?: string;
  isRequired: boolean;
  missing: string;
  button: string;
  warning?: boolean;
  act: (reason: string | null) => Promise<unknown>;
  done: string;
}) {
  const navigate = useNavigate();
  const fields = { reason: 'reason', note: 'reason' };

  const form = useFormSubmit(fields, async (values) => {
    const reason = readText(values, 'reason');
    if (isRequired && !reason) {
      return [{ field: 'reason', message: missing }];
    }
    await act(reason);
    const state: ThreadState = { notice: done };
    navigate(messagePath(message.id), { state });
  });
  return (
    <FormPage
      back={<BackLink to={messagePath(message.id)}>Back to the message</BackLink>}
      title={title}
      caption={message.subject}
      form={form}
    >
      <p>{intro}</p>
      <Form form={form}>
        <TextArea
          id="reason"
          name="reason"
          label={label}
          {...(hint ? { hint } : {})}
          rows={3}
          error={form.errors.byField.get('reason') ?? form.errors.byField.get('note')}
        />
        <SubmitButton {...(warning ? { variant: 'warning' as const } : {})}>{button}</SubmitButton>
      </Form>
    </FormPage>
  );
}

export function CloseMessagePage() {
  return (
    <WithMessage title="Close the message">
      {(message) => (
        <ReasonForm
          message={message}
          title="Close the message"
          intro="Close it when nothing more is needed from the partner. Any escalation still planned stops."
          label="Note (optional)"
          hint="Like: resolved by phone with the GP."
          isRequired={false}
          missing=""
          button="Close the message"
          act={(note) => closeMessage(message.id, note)}
          done="The message has been closed."
        />
      )}
    </WithMessage>
  );
}

export function WithdrawMessagePage() {
  return (
    <WithMessage title="Withdraw the message">
      {(message) => (
        <ReasonForm
          message={message}
          title="Withdraw the message"
          intro={`Withdraw it if it should not have been sent or is no longer needed. ${message.partnerContactName}’s link stops working and its escalation ends.`}
          label="Why are you withdrawing it?"
          isRequired
          missing="Say why you are withdrawing the message"
          button="Withdraw the message"
          warning
          act={(reason) => withdrawMessage(message.id, reason ?? '')}
          done="The message has been withdrawn."
        />
      )}
    </WithMessage>
  );
}

export function RevokeLinkPage() {
  const { linkId = '' } = useParams();
  return (
    <WithMessage title="Stop a link">
      {(message) => {
        const link = message.links.find((each) => each.id === linkId);
        if (!link) {
          return (
            <>
              <BackLink to={messagePath(message.id)}>Back to the message</BackLink>
              <h1>Stop a link</h1>
              <p>This message has no such link.</p>
            </>
          );
        }
        return (
          <ReasonForm
            message={message}
            title="Stop a link"
            intro={`The link issued to ${link.contactName ?? 'the partner'} on ${formatDateTime(link.createdAt)} will stop working at once. You can email them a new one.`}
            label="Why are you stopping it?"
            hint="Like: sent to the wrong address."
            isRequired
            missing="Say why you are stopping the link"
            button="Stop the link"
            warning
            act={(reason) => revokePartnerLink(message.id, link.id, reason ?? '')}
            done="The link has been stopped."
          />
        );
      }}
    </WithMessage>
  );
}
