import { z } from 'zod';
import { escalationRouteSchema } from '../escalation/escalation.schemas.ts';
import { actionStatuses } from './actions.table.ts';

// The shapes of an action wherever a capability takes one in or gives one out. Rules that need
// the stored action (which transitions are allowed, a reason to decline, evidence to finish) are
// the service's, so every caller meets them, not only those that validate with these schemas.

export const actionStatusSchema = z.enum(actionStatuses).meta({ id: 'ActionStatus' });

/** Who leads the action: a member of staff, or a contact at a partner organisation. */
export const actionLeadSchema = z.union([
  z.strictObject({ userId: z.uuid() }),
  z.strictObject({ partnerContactId: z.uuid() }),
]);
export type ActionLead = z.infer<typeof actionLeadSchema>;

export const newActionInput = z.strictObject({
  title: z.string().trim().min(1, 'Say what is to be done.').max(2000),
  lead: actionLeadSchema,
  dueOn: z.iso.date(),
  escalationRoute: escalationRouteSchema.nullable().optional(),
});
export type NewActionInput = z.infer<typeof newActionInput>;

export const actionChangeInput = z.strictObject({
  title: z.string().trim().min(1, 'Say what is to be done.').max(2000).optional(),
  lead: actionLeadSchema.optional(),
  dueOn: z.iso.date().optional(),
});
export type ActionChangeInput = z.infer<typeof actionChangeInput>;

export const actionStatusInput = z.strictObject({
  status: actionStatusSchema,
  reason: z.string().trim().max(2000).nullable().optional().describe('Why it was declined'),
  evidence: z.string().trim().max(5000).nullable().optional().describe('What shows it was done'),
});
export type ActionStatusInput = z.infer<typeof actionStatusInput>;

export const actionSchema = z
  .object({
    id: z.uuid(),
    subjectType: z.string(),
    subjectId: z.uuid(),
    title: z.string(),
    lead: z.object({
      userId: z.uuid().nullable(),
      partnerContactId: z.uuid().nullable(),
      name: z.string(),
    }),
    dueOn: z.string(),
    status: actionStatusSchema,
    declinedReason: z.string().nullable(),
    evidence: z.string().nullable(),
    doneAt: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Action' });
export type ActionResponse = z.infer<typeof actionSchema>;
