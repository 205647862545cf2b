import { Link, Outlet, useLocation, useParams } from 'react-router';
import { getIncident, type Incident } from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { hasRole } from '../roles.ts';
import { ContentsList } from '../ui/ContentsList.tsx';
import { NotificationBanner } from '../ui/NotificationBanner.tsx';
import { useNotice } from '../ui/notice.ts';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { BackLink, Lines, Loading, Moment, MultiLine } from '../ui/page-parts.tsx';
import { SummaryList } from '../ui/SummaryList.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { incidentLeaders } from './access.ts';
import { incidentTypeLabels, severityLabels } from './incident-labels.ts';
import { type IncidentOutlet, IncidentStatusTag, incidentPath, useIncident } from './incident-parts.tsx';

type SectionLink = {
  section: string;
  label: string;
  show: (incident: Incident, canLead: boolean) => boolean;
};

/** The incident's sections, in the order they are worked through. */
const sectionLinks: readonly SectionLink[] = [
  { section: '', label: 'Summary and key people', show: () => true },
  { section: 'people', label: 'Affected people', show: () => true },
  { section: 'measures', label: 'Interim measures', show: () => true },
  { section: 'records', label: 'Decision log, readings and hazards', show: () => true },
  { section: 'partner-updates', label: 'Partner updates', show: () => true },
  { section: 'timeline', label: 'Timeline', show: () => true },
  {
    section: 'close',
    label: 'Close the incident',
    show: (incident, canLead) => canLead && incident.status === 'open',
  },
  {
    section: 'review',
    label: 'Post-incident review',
    show: (incident) => incident.status === 'closed',
  },
];

/** One incident: its heading and sections, each section a page of its own underneath. */
export function IncidentPage() {
  const { incidentId = '' } = useParams();
  const session = useSession();
  const location = useLocation();
  const [notice] = useNotice();
  const [incident, reload] = useResource(`incident ${incidentId}`, () => getIncident(incidentId));
  if (incident.status === 'loading') return <Loading />;
  if (incident.status === 'failed') {
    return (
      <>
        <BackLink to="/incidents">Back to incidents</BackLink>
        <h1>Incident</h1>
        <LoadProblem error={incident.error} onTryAgain={reload} />
      </>
    );
  }
  const current = incident.data;
  const canLead = hasRole(session.user.role, incidentLeaders);
  const base = incidentPath(current.id);
  const here = location.pathname.replace(/\/$/, '');
  const context: IncidentOutlet = { incident: current, reload };
  return (
    <>
      <IncidentBackLink incident={current} here={here} />
      {notice ? <NotificationBanner variant="success">{notice}</NotificationBanner> : null}
      <h1>
        <span className="nhsuk-caption-l">{incidentTypeLabels[current.type]}</span>
        {current.title}
      </h1>
      <p>
        <IncidentStatusTag status={current.status} />{' '}
        <span className="nhsuk-body-s">
          {severityLabels[current.severity]} severity. Started <Moment iso={current.startedAt} />
          {current.endedAt ? (
            <>
              , ended <Moment iso={current.endedAt} />
            </>
          ) : null}
          .
        </span>
      </p>
      <ContentsList
        label="Sections of this incident"
        items={[
          ...sectionLinks
            .filter((link) => link.show(current, canLead))
            .map((link) => {
              const to = incidentPath(current.id, link.section);
              const isCurrent =
                link.section === '' ? here === base : here === to || here.startsWith(`${to}/`);
              return { label: link.label, to, isCurrent };
            }),
          ...(current.status === 'open'
            ? [
                {
                  label: 'Review so far',
                  to: incidentPath(current.id, 'review'),
                  isCurrent: here === incidentPath(current.id, 'review'),
                },
              ]
            : []),
        ]}
      />
      <Outlet context={context} />
    </>
  );
}

/**
 * Up one level: from a page inside a section (adding people, ending a measure) to that section,
 * from a section to the incident, and from the incident to the list it is in.
 */
function IncidentBackLink({ incident, here }: { incident: Incident; here: string }) {
  const base = incidentPath(incident.id);
  if (here === base) {
    return (
      <BackLink to={incident.status === 'closed' ? '/incidents?status=closed' : '/incidents'}>
        Back to incidents
      </BackLink>
    );
  }
  const section = sectionLinks.find(
    (link) => link.section !== '' && here.startsWith(`${incidentPath(incident.id, link.section)}/`),
  );
  if (section) {
    return (
      <BackLink to={incidentPath(incident.id, section.section)}>
        Back to {section.label.toLowerCase()}
      </BackLink>
    );
  }
  return <BackLink to={base}>Back to the incident</BackLink>;
}

export function IncidentSummarySection() {
  const { incident } = useIncident();
  const session = useSession();
  usePageTitle(incident.title);
  const canChange = incident.status === 'open' && hasRole(session.user.role, incidentLeaders);
  return (
    <>
      <h2>Summary</h2>
      <SummaryList
        rows={[
          { key: 'What has happened', value: <MultiLine text={incident.summary} /> },
          { key: 'Kind of disruption', value: incidentTypeLabels[incident.type] },
          { key: 'Severity', value: severityLabels[incident.severity] },
          { key: 'Started (UK time)', value: <Moment iso={incident.startedAt} /> },
          {
            key: 'Ended (UK time)',
            value: incident.endedAt ? <Moment iso={incident.endedAt} /> : 'Still going on',
          },
          {
            key: 'Services or locations',
            value: (
              <Lines
                lines={[...incident.careServices.map((service) => service.name), ...incident.locations]}
                empty="None named"
              />
            ),
          },
          {
            key: 'People affected',
            value: (
              <Link to={incidentPath(incident.id, 'people')}>
                {incident.affectedPeople === 1 ? '1 person' : `${incident.affectedPeople} people`}
              </Link>
            ),
          },
        ]}
      />
      <h2>Key people</h2>
      <SummaryList
        rows={[
          { key: 'Incident lead', value: incident.lead.name },
          { key: 'Partner liaison', value: incident.partnerLiaison.name },
        ]}
      />
      <p className="nhsuk-body-s">
        The partner liaison owns communication with partners, so that every partner hears one consistent
        account and knows who to answer.
      </p>
      {canChange ? (
        <p>
          <Link to={incidentPath(incident.id, 'edit')}>
            Change the incident
            <span className="nhsuk-u-visually-hidden">
              {' '}
              (title, summary, severity, end, lead or partner liaison)
            </span>
          </Link>
        </p>
      ) : null}
    </>
  );
}
