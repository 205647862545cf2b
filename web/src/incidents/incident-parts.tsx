import { useOutletContext } from 'react-router';
import { type Incident, listStaff, type RiskLevel, type Session, type StaffMember } from '../api.ts';
import { hasRole, staffViewers } from '../roles.ts';
import { useResource } from '../ui/useResource.ts';
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
 * The staff a form can name (a lead, a partner liaison, an owner). Managers, the registered
 * manager and the auditor may list staff; a care worker may not, so they are offered themselves
 * and the incident's lead and partner liaison.
 */
export function useStaffChoices(session: Session, incident?: Incident) {
  const canList = hasRole(session.user.role, staffViewers);
  return useResource(`staff choices ${canList} ${incident?.id ?? ''}`, async (): Promise<StaffChoice[]> => {
    if (!canList) {
      const known = new Map<string, string>([[session.user.id, `${session.user.displayName} (you)`]]);
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
      .filter((member) => !member.disabled && member.role !== 'admin')
      .sort((a, b) => a.displayName.localeCompare(b.displayName))
      .map((member) => ({
        value: member.id,
        label: member.id === session.user.id ? `${member.displayName} (you)` : member.displayName,
      }));
  });
}
