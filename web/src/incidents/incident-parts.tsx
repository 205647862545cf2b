import { useOutletContext } from 'react-router';
import {
  type CareService,
  type Incident,
  listCareServices,
  listColleagues,
  type RiskLevel,
  type Session,
  type StaffRole,
} from '../api.ts';
import { everyPage } from '../ui/every-page.ts';
import { useResource } from '../ui/useResource.ts';
import { incidentLeaders, incidentRecorders } from './access.ts';
import { levelLabels, levelTagClass, statusLabels, statusTagClass } from './incident-labels.ts';

export function incidentPath(incidentId: string, section = ''): string {
  return `/incidents/${incidentId}${section ? `/${section}` : ''}`;
}

/** What the incident's pages share: the incident as loaded, and a way to load it again. */
export type IncidentOutlet = { incident: Incident; reload: () => void };

export function useIncident(): IncidentOutlet {
  return useOutletContext<IncidentOutlet>();
}

/** The level in words, coloured as well: the colour never carries the meaning alone. */
export function LevelTag({ level }: { level: RiskLevel }) {
  return <strong className={levelTagClass(level)}>{levelLabels[level]}</strong>;
}

export function IncidentStatusTag({ status }: { status: Incident['status'] }) {
  return <strong className={statusTagClass(status)}>{statusLabels[status]}</strong>;
}

export type StaffChoice = { value: string; label: string };

/**
 * Who each choice may name, as the server checks it: a lead or partner liaison is a manager or the
 * registered manager; an owner works with people. Never the auditor, who only reads.
 */
const mayAct = { lead: incidentLeaders, owner: incidentRecorders } as const satisfies Record<
  string,
  readonly StaffRole[]
>;

/**
 * The staff a form can name (a lead, a partner liaison, an owner): every current colleague who
 * may act in that part, by name. Anyone who records a measure or an action may list them; the list
 * says nothing about their accounts.
 */
export function useStaffChoices(session: Session, part: keyof typeof mayAct) {
  const roles: readonly StaffRole[] = mayAct[part];
  return useResource(`staff choices ${part}`, async (): Promise<StaffChoice[]> => {
    const colleagues = await everyPage(listColleagues, 2_000);
    return colleagues
      .filter((colleague) => colleague.current && roles.includes(colleague.role))
      .map((colleague) => ({
        value: colleague.id,
        label: colleague.id === session.user.id ? `${colleague.displayName} (you)` : colleague.displayName,
      }));
  });
}

/** Every service or location of the organisation, by name: a page of a hundred at a time. */
export function useCareServices() {
  return useResource('care services, all', async (): Promise<CareService[]> => {
    const services = await everyPage(listCareServices, 5_000);
    return services.sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  });
}
