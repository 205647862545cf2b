import type { Insertable, Selectable } from 'kysely';
import type { InformationCategory, RecipientScope, SharingPurpose } from '../sharing/sharing.table.ts';

export const capacityOutcomes = ['has_capacity', 'lacks_capacity'] as const;
export type CapacityOutcome = (typeof capacityOutcomes)[number];

export const bestInterestsOutcomes = ['share', 'do_not_share'] as const;
export type BestInterestsOutcome = (typeof bestInterestsOutcomes)[number];

export type CapacityAssessmentsTable = {
  org_id: string;
  id: string;
  person_id: string;
  /** The specific decision, e.g. "Sharing health information with the GP". */
  decision: string;
  purposes: SharingPurpose[];
  categories: InformationCategory[];
  /** Stage 1: is there an impairment of, or disturbance in, the functioning of the mind or brain? */
  impairment: boolean;
  impairment_note: string | null;
  /** Stage 2: can the person understand, retain, use or weigh the information, and communicate? */
  can_understand: boolean;
  can_retain: boolean;
  can_use_or_weigh: boolean;
  can_communicate: boolean;
  outcome: CapacityOutcome;
  reasons: string;
  assessor_user_id: string | null;
  assessor_name: string;
  assessor_role: string | null;
  assessed_on: string;
  review_on: string;
  created_at: Date;
};

export type BestInterestsDecisionsTable = RecipientScope & {
  org_id: string;
  id: string;
  person_id: string;
  capacity_assessment_id: string;
  decision: string;
  purposes: SharingPurpose[];
  categories: InformationCategory[];
  consulted: string;
  wishes_and_feelings: string;
  outcome: BestInterestsOutcome;
  rationale: string;
  decision_maker_user_id: string;
  decided_on: string;
  review_on: string;
  created_at: Date;
};

export type CapacityAssessmentRow = Selectable<CapacityAssessmentsTable>;
export type NewCapacityAssessmentRow = Insertable<CapacityAssessmentsTable>;
export type BestInterestsDecisionRow = Selectable<BestInterestsDecisionsTable>;
export type NewBestInterestsDecisionRow = Insertable<BestInterestsDecisionsTable>;
