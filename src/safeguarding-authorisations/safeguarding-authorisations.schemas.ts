import { z } from 'zod';
import {
  categoryList,
  informationCategorySchema,
  namesSomebody,
  namesSomebodyProblem,
  recipientScopeFields,
  recipientScopeSchema,
  recordStatusSchema,
  requiredText,
} from '../sharing/sharing.schemas.ts';

export const createSafeguardingAuthorisationBody = z
  .strictObject({
    ...recipientScopeFields,
    categories: categoryList.describe(
      'Only what the recipient needs to protect the person (minimum necessary)',
    ),
    rationale: z
      .string()
      .trim()
      .min(20, 'Write the rationale in full: why sharing without consent is necessary to protect someone.')
      .max(4000),
    expiresAt: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('When the authorisation ends; defaults to 7 days, at most 30 days'),
  })
  .refine(namesSomebody, namesSomebodyProblem);
export type CreateSafeguardingAuthorisationInput = z.infer<typeof createSafeguardingAuthorisationBody>;

export const revokeBody = z.strictObject({ reason: requiredText(2000) });

export const safeguardingAuthorisationSchema = z
  .object({
    id: z.uuid(),
    scope: recipientScopeSchema,
    categories: z.array(informationCategorySchema),
    rationale: z.string(),
    authorisedBy: z.string(),
    authorisedAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
    revokedBy: z.string().nullable(),
    revokedReason: z.string().nullable(),
    status: recordStatusSchema,
  })
  .meta({ id: 'SafeguardingAuthorisation' });
