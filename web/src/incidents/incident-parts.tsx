import { useOutletContext } from 'react-router';
import {
  type CareService,
  type Incident,
  listCareServices,
  listStaff,
  type RiskLevel,
  type Session,
  type StaffMember,
  type StaffRole,
} from '../api.ts';
import { hasRole, staffViewers } from '../roles.ts';
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
 * The staff a form can name (a lead, a partner liaison, an owner): only those who may act in that
 * part. Managers, the registered manager and the auditor may list staff; a care worker may not,
 * so they are offered themselves and the incident's lead and partner liaison.
 */
export function useStaffChoices(session: Session, part: keyof typeof mayAct, incident?: Incident) {
  const canList = hasRole(session.user.role, staffViewers);
  const roles: readonly StaffRole[] = mayAct[part];
  return useResource(
    `staff choices ${part} ${canList} ${incident?.id ?? ''}`,
    async (): Promise<StaffChoice[]> => {
      if (!canList) {
        const known = new Map<string, string>(
          roles.includes(session.user.role) ? [[session.user.id, `${session.user.displayName} (you)`]] : [],
        );
        if (incident) {
          if (!known.has(incident.lead.id)) known.set(incident.lead.id, incident.lead.name);
          if (!known.has(incident.partnerLiaison.id))
            known.set(incident.partnerLiaison.id, incident.partnerLiaison.name);
        }
        return [...known].map(([value, label]) => ({ value, label }));
      }
      const staff: StaffMember[] = [];
      for (let offset = 0; offset < 2_000; offset += 100) {
        const page = await listStaff({ limit: 100, offset });
        staff.push(...page.items);
        if (page.items.length < 100) break;
      }
      return staff
        .filter((member) => !member.disabled && roles.includes(member.role))
        .sort((a, b) => a.displayName.localeCompare(b.displayName))
        .map((member) => ({
          value: member.id,
          label: member.id === session.user.id ? `${member.displayName} (you)` : member.displayName,
        }));
    },
  );
}

/** Every service or location of the organisation, by name: a page of a hundred at a time. */
export function useCareServices() {
  return useResource('care services, all', async (): Promise<CareService[]> => {
    const services: CareService[] = [];
    for (let offset = 0; offset < 5_000; offset += 100) {
      const page = await listCareServices({ limit: 100, offset });
      services.push(...page.items);
      if (page.items.length < 100) break;
    }
    return services.sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  });
}
