import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import {
  addInterimRestriction,
  endInterimRestriction,
  type FieldError,
  getSharingRecords,
  type InterimRestriction,
  listInterimRestrictions,
  type Person,
  type RestrictionBasis,
  type RestrictionView,
  reviewInterimRestriction,
} from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { listAllActivePeople } from '../people/all-people.ts';
import { personName } from '../people/person-labels.ts';
import { hasRole } from '../roles.ts';
import { Form, SubmitButton, useFormSubmit } from '../ui/form.tsx';
import {
  codeChoices,
  DateInput,
  dateProblems,
  Radios,
  readDateInput,
  readText,
  SelectField,
  TextArea,
} from '../ui/form-fields.tsx';
import { formatDate } from '../ui/format.ts';
import { daysAfter, todayInLondon } from '../ui/london-time.ts';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { BackLink, Loaded, Loading } from '../ui/page-parts.tsx';
import { SummaryList, type SummaryRow } from '../ui/SummaryList.tsx';
import { Cell, Row, Table } from '../ui/Table.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { concernManagers } from './access.ts';
import {
  ClosedNotice,
  ConcernFormSection,
  concernPath,
  count,
  EndMeasureSection,
  useConcern,
} from './concern-parts.tsx';
import { bases, basisLabels } from './safeguarding-labels.ts';

/** "A best-interests decision", or, for another basis, the basis as it was described. */
function basisInWords(restriction: InterimRestriction): string {
  if (restriction.legalBasis === 'other' && restriction.legalBasisNote) return restriction.legalBasisNote;
  return `${restriction.legalBasisLabel}${restriction.legalBasisNote ? `: ${restriction.legalBasisNote}` : ''}`;
}

/** Its review date, said plainly, with a warning in words when it has passed. */
function ReviewDate({ restriction }: { restriction: InterimRestriction }) {
  if (restriction.endedOn) return <>Ended {formatDate(restriction.endedOn)}</>;
  return (
    <>
      {formatDate(restriction.reviewOn)}
      {restriction.pastReview ? (
        <strong className="nhsuk-tag nhsuk-tag--red nhsuk-u-margin-left-2">Past its review date</strong>
      ) : null}
    </>
  );
}

function RestrictionCard({
  restriction,
  concernId,
  canManage,
}: {
  restriction: InterimRestriction;
  concernId: string;
  canManage: boolean;
}) {
  const rows: SummaryRow[] = [
    { key: 'Restricts', value: restriction.personName },
    { key: 'Why', value: restriction.reason },
    {
      key: 'Legal basis',
      value: basisInWords(restriction),
    },
    { key: 'Less restrictive options considered', value: restriction.leastRestrictiveConsidered },
    { key: 'Started', value: formatDate(restriction.startsOn) },
    { key: restriction.endedOn ? 'Ended' : 'Review by', value: <ReviewDate restriction={restriction} /> },
    ...(restriction.endReason ? [{ key: 'Why it ended', value: restriction.endReason }] : []),
    {
      key: 'Reviews',
      value:
        restriction.reviews.length === 0 ? (
          'None yet'
        ) : (
          <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
            {restriction.reviews.map((review) => (
              <li key={`${review.reviewedOn} ${review.findings}`}>
                <strong>{formatDate(review.reviewedOn)}</strong>:{' '}
                {review.usedSinceLastReview ? 'used' : 'not used'} since the last review. {review.findings}{' '}
                {review.outcome === 'end'
                  ? 'Ended.'
                  : review.nextReviewOn
                    ? `Continues; next review by ${formatDate(review.nextReviewOn)}.`
                    : 'Continues.'}
              </li>
            ))}
          </ul>
        ),
    },
  ];
  return (
    <div
      className={`nhsuk-card${restriction.pastReview ? ' nhsuk-card--care nhsuk-card--care--urgent' : ''}`}
      data-testid="restriction"
    >
      {restriction.pastReview ? (
        <div className="nhsuk-card__heading-container">
          <h3 className="nhsuk-card__heading">
            <span className="nhsuk-u-visually-hidden">Past its review date: </span>
            {restriction.restriction}
          </h3>
          <span className="nhsuk-card--care__arrow" aria-hidden="true" />
        </div>
      ) : null}
      <div className="nhsuk-card__content">
        {restriction.pastReview ? null : (
          <h3 className="nhsuk-card__heading nhsuk-heading-s">
            {restriction.restriction}
            {restriction.endedOn ? (
              <strong className="nhsuk-tag nhsuk-tag--grey nhsuk-u-margin-left-2">Ended</strong>
            ) : null}
          </h3>
        )}
        <SummaryList rows={rows} />
        {canManage && !restriction.endedOn ? (
          <p className="nhsuk-u-margin-bottom-0">
            <Link to={concernPath(concernId, `restrictions/${restriction.id}/review`)}>
              Record a review<span className="nhsuk-u-visually-hidden"> of {restriction.restriction}</span>
            </Link>
            {' · '}
            <Link to={concernPath(concernId, `restrictions/${restriction.id}/end`)}>
              End it<span className="nhsuk-u-visually-hidden">: {restriction.restriction}</span>
            </Link>
          </p>
        ) : null}
      </div>
    </div>
  );
}

export function RestrictionsSection() {
  const { concern } = useConcern();
  const session = useSession();
  const canManage = hasRole(session.user.role, concernManagers) && concern.status !== 'closed';
  usePageTitle(`Interim restrictions: concern about ${concern.personName}`);
  const ordered = [...concern.restrictions].sort(
    (a, b) =>
      Number(b.pastReview) - Number(a.pastReview) ||
      Number(a.endedOn !== null) - Number(b.endedOn !== null) ||
      a.reviewOn.localeCompare(b.reviewOn),
  );
  return (
    <>
      <h2>Interim restrictions</h2>
      <p>
        Anything that limits someone’s freedom while the risk is managed: what, for whom, why, on what legal
        basis, and the less restrictive options tried. Each is reviewed at least monthly, even when it was not
        used, so it never drifts into indefinite practice. Only a review extends it.
      </p>
      {canManage ? (
        <p>
          <Link to={concernPath(concern.id, 'restrictions/add')}>Record an interim restriction</Link>
        </p>
      ) : null}
      {ordered.length === 0 ? <p>No interim restriction has been recorded.</p> : null}
      {ordered.map((restriction) => (
        <RestrictionCard
          key={restriction.id}
          restriction={restriction}
          concernId={concern.id}
          canManage={canManage}
        />
      ))}
      <p>
        <Link to="/safeguarding/restrictions">See every restriction in the register</Link>
      </p>
    </>
  );
}

// ---- recording one ----

const restrictionFields = {
  personId: 'personId',
  restriction: 'restriction',
  reason: 'reason',
  legalBasis: 'legalBasis',
  legalBasisRecordId: 'legalBasisRecordId',
  legalBasisNote: 'legalBasisNote',
  leastRestrictiveConsidered: 'leastRestrictiveConsidered',
  startsOn: 'startsOn',
  reviewOn: 'reviewOn',
};

export function AddRestrictionSection() {
  const { concern } = useConcern();
  const [people, reload] = useResource('people for a restriction', listAllActivePeople);
  if (concern.status === 'closed') return <ClosedNotice title="Record an interim restriction" />;
  return (
    <Loaded resource={people} reload={reload} loading="Loading the people we support">
      {(loaded) => <AddRestrictionForm people={loaded} />}
    </Loaded>
  );
}

function AddRestrictionForm({ people }: { people: Person[] }) {
  const { concern, reload } = useConcern();
  const navigate = useNavigate();
  const [personId, setPersonId] = useState(concern.sourcePersonId ?? concern.personId);
  const [today] = useState(() => todayInLondon());
  const [records, reloadRecords] = useResource(`basis records of ${personId}`, () =>
    personId ? getSharingRecords(personId) : Promise.resolve(null),
  );
  const form = useFormSubmit(restrictionFields, async (values) => {
    const text = (name: string) => readText(values, name);
    const problems: FieldError[] = [];
    const chosenPerson = text('personId');
    const legalBasis = text('legalBasis') as RestrictionBasis | null;
    const recordId =
      legalBasis === 'consent'
        ? text('consentRecordId')
        : legalBasis === 'best_interests_decision'
          ? text('decisionRecordId')
          : null;
    const startsOn = readDateInput(values, 'startsOn', 'The start');
    const reviewOn = readDateInput(values, 'reviewOn', 'The review date');
    const required = {
      personId: 'Choose whose freedom it restricts',
      restriction: 'Enter what is restricted',
      reason: 'Enter why',
      legalBasis: 'Choose the legal basis',
    } as const;
    for (const [field, message] of Object.entries(required))
      if (!text(field)) problems.push({ field, message });
    if ((legalBasis === 'consent' || legalBasis === 'best_interests_decision') && !recordId) {
      problems.push({
        field: 'legalBasisRecordId',
        message:
          legalBasis === 'consent'
            ? 'Choose the consent it rests on'
            : 'Choose the best-interests decision it rests on',
      });
    }
    if (legalBasis === 'other' && !text('legalBasisNote')) {
      problems.push({ field: 'legalBasisNote', message: 'Describe the legal basis' });
    }
    if (!text('leastRestrictiveConsidered')) {
      problems.push({
        field: 'leastRestrictiveConsidered',
        message: 'Enter the less restrictive options considered',
      });
    }
    problems.push(...dateProblems('startsOn', startsOn, 'Enter when it starts'));
    problems.push(...dateProblems('reviewOn', reviewOn, 'Enter when it is reviewed'));
    if (
      problems.length > 0 ||
      !chosenPerson ||
      !legalBasis ||
      'problem' in startsOn ||
      !startsOn.date ||
      'problem' in reviewOn ||
      !reviewOn.date
    ) {
      return problems.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
    }
    await addInterimRestriction(concern.id, {
      personId: chosenPerson,
      restriction: text('restriction') ?? '',
      reason: text('reason') ?? '',
      legalBasis,
      legalBasisRecordId: recordId,
      legalBasisNote: text('legalBasisNote'),
      leastRestrictiveConsidered: text('leastRestrictiveConsidered') ?? '',
      startsOn: startsOn.date,
      reviewOn: reviewOn.date,
    });
    reload();
    navigate(concernPath(concern.id, 'restrictions'), {
      state: { notice: `The restriction is recorded. Review it by ${formatDate(reviewOn.date)}.` },
    });
  });
  const order = Object.keys(restrictionFields);

  const consents = records.status === 'loaded' && records.data ? records.data.consents : [];
  const decisions = records.status === 'loaded' && records.data ? records.data.bestInterestsDecisions : [];
  const recordChoice = (kind: 'consent' | 'best_interests_decision') => {
    if (records.status === 'loading')
      return <Loading what="Loading their consent and best-interests records" />;
    if (records.status === 'failed') return <LoadProblem error={records.error} onTryAgain={reloadRecords} />;
    const options =
      kind === 'consent'
        ? consents.map((consent) => ({
            value: consent.id,
            label: `Consent given ${formatDate(consent.givenOn)}${consent.withdrawal ? ' (withdrawn)' : ''}`,
          }))
        : decisions.map((decision) => ({
            value: decision.id,
            label: `${decision.decision} (decided ${formatDate(decision.decidedOn)} by ${decision.decisionMaker})`,
          }));
    if (options.length === 0) {
      return (
        <p className="nhsuk-body-s">
          {kind === 'consent'
            ? 'No consent is recorded for this person. Record it on their consent and sharing page first.'
            : 'No best-interests decision is recorded for this person. Record it on their consent and sharing page first.'}
        </p>
      );
    }
    return (
      <SelectField
        id="legalBasisRecordId"
        name={kind === 'consent' ? 'consentRecordId' : 'decisionRecordId'}
        field="legalBasisRecordId"
        label={kind === 'consent' ? 'Which consent?' : 'Which decision?'}
        options={[{ value: '', label: 'Choose one' }, ...options]}
      />
    );
  };

  function choosePerson(event: FormEvent<HTMLFormElement>) {
    const target = event.target as HTMLSelectElement;
    if (target.name === 'personId') setPersonId(target.value);
  }

  return (
    <ConcernFormSection
      summary={concern}
      title="Record an interim restriction"
      form={form}
      back={{ section: 'restrictions', label: 'Back to interim restrictions' }}
    >
      <p>
        Use the least restrictive option that keeps people safe, for as short a time as possible. The first
        review is within a month of the start.
      </p>
      <Form form={form} onChange={choosePerson}>
        <SelectField
          name="personId"
          label="Whose freedom does it restrict?"
          hint="It may be the alleged source, such as another tenant."
          options={[
            { value: '', label: 'Choose a person we support' },
            ...people.map((person) => ({ value: person.id, label: personName(person) })),
          ]}
          defaultValue={personId}
        />
        <TextArea
          name="restriction"
          label="What is restricted"
          hint="For example, “a door sensor alerts staff when they leave their flat at night”."
          rows={3}
        />
        <TextArea name="reason" label="Why" rows={3} />
        <Radios
          name="legalBasis"
          legend="What is the legal basis?"
          items={codeChoices(bases, basisLabels)}
          conditional={{
            consent: recordChoice('consent'),
            best_interests_decision: recordChoice('best_interests_decision'),
            other: (
              <TextArea
                name="legalBasisNote"
                label="Describe the legal basis"
                hint="For example, “tenancy agreement clause on the safety of others, agreed at the planning meeting”."
                rows={3}
              />
            ),
          }}
        />
        <TextArea
          name="leastRestrictiveConsidered"
          label="Less restrictive options considered"
          hint="What was tried or thought about first, and why it was not enough."
          rows={4}
        />
        <DateInput name="startsOn" legend="When does it start?" defaultValue={today} />
        <DateInput
          name="reviewOn"
          legend="When is it reviewed?"
          hint="No more than a month after the start."
          defaultValue={daysAfter(today, 28)}
        />
        <SubmitButton>Record the restriction</SubmitButton>
      </Form>
    </ConcernFormSection>
  );
}

// ---- reviewing and ending ----

const reviewFields = {
  reviewedOn: 'reviewedOn',
  usedSinceLastReview: 'usedSinceLastReview',
  findings: 'findings',
  outcome: 'outcome',
  nextReviewOn: 'nextReviewOn',
};

export function ReviewRestrictionSection() {
  const { concern, reload } = useConcern();
  const { restrictionId = '' } = useParams();
  const navigate = useNavigate();
  const [today] = useState(() => todayInLondon());
  const restriction = concern.restrictions.find((each) => each.id === restrictionId);
  const form = useFormSubmit(reviewFields, async (values) => {
    const problems: FieldError[] = [];
    const reviewedOn = readDateInput(values, 'reviewedOn', 'The review date');
    const used = readText(values, 'usedSinceLastReview');
    const findings = readText(values, 'findings');
    const outcome = readText(values, 'outcome') as 'continue' | 'end' | null;
    const next =
      outcome === 'continue' ? readDateInput(values, 'nextReviewOn', 'The next review') : { date: null };
    problems.push(...dateProblems('reviewedOn', reviewedOn, 'Enter when it was reviewed'));
    if (!used)
      problems.push({
        field: 'usedSinceLastReview',
        message: 'Say whether it was used since the last review',
      });
    if (!findings) problems.push({ field: 'findings', message: 'Enter what the review found' });
    if (!outcome) problems.push({ field: 'outcome', message: 'Choose whether it continues or ends' });
    if ('problem' in next) problems.push({ field: 'nextReviewOn', message: next.problem });
    else if (outcome === 'continue' && !next.date) {
      problems.push({ field: 'nextReviewOn', message: 'Enter when it is next reviewed' });
    }
    if (
      problems.length > 0 ||
      'problem' in reviewedOn ||
      !reviewedOn.date ||
      !findings ||
      !outcome ||
      'problem' in next
    ) {
      return problems;
    }
    await reviewInterimRestriction(concern.id, restrictionId, {
      reviewedOn: reviewedOn.date,
      usedSinceLastReview: used === 'yes',
      findings,
      outcome,
      nextReviewOn: outcome === 'continue' ? next.date : null,
    });
    reload();
    navigate(concernPath(concern.id, 'restrictions'), {
      state: {
        notice:
          outcome === 'end'
            ? 'The review is recorded and the restriction has ended.'
            : `The review is recorded. Review it again by ${formatDate(next.date ?? '')}.`,
      },
    });
  });
  if (!restriction || restriction.endedOn) {
    return (
      <>
        <h2>Review an interim restriction</h2>
        <p>There is no restriction in place here to review.</p>
      </>
    );
  }
  return (
    <ConcernFormSection
      summary={concern}
      title="Review an interim restriction"
      form={form}
      back={{ section: 'restrictions', label: 'Back to interim restrictions' }}
    >
      <p>
        {restriction.restriction} ({restriction.personName}). Due for review by{' '}
        {formatDate(restriction.reviewOn)}. Record the review even when it was not used. Continuing sets the
        next review, within a month.
      </p>
      <Form form={form}>
        <DateInput name="reviewedOn" legend="When was it reviewed?" defaultValue={today} />
        <Radios
          name="usedSinceLastReview"
          legend="Was it used since the last review?"
          items={[
            { value: 'yes', label: 'Yes' },
            { value: 'no', label: 'No' },
          ]}
          inline
        />
        <TextArea
          name="findings"
          label="What did the review find?"
          hint="How often it was used, what happened, whether it is still needed, and the person’s view."
          rows={4}
        />
        <Radios
          name="outcome"
          legend="What now?"
          items={[
            { value: 'continue', label: 'It continues' },
            { value: 'end', label: 'It ends' },
          ]}
          conditional={{
            continue: (
              <DateInput
                name="nextReviewOn"
                legend="When is it next reviewed?"
                defaultValue={daysAfter(today, 28)}
              />
            ),
          }}
        />
        <SubmitButton>Record the review</SubmitButton>
      </Form>
    </ConcernFormSection>
  );
}

export function EndRestrictionSection() {
  const { concern, reload } = useConcern();
  const { restrictionId = '' } = useParams();
  const restriction = concern.restrictions.find((each) => each.id === restrictionId && !each.endedOn);
  return (
    <EndMeasureSection
      concern={concern}
      reload={reload}
      title="End an interim restriction"
      what="restriction"
      description={restriction ? `${restriction.restriction} (${restriction.personName}).` : null}
      missingReason="Say why it ends"
      end={(reason) => endInterimRestriction(concern.id, restrictionId, reason)}
      back={{ section: 'restrictions', label: 'Back to interim restrictions' }}
    />
  );
}

// ---- the register ----

const registerViews = {
  current: 'In place',
  all: 'All, ended included',
  past_review: 'Past their review date',
} as const satisfies Record<RestrictionView, string>;

/** Every interim restriction; those past their review date first, so none drifts on unreviewed. */
export function RestrictionsRegisterPage() {
  const [searchParams] = useSearchParams();
  const showAll = searchParams.get('view') === 'all';
  usePageTitle(showAll ? 'Interim restrictions: all' : 'Interim restrictions');
  const [register, reload] = useResource(`restrictions register ${showAll}`, async () => {
    const [pastReview, listed] = await Promise.all([
      listInterimRestrictions({ view: 'past_review', limit: 100, offset: 0 }),
      listInterimRestrictions({ view: showAll ? 'all' : 'current', limit: 100, offset: 0 }),
    ]);
    return { pastReview: pastReview.items, others: listed.items.filter((each) => !each.pastReview) };
  });
  return (
    <>
      <BackLink to="/safeguarding">Back to safeguarding concerns</BackLink>
      <h1>Interim restrictions</h1>
      <p>
        Every interim restriction recorded on a safeguarding concern. Each is reviewed at least monthly; one
        past its review date is flagged the day after and listed first here.
      </p>
      <nav className="nhsuk-contents-list" aria-label="Which restrictions">
        <ol className="nhsuk-contents-list__list">
          {(['current', 'all'] as const).map((view) =>
            (view === 'all') === showAll ? (
              <li className="nhsuk-contents-list__item" key={view} aria-current="page">
                <span className="nhsuk-contents-list__current">{registerViews[view]}</span>
              </li>
            ) : (
              <li className="nhsuk-contents-list__item" key={view}>
                <Link
                  className="nhsuk-contents-list__link"
                  to={view === 'all' ? '?view=all' : '/safeguarding/restrictions'}
                >
                  {registerViews[view]}
                </Link>
              </li>
            ),
          )}
        </ol>
      </nav>
      <Loaded resource={register} reload={reload} loading="Loading the register">
        {({ pastReview, others }) => (
          <>
            {pastReview.length > 0 ? (
              <div className="nhsuk-warning-callout">
                <h2 className="nhsuk-warning-callout__label">
                  <span>
                    <span className="nhsuk-u-visually-hidden">Important: </span>
                    {count(pastReview.length, 'restriction is', 'restrictions are')} past the review date
                  </span>
                </h2>
                <p>Review each now: record the review even if the restriction was not used, or end it.</p>
              </div>
            ) : null}
            {pastReview.length > 0 ? (
              <RegisterTable caption="Past their review date" restrictions={pastReview} />
            ) : null}
            {others.length > 0 ? (
              <RegisterTable
                caption={showAll ? 'Other restrictions' : 'In place, reviewed on time'}
                restrictions={others}
              />
            ) : pastReview.length === 0 ? (
              <p>
                {showAll
                  ? 'No interim restriction has been recorded.'
                  : 'No interim restriction is in place.'}
              </p>
            ) : null}
          </>
        )}
      </Loaded>
    </>
  );
}

function RegisterTable({
  caption,
  restrictions,
}: {
  caption: string;
  restrictions: readonly InterimRestriction[];
}) {
  return (
    <Table caption={caption} headings={['Restriction', 'Restricts', 'Legal basis', 'Started', 'Review by']}>
      {restrictions.map((restriction) => (
        <Row key={restriction.id}>
          <Cell heading="Restriction">
            <Link to={concernPath(restriction.concernId, 'restrictions')}>{restriction.restriction}</Link>
          </Cell>
          <Cell heading="Restricts">{restriction.personName}</Cell>
          <Cell heading="Legal basis">{basisInWords(restriction)}</Cell>
          <Cell heading="Started">{formatDate(restriction.startsOn)}</Cell>
          <Cell heading="Review by">
            <ReviewDate restriction={restriction} />
            {restriction.reviews.length > 0 ? (
              <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">
                Last reviewed {formatDate(`${restriction.reviews.at(-1)?.reviewedOn}T12:00:00Z`)}
              </span>
            ) : null}
          </Cell>
        </Row>
      ))}
    </Table>
  );
}
