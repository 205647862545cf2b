import type { ColumnType, Generated, Selectable } from 'kysely';
import type { ActorType } from '../audit/audit.table.ts';
import type { EscalationRoute } from '../escalation/escalation-routes.ts';

export {
  type IncidentType,
  incidentTypes,
  type MeasureKind,
  measureKinds,
  type RecordKind,
  type RiskLevel,
  recordKinds,
  riskLevels,
  type Severity,
  severities,
} from './incidents.vocabulary.ts';

import type { IncidentType, MeasureKind, RecordKind, RiskLevel, Severity } from './incidents.vocabulary.ts';

/** One reason a person is ranked as they are, in words a lead can check. */
export type RiskReason = { points: number; reason: string };

export type IncidentsTable = {
  org_id: string;
  id: string;
  type: IncidentType;
  title: string;
  summary: string;
  severity: Severity;
  status: Generated<'open' | 'closed'>;
  started_at: Date;
  ended_at: Date | null;
  care_service_ids: string[];
  locations: string[];
  lead_id: string;
  partner_liaison_id: string;
  escalation_route: ColumnType<EscalationRoute | null, string | null, string | null>;
  created_by: string | null;
  created_at: Date;
  closed_at: Date | null;
  closed_by: string | null;
  review: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  findings: string | null;
  updated_at: Date;
  version: Generated<number>;
};

export type IncidentPeopleTable = {
  org_id: string;
  incident_id: string;
  person_id: string;
  risk_level: RiskLevel;
  risk_score: number;
  risk_reasons: ColumnType<RiskReason[], string, string>;
  adjusted_level: RiskLevel | null;
  adjusted_reason: string | null;
  adjusted_by: string | null;
  adjusted_at: Date | null;
  observation_plan: string | null;
  added_by: string | null;
  added_at: Date;
  /** The version of the organisation's risk points table the person was ranked with (1: the standard one). */
  risk_points_version: number;
};

/** One version of an organisation's risk points table; version 1, the standard table, has no row. */
export type IncidentRiskPointsTable = {
  org_id: string;
  version: number;
  high_from: number;
  medium_from: number;
  points: ColumnType<Record<string, number>, string, never>;
  set_by: string | null;
  set_at: Date;
};

export type IncidentMeasuresTable = {
  org_id: string;
  id: string;
  incident_id: string;
  kind: MeasureKind;
  description: string;
  person_id: string | null;
  owner_id: string;
  starts_at: Date;
  ended_at: Date | null;
  created_at: Date;
};

export type IncidentRecordsTable = {
  org_id: string;
  id: string;
  incident_id: string;
  kind: RecordKind;
  occurred_at: Date;
  recorded_at: Date;
  recorded_by_type: Exclude<ActorType, 'partner'>;
  recorded_by: string;
  decision: string | null;
  evidence: string | null;
  rationale: string | null;
  advice_ids: string[];
  location: string | null;
  measure: string | null;
  value: ColumnType<number | null, number | null, never>;
  unit: string | null;
  note: string | null;
  /** A gate refusal: the share log entry naming the recipient and the reasons. */
  share_id: ColumnType<string | null, string | null | undefined, never>;
};

export type IncidentRow = Selectable<IncidentsTable>;
export type IncidentPersonRow = Selectable<IncidentPeopleTable>;
export type IncidentMeasureRow = Selectable<IncidentMeasuresTable>;
export type IncidentRecordRow = Selectable<IncidentRecordsTable>;
export type IncidentRiskPointsRow = Selectable<IncidentRiskPointsTable>;
