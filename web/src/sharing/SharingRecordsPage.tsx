import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type {
  BestInterestsDecision,
  CapacityAssessment,
  ConsentRecord,
  Person,
  RepresentativeKind,
  SafeguardingAuthorisation,
  SharingRecordStatus,
  SharingRecords,
} from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { personName, representativeKindLabels } from '../people/person-labels.ts';
import { hasRole } from '../roles.ts';
import { formatDate, formatDateTime } from '../ui/format.ts';
import { NotificationBanner } from '../ui/NotificationBanner.tsx';
import { useNotice } from '../ui/notice.ts';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { BackLink, ButtonLink, Lines, Loading, MultiLine } from '../ui/page-parts.tsx';
import { SummaryList, type SummaryRow } from '../ui/SummaryList.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { sharingDeciders, sharingWriters } from './access.ts';
import {
  bestInterestsOutcomeLabels,
  capacityOutcomeLabels,
  listCategories,
  listPurposes,
  recordedHowLabels,
} from './sharing-labels.ts';
import { ScopeLines, StatusTag, sharingPath, usePersonSharing } from './sharing-parts.tsx';

/** Records that still count, or will: the rest are kept, folded away, for the history. */
const currentStatuses: readonly SharingRecordStatus[] = ['in_force', 'not_yet', 'review_overdue'];

function isCurrent(record: { status: SharingRecordStatus }): boolean {
  return currentStatuses.includes(record.status);
}

/** A person's consent, capacity assessments, best-interests decisions and safeguarding authorisations. */
export function SharingRecordsPage() {
  const { personId = '' } = useParams();
  const session = useSession();
  const [notice] = useNotice();
  const [loaded, reload] = usePersonSharing(personId);
  const title =
    loaded.status === 'loaded'
      ? `${personName(loaded.data.person)}: consent and sharing`
      : 'Consent and sharing';
  usePageTitle(title);

  if (loaded.status === 'loading') return <Loading />;
  if (loaded.status === 'failed') {
    return (
      <>
        <BackLink to={`/people/${personId}`}>Back to the person</BackLink>
        <h1>Consent and sharing</h1>
        <LoadProblem error={loaded.error} onTryAgain={reload} />
      </>
    );
  }
  const { person, records } = loaded.data;
  const canWrite = hasRole(session.user.role, sharingWriters);
  const canDecide = hasRole(session.user.role, sharingDeciders);
  return (
    <>
      <BackLink to={`/people/${person.id}`}>Back to {personName(person)}</BackLink>
      {notice ? <NotificationBanner variant="success">{notice}</NotificationBanner> : null}
      <h1>
        <span className="nhsuk-caption-l">{personName(person)}</span>
        Consent and sharing
      </h1>
      <p>
        What {personName(person)} has agreed to, the decisions made for them, and who information about them
        can go to. Liaison checks these records before anything is shared.
      </p>
      <p>
        <ButtonLink to={`/people/${person.id}/can-i-share`}>Can I share this?</ButtonLink>
      </p>
      <p>
        <Link to={`/people/${person.id}/shares`}>Share log: what has been shared about them, and when</Link>
      </p>

      <Consents person={person} consents={records.consents} canWrite={canWrite} />
      <CapacityAssessments person={person} assessments={records.capacityAssessments} canWrite={canWrite} />
      <BestInterestsDecisions person={person} records={records} canDecide={canDecide} />
      <SafeguardingAuthorisations
        person={person}
        authorisations={records.safeguardingAuthorisations}
        canDecide={canDecide}
      />
    </>
  );
}

/** Current records first; the others folded into a details element underneath. */
function CurrentAndPast<T extends { id: string; status: SharingRecordStatus }>({
  records,
  none,
  pastLabel,
  render,
}: {
  records: readonly T[];
  none: string;
  pastLabel: string;
  render: (record: T) => ReactNode;
}) {
  const current = records.filter(isCurrent);
  const past = records.filter((record) => !isCurrent(record));
  return (
    <>
      {current.length === 0 ? <p>{none}</p> : current.map(render)}
      {past.length > 0 ? (
        <details className="nhsuk-details">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">
              {pastLabel} ({past.length})
            </span>
          </summary>
          <div className="nhsuk-details__text">{past.map(render)}</div>
        </details>
      ) : null}
    </>
  );
}

function RecordCard({
  heading,
  status,
  rows,
  children,
}: {
  heading: string;
  status: SharingRecordStatus;
  rows: readonly SummaryRow[];
  children?: ReactNode;
}) {
  return (
    <div className="nhsuk-card">
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading">{heading}</h3>
        <p>
          <StatusTag status={status} />
        </p>
        <SummaryList rows={rows} />
        {children}
      </div>
    </div>
  );
}

function Consents({
  person,
  consents,
  canWrite,
}: {
  person: Person;
  consents: readonly ConsentRecord[];
  canWrite: boolean;
}) {
  return (
    <>
      <h2>Consent to share</h2>
      <p>
        Consent covers the people it names, for the purposes and kinds of information it lists, until its
        review date. To change it, record new consent and withdraw the old.
      </p>
      {canWrite ? (
        <p>
          <ButtonLink variant="secondary" to={`${sharingPath(person.id)}/consents/new`}>
            Record consent
          </ButtonLink>
        </p>
      ) : null}
      <CurrentAndPast
        records={consents}
        none="No consent to share is in force."
        pastLabel="Consent that has been withdrawn or has lapsed"
        render={(consent) => (
          <ConsentCard key={consent.id} person={person} consent={consent} canWrite={canWrite} />
        )}
      />
    </>
  );
}

function givenByWords(person: Person, consent: ConsentRecord): string {
  if (consent.givenBy === 'person' || !consent.representative) return personName(person);
  const kind = representativeKindLabels[consent.representative.kind as RepresentativeKind];
  return kind ? `${consent.representative.name} (${kind.toLowerCase()})` : consent.representative.name;
}

function ConsentCard({
  person,
  consent,
  canWrite,
}: {
  person: Person;
  consent: ConsentRecord;
  canWrite: boolean;
}) {
  const rows: SummaryRow[] = [
    { key: 'Given by', value: givenByWords(person, consent) },
    { key: 'Can go to', value: <ScopeLines scope={consent.scope} /> },
    { key: 'For', value: listPurposes(consent.purposes) },
    { key: 'Information', value: listCategories(consent.categories) },
    { key: 'How it was recorded', value: recordedHowLabels[consent.recordedHow] },
    { key: 'Given on', value: formatDate(consent.givenOn) },
    { key: 'Review by', value: formatDate(consent.reviewOn) },
    {
      key: 'Recorded by',
      value: `${consent.recordedBy ?? 'Not known'} on ${formatDate(consent.createdAt)}`,
    },
  ];
  if (consent.notes) rows.push({ key: 'Notes', value: <MultiLine text={consent.notes} /> });
  if (consent.withdrawal) {
    const { withdrawal } = consent;
    const by =
      withdrawal.by === 'person' ? personName(person) : (withdrawal.representativeName ?? 'A representative');
    rows.push({
      key: 'Withdrawn',
      value: (
        <Lines
          lines={[
            `${formatDateTime(withdrawal.at)} by ${by}`,
            ...(withdrawal.reason ? [`Reason: ${withdrawal.reason}`] : []),
            `Recorded by ${withdrawal.recordedBy ?? 'not known'}`,
          ]}
        />
      ),
    });
  }
  return (
    <RecordCard
      heading={`Consent given on ${formatDate(consent.givenOn)}`}
      status={consent.status}
      rows={rows}
    >
      {canWrite && !consent.withdrawal ? (
        <p className="nhsuk-u-margin-bottom-0">
          <Link to={`${sharingPath(person.id)}/consents/${consent.id}/withdraw`}>
            Withdraw consent
            <span className="nhsuk-u-visually-hidden"> given on {formatDate(consent.givenOn)}</span>
          </Link>
        </p>
      ) : null}
    </RecordCard>
  );
}

function CapacityAssessments({
  person,
  assessments,
  canWrite,
}: {
  person: Person;
  assessments: readonly CapacityAssessment[];
  canWrite: boolean;
}) {
  return (
    <>
      <h2>Capacity assessments</h2>
      <p>
        Assume {personName(person)} can make their own decisions. Capacity is decision-specific: an assessment
        covers one decision about sharing, at one time.
      </p>
      {canWrite ? (
        <p>
          <ButtonLink variant="secondary" to={`${sharingPath(person.id)}/capacity-assessments/new`}>
            Record a capacity assessment
          </ButtonLink>
        </p>
      ) : null}
      <CurrentAndPast
        records={assessments}
        none="No capacity assessment is in force."
        pastLabel="Earlier capacity assessments"
        render={(assessment) => <CapacityCard key={assessment.id} assessment={assessment} />}
      />
    </>
  );
}

const yesNo = (answer: boolean) => (answer ? 'Yes' : 'No');

function CapacityCard({ assessment }: { assessment: CapacityAssessment }) {
  const rows: SummaryRow[] = [
    { key: 'Outcome', value: <strong>{capacityOutcomeLabels[assessment.outcome]}</strong> },
    { key: 'For', value: listPurposes(assessment.purposes) },
    { key: 'Information', value: listCategories(assessment.categories) },
    {
      key: 'Impairment of the mind or brain',
      value: (
        <Lines
          lines={[
            yesNo(assessment.impairment),
            ...(assessment.impairmentNote ? [assessment.impairmentNote] : []),
          ]}
        />
      ),
    },
    {
      key: 'Can they make the decision?',
      value: (
        <Lines
          lines={[
            `Understand the information: ${yesNo(assessment.canUnderstand)}`,
            `Retain it: ${yesNo(assessment.canRetain)}`,
            `Use or weigh it: ${yesNo(assessment.canUseOrWeigh)}`,
            `Communicate their decision: ${yesNo(assessment.canCommunicate)}`,
          ]}
        />
      ),
    },
    { key: 'How the conclusion was reached', value: <MultiLine text={assessment.reasons} /> },
    {
      key: 'Assessed by',
      value: assessment.assessorRole
        ? `${assessment.assessorName}, ${assessment.assessorRole}`
        : assessment.assessorName,
    },
    { key: 'Assessed on', value: formatDate(assessment.assessedOn) },
    { key: 'Review by', value: formatDate(assessment.reviewOn) },
  ];
  return <RecordCard heading={assessment.decision} status={assessment.status} rows={rows} />;
}

function BestInterestsDecisions({
  person,
  records,
  canDecide,
}: {
  person: Person;
  records: SharingRecords;
  canDecide: boolean;
}) {
  const lacksCapacity = records.capacityAssessments.some(
    (assessment) => assessment.outcome === 'lacks_capacity',
  );
  return (
    <>
      <h2>Best-interests decisions</h2>
      <p>
        When {personName(person)} lacks capacity to decide about sharing, and no attorney or deputy can decide
        for them, a manager can decide what is in their best interests.
      </p>
      {canDecide && lacksCapacity ? (
        <p>
          <ButtonLink variant="secondary" to={`${sharingPath(person.id)}/best-interests-decisions/new`}>
            Record a best-interests decision
          </ButtonLink>
        </p>
      ) : null}
      {canDecide && !lacksCapacity ? (
        <p className="nhsuk-body-s">
          A best-interests decision needs a capacity assessment that found they lack capacity for the
          decision.
        </p>
      ) : null}
      <CurrentAndPast
        records={records.bestInterestsDecisions}
        none="No best-interests decision is in force."
        pastLabel="Earlier best-interests decisions"
        render={(decision) => (
          <BestInterestsCard
            key={decision.id}
            decision={decision}
            assessment={records.capacityAssessments.find(
              (assessment) => assessment.id === decision.capacityAssessmentId,
            )}
          />
        )}
      />
    </>
  );
}

function BestInterestsCard({
  decision,
  assessment,
}: {
  decision: BestInterestsDecision;
  assessment: CapacityAssessment | undefined;
}) {
  const rows: SummaryRow[] = [
    { key: 'Outcome', value: <strong>{bestInterestsOutcomeLabels[decision.outcome]}</strong> },
    { key: 'Can go to', value: <ScopeLines scope={decision.scope} /> },
    { key: 'For', value: listPurposes(decision.purposes) },
    { key: 'Information', value: listCategories(decision.categories) },
    {
      key: 'Capacity assessment',
      value: assessment ? `${assessment.decision} (${formatDate(assessment.assessedOn)})` : 'Not found',
    },
    { key: 'Who was consulted', value: <MultiLine text={decision.consulted} /> },
    { key: 'Their wishes and feelings', value: <MultiLine text={decision.wishesAndFeelings} /> },
    { key: 'Why', value: <MultiLine text={decision.rationale} /> },
    { key: 'Decided by', value: decision.decisionMaker },
    { key: 'Decided on', value: formatDate(decision.decidedOn) },
    { key: 'Review by', value: formatDate(decision.reviewOn) },
  ];
  return <RecordCard heading={decision.decision} status={decision.status} rows={rows} />;
}

function SafeguardingAuthorisations({
  person,
  authorisations,
  canDecide,
}: {
  person: Person;
  authorisations: readonly SafeguardingAuthorisation[];
  canDecide: boolean;
}) {
  return (
    <>
      <h2>Safeguarding authorisations</h2>
      <p>
        A manager can authorise sharing without consent when it is needed to protect {personName(person)} or
        someone else from harm: only with the people named, and only the information they need.
      </p>
      {canDecide ? (
        <p>
          <ButtonLink variant="secondary" to={`${sharingPath(person.id)}/safeguarding-authorisations/new`}>
            Authorise sharing for safeguarding
          </ButtonLink>
        </p>
      ) : null}
      <CurrentAndPast
        records={authorisations}
        none="No safeguarding authorisation is in force."
        pastLabel="Safeguarding authorisations that have ended"
        render={(authorisation) => (
          <SafeguardingCard
            key={authorisation.id}
            person={person}
            authorisation={authorisation}
            canDecide={canDecide}
          />
        )}
      />
    </>
  );
}

function SafeguardingCard({
  person,
  authorisation,
  canDecide,
}: {
  person: Person;
  authorisation: SafeguardingAuthorisation;
  canDecide: boolean;
}) {
  const rows: SummaryRow[] = [
    { key: 'Can go to', value: <ScopeLines scope={authorisation.scope} /> },
    { key: 'For', value: 'Safeguarding' },
    { key: 'Information', value: listCategories(authorisation.categories) },
    { key: 'Why sharing without consent is necessary', value: <MultiLine text={authorisation.rationale} /> },
    {
      key: 'Authorised by',
      value: `${authorisation.authorisedBy} on ${formatDateTime(authorisation.authorisedAt)}`,
    },
    { key: 'Ends', value: formatDateTime(authorisation.expiresAt) },
  ];
  if (authorisation.revokedAt) {
    rows.push({
      key: 'Revoked',
      value: (
        <Lines
          lines={[
            `${formatDateTime(authorisation.revokedAt)} by ${authorisation.revokedBy ?? 'not known'}`,
            ...(authorisation.revokedReason ? [`Reason: ${authorisation.revokedReason}`] : []),
          ]}
        />
      ),
    });
  }
  const canRevoke = canDecide && (authorisation.status === 'in_force' || authorisation.status === 'not_yet');
  return (
    <RecordCard
      heading={`Authorised on ${formatDate(authorisation.authorisedAt)}`}
      status={authorisation.status}
      rows={rows}
    >
      {canRevoke ? (
        <p className="nhsuk-u-margin-bottom-0">
          <Link to={`${sharingPath(person.id)}/safeguarding-authorisations/${authorisation.id}/revoke`}>
            Revoke
            <span className="nhsuk-u-visually-hidden">
              {' '}
              the safeguarding authorisation of {formatDate(authorisation.authorisedAt)}
            </span>
          </Link>
        </p>
      ) : null}
    </RecordCard>
  );
}
