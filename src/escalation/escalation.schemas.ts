import { z } from 'zod';
import { requestUrgencySchema } from '../partners/partners.schemas.ts';
import {
  checkRoute,
  type EscalationRoute,
  escalationTargets,
  escalationTemplates,
  MAX_REPEAT_TIMES,
} from './escalation-routes.ts';

export const escalationTargetSchema = z.enum(escalationTargets).meta({
  id: 'EscalationTarget',
  description: 'Who an escalation step reaches: a partner contact or channel, or a manager internally',
});

export const stepDelaySchema = z
  .discriminatedUnion('unit', [
    z.strictObject({ unit: z.enum(['minutes', 'hours', 'days']), amount: z.int().min(0) }),
    z.strictObject({ unit: z.literal('next_working_morning') }),
  ])
  .meta({
    id: 'StepDelay',
    description:
      'After the deadline (first step) or the previous step. Days are London calendar days; the next working morning is 09:00 on the next weekday that is not a bank holiday.',
  });

export const escalationRouteSchema = z
  .strictObject({
    steps: z
      .array(
        z.strictObject({
          delay: stepDelaySchema,
          target: escalationTargetSchema,
          stopsOnAcknowledgement: z.boolean(),
        }),
      )
      .min(1),
    repeat: z
      .strictObject({ lastSteps: z.int().min(1), times: z.int().min(1).max(MAX_REPEAT_TIMES) })
      .nullable(),
  })
  .superRefine((route, context) => {
    for (const problem of checkRoute(route as EscalationRoute))
      context.addIssue({ code: 'custom', message: problem });
  })
  .meta({ id: 'EscalationRoute' });

// ---- the organisation's routes ----

const routeTemplateSchema = z.enum(escalationTemplates);

export const routeSettingSchema = z
  .object({
    template: routeTemplateSchema,
    urgency: requestUrgencySchema,
    route: escalationRouteSchema,
    isDefault: z.boolean(),
    version: z.number().int().describe('Send it back in If-Match to change the route'),
  })
  .meta({ id: 'EscalationRouteSetting' });
export const routeSettingParams = z.strictObject({
  template: routeTemplateSchema,
  urgency: requestUrgencySchema,
});
export const setRouteBody = z.strictObject({ route: escalationRouteSchema });
