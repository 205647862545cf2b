import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import type { StaffRole } from '../api.ts';
import { RequireRole } from '../auth/RequireSession.tsx';
import { AddPeopleSection, AdjustPersonSection, AffectedPeopleSection } from './AffectedPeoplePages.tsx';
import { incidentLeaders, incidentReaders, incidentRecorders } from './access.ts';
import { CloseIncidentSection } from './CloseIncidentSection.tsx';
import { EditIncidentSection } from './EditIncidentSection.tsx';
import { IncidentPage, IncidentSummarySection } from './IncidentPage.tsx';
import { EndMeasureSection, MeasuresSection } from './MeasuresPages.tsx';
import { OpenIncidentPage } from './OpenIncidentPage.tsx';
import { PartnerUpdatesSection } from './PartnerUpdatesSection.tsx';
import { RecordsSection } from './RecordsSection.tsx';
import { ReviewSection } from './ReviewSection.tsx';
import { RiskPointsPage } from './RiskPointsPage.tsx';
import { TimelineSection } from './TimelineSection.tsx';

const only = (roles: readonly StaffRole[], element: ReactNode) => (
  <RequireRole roles={roles}>{element}</RequireRole>
);

/** The pages inside the Incidents section (the list is the section's page, in navigation.ts). */
export const incidentRoutes: RouteObject[] = [
  { path: '/incidents/new', element: only(incidentLeaders, <OpenIncidentPage />) },
  { path: '/incidents/risk-points', element: only(incidentReaders, <RiskPointsPage />) },
  {
    path: '/incidents/:incidentId',
    element: only(incidentReaders, <IncidentPage />),
    children: [
      { index: true, element: <IncidentSummarySection /> },
      { path: 'edit', element: only(incidentLeaders, <EditIncidentSection />) },
      { path: 'people', element: <AffectedPeopleSection /> },
      { path: 'people/add', element: only(incidentLeaders, <AddPeopleSection />) },
      { path: 'people/:personId', element: only(incidentLeaders, <AdjustPersonSection />) },
      { path: 'measures', element: <MeasuresSection /> },
      { path: 'measures/:measureId/end', element: only(incidentRecorders, <EndMeasureSection />) },
      { path: 'records', element: <RecordsSection /> },
      { path: 'partner-updates', element: <PartnerUpdatesSection /> },
      { path: 'timeline', element: <TimelineSection /> },
      { path: 'close', element: only(incidentLeaders, <CloseIncidentSection />) },
      { path: 'review', element: <ReviewSection /> },
    ],
  },
];
