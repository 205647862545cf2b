import { sql } from 'kysely';
import {
  type ChronologyEntry,
  chronologyWindow,
  ownRecordEntry,
  type SourceQuery,
} from '../chronology/chronology.ts';
import type { Executor } from '../db/database.ts';

// Capacity assessments and best-interests decisions about a person, as entries of the person's
// chronology: one indexed query per kind of record, each limited, merged by the chronology.
export async function readCapacityRecordsOfPerson(
  executor: Executor,
  query: SourceQuery,
): Promise<ChronologyEntry[]> {
  const assessments = executor
    .selectFrom('capacity_assessments as a')
    .select([
      'a.id',
      'a.created_at as occurred_at',
      sql<string>`'Capacity assessed'`.as('label'),
      sql<string>`a.decision || ': ' || replace(a.outcome, '_', ' ') || '. ' || a.reasons`.as('text'),
    ])
    .where('a.org_id', '=', query.orgId)
    .where('a.person_id', '=', query.key)
    .where(chronologyWindow('a.created_at', 'a.id', query))
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(query.limit);
  const decisions = executor
    .selectFrom('best_interests_decisions as b')
    .select([
      'b.id',
      'b.created_at as occurred_at',
      sql<string>`'Best-interests decision'`.as('label'),
      sql<string>`b.decision || ': ' || b.outcome || ' — ' || b.rationale`.as('text'),
    ])
    .where('b.org_id', '=', query.orgId)
    .where('b.person_id', '=', query.key)
    .where(chronologyWindow('b.created_at', 'b.id', query))
    .orderBy('b.created_at', 'desc')
    .orderBy('b.id', 'desc')
    .limit(query.limit);
  const rows = (await Promise.all([assessments.execute(), decisions.execute()])).flat();
  return rows.map((row) => ownRecordEntry('mental_capacity', query, row));
}
