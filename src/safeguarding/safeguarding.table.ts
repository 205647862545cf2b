import type { Generated, Insertable, Selectable } from 'kysely';
import type { ActorType } from '../audit/audit.table.ts';
import type { LogEntryColumns } from '../logs/logs.table.ts';
import type {
  AbuseCategory,
  AdvocacyStatus,
  ConcernAlertKind,
  ConcernLevel,
  ConcernMessagePurpose,
  ConcernStatus,
  EntryKind,
  LocalAuthorityDecision,
  OtherRoute,
  RestrictionBasis,
  RiskLocation,
  RiskOutcome,
  SafeContactMeasure,
  SourceOfRiskKind,
} from './safeguarding.vocabulary.ts';

export type SafeguardingSettingsTable = {
  org_id: string;
  /** Working days the local authority has to decide on a section 42 referral before it is chased. */
  decision_working_days: Generated<number>;
  /** The organisation's named safeguarding link (MASH) on the register. */
  safeguarding_link_contact_id: string | null;
  updated_by: string | null;
  updated_at: Date;
  version: Generated<number>;
};

export type SafeguardingConcernsTable = {
  org_id: string;
  id: string;
  person_id: string;
  occurred_at: Date;
  what_happened: string;
  category: AbuseCategory;
  location_of_risk: RiskLocation;
  location_detail: string | null;
  source_kind: SourceOfRiskKind;
  source_person_id: string | null;
  source_description: string | null;
  others_present: string | null;
  others_at_risk: string | null;
  children_at_risk: boolean;
  immediate_actions: string;
  level: ConcernLevel;
  status: ConcernStatus;
  not_referred_reason: string | null;
  need_to_know: string | null;
  advocacy_status: AdvocacyStatus;
  advocate_name: string | null;
  decision_due_at: Date | null;
  decision_overdue_flagged_at: Date | null;
  la_decision: LocalAuthorityDecision | null;
  la_decision_reason: string | null;
  la_other_route: OtherRoute | null;
  la_feedback: string | null;
  la_decided_at: Date | null;
  outcome: RiskOutcome | null;
  lessons_learnt: string | null;
  signed_off_by: string | null;
  closed_at: Date | null;
  raised_by_type: Exclude<ActorType, 'partner'>;
  raised_by: string;
  raised_at: Date;
  updated_at: Date;
  version: Generated<number>;
};

/** The concern's live chronology: an append-only log (see src/logs). */
export type ConcernEntriesTable = LogEntryColumns & {
  kind: EntryKind;
  concern_id: string;
  person_id: string;
};

export type ConcernMessagesTable = {
  org_id: string;
  concern_id: string;
  message_id: string;
  purpose: ConcernMessagePurpose;
  created_at: Date;
};

export type ConcernAdviceTable = {
  org_id: string;
  id: string;
  concern_id: string;
  person_id: string;
  message_id: string | null;
  adviser_name: string;
  adviser_role: string | null;
  guidance_applied: string;
  advice: string;
  how_applied: string;
  given_at: Date;
  recorded_by_type: string;
  recorded_by: string;
  recorded_at: Date;
};

export type SafeContactPlansTable = {
  org_id: string;
  id: string;
  concern_id: string;
  measures: SafeContactMeasure[];
  arrangements: string;
  /** 'YYYY-MM-DD' */
  review_on: string;
  created_by: string;
  created_at: Date;
  ended_at: Date | null;
  ended_reason: string | null;
};

export type ConcernTriggersTable = {
  org_id: string;
  id: string;
  concern_id: string;
  kinds: EntryKind[];
  threshold: number;
  window_days: number | null;
  description: string | null;
  created_by: string;
  created_at: Date;
  ended_at: Date | null;
  last_met_at: Date | null;
  times_met: Generated<number>;
};

export type ConcernRestrictionsTable = {
  org_id: string;
  id: string;
  concern_id: string;
  person_id: string;
  restriction: string;
  reason: string;
  legal_basis: RestrictionBasis;
  legal_basis_record_id: string | null;
  legal_basis_note: string | null;
  least_restrictive_considered: string;
  starts_on: string;
  review_on: string;
  flagged_review_on: string | null;
  ended_on: string | null;
  end_reason: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
};

export type RestrictionReviewsTable = {
  org_id: string;
  id: string;
  restriction_id: string;
  reviewed_on: string;
  used_since_last_review: boolean;
  findings: string;
  outcome: 'continue' | 'end';
  next_review_on: string | null;
  reviewed_by: string;
  recorded_at: Date;
};

export type ConcernAlertsTable = {
  org_id: string;
  id: string;
  concern_id: string;
  kind: ConcernAlertKind;
  cause_id: string;
  title: string;
  detail: string | null;
  created_at: Date;
  resolved_at: Date | null;
  resolved_by: string | null;
  resolution_note: string | null;
};

export type ConcernRow = Selectable<SafeguardingConcernsTable>;
export type NewConcernRow = Insertable<SafeguardingConcernsTable>;
export type ConcernEntryRow = Selectable<ConcernEntriesTable>;
export type ConcernAdviceRow = Selectable<ConcernAdviceTable>;
export type SafeContactPlanRow = Selectable<SafeContactPlansTable>;
export type ConcernTriggerRow = Selectable<ConcernTriggersTable>;
export type ConcernRestrictionRow = Selectable<ConcernRestrictionsTable>;
export type RestrictionReviewRow = Selectable<RestrictionReviewsTable>;
export type ConcernAlertRow = Selectable<ConcernAlertsTable>;
export type SafeguardingSettingsRow = Selectable<SafeguardingSettingsTable>;
