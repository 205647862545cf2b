import { inLondon } from '../calendar/london-time.ts';
import type { RequestContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import {
  basisLabels,
  basisRecordLabels,
  categoryLabels,
  deliveryLabels,
  outcomeLabels,
  purposeLabels,
} from './share-log-labels.ts';
import { shareLogOf, type toShareLogEntry } from './sharing.service.ts';

// The share log as those outside Liaison read it: an inspector, or the person in a copy of their
// record. The CSV export and the subject access export both write it so.

/** The most rows one export holds: a person's whole share log, many times over. */
const EXPORT_LIMIT = 10_000;

export const shareLogColumns = [
  'When (UK time)',
  'Outcome',
  'Organisation',
  'Contact',
  'Purpose',
  'Categories',
  'Basis',
  'Record relied on',
  'UK GDPR Article 6',
  'UK GDPR Article 9',
  'DPA 2018 condition',
  'Reasons refused',
  'How',
  'What was shared',
  'Shared by',
] as const;

type ShareLogEntry = ReturnType<typeof toShareLogEntry>;
export type ShareInWords = Record<(typeof shareLogColumns)[number], string | null>;

/** One share, in the words an inspector or the person themselves reads: no codes, no ids. */
export function shareInWords(entry: ShareLogEntry): ShareInWords {
  return {
    'When (UK time)': inLondon(new Date(entry.occurredAt)).toFormat('yyyy-MM-dd HH:mm'),
    Outcome: outcomeLabels[entry.outcome],
    Organisation: entry.partnerOrganisationName,
    Contact: entry.partnerContactName,
    Purpose: purposeLabels[entry.purpose],
    Categories: entry.categories.map((category) => categoryLabels[category]).join(', '),
    Basis: entry.basis ? basisLabels[entry.basis] : null,
    'Record relied on': entry.basisRecordType ? basisRecordLabels[entry.basisRecordType] : null,
    'UK GDPR Article 6': entry.lawfulBasis?.article6 ?? null,
    'UK GDPR Article 9': entry.lawfulBasis?.article9 ?? null,
    'DPA 2018 condition': entry.lawfulBasis?.dpa2018 ?? null,
    'Reasons refused': entry.reasons.map((reason) => reason.message).join(' '),
    How: deliveryLabels[entry.delivery],
    'What was shared': entry.description,
    'Shared by': entry.sharedBy,
  };
}

/** The person's whole share log, newest first (a bulk read: the caller audits it). */
export async function wholeShareLogOf(executor: Executor, context: RequestContext, personId: string) {
  const entries = await shareLogOf(executor, context, personId, { limit: EXPORT_LIMIT + 1, offset: 0 });
  return { entries: entries.slice(0, EXPORT_LIMIT), complete: entries.length <= EXPORT_LIMIT };
}
