import { useState } from 'react';
import { Link, Outlet, useLocation, useParams } from 'react-router';
import {
  type Concern,
  type ConcernSummary,
  getColleague,
  getConcern,
  getConcernSummary,
  resolveConcernAlert,
} from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { hasRole } from '../roles.ts';
import { ContentsList } from '../ui/ContentsList.tsx';
import { ErrorSummary, type ErrorSummaryItem } from '../ui/ErrorSummary.tsx';
import { describeError } from '../ui/form-errors.ts';
import { NotificationBanner } from '../ui/NotificationBanner.tsx';
import { useNotice } from '../ui/notice.ts';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { BackLink, ButtonLink, InsetText, Loading, Moment, MultiLine } from '../ui/page-parts.tsx';
import { SummaryList, type SummaryRow } from '../ui/SummaryList.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { concernManagers, concernReaders, concernRecorders } from './access.ts';
import { NeedToKnow } from './ConcernsPage.tsx';
import { type ConcernOutlet, ConcernStatusTag, concernPath, LevelTag, useConcern } from './concern-parts.tsx';
import {
  advocacyLabels,
  categoryLabels,
  levelLabels,
  locationLabels,
  outcomeLabels,
  sourceLabels,
  statusLabels,
} from './safeguarding-labels.ts';

type SectionLink = {
  section: string;
  label: string;
  show: (concern: Concern, canManage: boolean) => boolean;
};

/** The concern's pages, in the order a manager works through them. */
const sectionLinks: readonly SectionLink[] = [
  { section: '', label: 'Summary and next steps', show: () => true },
  { section: 'chronology', label: 'Chronology', show: () => true },
  { section: 'advice', label: 'Advice, referral and decision', show: () => true },
  { section: 'plans', label: 'Safe-contact plans and review triggers', show: () => true },
  { section: 'restrictions', label: 'Interim restrictions', show: () => true },
  { section: 'related', label: 'Related concerns', show: () => true },
  { section: 'export', label: 'Export for a meeting', show: (_concern, canManage) => canManage },
  {
    section: 'close',
    label: 'Close the concern',
    show: (concern, canManage) => canManage && concern.status !== 'closed',
  },
];

/**
 * One concern: managers and the auditor see it in full, with its pages underneath; everyone else
 * who may see it sees the need-to-know summary, and may add to the chronology.
 */
export function ConcernPage() {
  const { concernId = '' } = useParams();
  const session = useSession();
  const canRead = hasRole(session.user.role, concernReaders);
  return canRead ? (
    <FullConcern key={concernId} concernId={concernId} />
  ) : (
    <SummaryOnly key={concernId} concernId={concernId} />
  );
}

function FullConcern({ concernId }: { concernId: string }) {
  const session = useSession();
  const location = useLocation();
  const [notice] = useNotice();
  const [loaded, reload] = useResource(`concern ${concernId}`, () => getConcern(concernId));
  if (loaded.status === 'loading') return <Loading what="Loading the concern" />;
  if (loaded.status === 'failed') {
    return (
      <>
        <BackLink to="/safeguarding">Back to safeguarding concerns</BackLink>
        <h1>Safeguarding concern</h1>
        <LoadProblem error={loaded.error} onTryAgain={reload} />
      </>
    );
  }
  const concern = loaded.data;
  const canManage = hasRole(session.user.role, concernManagers);
  const base = concernPath(concern.id);
  const here = location.pathname.replace(/\/$/, '');
  const context: ConcernOutlet = { summary: concern, concern, reload };
  return (
    <>
      <BackLink to={concern.status === 'closed' ? '/safeguarding?view=all' : '/safeguarding'}>
        Back to safeguarding concerns
      </BackLink>
      {notice ? <NotificationBanner variant="success">{notice}</NotificationBanner> : null}
      <ConcernHeading summary={concern} caption={concern.categoryLabel} />
      <p>
        <ConcernStatusTag status={concern.status} /> <LevelTag level={concern.level} />
        {concern.overdueForDecision ? (
          <strong className="nhsuk-tag nhsuk-tag--red nhsuk-u-margin-left-1">Decision overdue</strong>
        ) : null}{' '}
        <span className="nhsuk-body-s">
          Raised <Moment iso={concern.raisedAt} />
          {concern.closedAt ? (
            <>
              , closed <Moment iso={concern.closedAt} />
            </>
          ) : null}
          .
        </span>
      </p>
      {concern.escalationPrompt && concern.status !== 'closed' ? (
        <EscalationPrompt concern={concern} canManage={canManage} />
      ) : null}
      <ContentsList
        label="Pages of this concern"
        items={sectionLinks
          .filter((link) => link.show(concern, canManage))
          .map((link) => {
            const to = concernPath(concern.id, link.section);
            const isCurrent = link.section === '' ? here === base : here === to || here.startsWith(`${to}/`);
            return { label: link.label, to, isCurrent };
          })}
      />
      <Outlet context={context} />
    </>
  );
}

function ConcernHeading({ summary, caption }: { summary: ConcernSummary; caption: string }) {
  return (
    <h1>
      <span className="nhsuk-caption-l">{caption}</span>
      Concern about {summary.personName}
    </h1>
  );
}

/** A review trigger was met: the manager is asked to consider escalating, with the ways to do it. */
function EscalationPrompt({ concern, canManage }: { concern: Concern; canManage: boolean }) {
  const triggers = concern.alerts.filter((alert) => alert.kind === 'trigger_met');
  return (
    <div className="nhsuk-warning-callout" data-testid="trigger-met">
      <h2 className="nhsuk-warning-callout__label">
        <span>
          <span className="nhsuk-u-visually-hidden">Important: </span>Review trigger met: consider escalating
        </span>
      </h2>
      {triggers.map((alert) => (
        <p key={alert.id}>
          {alert.detail ?? alert.title} Met <Moment iso={alert.createdAt} />.
        </p>
      ))}
      {canManage ? (
        <ul className="nhsuk-list nhsuk-list--bullet">
          <li>
            <Link to={concernPath(concern.id, 'advice/request')}>Seek threshold advice</Link> from the
            safeguarding link
          </li>
          {concern.status === 'referred' || concern.status === 'enquiry' ? (
            <li>
              It is referred already: <Link to={concernPath(concern.id, 'advice')}>see the referral</Link>,
              and tell the local authority what has happened since
            </li>
          ) : (
            <li>
              <Link to={concernPath(concern.id, 'advice/referral')}>Make a section 42 referral</Link> to the
              local authority
            </li>
          )}
          <li>
            <Link to={concernPath(concern.id, 'level')}>Change the level</Link>, or, once you have decided,
            mark the item as dealt with in the summary below
          </li>
        </ul>
      ) : (
        <p>A manager decides whether to escalate.</p>
      )}
    </div>
  );
}

export function ConcernSummarySection() {
  const { concern, reload } = useConcern();
  const session = useSession();
  const canManage = hasRole(session.user.role, concernManagers) && concern.status !== 'closed';
  const canRecord = hasRole(session.user.role, concernRecorders) && concern.status !== 'closed';
  usePageTitle(`Concern about ${concern.personName}`);
  const [problems, setProblems] = useState<ErrorSummaryItem[]>([]);
  const [resolving, setResolving] = useState<string | null>(null);
  const [resolved, setResolved] = useState<string | null>(null);

  async function markDealtWith(alertId: string, title: string) {
    if (resolving) return;
    setResolving(alertId);
    try {
      await resolveConcernAlert(concern.id, alertId, null);
      setProblems([]);
      setResolved(`Marked as dealt with: ${title}`);
      reload();
    } catch (error) {
      setProblems([{ text: describeError(error) }]);
    } finally {
      setResolving(null);
    }
  }

  const rows: SummaryRow[] = [
    { key: 'When it happened (UK time)', value: <Moment iso={concern.occurredAt} /> },
    { key: 'What happened', value: <MultiLine text={concern.whatHappened} /> },
    {
      key: 'The adult at risk',
      value: <Link to={`/people/${concern.personId}`}>{concern.personName}</Link>,
    },
    {
      key: 'Alleged source',
      value: (
        <>
          {sourceLabels[concern.sourceKind]}
          {concern.sourcePersonId ? (
            <span className="nhsuk-u-display-block">
              <Link to={`/people/${concern.sourcePersonId}`}>See their record</Link>
            </span>
          ) : null}
          {concern.sourceDescription ? (
            <span className="nhsuk-u-display-block">{concern.sourceDescription}</span>
          ) : null}
        </>
      ),
    },
    { key: 'Others present', value: <MultiLine text={concern.othersPresent} /> },
    {
      key: 'Others at risk',
      value: (
        <>
          <MultiLine text={concern.othersAtRisk} />
          {concern.childrenAtRisk ? (
            <strong className="nhsuk-tag nhsuk-tag--red">A child may be at risk</strong>
          ) : null}
        </>
      ),
    },
    { key: 'Kind of abuse or neglect', value: categoryLabels[concern.category] },
    {
      key: 'Where the risk is',
      value: `${locationLabels[concern.locationOfRisk]}${concern.locationDetail ? `: ${concern.locationDetail}` : ''}`,
    },
    { key: 'Done straight away', value: <MultiLine text={concern.immediateActions} /> },
    {
      key: 'Level',
      value: (
        <>
          {levelLabels[concern.level]}
          {canManage ? (
            <span className="nhsuk-u-display-block">
              <Link to={concernPath(concern.id, 'level')}>
                Change the level<span className="nhsuk-u-visually-hidden"> of the concern</span>
              </Link>
            </span>
          ) : null}
        </>
      ),
    },
    {
      key: 'Where it is',
      value: (
        <>
          {statusLabels[concern.status]}
          {concern.notReferredReason ? (
            <span className="nhsuk-u-display-block">Not referred because: {concern.notReferredReason}</span>
          ) : null}
        </>
      ),
    },
    {
      key: 'Advocacy',
      value: `${advocacyLabels[concern.advocacy.status]}${concern.advocacy.advocateName ? `: ${concern.advocacy.advocateName}` : ''}`,
    },
  ];

  return (
    <>
      <ErrorSummary items={problems} />
      {resolved ? (
        <p className="nhsuk-body" role="status">
          {resolved}
        </p>
      ) : null}
      {concern.alerts.length > 0 ? (
        <>
          <h2>Needs a manager’s attention</h2>
          <ul className="nhsuk-list">
            {concern.alerts.map((alert) => (
              <li key={alert.id} className="nhsuk-card nhsuk-u-margin-bottom-3">
                <div className="nhsuk-card__content">
                  <h3 className="nhsuk-card__heading nhsuk-heading-s">{alert.title}</h3>
                  {alert.detail ? <p className="nhsuk-u-margin-bottom-2">{alert.detail}</p> : null}
                  <p className="nhsuk-body-s nhsuk-u-secondary-text-colour">
                    Since <Moment iso={alert.createdAt} />
                  </p>
                  {canManage ? (
                    <button
                      className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
                      type="button"
                      aria-disabled={resolving === alert.id ? 'true' : undefined}
                      onClick={() => void markDealtWith(alert.id, alert.title)}
                    >
                      Mark as dealt with<span className="nhsuk-u-visually-hidden">: {alert.title}</span>
                    </button>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {concern.status === 'closed' ? <ClosingSummary concern={concern} /> : null}

      <h2>The concern as raised</h2>
      <SummaryList rows={rows} />

      <h2>What staff need to know</h2>
      <InsetText label="Shown to staff who are not managers">
        <NeedToKnow summary={concern} forManager />
      </InsetText>
      {canManage ? (
        <p>
          <Link to={concernPath(concern.id, 'need-to-know')}>
            {concern.needToKnow ? 'Change what staff need to know' : 'Write what staff need to know'}
          </Link>
        </p>
      ) : null}

      {canManage ? <NextSteps concern={concern} /> : null}
      {canRecord && !canManage ? (
        <p>
          <Link to={concernPath(concern.id, 'chronology/add')}>Add to the chronology</Link>
        </p>
      ) : null}
    </>
  );
}

/** The steps open from where the concern is, each a page of its own. */
function NextSteps({ concern }: { concern: Concern }) {
  const steps: { to: string; label: string; hint: string }[] = [
    {
      to: 'chronology/add',
      label: 'Add to the chronology',
      hint: 'Blocked access, an injury, a threat, a disclosure, a call with a partner.',
    },
    {
      to: 'status',
      label: 'Move the concern on',
      hint: `It is “${statusLabels[concern.status]}”: record where it goes next, and why.`,
    },
    {
      to: 'advice/request',
      label: 'Seek threshold advice',
      hint: 'From your named safeguarding link, with a deadline.',
    },
  ];
  if (concern.status !== 'referred' && concern.status !== 'enquiry') {
    steps.push({
      to: 'advice/referral',
      label: 'Make a section 42 referral',
      hint: 'Prefilled from the records, for you to check before it is sent.',
    });
  }
  if (concern.status === 'referred') {
    steps.push({
      to: 'advice/decision',
      label: 'Record the local authority’s decision',
      hint: concern.overdueForDecision ? 'It is overdue: the referral is being chased.' : 'In their words.',
    });
  }
  steps.push(
    { to: 'plans/add', label: 'Add a safe-contact plan', hint: 'How staff keep contact safe.' },
    { to: 'plans/triggers/add', label: 'Set a review trigger', hint: 'What would make you escalate.' },
    {
      to: 'restrictions/add',
      label: 'Record an interim restriction',
      hint: 'With its legal basis and a review within a month.',
    },
    { to: 'close', label: 'Close the concern', hint: 'With the outcome and the lessons learnt.' },
  );
  return (
    <>
      <h2>Next steps</h2>
      <ul className="nhsuk-list">
        {steps.map((step) => (
          <li key={step.to}>
            <Link to={concernPath(concern.id, step.to)}>{step.label}</Link>
            <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-secondary-text-colour">
              {step.hint}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

function ClosingSummary({ concern }: { concern: Concern }) {
  const signedOffBy = concern.signedOffBy;
  const [signer] = useResource(`staff ${signedOffBy ?? ''}`, () =>
    signedOffBy ? getColleague(signedOffBy).then((member) => member.displayName) : Promise.resolve(null),
  );
  return (
    <>
      <h2>Outcome</h2>
      <SummaryList
        rows={[
          { key: 'Risk outcome', value: concern.outcome ? outcomeLabels[concern.outcome] : 'Not recorded' },
          { key: 'Lessons learnt', value: <MultiLine text={concern.lessonsLearnt} /> },
          {
            key: 'Signed off by',
            value: signer.status === 'loaded' ? (signer.data ?? 'Not recorded') : 'A manager',
          },
          {
            key: 'Closed (UK time)',
            value: concern.closedAt ? <Moment iso={concern.closedAt} /> : 'Not closed',
          },
        ]}
      />
    </>
  );
}

/** What staff who are not managers see: the need-to-know summary, and a way to add what they see. */
function SummaryOnly({ concernId }: { concernId: string }) {
  const session = useSession();
  const location = useLocation();
  const [notice] = useNotice();
  const [loaded, reload] = useResource(`concern summary ${concernId}`, () => getConcernSummary(concernId));
  if (loaded.status === 'loading') return <Loading what="Loading the concern" />;
  if (loaded.status === 'failed') {
    return (
      <>
        <BackLink to="/safeguarding">Back to safeguarding concerns</BackLink>
        <h1>Safeguarding concern</h1>
        <LoadProblem error={loaded.error} onTryAgain={reload} />
      </>
    );
  }
  const summary = loaded.data;
  const context: ConcernOutlet = { summary, concern: null, reload };
  const here = location.pathname.replace(/\/$/, '');
  const isHere = here === concernPath(summary.id);
  const isAdding = here === concernPath(summary.id, 'chronology/add');
  return (
    <>
      <BackLink to={isHere ? '/safeguarding' : concernPath(summary.id)}>
        {isHere ? 'Back to safeguarding concerns' : 'Back to the concern'}
      </BackLink>
      {notice ? <NotificationBanner variant="success">{notice}</NotificationBanner> : null}
      <ConcernHeading summary={summary} caption="Safeguarding concern" />
      {/* Its own page is the summary; adding to the chronology is the one page under it they may reach. */}
      {isHere ? (
        <SummaryOnlySection summary={summary} canRecord={hasRole(session.user.role, concernRecorders)} />
      ) : isAdding ? (
        <Outlet context={context} />
      ) : (
        <NotForThem summary={summary} />
      )}
    </>
  );
}

function SummaryOnlySection({ summary, canRecord }: { summary: ConcernSummary; canRecord: boolean }) {
  usePageTitle(`Concern about ${summary.personName}`);
  return (
    <>
      <p>
        <ConcernStatusTag status={summary.status} />{' '}
        <span className="nhsuk-body-s">
          Raised <Moment iso={summary.raisedAt} />.
        </span>
      </p>
      <h2>What you need to know</h2>
      <InsetText label="From the manager">
        <NeedToKnow summary={summary} />
      </InsetText>
      <p>
        Only managers see the full concern and its chronology. If you see or hear something new, add it to the
        chronology: managers read it there, with your name.
      </p>
      {canRecord && summary.status !== 'closed' ? (
        <p>
          <ButtonLink to={concernPath(summary.id, 'chronology/add')}>Add to the chronology</ButtonLink>
        </p>
      ) : null}
    </>
  );
}

/** The concern's other pages, refused in words that say what they may see instead. */
function NotForThem({ summary }: { summary: ConcernSummary }) {
  usePageTitle('Only managers see this part of the concern');
  return (
    <>
      <h2>Only managers see this part of the concern</h2>
      <p>
        Managers and the auditor see the concern in full: what happened, the chronology, the advice and the
        referral. You see what staff need to know to keep people safe.
      </p>
      <p>
        <Link to={concernPath(summary.id)}>See what you need to know</Link>
      </p>
    </>
  );
}
