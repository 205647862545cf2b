import { z } from 'zod';
import { pageQuery, problemSchema } from '../http/schemas.ts';
import { partnerTypeSchema } from '../partners/partners.schemas.ts';
import { partnerTypes } from '../partners/partners.table.ts';
import {
  article6Conditions,
  article9Conditions,
  basisRecordTypes,
  dpa2018Conditions,
  informationCategories,
  queuedShareStatuses,
  shareBases,
  shareDeliveries,
  shareOutcomes,
  sharingPurposes,
} from './sharing.table.ts';
import { refusalCodes } from './sharing-gate.ts';

export const calendarDate = z.iso.date();
const uniqueList = <T>(list: T[]) => new Set(list).size === list.length;
export const requiredText = (max: number) => z.string().trim().min(1).max(max);
export const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const sharingPurposeSchema = z.enum(sharingPurposes).meta({
  id: 'SharingPurpose',
  description: 'Why the information is shared',
});
export const informationCategorySchema = z.enum(informationCategories).meta({
  id: 'InformationCategory',
  description: 'A kind of information about a person; a share names every kind it contains',
});
export const shareBasisSchema = z.enum(shareBases).meta({
  id: 'ShareBasis',
  description: 'The confidentiality basis the sharing gate decided on',
});
export const article6Schema = z.enum(article6Conditions).meta({ id: 'Article6Condition' });
export const article9Schema = z.enum(article9Conditions).meta({ id: 'Article9Condition' });
export const dpa2018Schema = z.enum(dpa2018Conditions).meta({ id: 'Dpa2018Condition' });

export const purposeList = z
  .array(sharingPurposeSchema)
  .min(1, 'Choose at least one purpose.')
  .max(sharingPurposes.length)
  .refine(uniqueList, 'List each purpose once.');
export const categoryList = z
  .array(informationCategorySchema)
  .min(1, 'Choose at least one category of information.')
  .max(informationCategories.length)
  .refine(uniqueList, 'List each category once.');

/** Who a record lets information go to: named organisations, named contacts, or types of partner. */
export const recipientScopeFields = {
  partnerOrganisationIds: z
    .array(z.uuid())
    .max(50)
    .refine(uniqueList, 'List each organisation once.')
    .default([]),
  partnerContactIds: z.array(z.uuid()).max(50).refine(uniqueList, 'List each contact once.').default([]),
  partnerTypes: z
    .array(partnerTypeSchema)
    .max(partnerTypes.length)
    .refine(uniqueList, 'List each type once.')
    .default([]),
};
type ScopeInput = { partnerOrganisationIds: string[]; partnerContactIds: string[]; partnerTypes: string[] };
export const namesSomebody = (body: ScopeInput) =>
  body.partnerOrganisationIds.length + body.partnerContactIds.length + body.partnerTypes.length > 0;
export const namesSomebodyProblem = {
  message: 'Name at least one partner organisation, contact or type of partner this covers.',
  path: ['partnerOrganisationIds'],
};

export const recipientScopeSchema = z.object({
  partnerOrganisations: z.array(z.object({ id: z.uuid(), name: z.string() })),
  partnerContacts: z.array(z.object({ id: z.uuid(), name: z.string(), organisationName: z.string() })),
  partnerTypes: z.array(partnerTypeSchema),
});

export const recordStatusSchema = z
  .enum(['in_force', 'withdrawn', 'lapsed', 'review_overdue', 'not_yet', 'revoked', 'expired'])
  .meta({ id: 'SharingRecordStatus', description: 'Whether the record is in force now' });

// ---- the gate ----

export const shareQuestionBody = z
  .strictObject({
    partnerOrganisationId: z.uuid().optional().describe('Share with a partner organisation'),
    partnerContactId: z.uuid().optional().describe('Or with a named contact (their organisation is implied)'),
    purpose: sharingPurposeSchema,
    categories: categoryList,
  })
  .refine((body) => Boolean(body.partnerOrganisationId || body.partnerContactId), {
    message: 'Choose who the information would go to: a partner organisation or a contact.',
    path: ['partnerContactId'],
  });
export type ShareQuestionInput = z.infer<typeof shareQuestionBody>;

export const recordShareBody = z
  .strictObject({
    partnerOrganisationId: z.uuid().optional(),
    partnerContactId: z.uuid().optional(),
    purpose: sharingPurposeSchema,
    categories: categoryList,
    description: requiredText(500).describe(
      'How and what was shared, e.g. "Phoned the GP about low blood sugar"',
    ),
  })
  .refine((body) => Boolean(body.partnerOrganisationId || body.partnerContactId), {
    message: 'Choose who the information went to: a partner organisation or a contact.',
    path: ['partnerContactId'],
  });
export type RecordShareInput = z.infer<typeof recordShareBody>;

export const refusalReasonSchema = z
  .object({
    code: z.enum(refusalCodes),
    message: z.string(),
    recordType: z.string().optional(),
    recordId: z.uuid().optional(),
  })
  .meta({ id: 'ShareRefusalReason' });

export const lawfulBasisSchema = z
  .object({
    article6: article6Schema,
    article9: article9Schema,
    dpa2018: dpa2018Schema.nullable(),
  })
  .meta({ id: 'LawfulBasis', description: 'The UK GDPR conditions relied on (separate from consent)' });

export const shareDecisionSchema = z
  .object({
    allowed: z.boolean(),
    basis: shareBasisSchema.nullable(),
    record: z.object({ type: z.enum(basisRecordTypes), id: z.uuid() }).nullable(),
    explanation: z.string().describe('The answer in plain English'),
    reasons: z.array(refusalReasonSchema),
    lawfulBasis: lawfulBasisSchema.nullable(),
    recipient: z.object({
      partnerOrganisationId: z.uuid(),
      partnerOrganisationName: z.string(),
      partnerContactId: z.uuid().nullable(),
      partnerContactName: z.string().nullable(),
    }),
    agreement: z
      .object({ id: z.uuid(), title: z.string(), reference: z.string().nullable() })
      .nullable()
      .describe(
        'The information sharing agreement with the recipient’s organisation that covers this, if any',
      ),
  })
  .meta({ id: 'ShareDecision' });

export const shareLogEntrySchema = z
  .object({
    id: z.uuid(),
    partnerOrganisationId: z.uuid(),
    partnerOrganisationName: z.string(),
    partnerContactId: z.uuid().nullable(),
    partnerContactName: z.string().nullable(),
    purpose: sharingPurposeSchema,
    categories: z.array(informationCategorySchema),
    outcome: z.enum(shareOutcomes),
    basis: shareBasisSchema.nullable(),
    basisRecordType: z.enum(basisRecordTypes).nullable(),
    basisRecordId: z.uuid().nullable(),
    reasons: z.array(refusalReasonSchema),
    lawfulBasis: lawfulBasisSchema.nullable(),
    delivery: z.enum(shareDeliveries),
    description: z.string().nullable(),
    sharedBy: z.string().describe('Who shared or tried to share'),
    occurredAt: z.iso.datetime(),
    queueStatus: z.enum(queuedShareStatuses).nullable(),
  })
  .meta({ id: 'ShareLogEntry' });

export const shareRefusedProblemSchema = problemSchema
  .extend({ reasons: z.array(refusalReasonSchema).optional(), shareId: z.uuid().optional() })
  .meta({ id: 'ShareRefusedProblem' });

export const shareLogQuery = pageQuery.extend({
  outcome: z.enum(shareOutcomes).optional(),
});

// ---- held shares ----

export const heldShareSchema = z
  .object({
    shareId: z.uuid(),
    personId: z.uuid(),
    personName: z.string(),
    partnerOrganisationName: z.string(),
    partnerContactName: z.string().nullable(),
    purpose: sharingPurposeSchema,
    categories: z.array(informationCategorySchema),
    heldReason: z.string().nullable(),
    heldAt: z.iso.datetime().nullable(),
    status: z.enum(queuedShareStatuses),
  })
  .meta({ id: 'HeldShare' });

export const cancelHeldShareBody = z.strictObject({ note: requiredText(2000) });

// ---- agreements ----

const agreementFields = {
  partnerOrganisationId: z.uuid(),
  title: requiredText(200),
  reference: optionalText(100),
  purposes: purposeList,
  categories: categoryList,
  startsOn: calendarDate,
  endsOn: calendarDate.nullable().optional(),
  notes: optionalText(2000),
};

export const createAgreementBody = z
  .strictObject(agreementFields)
  .refine((body) => !body.endsOn || body.endsOn >= body.startsOn, {
    message: 'The end date must be on or after the start date.',
    path: ['endsOn'],
  });
export type CreateAgreementInput = z.infer<typeof createAgreementBody>;

export const updateAgreementBody = z
  .strictObject({
    title: agreementFields.title.optional(),
    reference: agreementFields.reference,
    purposes: purposeList.optional(),
    categories: categoryList.optional(),
    startsOn: calendarDate.optional(),
    endsOn: agreementFields.endsOn,
    notes: agreementFields.notes,
  })
  .refine((body) => Object.keys(body).length > 0, {
    message: 'Send at least one field to change.',
  });
export type UpdateAgreementInput = z.infer<typeof updateAgreementBody>;

export const agreementSchema = z
  .object({
    id: z.uuid(),
    partnerOrganisationId: z.uuid(),
    partnerOrganisationName: z.string(),
    title: z.string(),
    reference: z.string().nullable(),
    purposes: z.array(sharingPurposeSchema),
    categories: z.array(informationCategorySchema),
    startsOn: z.string(),
    endsOn: z.string().nullable(),
    notes: z.string().nullable(),
    inForce: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'InformationSharingAgreement' });

export const agreementListQuery = pageQuery.extend({ partnerOrganisationId: z.uuid().optional() });

// ---- lawful basis defaults ----

export const lawfulBasisDefaultSchema = lawfulBasisSchema
  .extend({ purpose: sharingPurposeSchema, updatedAt: z.iso.datetime().nullable() })
  .meta({ id: 'LawfulBasisDefault' });

export const setLawfulBasisBody = z.strictObject({
  article6: article6Schema,
  article9: article9Schema,
  dpa2018: dpa2018Schema.nullable().optional(),
});
export type SetLawfulBasisInput = z.infer<typeof setLawfulBasisBody>;
