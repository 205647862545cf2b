import { z } from 'zod';
import { pageQuery } from '../http/schemas.ts';
import type { StaffUser } from './users.repository.ts';
import { staffRoles } from './users.table.ts';

export const staffRoleSchema = z.enum(staffRoles).meta({
  id: 'StaffRole',
  description: 'care_worker, manager, registered_manager, auditor (read-only) or admin',
});

export const emailSchema = z.string().trim().max(254).pipe(z.email());

export const userSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    role: staffRoleSchema,
    disabled: z.boolean(),
    /** The owner has not yet chosen a password through their set-up link. */
    awaitingSetUp: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'StaffUser' });
export type UserResponse = z.infer<typeof userSchema>;

export const createUserBody = z.strictObject({
  email: emailSchema,
  displayName: z.string().trim().min(1).max(200),
  role: staffRoleSchema,
});
export type CreateUserInput = z.infer<typeof createUserBody>;

export const updateUserBody = z
  .strictObject({
    displayName: z.string().trim().min(1).max(200).optional(),
    role: staffRoleSchema.optional(),
    disabled: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, {
    message: 'Send at least one of displayName, role, disabled.',
  });
export type UpdateUserInput = z.infer<typeof updateUserBody>;

export const listUsersQuery = pageQuery.extend({ role: staffRoleSchema.optional() });

/** What a member of staff may know of a colleague: their name and role, never their address. */
export const colleagueSchema = z
  .object({
    id: z.uuid(),
    displayName: z.string(),
    role: staffRoleSchema,
    current: z
      .boolean()
      .describe('false once their account is disabled: still named for what they did, no longer an owner'),
  })
  .meta({ id: 'Colleague' });

export function toColleagueResponse(colleague: {
  id: string;
  display_name: string;
  role: z.infer<typeof staffRoleSchema>;
  disabled_at?: Date | null;
}): z.infer<typeof colleagueSchema> {
  return {
    id: colleague.id,
    displayName: colleague.display_name,
    role: colleague.role,
    current: !colleague.disabled_at,
  };
}

export function toUserResponse(user: StaffUser): UserResponse {
  return {
    id: user.id,
    email: user.email,
    displayName: user.display_name,
    role: user.role,
    disabled: user.disabled_at !== null,
    awaitingSetUp: user.awaiting_set_up,
    createdAt: user.created_at.toISOString(),
    updatedAt: user.updated_at.toISOString(),
    version: user.version,
  };
}

export const setUpLinkSchema = z
  .object({
    /**
     * Shown once: give it to the account's owner only. Liaison keeps only its hash. It works once,
     * until `expiresAt`; the part after `#` never reaches a server's logs.
     */
    url: z.string(),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'SetUpLink' });

export const createdUserSchema = userSchema
  .extend({ setUpLink: setUpLinkSchema })
  .meta({ id: 'CreatedStaffUser' });

/** The header that carries a set-up link's token (taken from after `#` in its address). */
export const SET_UP_LINK_HEADER = 'x-set-up-link';

export const setUpLinkHeaders = z.object({ [SET_UP_LINK_HEADER]: z.string().min(1).max(200) });

export const accountToSetUpSchema = z
  .object({
    displayName: z.string(),
    email: z.string(),
    organisationName: z.string(),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'AccountToSetUp' });

export const completeSetUpBody = z.strictObject({ password: z.string().min(1).max(1024) });

/** The header that carries a link to choose a new password (the token after `#` in its address). */
export const PASSWORD_RESET_LINK_HEADER = 'x-password-reset-link';

export const passwordResetLinkHeaders = z.object({
  [PASSWORD_RESET_LINK_HEADER]: z.string().min(1).max(200),
});

export const passwordResetRequestBody = z.strictObject({ email: emailSchema });

export const passwordResetRequestedSchema = z
  .object({
    /** The same words whatever the address: whether an account has it is never said. */
    detail: z.string(),
  })
  .meta({ id: 'PasswordResetRequested' });

export function setUpLinkUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/set-up#${token}`;
}
