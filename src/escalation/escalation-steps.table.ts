import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { EscalationTarget } from './escalation-routes.ts';

export const escalationStepStatuses = ['pending', 'fired', 'cancelled'] as const;
export type EscalationStepStatus = (typeof escalationStepStatuses)[number];

/** One step of a message's escalation route, waiting to fire, fired, or cancelled by a reply. */
export type EscalationStepsTable = {
  org_id: string;
  id: string;
  /** What is being escalated, e.g. a request; `subject_id` is its id. */
  subject_type: string;
  subject_id: string;
  step_index: number;
  target: EscalationTarget;
  stops_on_acknowledgement: boolean;
  /** When the route said the step falls due; never changes. */
  planned_at: ColumnType<Date, Date, never>;
  /** When the sweep next takes it: the planned time, later if it was deferred or failed. */
  due_at: Date;
  status: Generated<EscalationStepStatus>;
  attempts: Generated<number>;
  last_error: string | null;
  fired_at: Date | null;
  cancelled_at: Date | null;
  cancelled_reason: string | null;
  created_at: Date;
};

export type EscalationStepRow = Selectable<EscalationStepsTable>;
export type NewEscalationStepRow = Insertable<EscalationStepsTable>;
