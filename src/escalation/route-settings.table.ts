import type { ColumnType, Generated } from 'kysely';
import type { RequestUrgency } from '../partners/channel-choice.ts';
import type { EscalationRoute, EscalationTemplate } from './escalation-routes.ts';

/** An organisation's own escalation route for one kind of message and urgency; none: the default. */
export type EscalationRouteSettingsTable = {
  org_id: string;
  template: EscalationTemplate;
  urgency: RequestUrgency;
  route: ColumnType<EscalationRoute | null, string | null, string | null>;
  updated_by: string | null;
  updated_at: Date;
  version: Generated<number>;
};
