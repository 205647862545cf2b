import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { EscalationRoute } from '../escalation/escalation-routes.ts';
import type { SubjectType } from '../subjects/subjects.ts';

/**
 * Where an action stands: proposed to its lead; accepted (or declined, with the reason); under
 * way; done, with the evidence that it was; or cancelled by whoever set it.
 */
export const actionStatuses = [
  'proposed',
  'accepted',
  'declined',
  'in_progress',
  'done',
  'cancelled',
] as const;
export type ActionStatus = (typeof actionStatuses)[number];

/** The statuses each status may move to; declined, done and cancelled are final. */
export const allowedTransitions: Readonly<Record<ActionStatus, readonly ActionStatus[]>> = {
  proposed: ['accepted', 'declined', 'cancelled'],
  accepted: ['in_progress', 'done', 'cancelled'],
  in_progress: ['done', 'cancelled'],
  declined: [],
  done: [],
  cancelled: [],
};

export type ActionsTable = {
  org_id: string;
  id: string;
  subject_type: SubjectType;
  subject_id: string;
  title: string;
  /** Exactly one of the two leads is set (a check constraint says so). */
  lead_user_id: string | null;
  lead_partner_contact_id: string | null;
  /** `YYYY-MM-DD`, a London day. */
  due_on: string;
  status: ActionStatus;
  declined_reason: string | null;
  evidence: string | null;
  done_at: Date | null;
  /** Kept with the action for chasing it; nothing acts on it yet. */
  escalation_route: ColumnType<EscalationRoute | null, string | null, string | null>;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
};

export type ActionRow = Selectable<ActionsTable>;
export type NewActionRow = Insertable<ActionsTable>;
