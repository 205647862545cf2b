import type { RouteObject } from 'react-router';
import { RequireRole } from '../auth/RequireSession.tsx';
import { chronologyReaders, peopleReaders, peopleWriters } from './access.ts';
import { AddCircleMemberPage, EndCircleMemberPage } from './CircleMemberPages.tsx';
import { PersonChronologyPage } from './PersonChronologyPage.tsx';
import { AddPersonPage, ChangePersonPage } from './PersonFormPage.tsx';
import { PersonPage } from './PersonPage.tsx';
import { EndRepresentativePage, RepresentativeFormPage } from './RepresentativeFormPage.tsx';

/** The pages inside the People section (the list is the section's page, in navigation.ts). */
export const peopleRoutes: RouteObject[] = [
  { path: '/people/new', element: <AddPersonPage />, roles: peopleWriters },
  { path: '/people/:personId', element: <PersonPage />, roles: peopleReaders },
  { path: '/people/:personId/change', element: <ChangePersonPage />, roles: peopleWriters },
  { path: '/people/:personId/chronology', element: <PersonChronologyPage />, roles: chronologyReaders },
  {
    path: '/people/:personId/representatives/add',
    element: <RepresentativeFormPage />,
    roles: peopleWriters,
  },
  {
    path: '/people/:personId/representatives/:representativeId/change',
    element: <RepresentativeFormPage />,
    roles: peopleWriters,
  },
  {
    path: '/people/:personId/representatives/:representativeId/end',
    element: <EndRepresentativePage />,
    roles: peopleWriters,
  },
  { path: '/people/:personId/circle/add', element: <AddCircleMemberPage />, roles: peopleWriters },
  { path: '/people/:personId/circle/:memberId/end', element: <EndCircleMemberPage />, roles: peopleWriters },
].map(({ path, element, roles }) => ({ path, element: <RequireRole roles={roles}>{element}</RequireRole> }));
