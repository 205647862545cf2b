import type { RouteObject } from 'react-router';
import { RequireRole } from '../auth/RequireSession.tsx';
import { CarePlanAmendmentPage, RecordConfirmationPage } from './AdvicePages.tsx';
import { AwaitingConfirmationPage, awaitingConfirmationPath } from './AwaitingConfirmationPage.tsx';
import { adviceReaders, adviceWriters } from './access.ts';

/** The advice pages inside a person's record, and the advice still to be confirmed in writing. */
export const adviceRoutes: RouteObject[] = [
  { path: awaitingConfirmationPath, element: <AwaitingConfirmationPage />, roles: adviceReaders },
  {
    path: '/people/:personId/advice/:adviceId/confirmation',
    element: <RecordConfirmationPage />,
    roles: adviceWriters,
  },
  {
    path: '/people/:personId/care-plan-amendments/new',
    element: <CarePlanAmendmentPage />,
    roles: adviceWriters,
  },
].map(({ path, element, roles }) => ({ path, element: <RequireRole roles={roles}>{element}</RequireRole> }));
