// The incident vocabulary, defined once: the codes, which the tables and the API's schemas use (the
// database's own checks are in the migrations, frozen as they were written), and their words,
// which the pages show (web/src/incidents/incident-labels.ts) and what the server writes for people may use.
// Pure data with no imports, so that the browser app can import it.

export const incidentTypes = [
  'staffing',
  'heating',
  'flood',
  'power',
  'environmental',
  'digital_failure',
  'transport',
  'medication_supply',
  'equipment',
  'external_provider_failure',
  'other',
] as const;
export type IncidentType = (typeof incidentTypes)[number];

export const severities = ['minor', 'moderate', 'major', 'critical'] as const;
export type Severity = (typeof severities)[number];

export const riskLevels = ['high', 'medium', 'low'] as const;
export type RiskLevel = (typeof riskLevels)[number];

export const measureKinds = [
  'room_move',
  'additional_checks',
  'temporary_equipment',
  'alternative_accommodation_request',
  'staffing_cover',
  'other',
] as const;
export type MeasureKind = (typeof measureKinds)[number];

/** A gate refusal is written by Liaison when a message from the incident is refused, never by hand. */
export const recordKinds = ['decision', 'reading', 'hazard', 'note', 'gate_refusal'] as const;
export type RecordKind = (typeof recordKinds)[number];

export const incidentTypeLabels = {
  staffing: 'Staffing shortage',
  heating: 'Heating failure',
  flood: 'Flood or water leak',
  power: 'Power cut',
  environmental: 'Other problem with the building',
  digital_failure: 'Digital or phone system failure',
  transport: 'Transport disruption',
  medication_supply: 'Medicines delayed or unavailable',
  equipment: 'Equipment failure',
  external_provider_failure: 'A provider we rely on has failed',
  other: 'Something else',
} as const satisfies Record<IncidentType, string>;

export const severityLabels = {
  minor: 'Minor',
  moderate: 'Moderate',
  major: 'Major',
  critical: 'Critical',
} as const satisfies Record<Severity, string>;

export const incidentStatusLabels = { open: 'Open', closed: 'Closed' } as const satisfies Record<
  'open' | 'closed',
  string
>;

export const riskLevelLabels = {
  high: 'High risk',
  medium: 'Medium risk',
  low: 'Low risk',
} as const satisfies Record<RiskLevel, string>;

export const measureKindLabels = {
  room_move: 'Room move',
  additional_checks: 'Additional checks',
  temporary_equipment: 'Temporary equipment',
  alternative_accommodation_request: 'Alternative accommodation requested',
  staffing_cover: 'Staffing cover',
  other: 'Something else',
} as const satisfies Record<MeasureKind, string>;

export const recordKindLabels = {
  decision: 'Decision',
  reading: 'Reading',
  hazard: 'Hazard',
  note: 'Note',
  gate_refusal: 'Refused by the sharing gate',
} as const satisfies Record<RecordKind, string>;
