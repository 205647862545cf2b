import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  checkShare,
  type FieldError,
  getPerson,
  type InformationCategory,
  type Person,
  recordShare,
  type ShareDecision,
  type ShareQuestion,
  type ShareRefusalReason,
  type SharingPurpose,
} from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { personName } from '../people/person-labels.ts';
import { hasRole } from '../roles.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import { type GateRefusal, gateRefusalFrom, noFormErrors } from '../ui/form-errors.ts';
import { codeChoices, ErrorMessage, Radios, readChoices, readText, TextArea } from '../ui/form-fields.tsx';
import { NotificationBanner } from '../ui/NotificationBanner.tsx';
import { BackLink, Lines, Loaded } from '../ui/page-parts.tsx';
import { SummaryList, type SummaryRow } from '../ui/SummaryList.tsx';
import { CategoryCheckboxes } from '../ui/sharing-fields.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { sharingWriters } from './access.ts';
import { contactHint, loadPartnerLists, type PartnerLists } from './recipients.tsx';
import {
  basisLabels,
  describeLawfulBasis,
  listCategories,
  purposeHints,
  purposeLabels,
  purposes,
} from './sharing-labels.ts';
import { sharingPath } from './sharing-parts.tsx';

// API field name → input id, in the order the fields appear.
const fields = {
  partnerContactId: 'recipient',
  partnerOrganisationId: 'recipient',
  purpose: 'purpose',
  categories: 'categories',
};
const recordFields = { description: 'description' };

type Answer = { question: ShareQuestion; decision: ShareDecision };

/** Asks the sharing gate before sharing, then records the share once it is made. */
export function CanIShareThisPage() {
  const { personId = '' } = useParams();
  const [loaded, reload] = useResource(`can I share ${personId}`, async () => {
    const [person, lists] = await Promise.all([getPerson(personId), loadPartnerLists(personId)]);
    return { person, lists };
  });
  return (
    <Loaded resource={loaded} reload={reload}>
      {(data) => <CanIShareThis {...data} />}
    </Loaded>
  );
}

function CanIShareThis({ person, lists }: { person: Person; lists: PartnerLists }) {
  const session = useSession();
  const [answer, setAnswer] = useState<Answer | null>(null);
  // Each answer is shown afresh (and takes focus), even for the same question asked again.
  const [checks, setChecks] = useState(0);
  const name = personName(person);
  const canRecord = hasRole(session.user.role, sharingWriters);

  const form = useFormSubmit(fields, async (values) => {
    setAnswer(null);
    const [recipientKind, recipientId = ''] = String(values.get('recipient') ?? '').split(':');
    const partnerOrganisationId = recipientKind === 'organisation' ? recipientId : '';
    const partnerContactId = recipientKind === 'contact' ? recipientId : '';
    const purpose = String(values.get('purpose') ?? '') as SharingPurpose | '';
    const chosenCategories = readChoices<InformationCategory>(values, 'categories');

    const problems: FieldError[] = [];
    if (!recipientId) {
      problems.push({ field: 'partnerContactId', message: 'Choose who the information would go to' });
    }
    if (!purpose) problems.push({ field: 'purpose', message: 'Choose what it is for' });
    if (chosenCategories.length === 0) {
      problems.push({ field: 'categories', message: 'Choose the kinds of information you would share' });
    }
    if (problems.length > 0 || !purpose) return problems;

    const question: ShareQuestion = {
      ...(partnerOrganisationId ? { partnerOrganisationId } : {}),
      ...(partnerContactId ? { partnerContactId } : {}),
      purpose,
      categories: chosenCategories,
    };
    const decision = await checkShare(person.id, question);
    setAnswer({ question, decision });
    setChecks((count) => count + 1);
  });
  usePageTitle(`Can I share information about ${name}?`, form.hasErrors);

  return (
    <>
      <BackLink to={sharingPath(person.id)}>Back to {name}’s consent and sharing</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary items={form.errors.items} />
          <h1>
            <span className="nhsuk-caption-l">{name}</span>
            Can I share this?
          </h1>
          <p>
            Check before you share information about {name} with a partner, by any means: a phone call, an
            email, a meeting. Liaison checks their consent and the decisions made for them. Nothing is shared
            by asking.
          </p>
          {/* A changed question makes the answer on the page out of date, so it is cleared. */}
          <Form form={form} onChange={() => setAnswer(null)}>
            <RecipientSelect
              lists={lists}
              error={
                form.errors.byField.get('partnerContactId') ??
                form.errors.byField.get('partnerOrganisationId')
              }
            />
            <Radios
              name="purpose"
              legend="What is it for?"
              legendSize="m"
              items={codeChoices(purposes, purposeLabels, purposeHints)}
            />
            <CategoryCheckboxes
              legend="What kinds of information would you share?"
              hint="Select everything the information includes. Share only what they need."
            />
            <SubmitButton>Check</SubmitButton>
          </Form>
          {answer ? <TheAnswer key={checks} person={person} answer={answer} canRecord={canRecord} /> : null}
        </div>
      </div>
    </>
  );
}

/**
 * One select for the recipient: the people in the person's circle of support first, then the
 * organisations, then everyone else in the register. Values are `contact:<id>` or
 * `organisation:<id>`.
 */
function RecipientSelect({ lists, error }: { lists: PartnerLists; error: string | undefined }) {
  const id = fields.partnerContactId;
  const circle = lists.contacts.filter((entry) => entry.circleRole !== null);
  const others = lists.contacts.filter((entry) => entry.circleRole === null);
  const contactOption = (entry: PartnerLists['contacts'][number]) => (
    <option key={entry.contact.id} value={`contact:${entry.contact.id}`}>
      {entry.contact.name} ({contactHint(entry)})
    </option>
  );
  const describedBy = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={error ? 'nhsuk-form-group nhsuk-form-group--error' : 'nhsuk-form-group'}>
      <label className="nhsuk-label nhsuk-label--m" htmlFor={id}>
        Who would the information go to?
      </label>
      <div className="nhsuk-hint" id={`${id}-hint`}>
        A named person, or an organisation as a whole. People in their circle of support are listed first.
      </div>
      <ErrorMessage id={id} error={error} />
      <select
        className={error ? 'nhsuk-select nhsuk-select--error' : 'nhsuk-select'}
        id={id}
        name="recipient"
        defaultValue=""
        aria-describedby={describedBy}
      >
        <option value="">Choose a person or organisation</option>
        {circle.length > 0 ? (
          <optgroup label="People in their circle of support">{circle.map(contactOption)}</optgroup>
        ) : null}
        <optgroup label="Partner organisations">
          {lists.organisations.map((organisation) => (
            <option key={organisation.id} value={`organisation:${organisation.id}`}>
              {organisation.name}
            </option>
          ))}
        </optgroup>
        <optgroup label="Other people in the partner register">{others.map(contactOption)}</optgroup>
      </select>
    </div>
  );
}

function recipientWords(decision: ShareDecision): string {
  const { recipient } = decision;
  return recipient.partnerContactName
    ? `${recipient.partnerContactName} at ${recipient.partnerOrganisationName}`
    : recipient.partnerOrganisationName;
}

function TheAnswer({ person, answer, canRecord }: { person: Person; answer: Answer; canRecord: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [refusedOnRecord, setRefusedOnRecord] = useState<{
    detail: string;
    reasons: ShareRefusalReason[];
  } | null>(null);
  // The answer takes focus when it arrives, so screen reader users hear it.
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const { question, decision } = answer;

  if (!decision.allowed || refusedOnRecord) {
    const reasons = refusedOnRecord?.reasons ?? decision.reasons;
    return (
      <div className="nhsuk-card nhsuk-card--care nhsuk-card--care--urgent">
        <div className="nhsuk-card__heading-container">
          <h2 className="nhsuk-card__heading" ref={heading} tabIndex={-1}>
            <span className="nhsuk-u-visually-hidden">Refused: </span>
            No, you cannot share this
          </h2>
          <span className="nhsuk-card--care__arrow" aria-hidden="true" />
        </div>
        <div className="nhsuk-card__content">
          <p>
            Do not share {listCategories(question.categories).toLowerCase()} information with{' '}
            {recipientWords(decision)} for {purposeLabels[question.purpose].toLowerCase()}.
          </p>
          {refusedOnRecord ? (
            <p>The records changed since you checked, so the share was not recorded.</p>
          ) : null}
          <h3 className="nhsuk-heading-s">Why</h3>
          {reasons.length > 0 ? (
            <ul className="nhsuk-list nhsuk-list--bullet">
              {reasons.map((reason) => (
                <li key={`${reason.code} ${reason.recordId ?? ''}`}>{reason.message}</li>
              ))}
            </ul>
          ) : (
            <p>{refusedOnRecord?.detail ?? decision.explanation}</p>
          )}
          <h3 className="nhsuk-heading-s">What you can do</h3>
          <ul className="nhsuk-list nhsuk-list--bullet nhsuk-u-margin-bottom-0">
            <li>Ask for consent from whoever the reasons above name, and record it.</li>
            <li>
              If you think they may lack capacity for this decision, assess it and talk to your manager.
            </li>
            <li>
              If someone is at risk of harm, tell your manager now: they can authorise sharing for
              safeguarding.
            </li>
            <li>
              <Link to={sharingPath(person.id)}>See {personName(person)}’s consent and sharing records</Link>
            </li>
          </ul>
        </div>
      </div>
    );
  }

  const rows: SummaryRow[] = [
    { key: 'To', value: recipientWords(decision) },
    { key: 'For', value: purposeLabels[question.purpose] },
    { key: 'Information', value: listCategories(question.categories) },
    {
      key: 'Allowed on',
      value: decision.basis ? basisLabels[decision.basis] : 'Not known',
    },
    {
      key: 'Lawful basis',
      value: decision.lawfulBasis ? (
        <Lines lines={describeLawfulBasis(decision.lawfulBasis)} />
      ) : (
        'Not recorded'
      ),
    },
    {
      key: 'Information sharing agreement',
      value: decision.agreement
        ? `${decision.agreement.title}${decision.agreement.reference ? ` (${decision.agreement.reference})` : ''}`
        : `None recorded with ${decision.recipient.partnerOrganisationName} for this`,
    },
  ];
  return (
    <>
      <div className="nhsuk-panel">
        <h2 className="nhsuk-panel__title nhsuk-panel__title--m" ref={heading} tabIndex={-1}>
          Yes, you can share this
        </h2>
        <div className="nhsuk-panel__body">{decision.explanation}</div>
      </div>
      <SummaryList rows={rows} />
      <p>Share only what they need, and use a secure way to send anything in writing.</p>
      {canRecord ? <RecordShared person={person} question={question} onRefused={setRefusedOnRecord} /> : null}
    </>
  );
}

function RecordShared({
  person,
  question,
  onRefused,
}: {
  person: Person;
  question: ShareQuestion;
  onRefused: (refusal: GateRefusal) => void;
}) {
  const [isRecorded, setIsRecorded] = useState(false);

  const form = useFormSubmit(
    recordFields,
    async (values) => {
      const description = readText(values, 'description');
      if (!description) return [{ field: 'description', message: 'Say how and what you shared' }];
      await recordShare(person.id, { ...question, description });
      setIsRecorded(true);
    },
    {
      // The gate decides again when the share is recorded: the records may have changed since.
      explainFailure(error) {
        const refused = gateRefusalFrom(error);
        if (!refused) return undefined;
        onRefused(refused);
        return noFormErrors;
      },
    },
  );

  if (isRecorded) {
    return (
      <NotificationBanner variant="success">
        The share has been recorded in {personName(person)}’s share log.{' '}
        <Link className="nhsuk-notification-banner__link" to={`/people/${person.id}/shares`}>
          See the share log
        </Link>
      </NotificationBanner>
    );
  }
  return (
    <>
      <h2>Record that you shared this</h2>
      <p>
        When you have shared it, record it here, so that {personName(person)}’s share log shows who was told
        what, and why.
      </p>
      <ErrorSummary items={form.errors.items} />
      <Form form={form}>
        <TextArea
          name="description"
          label="How and what you shared"
          hint="Like: phoned the GP about her low blood sugar readings this morning."
          rows={3}
        />
        <SubmitButton>Record that you shared this</SubmitButton>
      </Form>
    </>
  );
}
