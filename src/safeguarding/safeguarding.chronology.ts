import { type ChronologyEntry, chronologyWindow, type SourceQuery } from '../chronology/chronology.ts';
import type { Executor } from '../db/database.ts';
import { entryKindLabels } from './safeguarding.vocabulary.ts';

// A concern's chronology entries and advice, as chronology entries: by person for the person's
// chronology, by concern for the concern's own.

function entriesQuery(executor: Executor, query: SourceQuery, by: 'person_id' | 'concern_id') {
  return executor
    .selectFrom('concern_entries')
    .select([
      'id',
      'concern_id',
      'kind',
      'occurred_at',
      'recorded_at',
      'recorded_by_name',
      'text',
      'details',
      'corrects',
    ])
    .where('org_id', '=', query.orgId)
    .where(by, '=', query.key)
    .where(chronologyWindow('occurred_at', 'id', query))
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit)
    .execute();
}

async function readEntries(executor: Executor, query: SourceQuery, by: 'person_id' | 'concern_id') {
  const entries = await entriesQuery(executor, query, by);
  return entries.map(
    (entry): ChronologyEntry => ({
      source: 'concern_entries',
      id: entry.id,
      occurredAt: entry.occurred_at,
      recordedAt: entry.recorded_at,
      agency:
        (entry.details as { source?: string; sourceDetail?: string }).source === 'partner'
          ? ((entry.details as { sourceDetail?: string }).sourceDetail ?? query.ownAgency)
          : query.ownAgency,
      kindLabel: entry.corrects ? `${entryKindLabels[entry.kind]} (correction)` : entryKindLabels[entry.kind],
      text: entry.text,
      recordedBy: entry.recorded_by_name,
      subject: { type: 'concern', id: entry.concern_id, title: 'Safeguarding concern' },
    }),
  );
}

export const readConcernEntriesOfPerson = (executor: Executor, query: SourceQuery) =>
  readEntries(executor, query, 'person_id');
export const readConcernEntriesOfConcern = (executor: Executor, query: SourceQuery) =>
  readEntries(executor, query, 'concern_id');

export async function readConcernAdvice(
  executor: Executor,
  query: SourceQuery,
  by: 'person_id' | 'concern_id',
): Promise<ChronologyEntry[]> {
  const advice = await executor
    .selectFrom('concern_advice')
    .selectAll()
    .where('org_id', '=', query.orgId)
    .where(by, '=', query.key)
    .where(chronologyWindow('given_at', 'id', query))
    .orderBy('given_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit)
    .execute();
  return advice.map((record) => ({
    source: 'concern_advice',
    id: record.id,
    occurredAt: record.given_at,
    recordedAt: record.recorded_at,
    agency: record.adviser_role ?? record.adviser_name,
    kindLabel: 'Threshold advice',
    text: `${record.adviser_name} advised, applying ${record.guidance_applied}: ${record.advice} Applied: ${record.how_applied}`,
    recordedBy: null,
    subject: { type: 'concern', id: record.concern_id, title: 'Safeguarding concern' },
  }));
}
