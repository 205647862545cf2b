import { z } from 'zod';
import { receivedHowSchema } from '../partner-messages/partner-messages.schemas.ts';
import { confirmationStatuses, confirmedHow } from './advice.table.ts';

export const adviceSchema = z
  .object({
    id: z.uuid(),
    personId: z.uuid().nullable(),
    personName: z.string().nullable(),
    messageId: z.uuid().nullable(),
    messageSubject: z.string().nullable(),
    partnerOrganisationName: z.string().nullable(),
    givenByName: z.string(),
    givenByRole: z.string().nullable(),
    givenAt: z.string(),
    receivedHow: receivedHowSchema,
    advice: z.string(),
    inWriting: z.boolean(),
    confirmationStatus: z.enum(confirmationStatuses),
    confirmationMessageId: z.uuid().nullable(),
    confirmationRequestedFrom: z
      .string()
      .nullable()
      .describe('The partner contact the request for written confirmation was sent to'),
    confirmedAt: z.string().nullable(),
    confirmedHow: z.enum(confirmedHow).nullable(),
    confirmationNote: z.string().nullable(),
    appliedIn: z.array(
      z.object({ id: z.uuid(), whatChanged: z.string(), why: z.string(), madeAt: z.string() }),
    ),
  })
  .meta({ id: 'Advice' });

export const amendmentSchema = z
  .object({
    id: z.uuid(),
    personId: z.uuid(),
    adviceId: z.uuid().nullable(),
    adviceGivenBy: z.string().nullable(),
    advice: z.string().nullable(),
    whatChanged: z.string(),
    why: z.string(),
    madeBy: z.string(),
    madeAt: z.string(),
  })
  .meta({ id: 'CarePlanAmendment' });

export const createAmendmentBody = z.strictObject({
  adviceId: z.uuid().nullable().optional().describe('The advice this amendment applies, if any'),
  whatChanged: z.string().trim().min(1, 'Say what changed in the care plan.').max(5000),
  why: z.string().trim().min(1, 'Say why the care plan changed.').max(5000),
});

export const confirmBody = z.strictObject({
  how: z.enum(confirmedHow).exclude(['partner_link']).describe('How the written confirmation arrived'),
  note: z.string().trim().max(2000).nullable().optional(),
});
