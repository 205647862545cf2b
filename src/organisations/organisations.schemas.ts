import { z } from 'zod';
import type { OrganisationRow } from './organisations.table.ts';

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const logoDataUrlSchema = z
  .string()
  .max(200_000)
  .regex(
    /^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/=]+$/,
    'Upload the logo as a PNG, JPEG or WebP image.',
  );

export const organisationSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    registrationNumber: z.string().nullable(),
    registeredManagerName: z.string().nullable(),
    address: z.string().nullable(),
    logoDataUrl: z.string().nullable(),
    contactVerificationDays: z.number().int(),
    /** Roles that must sign in with a second factor beyond managers, registered managers and admins. */
    mfaAlsoRequiredFor: z.array(z.enum(['care_worker', 'auditor'])),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'Organisation' });
export type OrganisationResponse = z.infer<typeof organisationSchema>;

export const organisationFields = {
  name: z.string().trim().min(1).max(200),
  registrationNumber: optionalText(50),
  registeredManagerName: optionalText(200),
  address: optionalText(500),
  logoDataUrl: logoDataUrlSchema.nullable().optional(),
  contactVerificationDays: z.number().int().min(1).max(3650).optional(),
  mfaAlsoRequiredFor: z
    .array(z.enum(['care_worker', 'auditor']))
    .max(2)
    .refine((roles) => new Set(roles).size === roles.length, { message: 'Name each role once.' })
    .optional(),
};

export const createOrganisationInput = z.strictObject(organisationFields);
export type CreateOrganisationInput = z.infer<typeof createOrganisationInput>;

export const updateOrganisationBody = z
  .strictObject({ ...organisationFields, name: organisationFields.name.optional() })
  .refine((body) => Object.keys(body).length > 0, { message: 'Send at least one field to change.' });
export type UpdateOrganisationInput = z.infer<typeof updateOrganisationBody>;

export function toOrganisationResponse(organisation: OrganisationRow): OrganisationResponse {
  return {
    id: organisation.id,
    name: organisation.name,
    registrationNumber: organisation.registration_number,
    registeredManagerName: organisation.registered_manager_name,
    address: organisation.address,
    logoDataUrl: organisation.logo_data_url,
    contactVerificationDays: organisation.contact_verification_days,
    mfaAlsoRequiredFor: organisation.mfa_also_required_for,
    createdAt: organisation.created_at.toISOString(),
    updatedAt: organisation.updated_at.toISOString(),
    version: organisation.version,
  };
}
