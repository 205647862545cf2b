import { entityTypeLabels } from '../../../src/audit/audit-labels.ts';
import type { AccessVisit } from '../api.ts';

// Actions, and the kinds of record, are described by the server (src/audit/audit-labels.ts).

/** Which record: its name where Liaison shows one, otherwise its kind (never an id). */
export function describeEntity(visit: AccessVisit): string {
  const { entity } = visit;
  return entity.name ?? entityTypeLabels[entity.type] ?? entity.type.replaceAll('_', ' ');
}
