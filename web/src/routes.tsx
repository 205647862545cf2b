import { createBrowserRouter, type RouteObject } from 'react-router';
import { auditRoutes } from './audit/audit-routes.tsx';
import { RequireRole, RequireSession } from './auth/RequireSession.tsx';
import { SignInPage } from './auth/SignInPage.tsx';
import { sections } from './navigation.ts';
import { partnerRoutes } from './partners/partner-routes.tsx';
import { peopleRoutes } from './people/people-routes.tsx';
import { staffAdministrators } from './roles.ts';
import { sharingRoutes } from './sharing/sharing-routes.tsx';
import { AddStaffPage } from './staff/AddStaffPage.tsx';
import { AppLayout } from './ui/AppLayout.tsx';
import { NotFoundPage } from './ui/ProblemPages.tsx';

/** Every page after sign-in: one per section of the menu, then the pages inside sections. */
const signedInRoutes: RouteObject[] = [
  ...sections.map((section) => ({
    path: section.path,
    element: (
      <RequireRole roles={section.roles}>
        <section.page />
      </RequireRole>
    ),
  })),
  {
    path: '/staff/add',
    element: (
      <RequireRole roles={staffAdministrators}>
        <AddStaffPage />
      </RequireRole>
    ),
  },
  ...partnerRoutes,
  ...peopleRoutes,
  ...sharingRoutes,
  ...auditRoutes,
  { path: '*', element: <NotFoundPage /> },
];

export const routes: RouteObject[] = [
  { path: '/sign-in', element: <SignInPage /> },
  {
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: signedInRoutes,
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
