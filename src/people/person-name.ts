import { sql } from 'kysely';

/** How a person is named to staff and partners: their preferred name if they gave one. */
export function personName(person: {
  given_name: string;
  family_name: string;
  preferred_name: string | null;
}) {
  return `${person.preferred_name ?? person.given_name} ${person.family_name}`;
}

/** The same name in SQL, for a query that joins `people as person` (null when no person is joined). */
export const personNameSql = sql<string | null>`case when person.id is null then null
  else coalesce(person.preferred_name, person.given_name) || ' ' || person.family_name end`;
