import type { RouteObject } from 'react-router';
import { RequireRole } from '../auth/RequireSession.tsx';
import { PersonAccessPage, StaffAccessPage } from './AccessHistoryPages.tsx';
import { accessHistoryReaders } from './access.ts';

/** The pages inside the Audit section (its own page is in navigation.ts). */
export const auditRoutes: RouteObject[] = [
  { path: '/audit/people/:personId', element: <PersonAccessPage /> },
  { path: '/audit/staff/:userId', element: <StaffAccessPage /> },
].map(({ path, element }) => ({
  path,
  element: <RequireRole roles={accessHistoryReaders}>{element}</RequireRole>,
}));
