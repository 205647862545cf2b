import { type SqlBool, sql } from 'kysely';
import { type ChronologyEntry, chronologyWindow, type SourceQuery } from '../chronology/chronology.ts';
import type { Executor } from '../db/database.ts';
import { sameOrganisation } from '../db/same-organisation.ts';
import type { RecordKind } from './incidents.table.ts';

// The decision log, readings, hazards and notes of the incidents a person was affected by, as
// entries of the person's chronology.

const recordKindLabels: Record<RecordKind, string> = {
  decision: 'Incident decision',
  reading: 'Incident reading',
  hazard: 'Incident hazard',
  note: 'Incident note',
  gate_refusal: 'Incident: share refused by the sharing gate',
};

export async function readIncidentRecordsOfPerson(
  executor: Executor,
  query: SourceQuery,
): Promise<ChronologyEntry[]> {
  const records = await executor
    .selectFrom('incident_records as r')
    .innerJoin('incident_people as ip', (join) => sameOrganisation(join, 'ip.incident_id', 'r.incident_id'))
    .innerJoin('incidents as i', (join) => sameOrganisation(join, 'i.id', 'r.incident_id'))
    .leftJoin('users as u', (join) =>
      join.onRef('u.org_id', '=', 'r.org_id').on(sql<SqlBool>`u.id::text = r.recorded_by`),
    )
    .select([
      'r.id',
      'r.kind',
      'r.occurred_at',
      'r.recorded_at',
      'r.decision',
      'r.rationale',
      'r.location',
      'r.measure',
      'r.value',
      'r.unit',
      'r.note',
      'i.id as incident_id',
      'i.title',
      'u.display_name',
    ])
    .where('r.org_id', '=', query.orgId)
    .where('ip.person_id', '=', query.key)
    .where(chronologyWindow('r.occurred_at', 'r.id', query))
    .orderBy('r.occurred_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(query.limit)
    .execute();
  return records.map((record) => ({
    source: 'incidents',
    id: record.id,
    occurredAt: record.occurred_at,
    recordedAt: record.recorded_at,
    agency: query.ownAgency,
    kindLabel: recordKindLabels[record.kind],
    text:
      record.kind === 'decision'
        ? `${record.decision ?? ''}${record.rationale ? ` — because ${record.rationale}` : ''}`
        : record.kind === 'reading'
          ? `${capitalised(record.measure ?? 'Reading')}${record.location ? ` at ${record.location}` : ''}: ${record.value ?? ''} ${record.unit ?? ''}`.trim()
          : (record.note ?? recordKindLabels[record.kind]),
    recordedBy: record.display_name ?? null,
    subject: { type: 'incident', id: record.incident_id, title: record.title },
  }));
}

/** "Room temperature", as the first words of an entry: a measure is recorded as "room temperature". */
function capitalised(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
