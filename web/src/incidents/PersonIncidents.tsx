import { listIncidents, type Person } from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { personName } from '../people/person-labels.ts';
import { hasRole } from '../roles.ts';
import { LoadProblem } from '../ui/ProblemPages.tsx';
import { Loading } from '../ui/page-parts.tsx';
import { useResource } from '../ui/useResource.ts';
import { incidentReaders } from './access.ts';
import { IncidentsTable } from './IncidentsPage.tsx';

const shown = 20;

/** The incidents that affected a person, open and closed, newest first, for their page. */
export function PersonIncidents({ person }: { person: Person }) {
  const session = useSession();
  const canRead = hasRole(session.user.role, incidentReaders);
  const [incidents, reload] = useResource(`incidents affecting ${person.id} ${canRead}`, () =>
    canRead
      ? listIncidents({ status: 'all', personId: person.id, limit: shown, offset: 0 })
      : Promise.resolve({ items: [] }),
  );
  if (!canRead) return null;
  const name = personName(person);
  return (
    <>
      <h2>Incidents</h2>
      {incidents.status === 'loading' ? <Loading /> : null}
      {incidents.status === 'failed' ? <LoadProblem error={incidents.error} onTryAgain={reload} /> : null}
      {incidents.status === 'loaded' && incidents.data.items.length === 0 ? (
        <p>{name} has not been affected by a recorded incident.</p>
      ) : null}
      {incidents.status === 'loaded' && incidents.data.items.length > 0 ? (
        <IncidentsTable caption={`Incidents affecting ${name}`} incidents={incidents.data.items} />
      ) : null}
    </>
  );
}
