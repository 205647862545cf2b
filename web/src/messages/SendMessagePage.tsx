import { type ReactNode, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  type AskType,
  type CircleMember,
  type FieldError,
  type InformationCategory,
  listCircle,
  listContactsOfOrganisation,
  type MessageDraft,
  type MessageTemplate,
  type NewMessage,
  type PartnerOrganisation,
  type Person,
  type RequestUrgency,
  type ShareRefusalReason,
  type SharingPurpose,
  sendMessage,
} from '../api.ts';
import { listAllPartnerOrganisations } from '../partners/PartnersPage.tsx';
import { partnerTypeLabels } from '../partners/partner-labels.ts';
import { listAllActivePeople } from '../people/all-people.ts';
import { personName } from '../people/person-labels.ts';
import { purposeHints, purposeLabels, purposes } from '../sharing/sharing-labels.ts';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import type { GateRefusal as Refusal } from '../ui/form-errors.ts';
import { gateRefusalFrom, summaryOnly } from '../ui/form-errors.ts';
import {
  codeChoices,
  DateInput,
  ErrorMessage,
  LabelledField,
  Radios,
  readChoices,
  readDateInput,
  readText,
  SelectField,
  TextField,
} from '../ui/form-fields.tsx';
import { londonToIso, readTimeOfDay } from '../ui/london-time.ts';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { BackLink, FormPage, Loading } from '../ui/page-parts.tsx';
import { CategoryCheckboxes } from '../ui/sharing-fields.tsx';
import { useResource } from '../ui/useResource.ts';
import { type CheckedField, FieldWarnings, type MessageCheck, useMessageCheck } from './message-check.tsx';
import { askTypeLabels, askTypes, templateHints, templateLabels, templates } from './message-labels.ts';
import { contactChoice, messagePath, UrgencyRadios } from './message-parts.tsx';

// API field name → input id, in the order the fields appear.
const fields = {
  template: 'template',
  askType: 'askType',
  urgency: 'urgency',
  partnerOrganisationId: 'partnerOrganisationId',
  partnerContactId: 'partnerContactId',
  nextContactId: 'nextContactId',
  seniorContactId: 'seniorContactId',
  personId: 'personId',
  purpose: 'purpose',
  categories: 'categories',
  subject: 'subject',
  summary: 'summary',
  impact: 'impact',
  mitigations: 'mitigations',
  ask: 'ask',
  deadline: 'deadline',
  body: 'body',
};

type Part = 'impact' | 'mitigations' | 'ask' | 'deadline';

/** The parts each kind of message must have (the server's rule; shown here so the form can say so). */
const requiredParts: Record<MessageTemplate, readonly Part[]> = {
  request: ['impact', 'mitigations', 'ask', 'deadline'],
  safeguarding: ['impact', 'mitigations', 'ask', 'deadline'],
  meeting_request: ['ask', 'deadline'],
  incident_update: ['impact', 'mitigations', 'deadline'],
  update: [],
};

function asks(template: MessageTemplate): boolean {
  return template !== 'incident_update' && template !== 'update';
}

function hasAskType(template: MessageTemplate): boolean {
  return template === 'request' || template === 'safeguarding';
}

/** The deadline as typed: an ISO date-time, nothing, or what is wrong with it. */
function readDeadline(form: FormData): { deadline: string | null } | { problem: string } {
  const date = readDateInput(form, 'deadline', 'The deadline');
  const timeText = String(form.get('deadline-time') ?? '').trim();
  if ('problem' in date) return date;
  if (date.date === null && !timeText) return { deadline: null };
  if (date.date === null) return { problem: 'Enter the date you need a response by' };
  if (!timeText) return { problem: 'Enter the time you need a response by, like 4pm or 16:00' };
  const time = readTimeOfDay(timeText);
  if (!time) return { problem: 'Enter the time as it shows on a clock, like 4pm, 4:30pm or 16:30' };
  return { deadline: londonToIso(date.date, time) };
}

function readDraft(form: FormData, template: MessageTemplate): MessageDraft {
  const text = (name: string) => String(form.get(name) ?? '');
  const deadline = readDeadline(form);
  return {
    template,
    askType: hasAskType(template) ? ((text('askType') || null) as AskType | null) : null,
    subject: text('subject'),
    personId: text('personId') || null,
    summary: text('summary'),
    impact: text('impact'),
    mitigations: text('mitigations'),
    ask: asks(template) ? text('ask') : null,
    body: text('body'),
    deadline: template !== 'update' && 'deadline' in deadline ? deadline.deadline : null,
  };
}

export function SendMessagePage() {
  const [loaded, reload] = useResource('send message lists', async () => {
    const [organisations, people] = await Promise.all([listAllPartnerOrganisations(), listAllActivePeople()]);
    return { organisations, people };
  });
  if (loaded.status === 'loading') return <Loading />;
  if (loaded.status === 'failed') {
    return (
      <>
        <h1>Send a message</h1>
        <LoadProblem error={loaded.error} onTryAgain={reload} />
      </>
    );
  }
  return <SendMessageForm {...loaded.data} />;
}

function SendMessageForm({
  organisations,
  people,
}: {
  organisations: PartnerOrganisation[];
  people: Person[];
}) {
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const formElement = useRef<HTMLFormElement>(null);
  const [template, setTemplate] = useState<MessageTemplate>('request');
  const [organisationId, setOrganisationId] = useState(searchParams.get('partnerOrganisationId') ?? '');
  const [personId, setPersonId] = useState(() => {
    const asked = searchParams.get('personId') ?? '';
    return people.some((person) => person.id === asked) ? asked : '';
  });
  const [draft, setDraft] = useState<MessageDraft>({ template: 'request', summary: '' });
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [hasTriedToSend, setHasTriedToSend] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const check = useMessageCheck(draft);

  // Chosen from the person's circle of support: the contact the "Who is it for?" list starts on.
  const [chosenContactId, setChosenContactId] = useState('');
  // The person's circle is offered first: the partners who already work with them. A caller who
  // may not read it simply gets no suggestions.
  const [circle] = useResource(`circle of ${personId}`, () =>
    personId
      ? listCircle(personId).catch(() => ({ items: [] as CircleMember[] }))
      : Promise.resolve({ items: [] as CircleMember[] }),
  );
  const [contacts] = useResource(`contacts of ${organisationId}`, () =>
    organisationId
      ? listContactsOfOrganisation(organisationId, { limit: 100, offset: 0 })
      : Promise.resolve({ items: [] }),
  );
  const contactOptions = contacts.status === 'loaded' ? contacts.data.items.map(contactChoice) : [];

  function redraft(changed?: string) {
    if (!formElement.current) return;
    const values = new FormData(formElement.current);
    const chosen = (String(values.get('template') ?? '') || template) as MessageTemplate;
    setDraft(readDraft(values, chosen));
    if (changed) {
      const field = changed.startsWith('deadline') ? 'deadline' : changed;
      if (!touched.has(field)) setTouched(new Set([...touched, field]));
    }
  }

  // Warnings show for the fields someone has written in, and for all of them once they try to send.
  const shownCheck: MessageCheck | null =
    check && !hasTriedToSend
      ? { ...check, warnings: check.warnings.filter((warning) => touched.has(warning.field)) }
      : check;
  const warningCount = shownCheck?.warnings.length ?? 0;

  const form = useFormSubmit(
    fields,
    async (values) => {
      setHasTriedToSend(true);
      const text = (name: string) => readText(values, name);
      const problems: FieldError[] = [];
      const urgency = text('urgency') as RequestUrgency | null;
      const askType = hasAskType(template) ? (text('askType') as AskType | null) : null;
      const partnerContactId = text('partnerContactId');
      const subject = text('subject');
      const deadline = template === 'update' ? { deadline: null } : readDeadline(values);
      if (template === 'request' && !askType) {
        problems.push({ field: 'askType', message: 'Choose what you are asking the partner for' });
      }
      if (!urgency) problems.push({ field: 'urgency', message: 'Choose how urgent it is' });
      if (!organisationId) {
        problems.push({ field: 'partnerOrganisationId', message: 'Choose the partner organisation' });
      }
      if (!partnerContactId)
        problems.push({ field: 'partnerContactId', message: 'Choose who the message is for' });
      if (!subject) problems.push({ field: 'subject', message: 'Enter a subject' });
      if ('problem' in deadline) problems.push({ field: 'deadline', message: deadline.problem });
      if (problems.length > 0 || !urgency || !partnerContactId || !subject || 'problem' in deadline) {
        setRefusal(null);
        return problems;
      }

      const categories = personId ? readChoices<InformationCategory>(values, 'categories') : [];
      const message: NewMessage = {
        template,
        askType,
        urgency,
        partnerOrganisationId: organisationId,
        partnerContactId,
        nextContactId: text('nextContactId'),
        seniorContactId: text('seniorContactId'),
        personId: personId || null,
        purpose: personId ? (text('purpose') as SharingPurpose | null) : null,
        categories,
        subject,
        summary: text('summary') ?? '',
        impact: text('impact'),
        mitigations: text('mitigations'),
        ask: asks(template) ? text('ask') : null,
        body: text('body'),
        deadline: deadline.deadline,
      };
      const sent = await sendMessage(message);
      navigate(messagePath(sent.id), {
        state: {
          notice:
            sent.emailState === 'queued'
              ? `Your message has been sent to ${sent.partnerContactName} at ${sent.partnerOrganisationName}.`
              : `Your message to ${sent.partnerContactName} at ${sent.partnerOrganisationName} is recorded.`,
          partnerLink: { url: sent.partnerLink, id: sent.partnerLinkId, emailState: sent.emailState },
        },
      });
    },
    {
      explainFailure(error) {
        const refused = gateRefusalFrom(error);
        setRefusal(refused);
        return refused
          ? summaryOnly('The message was not sent: the sharing gate refused it', '#refusal')
          : undefined;
      },
    },
  );

  const person = people.find((each) => each.id === personId);
  const required = requiredParts[template];
  const optional = (part: Part, label: string) => (required.includes(part) ? label : `${label} (optional)`);

  return (
    <FormPage
      back={<BackLink to="/messages">Back to partner messages</BackLink>}
      title="Send a message"
      form={form}
    >
      <p>
        The partner is emailed a secure link to read the message and reply. The email contains the subject,
        who it is from, when a reply is needed and the link. The rest of the message is not in the email: the
        partner reads it through the link. Reminders repeat the subject.
      </p>
      {refusal ? <GateRefusal refusal={refusal} person={person} /> : null}
      <Form form={form} ref={formElement} onChange={(event) => redraft(nameOf(event.target))}>
        <h2>What kind of message</h2>
        <Radios
          name="template"
          legend="What are you sending?"
          items={codeChoices(templates, templateLabels, templateHints)}
          defaultValues={[template]}
          onChange={(value) => setTemplate(value as MessageTemplate)}
        />
        {hasAskType(template) ? (
          <Radios
            name="askType"
            legend={
              template === 'request' ? 'What are you asking for?' : 'What are you asking for? (optional)'
            }
            items={codeChoices(askTypes, askTypeLabels)}
          />
        ) : null}
        <UrgencyRadios hint="Urgent messages are chased sooner, and out of hours through the partner’s duty lines." />

        <h2>Who it goes to</h2>
        {person && circle.status === 'loaded' && circle.data.items.length > 0 ? (
          <div className="nhsuk-inset-text">
            <span className="nhsuk-u-visually-hidden">Suggestions: </span>
            <p>From {personName(person)}’s circle of support:</p>
            <ul className="nhsuk-list">
              {circle.data.items.map((member) => (
                <li key={member.id}>
                  <button
                    type="button"
                    className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-1"
                    onClick={() => {
                      setOrganisationId(member.partnerContact.partnerOrganisationId);
                      setChosenContactId(member.partnerContact.id);
                    }}
                  >
                    Send to {member.partnerContact.name}
                  </button>{' '}
                  {partnerTypeLabels[member.role]}, {member.partnerContact.partnerOrganisationName}
                  {member.isPrimary ? ' (main contact)' : ''}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <div
          className={
            form.errors.byField.get('partnerOrganisationId')
              ? 'nhsuk-form-group nhsuk-form-group--error'
              : 'nhsuk-form-group'
          }
        >
          <label className="nhsuk-label" htmlFor={fields.partnerOrganisationId}>
            Partner organisation
          </label>
          <ErrorMessage
            id={fields.partnerOrganisationId}
            error={form.errors.byField.get('partnerOrganisationId')}
          />
          <select
            className="nhsuk-select"
            id={fields.partnerOrganisationId}
            name="partnerOrganisationId"
            value={organisationId}
            onChange={(event) => {
              setOrganisationId(event.currentTarget.value);
              setChosenContactId('');
            }}
            aria-describedby={
              form.errors.byField.get('partnerOrganisationId') ? 'partnerOrganisationId-error' : undefined
            }
          >
            <option value="">Choose an organisation</option>
            {organisations.map((organisation) => (
              <option key={organisation.id} value={organisation.id}>
                {organisation.name}
              </option>
            ))}
          </select>
        </div>
        <SelectField
          // Drawn again once the chosen contact is among the options, so that it is selected.
          key={`contact ${organisationId} ${contacts.status} ${chosenContactId} ${contactOptions.some((option) => option.value === chosenContactId)}`}
          name="partnerContactId"
          defaultValue={chosenContactId}
          label="Who is it for?"
          hint={
            organisationId
              ? 'They are emailed the link. Someone with no email address in the register cannot be sent a link: phone them and log the call instead.'
              : 'Choose the organisation first.'
          }
          options={[{ value: '', label: 'Choose a person' }, ...contactOptions]}
        />
        <details
          className="nhsuk-details"
          open={Boolean(
            form.errors.byField.get('nextContactId') ?? form.errors.byField.get('seniorContactId'),
          )}
        >
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">Who to chase if they do not reply (optional)</span>
          </summary>
          <div className="nhsuk-details__text">
            <SelectField
              key={`next ${organisationId} ${contacts.status}`}
              name="nextContactId"
              label="Next contact"
              hint="A colleague Liaison writes to if the escalation route reaches the next contact."
              options={[{ value: '', label: 'Nobody named' }, ...contactOptions]}
            />
            <SelectField
              key={`senior ${organisationId} ${contacts.status}`}
              name="seniorContactId"
              label="Senior contact"
              hint="Someone senior Liaison writes to if the route reaches the senior contact."
              options={[{ value: '', label: 'Nobody named' }, ...contactOptions]}
            />
          </div>
        </details>

        <h2>Who it is about</h2>
        <div
          className={
            form.errors.byField.get('personId')
              ? 'nhsuk-form-group nhsuk-form-group--error'
              : 'nhsuk-form-group'
          }
        >
          <label className="nhsuk-label" htmlFor={fields.personId}>
            The person it is about (optional)
          </label>
          <div className="nhsuk-hint" id="personId-hint">
            A message about a person is sent only if their consent, or a decision made for them, allows it.
          </div>
          <ErrorMessage id={fields.personId} error={form.errors.byField.get('personId')} />
          <select
            className="nhsuk-select"
            id={fields.personId}
            name="personId"
            value={personId}
            onChange={(event) => setPersonId(event.currentTarget.value)}
            aria-describedby={['personId-hint', form.errors.byField.get('personId') ? 'personId-error' : null]
              .filter(Boolean)
              .join(' ')}
          >
            <option value="">Nobody: it is not about one person</option>
            {people.map((each) => (
              <option key={each.id} value={each.id}>
                {personName(each)}
              </option>
            ))}
          </select>
        </div>
        {person ? (
          <>
            <Radios
              name="purpose"
              legend={`Why are you sharing information about ${personName(person)}?`}
              items={codeChoices(purposes, purposeLabels, purposeHints)}
            />
            <CategoryCheckboxes
              legend="What kinds of information does the message contain?"
              hint="Identity is always included: the partner is told who the message is about. Share only what they need."
              defaultValues={['identity']}
            />
          </>
        ) : null}

        <h2>The message</h2>
        <TextField
          name="subject"
          label="Subject"
          hint="A short title. It goes word for word into the email and every reminder, which are not secure: no names, dates of birth or NHS numbers."
        />
        <FieldWarnings id="subject-check" field="subject" check={shownCheck} />
        <ProseField
          field="summary"
          label="Summary"
          hint="What has happened, and when."
          check={shownCheck}
          error={form.errors.byField.get('summary')}
        />
        <ProseField
          field="impact"
          label={optional('impact', 'Impact')}
          hint="How people or services are affected."
          check={shownCheck}
          error={form.errors.byField.get('impact')}
        />
        <ProseField
          field="mitigations"
          label={optional('mitigations', 'What is already in place')}
          hint="What you have done to reduce the risk."
          check={shownCheck}
          error={form.errors.byField.get('mitigations')}
        />
        {asks(template) ? (
          <ProseField
            field="ask"
            label={optional('ask', 'What you are asking them to do')}
            hint="Ask directly, with a time, like “Please advise by 4pm tomorrow whether …”."
            check={shownCheck}
            error={form.errors.byField.get('ask')}
          />
        ) : null}
        {template !== 'update' ? (
          <fieldset
            className="nhsuk-fieldset"
            aria-describedby={warningCount > 0 ? 'deadline-check' : undefined}
          >
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
              {optional('deadline', 'When do you need a response?')}
            </legend>
            <DateInput name="deadline" legend="Date" hint={`For example, ${exampleDate()}. UK time.`} />
            <TextField
              id="deadline-time"
              name="deadline-time"
              label="Time"
              hint="For example, 4pm or 16:00."
              widthClass="nhsuk-input--width-5"
            />
            <FieldWarnings id="deadline-check" field="deadline" check={shownCheck} />
          </fieldset>
        ) : null}
        <ProseField
          field="body"
          label="Anything else (optional)"
          check={shownCheck}
          error={form.errors.byField.get('body')}
        />
        <p className="nhsuk-u-visually-hidden" role="status">
          {warningCount === 0
            ? ''
            : `${warningCount} ${warningCount === 1 ? 'thing' : 'things'} to check in the message`}
        </p>
        <SubmitButton>Send message</SubmitButton>
      </Form>
    </FormPage>
  );
}

function nameOf(target: EventTarget): string | undefined {
  const isField =
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement;
  return isField ? target.name : undefined;
}

function exampleDate(): string {
  const tomorrow = new Date(Date.now() + 86_400_000);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
  }).formatToParts(tomorrow);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('day')} ${get('month')} ${get('year')}`;
}

/** A text area with the message check's warnings about it underneath. */
function ProseField({
  field,
  label,
  hint,
  check,
  error,
}: {
  field: Exclude<CheckedField, 'deadline'>;
  label: string;
  hint?: ReactNode;
  check: MessageCheck | null;
  error: string | undefined;
}) {
  const id = fields[field];
  const hasWarnings = Boolean(check?.warnings.some((warning) => warning.field === field));
  const describedBy = [
    hint ? `${id}-hint` : null,
    error ? `${id}-error` : null,
    hasWarnings ? `${id}-check` : null,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <LabelledField id={id} label={label} hint={hint} error={error}>
      <textarea
        className={error ? 'nhsuk-textarea nhsuk-textarea--error' : 'nhsuk-textarea'}
        id={id}
        name={field}
        rows={field === 'body' ? 5 : 3}
        aria-describedby={describedBy || undefined}
      />
      <FieldWarnings id={`${id}-check`} field={field} check={check} />
    </LabelledField>
  );
}

function GateRefusal({
  refusal,
  person,
}: {
  refusal: { detail: string; reasons: ShareRefusalReason[] };
  person: Person | undefined;
}) {
  return (
    <div className="nhsuk-card nhsuk-card--care nhsuk-card--care--urgent" id="refusal" tabIndex={-1}>
      <div className="nhsuk-card__heading-container">
        <h2 className="nhsuk-card__heading">
          <span className="nhsuk-u-visually-hidden">Refused: </span>
          The message was not sent
        </h2>
        <span className="nhsuk-card--care__arrow" aria-hidden="true" />
      </div>
      <div className="nhsuk-card__content">
        <p>
          Nothing about {person ? personName(person) : 'the person'} may go to this partner for this purpose.
        </p>
        <h3 className="nhsuk-heading-s">Why</h3>
        <ul className="nhsuk-list nhsuk-list--bullet">
          {refusal.reasons.map((reason) => (
            <li key={`${reason.code} ${reason.recordId ?? ''}`}>{reason.message}</li>
          ))}
        </ul>
        <p>
          Send it without the person’s details, or check their consent first.
          {person ? (
            <>
              {' '}
              <Link to={`/people/${person.id}/sharing`}>
                See {personName(person)}’s consent and sharing records
              </Link>
            </>
          ) : null}
        </p>
      </div>
    </div>
  );
}
