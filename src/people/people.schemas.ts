import { z } from 'zod';
import { pageQuery } from '../http/schemas.ts';
import { partnerTypeSchema, phoneSchema } from '../partners/partners.schemas.ts';
import { emailSchema } from '../users/users.schemas.ts';
import { isValidNhsNumber, normaliseNhsNumber } from './nhs-number.ts';
import type { CircleMemberWithContact, PersonWithService } from './people.repository.ts';
import {
  clinicalFlags,
  deputyDecisionAreas,
  personStatuses,
  type RepresentativeRow,
  representativeKinds,
} from './people.table.ts';

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const booleanQuery = z.enum(['true', 'false']).transform((value) => value === 'true');
const calendarDate = z.iso.date();
const uniqueList = <T>(list: T[]) => new Set(list).size === list.length;

export const clinicalFlagSchema = z.enum(clinicalFlags).meta({
  id: 'ClinicalFlag',
  description: 'Conditions used to rank who is most at risk when services are disrupted',
});
export const personStatusSchema = z.enum(personStatuses).meta({ id: 'PersonStatus' });
export const representativeKindSchema = z.enum(representativeKinds).meta({
  id: 'RepresentativeKind',
  description:
    'Legally authorised: lpa_health_and_welfare, lpa_property_and_financial_affairs, court_appointed_deputy. Not legally authorised to decide: advocate, imca, imha, next_of_kin.',
});
export const deputyDecisionAreaSchema = z.enum(deputyDecisionAreas);

export const nhsNumberSchema = z
  .string()
  .max(20)
  .transform(normaliseNhsNumber)
  .pipe(
    z
      .string()
      .regex(/^\d{10}$/, 'Enter the NHS number as 10 digits, like 943 476 5919.')
      .refine(
        isValidNhsNumber,
        'This is not a valid NHS number: its check digit does not match. Check it against the person’s records.',
      ),
  )
  .describe('10 digits; spaces are allowed and removed');

/** A UK postcode in any case and spacing, stored as 'EX1 2RM'. */
export const postcodeSchema = z
  .string()
  .max(20)
  .transform((value) => value.replace(/\s+/g, '').toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$/, 'Enter a UK postcode, like EX1 2RM.'))
  .transform((value) => `${value.slice(0, -3)} ${value.slice(-3)}`);

// ---- people ----

const personFields = {
  givenName: z.string().trim().min(1).max(100),
  familyName: z.string().trim().min(1).max(100),
  preferredName: optionalText(100),
  dateOfBirth: calendarDate,
  address: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .describe('House, street and town; the postcode goes in postcode'),
  postcode: postcodeSchema,
  nhsNumber: nhsNumberSchema.nullable().optional(),
  careServiceId: z.uuid().nullable().optional(),
  communicationNeeds: optionalText(2000),
  clinicalFlags: z
    .array(clinicalFlagSchema)
    .max(clinicalFlags.length)
    .refine(uniqueList, 'List each flag once.'),
  clinicalFlagsNote: optionalText(1000),
  status: personStatusSchema,
};

export const createPersonBody = z.strictObject({
  ...personFields,
  clinicalFlags: personFields.clinicalFlags.default([]),
  status: personFields.status.default('active'),
});
export type CreatePersonInput = z.infer<typeof createPersonBody>;

export const updatePersonBody = z
  .strictObject({
    givenName: personFields.givenName.optional(),
    familyName: personFields.familyName.optional(),
    preferredName: personFields.preferredName,
    // Once recorded, identity details can be corrected but not removed.
    dateOfBirth: personFields.dateOfBirth.optional(),
    address: personFields.address.optional(),
    postcode: personFields.postcode.optional(),
    nhsNumber: personFields.nhsNumber,
    careServiceId: personFields.careServiceId,
    communicationNeeds: personFields.communicationNeeds,
    clinicalFlags: personFields.clinicalFlags.optional(),
    clinicalFlagsNote: personFields.clinicalFlagsNote,
    status: personFields.status.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, {
    message: 'Send at least one field to change.',
  });
export type UpdatePersonInput = z.infer<typeof updatePersonBody>;

export const listPeopleQuery = pageQuery.extend({
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe(
      'Part of a name, any case, or a whole NHS number. Prefer POST /api/people/search: an address is logged by proxies.',
    ),
  careServiceId: z.uuid().optional(),
  status: personStatusSchema.optional(),
  clinicalFlag: clinicalFlagSchema.optional(),
});

export const personSchema = z
  .object({
    id: z.uuid(),
    givenName: z.string(),
    familyName: z.string(),
    preferredName: z.string().nullable(),
    dateOfBirth: z.string().nullable().describe('Null only for people recorded before it was required'),
    address: z.string().nullable().describe('Null only for people recorded before it was required'),
    postcode: z.string().nullable(),
    nhsNumber: z.string().nullable(),
    careServiceId: z.uuid().nullable(),
    careServiceName: z.string().nullable(),
    communicationNeeds: z.string().nullable(),
    clinicalFlags: z.array(clinicalFlagSchema),
    clinicalFlagsNote: z.string().nullable(),
    status: personStatusSchema,
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'Person' });

export function toPersonResponse(person: PersonWithService): z.infer<typeof personSchema> {
  return {
    id: person.id,
    givenName: person.given_name,
    familyName: person.family_name,
    preferredName: person.preferred_name,
    dateOfBirth: person.date_of_birth,
    address: person.address,
    postcode: person.postcode,
    nhsNumber: person.nhs_number,
    careServiceId: person.care_service_id,
    careServiceName: person.care_service_name,
    communicationNeeds: person.communication_needs,
    clinicalFlags: person.clinical_flags,
    clinicalFlagsNote: person.clinical_flags_note,
    status: person.status,
    createdAt: person.created_at.toISOString(),
    updatedAt: person.updated_at.toISOString(),
    version: person.version,
  };
}

// ---- representatives ----

const representativeFields = {
  kind: representativeKindSchema,
  name: z.string().trim().min(1).max(200),
  relationship: optionalText(200),
  phone: phoneSchema.nullable().optional(),
  email: emailSchema.nullable().optional(),
  address: optionalText(500),
  partnerContactId: z
    .uuid()
    .nullable()
    .optional()
    .describe('When the representative is in the partner register'),
  scopeOfAuthority: optionalText(2000).describe('What they may decide, as the LPA or court order says'),
  deputyDecisions: z
    .array(deputyDecisionAreaSchema)
    .max(2)
    .refine(uniqueList, 'List each area once.')
    .describe('For a court-appointed deputy: the areas the order covers'),
  reference: optionalText(100).describe('OPG registration or court order reference'),
  registeredOn: calendarDate.nullable().optional().describe('LPA registered with the OPG, or the order made'),
  documentSeenOn: calendarDate.nullable().optional(),
  documentSeenBy: z.uuid().nullable().optional().describe('The staff member who saw it; defaults to you'),
};

export const createRepresentativeBody = z.strictObject({
  ...representativeFields,
  deputyDecisions: representativeFields.deputyDecisions.default([]),
});
export type CreateRepresentativeInput = z.infer<typeof createRepresentativeBody>;

export const updateRepresentativeBody = z
  .strictObject({
    name: representativeFields.name.optional(),
    relationship: representativeFields.relationship,
    phone: representativeFields.phone,
    email: representativeFields.email,
    address: representativeFields.address,
    partnerContactId: representativeFields.partnerContactId,
    scopeOfAuthority: representativeFields.scopeOfAuthority,
    deputyDecisions: representativeFields.deputyDecisions.optional(),
    reference: representativeFields.reference,
    registeredOn: representativeFields.registeredOn,
    documentSeenOn: representativeFields.documentSeenOn,
    documentSeenBy: representativeFields.documentSeenBy,
  })
  .refine((body) => Object.keys(body).length > 0, {
    message: 'Send at least one field to change.',
  });
export type UpdateRepresentativeInput = z.infer<typeof updateRepresentativeBody>;

export const endRepresentativeBody = z.strictObject({
  reason: z.string().trim().min(1).max(500).describe('Why they no longer represent the person'),
});

export const representativeParams = z.strictObject({ id: z.uuid(), representativeId: z.uuid() });

export const representativeSchema = z
  .object({
    id: z.uuid(),
    personId: z.uuid(),
    kind: representativeKindSchema,
    isLegallyAuthorised: z
      .boolean()
      .describe('An attorney or deputy: may make decisions within their authority'),
    name: z.string(),
    relationship: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    address: z.string().nullable(),
    partnerContactId: z.uuid().nullable(),
    scopeOfAuthority: z.string().nullable(),
    deputyDecisions: z.array(deputyDecisionAreaSchema),
    reference: z.string().nullable(),
    registeredOn: z.string().nullable(),
    documentSeenOn: z.string().nullable(),
    documentSeenBy: z.uuid().nullable(),
    endedAt: z.iso.datetime().nullable(),
    endedReason: z.string().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'PersonRepresentative' });

const legallyAuthorised = new Set([
  'lpa_health_and_welfare',
  'lpa_property_and_financial_affairs',
  'court_appointed_deputy',
]);

export function toRepresentativeResponse(
  representative: RepresentativeRow,
): z.infer<typeof representativeSchema> {
  return {
    id: representative.id,
    personId: representative.person_id,
    kind: representative.kind,
    isLegallyAuthorised: legallyAuthorised.has(representative.kind),
    name: representative.name,
    relationship: representative.relationship,
    phone: representative.phone,
    email: representative.email,
    address: representative.address,
    partnerContactId: representative.partner_contact_id,
    scopeOfAuthority: representative.scope_of_authority,
    deputyDecisions: representative.deputy_decisions,
    reference: representative.reference,
    registeredOn: representative.registered_on,
    documentSeenOn: representative.document_seen_on,
    documentSeenBy: representative.document_seen_by,
    endedAt: representative.ended_at?.toISOString() ?? null,
    endedReason: representative.ended_reason,
    createdAt: representative.created_at.toISOString(),
    updatedAt: representative.updated_at.toISOString(),
    version: representative.version,
  };
}

// ---- circle of support ----

export const addCircleMemberBody = z.strictObject({
  partnerContactId: z.uuid(),
  role: partnerTypeSchema
    .optional()
    .describe('The role they hold for this person; defaults to the contact’s type'),
  isPrimary: z.boolean().default(false).describe('The person’s primary partner contact (at most one)'),
  startedOn: calendarDate.optional().describe('Defaults to today'),
});
export type AddCircleMemberInput = z.infer<typeof addCircleMemberBody>;

export const updateCircleMemberBody = z
  .strictObject({
    role: partnerTypeSchema.optional(),
    isPrimary: z.boolean().optional(),
    startedOn: calendarDate.optional(),
    endedOn: calendarDate
      .nullable()
      .optional()
      .describe('The day they stopped holding the role for this person'),
  })
  .refine((body) => Object.keys(body).length > 0, {
    message: 'Send at least one field to change.',
  });
export type UpdateCircleMemberInput = z.infer<typeof updateCircleMemberBody>;

export const circleMemberParams = z.strictObject({ id: z.uuid(), memberId: z.uuid() });

export const circleQuery = z.strictObject({
  includeEnded: booleanQuery.optional().describe('Include roles that have ended (default false)'),
});

export const circleMemberSchema = z
  .object({
    id: z.uuid(),
    personId: z.uuid(),
    role: partnerTypeSchema,
    isPrimary: z.boolean(),
    startedOn: z.string(),
    endedOn: z.string().nullable(),
    partnerContact: z.object({
      id: z.uuid(),
      name: z.string(),
      type: partnerTypeSchema,
      jobTitle: z.string().nullable(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      partnerOrganisationId: z.uuid(),
      partnerOrganisationName: z.string(),
      hasMovedOn: z.boolean(),
    }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'CircleMember' });

export function toCircleMemberResponse(member: CircleMemberWithContact): z.infer<typeof circleMemberSchema> {
  return {
    id: member.id,
    personId: member.person_id,
    role: member.role,
    isPrimary: member.is_primary,
    startedOn: member.started_on,
    endedOn: member.ended_on,
    partnerContact: {
      id: member.partner_contact_id,
      name: member.contact_name,
      type: member.contact_type,
      jobTitle: member.contact_job_title,
      email: member.contact_email,
      phone: member.contact_phone,
      partnerOrganisationId: member.partner_organisation_id,
      partnerOrganisationName: member.partner_organisation_name,
      hasMovedOn: member.contact_ended_at !== null,
    },
    createdAt: member.created_at.toISOString(),
    updatedAt: member.updated_at.toISOString(),
    version: member.version,
  };
}

export const linkedPersonSchema = z
  .object({
    person: z.object({
      id: z.uuid(),
      givenName: z.string(),
      familyName: z.string(),
      preferredName: z.string().nullable(),
      status: personStatusSchema,
      careServiceName: z.string().nullable(),
    }),
    circleMemberId: z.uuid(),
    role: partnerTypeSchema,
    isPrimary: z.boolean(),
    startedOn: z.string(),
  })
  .meta({ id: 'PersonLinkedToContact' });
