import { z } from 'zod';
import { checkDaySpans, type WeeklyHours, weekdays } from '../calendar/working-hours.ts';
import { pageQuery } from '../http/schemas.ts';
import { emailSchema } from '../users/users.schemas.ts';
import type { ChannelChoice } from './channel-choice.ts';
import type { PartnerContactWithOrganisation } from './partners.repository.ts';
import {
  channelKinds,
  channelUrgencies,
  type PartnerChannelRow,
  type PartnerOrganisationRow,
  partnerTypes,
} from './partners.table.ts';

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const booleanQuery = z.enum(['true', 'false']).transform((value) => value === 'true');

export const partnerTypeSchema = z.enum(partnerTypes).meta({
  id: 'PartnerType',
  description: 'The kind of partner organisation or contact, and the role a contact holds for a person',
});
export const channelKindSchema = z.enum(channelKinds).meta({ id: 'ChannelKind' });
export const channelUrgencySchema = z.enum(channelUrgencies).meta({ id: 'ChannelUrgency' });
export const requestUrgencySchema = z.enum(['urgent', 'routine']);

export const odsCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{3,6}$/, 'An NHS ODS code is 3 to 6 letters and digits, like A81001, RXH or Y02906.');

export const phoneSchema = z
  .string()
  .trim()
  .max(50)
  .regex(
    /^\+?[0-9][0-9 ()-]{1,48}$/,
    'Enter a phone number using digits, spaces and brackets, like 0121 496 0000.',
  );

const daySpans = z.array(z.string().max(20)).max(12);
const weekdaySpans = z
  .strictObject(
    Object.fromEntries(weekdays.map((day) => [day, daySpans.optional()])) as Record<
      (typeof weekdays)[number],
      z.ZodOptional<typeof daySpans>
    >,
  )
  .transform((hours, context) => {
    const checked: Partial<Record<(typeof weekdays)[number], string[]>> = {};
    for (const day of weekdays) {
      const spans = hours[day];
      if (!spans?.length) continue;
      const result = checkDaySpans(spans);
      if ('problem' in result) context.addIssue({ code: 'custom', message: result.problem, path: [day] });
      else checked[day] = result.spans;
    }
    return checked;
  });

/** "24/7", or weekdays mapped to the spans they are staffed, in UK local time. */
export const weeklyHoursSchema = z
  .union([z.literal('24/7'), weekdaySpans], {
    error: (issue) => {
      if (issue.code !== 'invalid_union') return undefined;
      const objectProblems = issue.errors[1] ?? [];
      if (typeof issue.input !== 'object' || issue.input === null || objectProblems.length === 0) {
        return 'Give "24/7", or weekdays with the spans they are staffed, like {"monday": ["09:00-17:00"]}.';
      }
      return objectProblems
        .map((problem) =>
          problem.path.length ? `${problem.path.join('.')}: ${problem.message}` : problem.message,
        )
        .join(' ');
    },
  })
  .meta({
    id: 'WeeklyHours',
    description:
      'When a channel is staffed, in UK local time (Europe/London): "24/7", or weekday names (monday…sunday) mapped to "HH:MM-HH:MM" spans (24:00 is midnight at the end of the day). A weekday left out is not staffed.',
  }) as z.ZodType<WeeklyHours, unknown>;

const weeklyHoursResponse = z.union([
  z.literal('24/7'),
  z.object(Object.fromEntries(weekdays.map((day) => [day, z.array(z.string()).optional()]))),
]);

// ---- organisations ----

export const createPartnerOrganisationBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  type: partnerTypeSchema,
  odsCode: odsCodeSchema.nullable().optional(),
  address: optionalText(500),
  notes: optionalText(2000),
});
export type CreatePartnerOrganisationInput = z.infer<typeof createPartnerOrganisationBody>;

export const updatePartnerOrganisationBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    type: partnerTypeSchema.optional(),
    odsCode: odsCodeSchema.nullable().optional(),
    address: optionalText(500),
    notes: optionalText(2000),
  })
  .refine((body) => Object.keys(body).length > 0, {
    message: 'Send at least one field to change.',
  });
export type UpdatePartnerOrganisationInput = z.infer<typeof updatePartnerOrganisationBody>;

export const listPartnerOrganisationsQuery = pageQuery.extend({
  q: z.string().trim().max(200).optional().describe('Part of the name, any case'),
  type: partnerTypeSchema.optional(),
});

// ---- contacts ----

export const createPartnerContactBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  jobTitle: optionalText(200),
  type: partnerTypeSchema,
  email: emailSchema.nullable().optional(),
  phone: phoneSchema.nullable().optional(),
  notes: optionalText(2000),
});
export type CreatePartnerContactInput = z.infer<typeof createPartnerContactBody>;

export const updatePartnerContactBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    jobTitle: optionalText(200),
    type: partnerTypeSchema.optional(),
    email: emailSchema.nullable().optional(),
    phone: phoneSchema.nullable().optional(),
    notes: optionalText(2000),
  })
  .refine((body) => Object.keys(body).length > 0, {
    message: 'Send at least one field to change.',
  });
export type UpdatePartnerContactInput = z.infer<typeof updatePartnerContactBody>;

export const endPartnerContactBody = z.strictObject({
  reason: z.string().trim().min(1).max(500).describe('Why the contact no longer holds the role'),
});

export const listPartnerContactsQuery = pageQuery.extend({
  q: z.string().trim().max(200).optional().describe('Part of the name, any case'),
  type: partnerTypeSchema.optional(),
  partnerOrganisationId: z.uuid().optional(),
  includeEnded: booleanQuery.optional().describe('Include contacts who have moved on (default false)'),
});

export const organisationContactsQuery = pageQuery.extend({
  includeEnded: booleanQuery.optional().describe('Include contacts who have moved on (default false)'),
});

export const contactParams = z.strictObject({ id: z.uuid(), contactId: z.uuid() });
export const channelParams = z.strictObject({ id: z.uuid(), channelId: z.uuid() });

// ---- channels ----

export const createChannelBody = z.strictObject({
  kind: channelKindSchema,
  value: z.string().trim().min(1).max(500).describe('The number, address or link'),
  label: optionalText(200),
  urgencies: z
    .array(channelUrgencySchema)
    .min(1)
    .max(3)
    .refine((urgencies) => new Set(urgencies).size === urgencies.length, 'List each urgency once.'),
  hours: weeklyHoursSchema,
  staffedOnBankHolidays: z.boolean().default(false),
});
export type CreateChannelInput = z.infer<typeof createChannelBody>;

export const updateChannelBody = z
  .strictObject({
    kind: channelKindSchema.optional(),
    value: z.string().trim().min(1).max(500).optional(),
    label: optionalText(200),
    urgencies: createChannelBody.shape.urgencies.optional(),
    hours: weeklyHoursSchema.optional(),
    staffedOnBankHolidays: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, {
    message: 'Send at least one field to change.',
  });
export type UpdateChannelInput = z.infer<typeof updateChannelBody>;

export const channelNowQuery = z.strictObject({ urgency: requestUrgencySchema });

// ---- import ----

export const importRegisterBody = z.strictObject({
  csv: z
    .string()
    .min(1)
    .max(1_000_000)
    .describe('The CSV file as text, with a header row (see docs/partners.md)'),
});

export const importReportSchema = z
  .object({
    imported: z.literal(true),
    rows: z.number().int(),
    organisationsCreated: z.number().int(),
    organisationsMatched: z.number().int(),
    contactsCreated: z.number().int(),
    channelsCreated: z.number().int(),
  })
  .meta({ id: 'PartnerRegisterImportReport' });

// ---- responses ----

export const channelSchema = z
  .object({
    id: z.uuid(),
    whose: z.enum(['contact', 'organisation']),
    partnerOrganisationId: z.uuid(),
    partnerContactId: z.uuid().nullable(),
    kind: channelKindSchema,
    value: z.string(),
    label: z.string().nullable(),
    urgencies: z.array(channelUrgencySchema),
    hours: weeklyHoursResponse,
    staffedOnBankHolidays: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'PartnerChannel' });

export const partnerOrganisationSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    type: partnerTypeSchema,
    odsCode: z.string().nullable(),
    address: z.string().nullable(),
    notes: z.string().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'PartnerOrganisation' });

export const partnerOrganisationDetailSchema = partnerOrganisationSchema
  .extend({ channels: z.array(channelSchema) })
  .meta({ id: 'PartnerOrganisationWithChannels' });

export const partnerContactSchema = z
  .object({
    id: z.uuid(),
    partnerOrganisationId: z.uuid(),
    partnerOrganisationName: z.string(),
    name: z.string(),
    jobTitle: z.string().nullable(),
    type: partnerTypeSchema,
    email: z.string().nullable(),
    phone: z.string().nullable(),
    notes: z.string().nullable(),
    lastVerifiedAt: z.iso.datetime().nullable(),
    lastVerifiedBy: z.uuid().nullable(),
    verificationDueAt: z.iso.datetime().nullable(),
    isStale: z.boolean().describe('Not verified within your organisation’s verification period'),
    endedAt: z.iso.datetime().nullable(),
    endedReason: z.string().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'PartnerContact' });

export const partnerContactDetailSchema = partnerContactSchema
  .extend({ channels: z.array(channelSchema) })
  .meta({ id: 'PartnerContactWithChannels' });

export const channelNowSchema = z
  .object({
    at: z.iso.datetime(),
    urgency: requestUrgencySchema,
    route: z
      .object({
        channel: channelSchema,
        whose: z.enum(['contact', 'organisation']),
        ownerName: z.string(),
        outOfHours: z.boolean(),
        staffedUntil: z.iso.datetime().nullable().describe('Null when staffed around the clock'),
      })
      .nullable(),
    reason: z.string().describe('Why this channel, or why there is none, in plain English'),
    nextStaffedAt: z.iso.datetime().nullable().describe('For a routine matter with no route: when one opens'),
  })
  .meta({ id: 'ChannelNow' });

export function toPartnerOrganisationResponse(organisation: PartnerOrganisationRow) {
  return {
    id: organisation.id,
    name: organisation.name,
    type: organisation.type,
    odsCode: organisation.ods_code,
    address: organisation.address,
    notes: organisation.notes,
    createdAt: organisation.created_at.toISOString(),
    updatedAt: organisation.updated_at.toISOString(),
    version: organisation.version,
  };
}

export function toChannelResponse(channel: PartnerChannelRow): z.infer<typeof channelSchema> {
  return {
    id: channel.id,
    whose: channel.partner_contact_id ? 'contact' : 'organisation',
    partnerOrganisationId: channel.partner_organisation_id,
    partnerContactId: channel.partner_contact_id,
    kind: channel.kind,
    value: channel.value,
    label: channel.label,
    urgencies: channel.urgencies,
    hours: channel.hours,
    staffedOnBankHolidays: channel.staffed_on_bank_holidays,
    createdAt: channel.created_at.toISOString(),
    updatedAt: channel.updated_at.toISOString(),
    version: channel.version,
  };
}

/** `now` decides staleness: a contact is stale once its verification falls due. */
export function toPartnerContactResponse(
  contact: PartnerContactWithOrganisation,
  now: Date,
): z.infer<typeof partnerContactSchema> {
  return {
    id: contact.id,
    partnerOrganisationId: contact.partner_organisation_id,
    partnerOrganisationName: contact.partner_organisation_name,
    name: contact.name,
    jobTitle: contact.job_title,
    type: contact.type,
    email: contact.email,
    phone: contact.phone,
    notes: contact.notes,
    lastVerifiedAt: contact.last_verified_at?.toISOString() ?? null,
    lastVerifiedBy: contact.last_verified_by,
    verificationDueAt: contact.verification_due_at?.toISOString() ?? null,
    isStale:
      contact.ended_at === null &&
      (contact.verification_due_at === null || contact.verification_due_at <= now),
    endedAt: contact.ended_at?.toISOString() ?? null,
    endedReason: contact.ended_reason,
    createdAt: contact.created_at.toISOString(),
    updatedAt: contact.updated_at.toISOString(),
    version: contact.version,
  };
}

export function toChannelNowResponse(
  choice: ChannelChoice<PartnerChannelRow>,
  at: Date,
  urgency: 'urgent' | 'routine',
): z.infer<typeof channelNowSchema> {
  return {
    at: at.toISOString(),
    urgency,
    route: choice.route && {
      channel: toChannelResponse(choice.route.channel),
      whose: choice.route.whose,
      ownerName: choice.route.ownerName,
      outOfHours: choice.route.outOfHours,
      staffedUntil: choice.route.staffedUntil?.toISOString() ?? null,
    },
    reason: choice.reason,
    nextStaffedAt: choice.route ? null : (choice.nextStaffedAt?.toISOString() ?? null),
  };
}
