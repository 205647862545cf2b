import type { RouteObject } from 'react-router';
import { RequireRole } from '../auth/RequireSession.tsx';
import { CarePlanAmendmentPage, RecordConfirmationPage } from './AdvicePages.tsx';
import { adviceWriters } from './access.ts';

/** The advice pages inside a person's record. */
export const adviceRoutes: RouteObject[] = [
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
