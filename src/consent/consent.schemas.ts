import { z } from 'zod';
import { representativeKindSchema } from '../people/people.schemas.ts';
import {
  calendarDate,
  categoryList,
  informationCategorySchema,
  namesSomebody,
  namesSomebodyProblem,
  optionalText,
  purposeList,
  recipientScopeFields,
  recipientScopeSchema,
  recordStatusSchema,
  sharingPurposeSchema,
} from '../sharing/sharing.schemas.ts';
import { consentGivers, consentRecordedHow } from './consent.table.ts';

export const createConsentBody = z
  .strictObject({
    givenBy: z.enum(consentGivers).describe('The person, or an attorney or deputy acting for them'),
    representativeId: z
      .uuid()
      .nullable()
      .optional()
      .describe('The attorney or deputy who gave consent, when givenBy is representative'),
    ...recipientScopeFields,
    purposes: purposeList,
    categories: categoryList,
    recordedHow: z.enum(consentRecordedHow),
    notes: optionalText(2000),
    givenOn: calendarDate.describe('The date consent was given (not in the future)'),
    reviewOn: calendarDate.describe('The consent lapses after this date unless it is recorded again'),
  })
  .refine(namesSomebody, namesSomebodyProblem)
  .refine((body) => (body.givenBy === 'representative') === Boolean(body.representativeId), {
    message: 'Choose the attorney or deputy who gave consent (and only when a representative gave it).',
    path: ['representativeId'],
  })
  .refine((body) => body.reviewOn >= body.givenOn, {
    message: 'The review date must be on or after the date consent was given.',
    path: ['reviewOn'],
  });
export type CreateConsentInput = z.infer<typeof createConsentBody>;

export const withdrawConsentBody = z
  .strictObject({
    withdrawnBy: z.enum(consentGivers).describe('Who withdrew it'),
    representativeId: z.uuid().nullable().optional(),
    reason: optionalText(2000),
  })
  .refine((body) => (body.withdrawnBy === 'representative') === Boolean(body.representativeId), {
    message: 'Choose the representative who withdrew consent (and only when a representative did).',
    path: ['representativeId'],
  });
export type WithdrawConsentInput = z.infer<typeof withdrawConsentBody>;

export const consentSchema = z
  .object({
    id: z.uuid(),
    givenBy: z.enum(consentGivers),
    representative: z.object({ id: z.uuid(), name: z.string(), kind: representativeKindSchema }).nullable(),
    scope: recipientScopeSchema,
    purposes: z.array(sharingPurposeSchema),
    categories: z.array(informationCategorySchema),
    recordedHow: z.enum(consentRecordedHow),
    notes: z.string().nullable(),
    givenOn: z.string(),
    reviewOn: z.string(),
    recordedBy: z.string().nullable(),
    createdAt: z.iso.datetime(),
    withdrawal: z
      .object({
        at: z.iso.datetime(),
        by: z.enum(consentGivers),
        representativeName: z.string().nullable(),
        reason: z.string().nullable(),
        recordedBy: z.string().nullable(),
      })
      .nullable(),
    status: recordStatusSchema,
  })
  .meta({ id: 'ConsentRecord' });
