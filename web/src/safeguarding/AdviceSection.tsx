import { useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  type Concern,
  type ConsentToReferral,
  checkShare,
  type FieldError,
  getReferralDraft,
  getSafeguardingSettings,
  type InformationCategory,
  type LocalAuthorityDecision,
  type OtherRoute,
  type PartnerContact,
  type ReceivedHow,
  type ReferralDraft,
  type RequestUrgency,
  recordLocalAuthorityDecision,
  recordThresholdAdvice,
  requestThresholdAdvice,
  type SafeguardingMessageSent,
  type ShareDecision,
  sendReferral,
} from '../api.ts';
import { useSession } from '../auth/session.tsx';
import {
  contactHows,
  statusLabels as messageStatusLabels,
  receivedHowLabels,
} from '../messages/message-labels.ts';
import { messagePath, UrgencyRadios } from '../messages/message-parts.tsx';
import { formatNhsNumber, representativeKindLabels } from '../people/person-labels.ts';
import { hasRole } from '../roles.ts';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import { type GateRefusal, gateRefusalFrom, summaryOnly } from '../ui/form-errors.ts';
import {
  codeChoices,
  Radios,
  readChoices,
  readText,
  SelectField,
  TextArea,
  TextField,
} from '../ui/form-fields.tsx';
import { formatDate, formatDateTime } from '../ui/format.ts';
import { daysAfter, londonToIso, todayInLondon } from '../ui/london-time.ts';
import { MomentFields, readMoment } from '../ui/moment-fields.tsx';
import { Loaded, Moment, MultiLine } from '../ui/page-parts.tsx';
import { SummaryList } from '../ui/SummaryList.tsx';
import { CategoryCheckboxes } from '../ui/sharing-fields.tsx';
import { Cell, Row, Table } from '../ui/Table.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { concernManagers } from './access.ts';
import { ClosedNotice, ConcernFormSection, concernPath, useConcern } from './concern-parts.tsx';
import {
  ContactSelect,
  describeContact,
  GateAnswer,
  GateRefusalCallout,
  listAllPartnerContacts,
} from './partner-choice.tsx';
import {
  advocacyLabels,
  consentLabels,
  consentToReferral,
  decisionLabels,
  decisions,
  otherRouteLabels,
  otherRoutes,
} from './safeguarding-labels.ts';

const purposeWords = { threshold_advice: 'Threshold advice', s42_referral: 'Section 42 referral' } as const;

/** The notice the message's page shows after a send, truthful about whether anything was emailed. */
function sentNotice(what: string, sent: SafeguardingMessageSent, after = ''): string {
  return sent.emailState === 'queued'
    ? `${what} sent to ${sent.partnerContactName}. A secure link to read it and reply is waiting to be emailed to them.${after}`
    : `${what} recorded for ${sent.partnerContactName}, but not emailed: no mail server is set up. Give them the secure link below another way, and record that you did.${after}`;
}

function toMessagePage(
  navigate: ReturnType<typeof useNavigate>,
  sent: SafeguardingMessageSent,
  notice: string,
) {
  navigate(messagePath(sent.messageId), {
    state: {
      notice,
      partnerLink: { url: sent.partnerLink, id: sent.partnerLinkId, emailState: sent.emailState },
    },
  });
}

// ---- the overview ----

export function AdviceSection() {
  const { concern } = useConcern();
  const session = useSession();
  const canManage = hasRole(session.user.role, concernManagers) && concern.status !== 'closed';
  usePageTitle(`Advice, referral and decision: concern about ${concern.personName}`);
  const decision = concern.localAuthorityDecision;
  return (
    <>
      <h2>Advice, referral and decision</h2>
      {canManage ? (
        <ul className="nhsuk-list">
          <li>
            <Link to={concernPath(concern.id, 'advice/request')}>Seek threshold advice</Link>
          </li>
          <li>
            <Link to={concernPath(concern.id, 'advice/record')}>Record threshold advice</Link>
          </li>
          {concern.status !== 'referred' && concern.status !== 'enquiry' ? (
            <li>
              <Link to={concernPath(concern.id, 'advice/referral')}>Make a section 42 referral</Link>
            </li>
          ) : null}
          {concern.status === 'referred' ? (
            <li>
              <Link to={concernPath(concern.id, 'advice/decision')}>
                Record the local authority’s decision
              </Link>
            </li>
          ) : null}
          <li>
            <Link to={concernPath(concern.id, 'advice/advocacy')}>Record advocacy</Link>
          </li>
        </ul>
      ) : null}

      {concern.messages.length === 0 ? (
        <>
          <h3>Advice requests and referrals</h3>
          <p>No advice has been sought and no referral sent from Liaison yet.</p>
        </>
      ) : (
        <Table
          caption="Advice requests and referrals"
          headings={['Message', 'To', 'Where it is', 'Answer due']}
        >
          {concern.messages.map((message) => (
            <Row key={message.messageId}>
              <Cell heading="Message">
                <Link to={messagePath(message.messageId)}>{purposeWords[message.purpose]}</Link>
                <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">
                  {message.subject}
                </span>
              </Cell>
              <Cell heading="To">{message.partnerName}</Cell>
              <Cell heading="Where it is">
                {messageStatusLabels[message.status as keyof typeof messageStatusLabels] ?? message.status}
              </Cell>
              <Cell heading="Answer due">
                {message.deadline ? <Moment iso={message.deadline} /> : 'No deadline'}
              </Cell>
            </Row>
          ))}
        </Table>
      )}

      <h3>Threshold advice recorded</h3>
      {concern.advice.length === 0 ? (
        <p>None recorded yet.</p>
      ) : (
        concern.advice.map((advice) => (
          <div className="nhsuk-card" key={advice.id}>
            <div className="nhsuk-card__content">
              <h4 className="nhsuk-card__heading nhsuk-heading-s">
                {advice.adviserName}
                {advice.adviserRole ? `, ${advice.adviserRole}` : ''}
              </h4>
              <SummaryList
                rows={[
                  { key: 'Given (UK time)', value: <Moment iso={advice.givenAt} /> },
                  { key: 'Local guidance applied', value: advice.guidanceApplied },
                  { key: 'Advice', value: <MultiLine text={advice.advice} /> },
                  { key: 'How it was applied', value: <MultiLine text={advice.howApplied} /> },
                ]}
              />
            </div>
          </div>
        ))
      )}
      {concern.notReferredReason ? (
        <>
          <h3>Not referred</h3>
          <p>{concern.notReferredReason}</p>
        </>
      ) : null}

      <h3>The local authority’s decision</h3>
      {decision ? (
        <SummaryList
          rows={[
            { key: 'Decision', value: decisionLabels[decision.decision] },
            { key: 'Their reason', value: <MultiLine text={decision.reason} /> },
            {
              key: 'Other route',
              value: decision.otherRoute ? otherRouteLabels[decision.otherRoute] : 'None',
            },
            { key: 'Their feedback', value: <MultiLine text={decision.feedback} /> },
            { key: 'Decided (UK time)', value: <Moment iso={decision.decidedAt} /> },
          ]}
        />
      ) : concern.decisionDueAt && concern.status === 'referred' ? (
        <p>
          {concern.overdueForDecision ? (
            <strong className="nhsuk-tag nhsuk-tag--red nhsuk-u-margin-right-2">Overdue</strong>
          ) : null}
          Due by <Moment iso={concern.decisionDueAt} />. The referral is chased along its escalation route if
          it does not come.
        </p>
      ) : (
        <p>Not referred, so no decision is awaited.</p>
      )}

      <h3>Advocacy</h3>
      <p>
        {advocacyLabels[concern.advocacy.status]}
        {concern.advocacy.advocateName ? `: ${concern.advocacy.advocateName}` : ''}.
      </p>
    </>
  );
}

// ---- seeking threshold advice ----

const adviceRequestFields = {
  recipient: 'recipient',
  partnerContactId: 'partnerContactId',
  urgency: 'urgency',
  subject: 'subject',
  summary: 'summary',
  impact: 'impact',
  mitigations: 'mitigations',
  question: 'question',
  deadline: 'deadline',
  categories: 'categories',
};

export function RequestAdviceSection() {
  const { concern } = useConcern();
  const [loaded, reload] = useResource('advice request lists', async () => {
    const [settings, contacts] = await Promise.all([getSafeguardingSettings(), listAllPartnerContacts()]);
    return {
      link: contacts.find((contact) => contact.id === settings.safeguardingLinkContactId) ?? null,
      contacts,
    };
  });
  if (concern.status === 'closed') return <ClosedNotice title="Seek threshold advice" />;
  return (
    <Loaded resource={loaded} reload={reload} loading="Loading the partner register">
      {(data) => <RequestAdviceForm concern={concern} {...data} />}
    </Loaded>
  );
}

/** Tomorrow at 5pm, UK time: a first deadline for advice. */
function tomorrowAtFive(now: Date): Date {
  return new Date(londonToIso(daysAfter(todayInLondon(now), 1), '17:00'));
}

function RequestAdviceForm({
  concern,
  link,
  contacts,
}: {
  concern: Concern;
  link: PartnerContact | null;
  contacts: PartnerContact[];
}) {
  const navigate = useNavigate();
  const [refusal, setRefusal] = useState<GateRefusal | null>(null);
  const [deadline] = useState(() => tomorrowAtFive(new Date()));
  const form = useFormSubmit(
    adviceRequestFields,
    async (values) => {
      setRefusal(null);
      const text = (name: string) => readText(values, name);
      const problems: FieldError[] = [];
      const recipient = link ? text('recipient') : 'other';
      const contactId = recipient === 'other' ? text('partnerContactId') : null;
      const contact = contacts.find((each) => each.id === contactId);
      const urgency = text('urgency') as RequestUrgency | null;
      const when = readMoment(values, 'deadline', 'The deadline');
      const chosen = readChoices<InformationCategory>(values, 'categories');
      const required = {
        subject: 'Enter a subject without personal details',
        summary: 'Enter what has happened',
        impact: 'Enter the risk to the person and others',
        mitigations: 'Enter the safeguards already in place',
        question: 'Enter the advice you need',
      } as const;
      if (!recipient) problems.push({ field: 'recipient', message: 'Choose who to ask' });
      if (recipient === 'other' && !contact)
        problems.push({ field: 'partnerContactId', message: 'Choose who to ask' });
      if (!urgency) problems.push({ field: 'urgency', message: 'Choose how urgent it is' });
      for (const [field, message] of Object.entries(required))
        if (!text(field)) problems.push({ field, message });
      if ('problem' in when) problems.push({ field: 'deadline', message: when.problem });
      if (chosen.length === 0)
        problems.push({ field: 'categories', message: 'Choose the kinds of information it shares' });
      if (problems.length > 0 || !urgency || 'problem' in when) return problems;
      const sent = await requestThresholdAdvice(concern.id, {
        ...(contact
          ? { partnerOrganisationId: contact.partnerOrganisationId, partnerContactId: contact.id }
          : {}),
        urgency,
        subject: text('subject') ?? '',
        summary: text('summary') ?? '',
        impact: text('impact') ?? '',
        mitigations: text('mitigations') ?? '',
        question: text('question') ?? '',
        deadline: when.moment,
        categories: chosen,
      });
      toMessagePage(
        navigate,
        sent,
        sentNotice('Threshold advice request', sent, ' When the advice comes, record it on the concern.'),
      );
    },
    {
      explainFailure(error) {
        const refused = gateRefusalFrom(error);
        setRefusal(refused);
        return refused ? summaryOnly('Not sent: the sharing gate refused it', '#gate-refusal') : undefined;
      },
    },
  );
  const contactSelect = (
    <ContactSelect
      name="partnerContactId"
      label="Who do you want to ask?"
      hint="From the partner register."
      contacts={contacts}
    />
  );
  return (
    <ConcernFormSection
      summary={concern}
      title="Seek threshold advice"
      form={form}
      back={{ section: 'advice', label: 'Back to advice, referral and decision' }}
    >
      <p>
        Ask whether the concern meets the threshold for a section 42 enquiry, and what more would help decide.
        It goes as a safeguarding message with a deadline, is chased if no answer comes, and passes the
        sharing checks first.
      </p>
      {refusal ? <GateRefusalCallout refusal={refusal} what="the request" /> : null}
      <Form form={form}>
        {link ? (
          <Radios
            name="recipient"
            legend="Who do you want to ask?"
            items={[
              { value: 'link', label: `Your named safeguarding link: ${describeContact(link)}` },
              { value: 'other', label: 'Someone else in the partner register' },
            ]}
            defaultValues={['link']}
            conditional={{ other: contactSelect }}
          />
        ) : (
          <>
            <p className="nhsuk-body-s">
              No named safeguarding link is set: the registered manager names one in the safeguarding
              settings.
            </p>
            {contactSelect}
          </>
        )}
        <UrgencyRadios defaultUrgency={concern.level === 'high' ? 'urgent' : 'routine'} inline />
        <TextField
          name="subject"
          label="Subject"
          hint="No names or personal details: it goes in the email."
          defaultValue={`Threshold advice: ${concern.categoryLabel.toLowerCase()}`}
        />
        <TextArea
          name="summary"
          label="What has happened"
          hint="When it happened, and only what they need to give advice. The person’s identity goes with it."
          defaultValue={`On ${formatDateTime(concern.occurredAt)}: ${concern.whatHappened}`}
          rows={5}
        />
        <TextArea name="impact" label="The risk to the person and others" rows={3} />
        <TextArea
          name="mitigations"
          label="Safeguards already in place"
          defaultValue={concern.immediateActions}
          rows={3}
        />
        <TextArea
          name="question"
          label="What advice do you need?"
          defaultValue="Is the threshold for a section 42 enquiry met, and what more would help decide?"
          rows={3}
        />
        <MomentFields name="deadline" legend="When do you need the advice by?" initial={deadline} />
        <CategoryCheckboxes
          legend="What kinds of information does it share?"
          hint="Who the person is always goes with it. Choose only what the adviser needs."
          defaultValues={['identity', 'safeguarding', 'risk']}
        />
        <SubmitButton>Send the request</SubmitButton>
      </Form>
    </ConcernFormSection>
  );
}

// ---- recording threshold advice ----

const adviceFields = {
  messageId: 'messageId',
  adviserName: 'adviserName',
  adviserRole: 'adviserRole',
  givenAt: 'givenAt',
  receivedHow: 'receivedHow',
  guidanceApplied: 'guidanceApplied',
  advice: 'advice',
  howApplied: 'howApplied',
};

export function RecordAdviceSection() {
  const { concern, reload } = useConcern();
  const navigate = useNavigate();
  const [now] = useState(() => new Date());
  const requests = concern.messages.filter((message) => message.purpose === 'threshold_advice');
  const form = useFormSubmit(adviceFields, async (values) => {
    const text = (name: string) => readText(values, name);
    const problems: FieldError[] = [];
    const given = readMoment(values, 'givenAt', 'The advice');
    const receivedHow = text('receivedHow') as Exclude<ReceivedHow, 'partner_link'> | null;
    const required = {
      adviserName: 'Enter who gave the advice',
      guidanceApplied: 'Enter which local threshold guidance they applied',
      advice: 'Enter what they advised',
      howApplied: 'Enter how the advice was applied',
    } as const;
    for (const [field, message] of Object.entries(required))
      if (!text(field)) problems.push({ field, message });
    if ('problem' in given) problems.push({ field: 'givenAt', message: given.problem });
    if (!receivedHow) problems.push({ field: 'receivedHow', message: 'Choose how the advice reached you' });
    if (problems.length > 0 || 'problem' in given || !receivedHow) return problems.sort(byPage(adviceFields));
    const messageId = text('messageId');
    await recordThresholdAdvice(concern.id, {
      messageId: messageId === 'none' ? null : messageId,
      adviserName: text('adviserName') ?? '',
      adviserRole: text('adviserRole'),
      guidanceApplied: text('guidanceApplied') ?? '',
      advice: text('advice') ?? '',
      howApplied: text('howApplied') ?? '',
      givenAt: given.moment,
      receivedHow,
    });
    reload();
    navigate(concernPath(concern.id, 'advice'), {
      state: {
        notice:
          messageId && messageId !== 'none'
            ? 'The advice is recorded, and the request it answers is no longer chased.'
            : 'The advice is recorded.',
      },
    });
  });
  if (concern.status === 'closed') return <ClosedNotice title="Record threshold advice" />;
  return (
    <ConcernFormSection
      summary={concern}
      title="Record threshold advice"
      form={form}
      back={{ section: 'advice', label: 'Back to advice, referral and decision' }}
    >
      <p>Record advice as it was given, whichever way it came: a call, an email, a meeting.</p>
      <Form form={form}>
        {requests.length > 0 ? (
          <Radios
            name="messageId"
            legend="Which request does it answer?"
            hint="Its chasing then stops."
            items={[
              ...requests.map((request) => ({
                value: request.messageId,
                label: `${request.subject}, to ${request.partnerName}`,
                ...(request.deadline ? { hint: `Answer due ${formatDateTime(request.deadline)}` } : {}),
              })),
              { value: 'none', label: 'None: it was not asked for through Liaison' },
            ]}
            defaultValues={[requests.at(-1)?.messageId ?? 'none']}
          />
        ) : null}
        <TextField name="adviserName" label="Who gave the advice?" />
        <TextField
          name="adviserRole"
          label="Their role (optional)"
          hint="For example, “MASH duty social worker”."
        />
        <MomentFields name="givenAt" legend="When was it given?" initial={now} />
        <Radios
          name="receivedHow"
          legend="How did it reach you?"
          items={codeChoices(contactHows, receivedHowLabels)}
          inline
        />
        <TextField
          name="guidanceApplied"
          label="Which local threshold guidance did they apply?"
          hint="For example, “Exampleton threshold guidance 2025, financial abuse section”."
        />
        <TextArea
          name="advice"
          label="What did they advise?"
          hint="In their words, as far as you can."
          rows={5}
        />
        <TextArea name="howApplied" label="How was the advice applied?" rows={3} />
        <SubmitButton>Record the advice</SubmitButton>
      </Form>
    </ConcernFormSection>
  );
}

/** Problems in the order their fields appear. */
function byPage(fields: Record<string, string>) {
  const order = Object.keys(fields);
  return (a: FieldError, b: FieldError) => order.indexOf(a.field) - order.indexOf(b.field);
}

// ---- the section 42 referral ----

const referralFields = {
  partnerContactId: 'partnerContactId',
  urgency: 'urgency',
  subject: 'subject',
  referral: 'referral',
  risk: 'risk',
  interimSafeguards: 'interimSafeguards',
  consentToReferral: 'consentToReferral',
  basisWithoutConsent: 'basisWithoutConsent',
  categories: 'categories',
};

export function ReferralSection() {
  const { concern } = useConcern();
  const [loaded, reload] = useResource(`referral draft ${concern.id}`, async () => {
    const [draft, settings, contacts] = await Promise.all([
      getReferralDraft(concern.id),
      getSafeguardingSettings(),
      listAllPartnerContacts(),
    ]);
    return { draft, linkContactId: settings.safeguardingLinkContactId, contacts };
  });
  if (concern.status === 'closed') return <ClosedNotice title="Make a section 42 referral" />;
  if (concern.status === 'referred' || concern.status === 'enquiry') {
    return (
      <>
        <h2>Make a section 42 referral</h2>
        <p>
          This concern has been referred already.{' '}
          <Link to={concernPath(concern.id, 'advice')}>See the referral and the decision</Link>.
        </p>
      </>
    );
  }
  return (
    <Loaded resource={loaded} reload={reload} loading="Filling in the referral from the records">
      {(data) => <ReferralForm concern={concern} {...data} />}
    </Loaded>
  );
}

function ReferralForm({
  concern,
  draft,
  linkContactId,
  contacts,
}: {
  concern: Concern;
  draft: ReferralDraft;
  linkContactId: string | null;
  contacts: PartnerContact[];
}) {
  const navigate = useNavigate();
  const formElement = useRef<HTMLFormElement>(null);
  const [refusal, setRefusal] = useState<GateRefusal | null>(null);
  const [gate, setGate] = useState<ShareDecision | null>(null);
  const [checkProblem, setCheckProblem] = useState<string | null>(null);

  function recipientAndCategories(values: FormData) {
    const contact = contacts.find((each) => each.id === readText(values, 'partnerContactId'));
    const chosen = readChoices<InformationCategory>(values, 'categories');
    return { contact, categories: [...new Set<InformationCategory>(['identity', ...chosen])] };
  }

  const form = useFormSubmit(
    referralFields,
    async (values) => {
      setRefusal(null);
      const text = (name: string) => readText(values, name);
      const { contact } = recipientAndCategories(values);
      const chosen = readChoices<InformationCategory>(values, 'categories');
      const urgency = text('urgency') as RequestUrgency | null;
      const consent = text('consentToReferral') as ConsentToReferral | null;
      const basisWithoutConsent = consent && consent !== 'given' ? text('basisWithoutConsent') : null;
      const problems: FieldError[] = [];
      if (!contact)
        problems.push({ field: 'partnerContactId', message: 'Choose who at the local authority it goes to' });
      if (!urgency) problems.push({ field: 'urgency', message: 'Choose how urgent it is' });
      if (!text('subject'))
        problems.push({ field: 'subject', message: 'Enter a subject without personal details' });
      if (!text('referral')) problems.push({ field: 'referral', message: 'Enter the referral' });
      if (!text('risk')) problems.push({ field: 'risk', message: 'Enter the risk to the person and others' });
      if (!text('interimSafeguards'))
        problems.push({ field: 'interimSafeguards', message: 'Enter what is in place while they decide' });
      if (!consent)
        problems.push({ field: 'consentToReferral', message: 'Say whether the person consented' });
      if (consent && consent !== 'given' && !basisWithoutConsent) {
        problems.push({
          field: 'basisWithoutConsent',
          message: 'Say on what basis you refer without consent',
        });
      }
      if (chosen.length === 0)
        problems.push({ field: 'categories', message: 'Choose the kinds of information it shares' });
      if (problems.length > 0 || !contact || !urgency || !consent) return problems;
      const sent = await sendReferral(concern.id, {
        partnerOrganisationId: contact.partnerOrganisationId,
        partnerContactId: contact.id,
        urgency,
        subject: text('subject') ?? '',
        referral: text('referral') ?? '',
        risk: text('risk') ?? '',
        interimSafeguards: text('interimSafeguards') ?? '',
        consentToReferral: consent,
        basisWithoutConsent,
        categories: chosen,
      });
      toMessagePage(
        navigate,
        sent,
        sentNotice(
          'Section 42 referral',
          sent,
          sent.deadline
            ? ` The local authority’s decision is due by ${formatDateTime(sent.deadline)}; it is chased if it does not come.`
            : '',
        ),
      );
    },
    {
      explainFailure(error) {
        const refused = gateRefusalFrom(error);
        setRefusal(refused);
        return refused ? summaryOnly('Not sent: the sharing gate refused it', '#gate-refusal') : undefined;
      },
    },
  );

  async function askTheGate() {
    setCheckProblem(null);
    setGate(null);
    if (!formElement.current) return;
    const { contact, categories } = recipientAndCategories(new FormData(formElement.current));
    if (!contact) {
      setCheckProblem('Choose who at the local authority it goes to, then check.');
      return;
    }
    await form.perform(async () => {
      setGate(
        await checkShare(concern.personId, {
          partnerOrganisationId: contact.partnerOrganisationId,
          partnerContactId: contact.id,
          purpose: 'safeguarding',
          categories,
        }),
      );
      return undefined;
    });
  }

  const { person } = draft;
  return (
    <ConcernFormSection
      summary={concern}
      title="Make a section 42 referral"
      form={form}
      back={{ section: 'advice', label: 'Back to advice, referral and decision' }}
    >
      <p>
        Liaison has filled this in from the records. Check every part, change what is wrong, then send it. It
        goes to the local authority as a safeguarding message through the sharing checks. If sent now, their
        decision is due by <Moment iso={draft.decisionDueAt} />, and it is chased if it does not come.
      </p>
      <h3>From the records</h3>
      <SummaryList
        rows={[
          { key: 'Name', value: person.name },
          {
            key: 'Date of birth',
            value: person.dateOfBirth ? formatDate(person.dateOfBirth) : 'Not recorded',
          },
          { key: 'NHS number', value: person.nhsNumber ? formatNhsNumber(person.nhsNumber) : 'Not recorded' },
          { key: 'Address', value: person.address ?? 'Not recorded' },
          { key: 'GP', value: draft.gp ? `${draft.gp.name}, ${draft.gp.organisation}` : 'Not recorded' },
          {
            key: 'Capacity for relevant decisions',
            value:
              draft.capacity.length === 0
                ? 'No assessment recorded'
                : draft.capacity
                    .map(
                      (each) =>
                        `${each.decision}: ${each.outcome === 'lacks_capacity' ? 'lacks capacity' : 'has capacity'} (${formatDate(each.assessedOn)})`,
                    )
                    .join('; '),
          },
          {
            key: 'Representatives',
            value:
              draft.representatives.length === 0
                ? 'None recorded'
                : draft.representatives
                    .map(
                      (each) =>
                        `${each.name} (${representativeKindLabels[each.kind as keyof typeof representativeKindLabels] ?? each.kind})`,
                    )
                    .join('; '),
          },
          {
            key: 'Advocacy',
            value: `${advocacyLabels[draft.advocacy.status]}${draft.advocacy.advocateName ? `: ${draft.advocacy.advocateName}` : ''}`,
          },
          {
            key: 'Others at risk',
            value: `${draft.othersAtRisk ?? 'None known'}${draft.childrenAtRisk ? '. A child may be at risk.' : ''}`,
          },
          {
            key: 'Chronology',
            value: `${draft.chronologySummary.length} ${draft.chronologySummary.length === 1 ? 'entry' : 'entries'}, in the referral below`,
          },
        ]}
      />
      {refusal ? <GateRefusalCallout refusal={refusal} what="the referral" /> : null}
      <Form form={form} ref={formElement} onChange={() => setGate(null)}>
        <ContactSelect
          name="partnerContactId"
          label="Who at the local authority does it go to?"
          hint="Usually the adult safeguarding hub (MASH)."
          contacts={contacts}
          defaultValue={linkContactId}
        />
        <UrgencyRadios defaultUrgency={concern.level === 'high' ? 'urgent' : 'routine'} inline />
        <TextField
          name="subject"
          label="Subject"
          hint="No names or personal details: it goes in the email."
          defaultValue="Section 42 safeguarding concern"
        />
        <TextArea
          name="referral"
          label="The referral"
          hint="Prefilled from the records: check it and correct anything that is wrong or not needed."
          defaultValue={draft.text}
          rows={18}
        />
        <TextArea name="risk" label="The risk to the person and others" rows={3} />
        <TextArea
          name="interimSafeguards"
          label="What is in place while the local authority decides"
          defaultValue={concern.immediateActions}
          rows={3}
        />
        <Radios
          name="consentToReferral"
          legend="Did the person consent to the referral?"
          items={codeChoices(consentToReferral, consentLabels)}
        />
        <TextArea
          name="basisWithoutConsent"
          label="If they did not consent: on what basis do you refer?"
          hint="For example, “others are at risk” or “asking could increase the risk from the household member”."
          rows={3}
        />
        <CategoryCheckboxes
          legend="What kinds of information does it share?"
          hint="Who the person is always goes with it."
          defaultValues={['identity', 'safeguarding', 'risk']}
        />
        <h3>What the sharing gate allows</h3>
        <p>Check before you send: nothing is shared by checking.</p>
        <button
          className="nhsuk-button nhsuk-button--secondary"
          type="button"
          onClick={() => void askTheGate()}
        >
          Check with the sharing gate
        </button>
        {checkProblem ? (
          <p className="nhsuk-error-message" role="alert">
            {checkProblem}
          </p>
        ) : null}
        <div role="status">{gate ? <GateAnswer decision={gate} /> : null}</div>
        <div>
          <SubmitButton>Send the referral</SubmitButton>
        </div>
      </Form>
    </ConcernFormSection>
  );
}

// ---- the local authority's decision ----

const decisionFields = {
  decision: 'decision',
  reason: 'reason',
  otherRoute: 'otherRoute',
  feedback: 'feedback',
  partnerName: 'partnerName',
  decidedAt: 'decidedAt',
  receivedHow: 'receivedHow',
};

export function DecisionSection() {
  const { concern, reload } = useConcern();
  const navigate = useNavigate();
  const [now] = useState(() => new Date());
  const form = useFormSubmit(decisionFields, async (values) => {
    const text = (name: string) => readText(values, name);
    const problems: FieldError[] = [];
    const decision = text('decision') as LocalAuthorityDecision | null;
    const decided = readMoment(values, 'decidedAt', 'The decision');
    const receivedHow = text('receivedHow') as Exclude<ReceivedHow, 'partner_link'> | null;
    if (!decision) problems.push({ field: 'decision', message: 'Choose what the local authority decided' });
    if (!text('reason')) problems.push({ field: 'reason', message: 'Enter the reason they gave' });
    if (!text('partnerName')) problems.push({ field: 'partnerName', message: 'Enter who gave the decision' });
    if ('problem' in decided) problems.push({ field: 'decidedAt', message: decided.problem });
    if (!receivedHow) problems.push({ field: 'receivedHow', message: 'Choose how the decision reached you' });
    if (problems.length > 0 || !decision || 'problem' in decided || !receivedHow) return problems;
    await recordLocalAuthorityDecision(concern.id, {
      decision,
      reason: text('reason') ?? '',
      otherRoute: (text('otherRoute') as OtherRoute | null) ?? null,
      feedback: text('feedback'),
      decidedAt: decided.moment,
      receivedHow,
      partnerName: text('partnerName') ?? '',
    });
    reload();
    navigate(concernPath(concern.id, 'advice'), {
      state: {
        notice:
          decision === 's42_duty_met'
            ? 'The decision is recorded: the local authority will make enquiries. The referral is no longer chased.'
            : 'The decision is recorded: the concern is managed under a plan. The referral is no longer chased.',
      },
    });
  });
  if (concern.status !== 'referred') {
    return (
      <>
        <h2>Record the local authority’s decision</h2>
        <p>
          A decision is recorded on a concern that has been referred.{' '}
          <Link to={concernPath(concern.id, 'advice')}>See advice, referral and decision</Link>.
        </p>
      </>
    );
  }
  return (
    <ConcernFormSection
      summary={concern}
      title="Record the local authority’s decision"
      form={form}
      back={{ section: 'advice', label: 'Back to advice, referral and decision' }}
    >
      <p>Record it in the local authority’s own terms. Recording it stops the referral being chased.</p>
      <Form form={form}>
        <Radios
          name="decision"
          legend="What did they decide?"
          items={codeChoices(decisions, decisionLabels)}
        />
        <TextArea name="reason" label="Their reason" rows={3} />
        <SelectField
          name="otherRoute"
          label="Another route they chose (optional)"
          options={[{ value: '', label: 'None' }, ...codeChoices(otherRoutes, otherRouteLabels)]}
        />
        <TextArea name="feedback" label="Their feedback (optional)" rows={3} />
        <TextField name="partnerName" label="Who gave the decision?" />
        <MomentFields name="decidedAt" legend="When did they decide?" initial={now} />
        <Radios
          name="receivedHow"
          legend="How did it reach you?"
          items={codeChoices(contactHows, receivedHowLabels)}
          inline
        />
        <SubmitButton>Record the decision</SubmitButton>
      </Form>
    </ConcernFormSection>
  );
}
