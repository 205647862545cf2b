import { useOutletContext } from 'react-router';
import { type Colleague, type Incident, listColleagues, type RiskLevel, type Session } from '../api.ts';
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
 * The staff a form can name (a lead, a partner liaison, an owner): every current colleague who
 * works with people, by name. Anyone who records a measure or an action may list them; the list
 * says nothing about their accounts.
 */
export function useStaffChoices(session: Session) {
  return useResource('staff choices', async (): Promise<StaffChoice[]> => {
    const colleagues: Colleague[] = [];
    for (let offset = 0; offset < 2_000; offset += 100) {
      const page = await listColleagues({ limit: 100, offset });
      colleagues.push(...page.items);
      if (page.items.length < 100) break;
    }
    return colleagues.map((colleague) => ({
      value: colleague.id,
      label: colleague.id === session.user.id ? `${colleague.displayName} (you)` : colleague.displayName,
    }));
  });
}
