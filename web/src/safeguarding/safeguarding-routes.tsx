import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import type { StaffRole } from '../api.ts';
import { RequireRole } from '../auth/RequireSession.tsx';
import {
  AdviceSection,
  DecisionSection,
  RecordAdviceSection,
  ReferralSection,
  RequestAdviceSection,
} from './AdviceSection.tsx';
import { concernManagers, concernReaders, concernRecorders, safeguardingSettingsKeepers } from './access.ts';
import { ChronologySection } from './ChronologySection.tsx';
import {
  AdvocacySection,
  CloseConcernSection,
  LevelSection,
  NeedToKnowSection,
  StatusSection,
} from './ConcernActionPages.tsx';
import { ConcernPage, ConcernSummarySection } from './ConcernPage.tsx';
import { AddEntrySection, CorrectEntrySection } from './EntryPages.tsx';
import { AddPlanSection, AddTriggerSection, EndPlanSection, PlansSection } from './PlansSection.tsx';
import { RaiseConcernPage } from './RaiseConcernPage.tsx';
import { ExportSection, PatternsPage, RelatedSection } from './RelatedSection.tsx';
import {
  AddRestrictionSection,
  EndRestrictionSection,
  RestrictionsRegisterPage,
  RestrictionsSection,
  ReviewRestrictionSection,
} from './RestrictionsSection.tsx';
import { SafeguardingSettingsPage } from './SettingsPage.tsx';

const only = (roles: readonly StaffRole[], element: ReactNode) => (
  <RequireRole roles={roles}>{element}</RequireRole>
);

/**
 * The pages inside the Safeguarding section (the list is the section's page, in navigation.ts).
 * A concern's own page shows the need-to-know summary to those who may not read it in full; its
 * other pages are for those who may.
 */
export const safeguardingRoutes: RouteObject[] = [
  { path: '/safeguarding/new', element: only(concernRecorders, <RaiseConcernPage />) },
  { path: '/safeguarding/patterns', element: only(concernReaders, <PatternsPage />) },
  { path: '/safeguarding/restrictions', element: only(concernReaders, <RestrictionsRegisterPage />) },
  {
    path: '/safeguarding/settings',
    element: only(safeguardingSettingsKeepers, <SafeguardingSettingsPage />),
  },
  {
    path: '/safeguarding/concerns/:concernId',
    element: <ConcernPage />,
    children: [
      { index: true, element: only(concernReaders, <ConcernSummarySection />) },
      { path: 'chronology', element: only(concernReaders, <ChronologySection />) },
      { path: 'chronology/add', element: only(concernRecorders, <AddEntrySection />) },
      { path: 'chronology/:entryId/correct', element: only(concernManagers, <CorrectEntrySection />) },
      { path: 'status', element: only(concernManagers, <StatusSection />) },
      { path: 'level', element: only(concernManagers, <LevelSection />) },
      { path: 'need-to-know', element: only(concernManagers, <NeedToKnowSection />) },
      { path: 'close', element: only(concernManagers, <CloseConcernSection />) },
      { path: 'advice', element: only(concernReaders, <AdviceSection />) },
      { path: 'advice/request', element: only(concernManagers, <RequestAdviceSection />) },
      { path: 'advice/record', element: only(concernManagers, <RecordAdviceSection />) },
      { path: 'advice/referral', element: only(concernManagers, <ReferralSection />) },
      { path: 'advice/decision', element: only(concernManagers, <DecisionSection />) },
      { path: 'advice/advocacy', element: only(concernManagers, <AdvocacySection />) },
      { path: 'plans', element: only(concernReaders, <PlansSection />) },
      { path: 'plans/add', element: only(concernManagers, <AddPlanSection />) },
      { path: 'plans/:planId/end', element: only(concernManagers, <EndPlanSection />) },
      { path: 'plans/triggers/add', element: only(concernManagers, <AddTriggerSection />) },
      { path: 'restrictions', element: only(concernReaders, <RestrictionsSection />) },
      { path: 'restrictions/add', element: only(concernManagers, <AddRestrictionSection />) },
      {
        path: 'restrictions/:restrictionId/review',
        element: only(concernManagers, <ReviewRestrictionSection />),
      },
      { path: 'restrictions/:restrictionId/end', element: only(concernManagers, <EndRestrictionSection />) },
      { path: 'related', element: only(concernReaders, <RelatedSection />) },
      { path: 'export', element: only(concernManagers, <ExportSection />) },
    ],
  },
];
