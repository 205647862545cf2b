import type { RouteObject } from 'react-router';
import { RequireRole } from '../auth/RequireSession.tsx';
import { registerKeepers, registerReaders } from './access.ts';
import { ChannelFormPage } from './ChannelFormPage.tsx';
import { ContactMovedOnPage } from './ContactMovedOnPage.tsx';
import { ImportRegisterPage } from './ImportRegisterPage.tsx';
import { AddPartnerContactPage, ChangePartnerContactPage } from './PartnerContactFormPage.tsx';
import { PartnerContactPage } from './PartnerContactPage.tsx';
import { AddPartnerOrganisationPage, ChangePartnerOrganisationPage } from './PartnerOrganisationFormPage.tsx';
import { PartnerOrganisationPage } from './PartnerOrganisationPage.tsx';
import { StaleContactsPage } from './StaleContactsPage.tsx';

/** The pages inside the Partners section (the register itself is the section's page, in navigation.ts). */
export const partnerRoutes: RouteObject[] = [
  { path: '/partners/stale', element: <StaleContactsPage />, roles: registerReaders },
  { path: '/partners/import', element: <ImportRegisterPage />, roles: registerKeepers },
  { path: '/partners/organisations/new', element: <AddPartnerOrganisationPage />, roles: registerKeepers },
  {
    path: '/partners/organisations/:organisationId',
    element: <PartnerOrganisationPage />,
    roles: registerReaders,
  },
  {
    path: '/partners/organisations/:organisationId/change',
    element: <ChangePartnerOrganisationPage />,
    roles: registerKeepers,
  },
  {
    path: '/partners/organisations/:organisationId/contacts/new',
    element: <AddPartnerContactPage />,
    roles: registerKeepers,
  },
  {
    path: '/partners/organisations/:organisationId/channels/new',
    element: <ChannelFormPage />,
    roles: registerKeepers,
  },
  {
    path: '/partners/organisations/:organisationId/channels/:channelId',
    element: <ChannelFormPage />,
    roles: registerKeepers,
  },
  { path: '/partners/contacts/:contactId', element: <PartnerContactPage />, roles: registerReaders },
  {
    path: '/partners/contacts/:contactId/change',
    element: <ChangePartnerContactPage />,
    roles: registerKeepers,
  },
  { path: '/partners/contacts/:contactId/moved-on', element: <ContactMovedOnPage />, roles: registerKeepers },
  {
    path: '/partners/contacts/:contactId/channels/new',
    element: <ChannelFormPage />,
    roles: registerKeepers,
  },
  {
    path: '/partners/contacts/:contactId/channels/:channelId',
    element: <ChannelFormPage />,
    roles: registerKeepers,
  },
].map(({ path, element, roles }) => ({ path, element: <RequireRole roles={roles}>{element}</RequireRole> }));
