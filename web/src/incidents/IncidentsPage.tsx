import { Link, useSearchParams } from 'react-router';
import { type Incident, type IncidentStatus, listIncidents } from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { hasRole } from '../roles.ts';
import { NotificationBanner } from '../ui/NotificationBanner.tsx';
import { useNotice } from '../ui/notice.ts';
import { PagedList, pageRequest } from '../ui/PagedList.tsx';
import { pageFrom } from '../ui/Pagination.tsx';
import { ButtonLink, Moment } from '../ui/page-parts.tsx';
import { Cell, Row, Table } from '../ui/Table.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useResource } from '../ui/useResource.ts';
import { incidentLeaders, riskPointsKeepers } from './access.ts';
import { incidentTypeLabels, severityLabels } from './incident-labels.ts';
import { incidentPath } from './incident-parts.tsx';

const pageSize = 25;
const views = { open: 'Open incidents', closed: 'Closed incidents' } as const satisfies Record<
  IncidentStatus,
  string
>;

export function IncidentsPage() {
  const session = useSession();
  const [notice] = useNotice();
  const [searchParams] = useSearchParams();
  const status: IncidentStatus = searchParams.get('status') === 'closed' ? 'closed' : 'open';
  const page = pageFrom(searchParams);
  usePageTitle(views[status]);
  const [incidents, reload] = useResource(`incidents ${status} ${page}`, () =>
    listIncidents({ status, ...pageRequest(page, pageSize) }),
  );

  return (
    <>
      {notice ? <NotificationBanner variant="success">{notice}</NotificationBanner> : null}
      <h1>Incidents</h1>
      <p>
        Disruptions to care (staff shortages, heating, flood or power failures, medicines, transport), the
        people they put at risk, what partners were asked, and what was decided.
      </p>
      {hasRole(session.user.role, incidentLeaders) ? (
        <p>
          <ButtonLink to="/incidents/new">Open an incident</ButtonLink>
        </p>
      ) : null}
      <nav className="nhsuk-contents-list" aria-label="Which incidents">
        <h2 className="nhsuk-u-visually-hidden">Which incidents</h2>
        <ol className="nhsuk-contents-list__list">
          {(Object.keys(views) as IncidentStatus[]).map((each) =>
            each === status ? (
              <li className="nhsuk-contents-list__item" key={each} aria-current="page">
                <span className="nhsuk-contents-list__current">{views[each]}</span>
              </li>
            ) : (
              <li className="nhsuk-contents-list__item" key={each}>
                <Link className="nhsuk-contents-list__link" to={`/incidents?status=${each}`}>
                  {views[each]}
                </Link>
              </li>
            ),
          )}
        </ol>
      </nav>
      <PagedList
        resource={incidents}
        reload={reload}
        page={page}
        pageSize={pageSize}
        searchParams={searchParams}
        empty={
          <>
            <h2>{views[status]}</h2>
            <p>{status === 'open' ? 'There are no open incidents.' : 'No incidents have been closed yet.'}</p>
          </>
        }
      >
        {(items) => <IncidentsTable caption={views[status]} incidents={items} />}
      </PagedList>
      <p>
        <Link to="/incidents/risk-points">
          {hasRole(session.user.role, riskPointsKeepers)
            ? 'Review and set the risk points table that ranks the people affected'
            : 'The risk points table that ranks the people affected'}
        </Link>
      </p>
    </>
  );
}

export function IncidentsTable({ caption, incidents }: { caption: string; incidents: readonly Incident[] }) {
  return (
    <Table
      caption={caption}
      headings={['Incident', 'Started (UK time)', 'Severity', 'People affected', 'Lead']}
    >
      {incidents.map((incident) => (
        <Row key={incident.id}>
          <Cell heading="Incident">
            <Link to={incidentPath(incident.id)}>{incident.title}</Link>
            {incident.status === 'closed' ? (
              <>
                {' '}
                <strong className="nhsuk-tag nhsuk-tag--grey">Closed</strong>
              </>
            ) : null}
            <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">
              {incidentTypeLabels[incident.type]}
              {incident.careServices.length > 0
                ? `, ${incident.careServices.map((service) => service.name).join(', ')}`
                : ''}
            </span>
          </Cell>
          <Cell heading="Started (UK time)">
            <Moment iso={incident.startedAt} />
            {incident.endedAt ? (
              <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">
                Ended <Moment iso={incident.endedAt} />
              </span>
            ) : null}
          </Cell>
          <Cell heading="Severity">{severityLabels[incident.severity]}</Cell>
          <Cell heading="People affected">{incident.affectedPeople}</Cell>
          <Cell heading="Lead">{incident.lead.name}</Cell>
        </Row>
      ))}
    </Table>
  );
}
