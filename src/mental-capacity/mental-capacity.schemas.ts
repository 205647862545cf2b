import { z } from 'zod';
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
  requiredText,
  sharingPurposeSchema,
} from '../sharing/sharing.schemas.ts';
import { bestInterestsOutcomes, capacityOutcomes } from './mental-capacity.table.ts';

// ---- capacity ----

export const createCapacityAssessmentBody = z.strictObject({
  decision: requiredText(500).describe(
    'The specific decision, e.g. "Sharing health information with the GP"',
  ),
  purposes: purposeList,
  categories: categoryList,
  impairment: z
    .boolean()
    .describe('Stage 1: is there an impairment of, or disturbance in, the functioning of the mind or brain?'),
  impairmentNote: optionalText(2000),
  canUnderstand: z
    .boolean()
    .describe('Stage 2: can the person understand the information relevant to the decision?'),
  canRetain: z.boolean().describe('Stage 2: can they retain it long enough to decide?'),
  canUseOrWeigh: z.boolean().describe('Stage 2: can they use or weigh it?'),
  canCommunicate: z.boolean().describe('Stage 2: can they communicate their decision by any means?'),
  reasons: requiredText(4000).describe(
    'How the conclusion was reached, and the practicable steps taken to help',
  ),
  assessorName: optionalText(200).describe('An assessor from outside the organisation; defaults to you'),
  assessorRole: optionalText(200),
  assessedOn: calendarDate,
  reviewOn: calendarDate,
});
export type CreateCapacityAssessmentInput = z.infer<typeof createCapacityAssessmentBody>;

export const capacityAssessmentSchema = z
  .object({
    id: z.uuid(),
    decision: z.string(),
    purposes: z.array(sharingPurposeSchema),
    categories: z.array(informationCategorySchema),
    impairment: z.boolean(),
    impairmentNote: z.string().nullable(),
    canUnderstand: z.boolean(),
    canRetain: z.boolean(),
    canUseOrWeigh: z.boolean(),
    canCommunicate: z.boolean(),
    outcome: z.enum(capacityOutcomes),
    reasons: z.string(),
    assessorUserId: z.uuid().nullable(),
    assessorName: z.string(),
    assessorRole: z.string().nullable(),
    assessedOn: z.string(),
    reviewOn: z.string(),
    createdAt: z.iso.datetime(),
    status: recordStatusSchema,
  })
  .meta({ id: 'CapacityAssessment' });

// ---- best interests ----

export const createBestInterestsBody = z
  .strictObject({
    capacityAssessmentId: z
      .uuid()
      .describe('The assessment that found the person lacks capacity for this decision'),
    decision: requiredText(500),
    ...recipientScopeFields,
    purposes: purposeList,
    categories: categoryList,
    consulted: requiredText(4000).describe('Who was consulted: family, carers, advocate, professionals'),
    wishesAndFeelings: requiredText(4000).describe(
      'The person’s past and present wishes, feelings, beliefs and values',
    ),
    outcome: z.enum(bestInterestsOutcomes),
    rationale: requiredText(4000),
    decidedOn: calendarDate,
    reviewOn: calendarDate,
  })
  .refine(namesSomebody, namesSomebodyProblem)
  .refine((body) => body.reviewOn >= body.decidedOn, {
    message: 'The review date must be on or after the decision date.',
    path: ['reviewOn'],
  });
export type CreateBestInterestsInput = z.infer<typeof createBestInterestsBody>;

export const bestInterestsSchema = z
  .object({
    id: z.uuid(),
    capacityAssessmentId: z.uuid(),
    decision: z.string(),
    scope: recipientScopeSchema,
    purposes: z.array(sharingPurposeSchema),
    categories: z.array(informationCategorySchema),
    consulted: z.string(),
    wishesAndFeelings: z.string(),
    outcome: z.enum(bestInterestsOutcomes),
    rationale: z.string(),
    decisionMaker: z.string(),
    decidedOn: z.string(),
    reviewOn: z.string(),
    createdAt: z.iso.datetime(),
    status: recordStatusSchema,
  })
  .meta({ id: 'BestInterestsDecision' });
