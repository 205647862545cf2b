import type { RouteObject } from 'react-router';
import { RequireRole } from '../auth/RequireSession.tsx';
import { sharingDeciders, sharingReaders, sharingWriters } from './access.ts';
import { BestInterestsDecisionPage } from './BestInterestsDecisionPage.tsx';
import { CanIShareThisPage } from './CanIShareThisPage.tsx';
import { CapacityAssessmentPage } from './CapacityAssessmentPage.tsx';
import { RecordConsentPage, WithdrawConsentPage } from './ConsentPages.tsx';
import { CancelHeldSharePage } from './HeldSharesPages.tsx';
import { AuthoriseSafeguardingPage, RevokeSafeguardingPage } from './SafeguardingPages.tsx';
import { ShareLogPage } from './ShareLogPage.tsx';
import { AddSharingAgreementPage, ChangeSharingAgreementPage } from './SharingAgreementPages.tsx';
import { SharingRecordsPage } from './SharingRecordsPage.tsx';

/**
 * The consent and sharing pages. The held shares list and the agreements list are sections of the
 * menu (navigation.ts); these are the pages inside them and inside a person's record.
 */
export const sharingRoutes: RouteObject[] = [
  { path: '/people/:personId/sharing', element: <SharingRecordsPage />, roles: sharingReaders },
  { path: '/people/:personId/sharing/consents/new', element: <RecordConsentPage />, roles: sharingWriters },
  {
    path: '/people/:personId/sharing/consents/:consentId/withdraw',
    element: <WithdrawConsentPage />,
    roles: sharingWriters,
  },
  {
    path: '/people/:personId/sharing/capacity-assessments/new',
    element: <CapacityAssessmentPage />,
    roles: sharingWriters,
  },
  {
    path: '/people/:personId/sharing/best-interests-decisions/new',
    element: <BestInterestsDecisionPage />,
    roles: sharingDeciders,
  },
  {
    path: '/people/:personId/sharing/safeguarding-authorisations/new',
    element: <AuthoriseSafeguardingPage />,
    roles: sharingDeciders,
  },
  {
    path: '/people/:personId/sharing/safeguarding-authorisations/:authorisationId/revoke',
    element: <RevokeSafeguardingPage />,
    roles: sharingDeciders,
  },
  { path: '/people/:personId/can-i-share', element: <CanIShareThisPage />, roles: sharingReaders },
  { path: '/people/:personId/shares', element: <ShareLogPage />, roles: sharingReaders },
  { path: '/held-shares/:shareId/cancel', element: <CancelHeldSharePage />, roles: sharingDeciders },
  { path: '/partners/sharing-agreements/new', element: <AddSharingAgreementPage />, roles: sharingDeciders },
  {
    path: '/partners/sharing-agreements/:agreementId/change',
    element: <ChangeSharingAgreementPage />,
    roles: sharingDeciders,
  },
].map(({ path, element, roles }) => ({ path, element: <RequireRole roles={roles}>{element}</RequireRole> }));
