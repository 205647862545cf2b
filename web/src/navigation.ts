import type { ComponentType } from 'react';
import type { StaffRole } from './api.ts';
import { HomePage } from './home/HomePage.tsx';
import { registerReaders } from './partners/access.ts';
import { PartnersPage } from './partners/PartnersPage.tsx';
import { peopleReaders } from './people/access.ts';
import { PeoplePage } from './people/PeoplePage.tsx';
import { everyone, hasRole, staffViewers } from './roles.ts';
import { StaffPage } from './staff/StaffPage.tsx';

export type Section = {
  path: string;
  label: string;
  page: ComponentType;
  roles: readonly StaffRole[];
};

/**
 * The sections of Liaison, in menu order. Each one is a menu link and a route (see routes.tsx),
 * shown only to the roles listed: adding a capability is one line here. A section needs its page,
 * so there cannot be a link to a page that does not exist.
 */
export const sections: readonly Section[] = [
  { path: '/', label: 'Home', page: HomePage, roles: everyone },
  { path: '/people', label: 'People', page: PeoplePage, roles: peopleReaders },
  { path: '/partners', label: 'Partners', page: PartnersPage, roles: registerReaders },
  { path: '/staff', label: 'Staff', page: StaffPage, roles: staffViewers },
];

export function sectionsFor(role: StaffRole): Section[] {
  return sections.filter((section) => hasRole(role, section.roles));
}

export function isCurrentSection(section: Section, pathname: string): boolean {
  if (section.path === '/') return pathname === '/';
  return pathname === section.path || pathname.startsWith(`${section.path}/`);
}
