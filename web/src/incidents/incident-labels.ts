import * as timelineVocabulary from '../../../src/incidents/incident-timeline.vocabulary.ts';
import * as vocabulary from '../../../src/incidents/incidents.vocabulary.ts';
import type {
  IncidentRecordKind,
  IncidentSeverity,
  IncidentStatus,
  IncidentTimelineEntryKind,
  IncidentType,
  MeasureKind,
  RiskLevel,
} from '../api.ts';

// The words are the server's (src/incidents/incidents.vocabulary.ts), so that pages,
// emails and documents say the same; the compiler checks they name every code the API sends.

export const incidentTypeLabels = vocabulary.incidentTypeLabels satisfies Record<IncidentType, string>;

export const incidentTypes = Object.keys(incidentTypeLabels) as IncidentType[];

export const severityLabels = vocabulary.severityLabels satisfies Record<IncidentSeverity, string>;

export const severityHints = {
  minor: 'Little effect on people’s care; handled within the service.',
  moderate: 'Some care is changed or delayed; partners may need to help.',
  major: 'Care is at risk for several people. Commissioners are told.',
  critical: 'People’s safety is at immediate risk. Commissioners are told.',
} as const satisfies Record<IncidentSeverity, string>;

export const severities = Object.keys(severityLabels) as IncidentSeverity[];

export const statusLabels = vocabulary.incidentStatusLabels satisfies Record<IncidentStatus, string>;

export function statusTagClass(status: IncidentStatus): string {
  return `nhsuk-tag ${status === 'open' ? 'nhsuk-tag--blue' : 'nhsuk-tag--grey'}`;
}

export const levelLabels = vocabulary.riskLevelLabels satisfies Record<RiskLevel, string>;

export const riskLevels = Object.keys(levelLabels) as RiskLevel[];

const levelTagClasses = {
  high: 'nhsuk-tag--red',
  medium: 'nhsuk-tag--orange',
  low: 'nhsuk-tag--grey',
} as const satisfies Record<RiskLevel, string>;

export function levelTagClass(level: RiskLevel): string {
  return `nhsuk-tag ${levelTagClasses[level]}`;
}

export const measureKindLabels = vocabulary.measureKindLabels satisfies Record<MeasureKind, string>;

export const measureKinds = Object.keys(measureKindLabels) as MeasureKind[];

export const recordKindLabels = vocabulary.recordKindLabels satisfies Record<IncidentRecordKind, string>;

/** The heading of each entry on an incident's timeline. */
export const timelineKindLabels = timelineVocabulary.timelineEntryKindLabels satisfies Record<
  IncidentTimelineEntryKind,
  string
>;

/** "2 hours 5 minutes", "45 minutes": for the review's times. */
export function describeMinutes(minutes: number | null, empty = 'Not yet'): string {
  if (minutes === null) return empty;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const hourText = hours > 0 ? `${hours} ${hours === 1 ? 'hour' : 'hours'}` : '';
  const minuteText = rest > 0 || hours === 0 ? `${rest} ${rest === 1 ? 'minute' : 'minutes'}` : '';
  return [hourText, minuteText].filter(Boolean).join(' ');
}
