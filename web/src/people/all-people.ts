import { listPeople, type Person } from '../api.ts';
import { everyPage } from '../ui/every-page.ts';
import { personName } from './person-labels.ts';

/**
 * Everyone the organisation supports now, in the order of the names they are shown by: whom a
 * message, a concern or a restriction may be about.
 */
export async function listAllActivePeople(): Promise<Person[]> {
  const all = await everyPage((page) => listPeople({ status: 'active', ...page }), 5_000);
  return all.sort((a, b) => personName(a).localeCompare(personName(b)));
}
