import type { ComponentType } from 'react';
import type { StaffRole } from './api.ts';
import { AuditPage } from './audit/AuditPage.tsx';
import { auditSectionReaders } from './audit/access.ts';
import { HomePage } from './home/HomePage.tsx';
import { incidentReaders } from './incidents/access.ts';
import { IncidentsPage } from './incidents/IncidentsPage.tsx';
import { messageReaders } from './messages/access.ts';
import { MessagesPage } from './messages/MessagesPage.tsx';
import { registerReaders } from './partners/access.ts';
import { PartnersPage } from './partners/PartnersPage.tsx';
import { peopleReaders } from './people/access.ts';
import { PeoplePage } from './people/PeoplePage.tsx';
import { everyone, hasRole, staffViewers } from './roles.ts';
import { concernSummaryReaders } from './safeguarding/access.ts';
import { ConcernsPage } from './safeguarding/ConcernsPage.tsx';
import { sharingDeciders, sharingReaders } from './sharing/access.ts';
import { HeldSharesPage } from './sharing/HeldSharesPages.tsx';
import { SharingAgreementsPage } from './sharing/SharingAgreementPages.tsx';
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
  { path: '/messages', label: 'Partner messages', page: MessagesPage, roles: messageReaders },
  { path: '/incidents', label: 'Incidents', page: IncidentsPage, roles: incidentReaders },
  { path: '/safeguarding', label: 'Safeguarding', page: ConcernsPage, roles: concernSummaryReaders },
  { path: '/held-shares', label: 'Held shares', page: HeldSharesPage, roles: sharingDeciders },
  { path: '/partners', label: 'Partners', page: PartnersPage, roles: registerReaders },
  {
    path: '/partners/sharing-agreements',
    label: 'Sharing agreements',
    page: SharingAgreementsPage,
    roles: sharingReaders,
  },
  { path: '/staff', label: 'Staff', page: StaffPage, roles: staffViewers },
  { path: '/audit', label: 'Audit', page: AuditPage, roles: auditSectionReaders },
];

export function sectionsFor(role: StaffRole): Section[] {
  return sections.filter((section) => hasRole(role, section.roles));
}

export function isCurrentSection(section: Section, pathname: string): boolean {
  if (!isWithin(section.path, pathname)) return false;
  // A section inside another (sharing agreements inside partners) is the current one on its own pages.
  return !sections.some((other) => other.path.length > section.path.length && isWithin(other.path, pathname));
}

function isWithin(sectionPath: string, pathname: string): boolean {
  if (sectionPath === '/') return pathname === '/';
  return pathname === sectionPath || pathname.startsWith(`${sectionPath}/`);
}
