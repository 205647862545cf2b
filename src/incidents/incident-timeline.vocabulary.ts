// The kinds of entry on an incident's timeline, defined once with their words: what happened to the
// incident, its people and its measures, its records, and the thread entries of the messages sent
// from it. Pure data, so that the browser app can import it.
import { type EventKind, eventKinds, eventTitles } from '../partner-messages/partner-messages.vocabulary.ts';
import { type RecordKind, recordKindLabels, recordKinds } from './incidents.vocabulary.ts';

const ownKindLabels = {
  'incident.started': 'Incident started',
  'incident.ended': 'Disruption ended',
  'incident.closed': 'Incident closed',
  'person.added': 'Person added',
  'person.risk_adjusted': 'Risk level changed',
  'measure.started': 'Interim measure',
  'measure.ended': 'Interim measure ended',
} as const;

export type MessageEntryKind = `message.${EventKind}`;
export type TimelineEntryKind = keyof typeof ownKindLabels | RecordKind | MessageEntryKind;

export const timelineEntryKinds: readonly TimelineEntryKind[] = [
  ...(Object.keys(ownKindLabels) as (keyof typeof ownKindLabels)[]),
  ...recordKinds,
  ...eventKinds.map((kind): MessageEntryKind => `message.${kind}`),
];

export const timelineEntryKindLabels = {
  ...ownKindLabels,
  ...recordKindLabels,
  ...(Object.fromEntries(eventKinds.map((kind) => [`message.${kind}`, eventTitles[kind]])) as Record<
    MessageEntryKind,
    string
  >),
} satisfies Record<TimelineEntryKind, string>;
