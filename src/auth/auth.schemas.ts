import { z } from 'zod';
import { staffRoleSchema } from '../users/users.schemas.ts';

export const signInBody = z.strictObject({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1024),
});

export const sessionSchema = z
  .object({
    user: z.object({
      id: z.uuid(),
      displayName: z.string(),
      email: z.string().nullable(),
      role: staffRoleSchema,
    }),
    organisation: z.object({ id: z.uuid(), name: z.string() }),
    /** Send back as the X-CSRF-Token header on every request that changes something. */
    csrfToken: z.string().nullable(),
    /**
     * 'complete', or what is left to do before anything else may be called: give the code from an
     * authenticator app (`second_factor`), or set one up (`enrolment`).
     */
    signInStep: z.enum(['complete', 'second_factor', 'enrolment']),
  })
  .meta({ id: 'Session' });

const totpCode = z.string().trim().min(1).max(20).describe('The 6-digit code from the authenticator app');
const recoveryCode = z.string().trim().min(1).max(40).describe('One of the recovery codes (each works once)');

export const secondFactorBody = z
  .strictObject({ code: totpCode.optional(), recoveryCode: recoveryCode.optional() })
  .refine((body) => (body.code === undefined) !== (body.recoveryCode === undefined), {
    message: 'Send either code or recoveryCode.',
    path: ['code'],
  });

export const reauthenticationBody = z.strictObject({
  password: z.string().min(1).max(1024),
  code: totpCode.optional(),
  recoveryCode: recoveryCode.optional(),
});

export const confirmEnrolmentBody = z.strictObject({ code: totpCode });

export const mfaEnrolmentSchema = z
  .object({
    /** Base32, for typing into the app when the QR code cannot be scanned. */
    secret: z.string(),
    otpauthUri: z.string(),
    /** The otpauth URI as a QR code (an SVG data URL). */
    qrCodeDataUrl: z.string(),
  })
  .meta({ id: 'MfaEnrolment' });

export const recoveryCodesSchema = z
  .object({
    /** Shown once: Liaison keeps only a keyed hash of each. */
    recoveryCodes: z.array(z.string()),
  })
  .meta({ id: 'RecoveryCodes' });

export const mfaStatusSchema = z
  .object({
    enabled: z.boolean(),
    enabledAt: z.iso.datetime().nullable(),
    /** Whether the person's role (or their organisation's setting) requires a second factor. */
    required: z.boolean(),
    recoveryCodesLeft: z.number().int(),
    canTurnOff: z.boolean(),
  })
  .meta({ id: 'MfaStatus' });

export const createApiTokenBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  role: staffRoleSchema,
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
});

export const apiTokenStatuses = ['awaiting_approval', 'active', 'refused', 'revoked', 'expired'] as const;

export const apiTokenSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    role: staffRoleSchema,
    /**
     * A token whose role reads people's records, asked for by an admin, is 'awaiting_approval'
     * until a registered manager approves it ('active') or refuses it ('refused').
     */
    status: z.enum(apiTokenStatuses),
    /** The name of the staff member who asked for it. */
    requestedBy: z.string(),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
    decidedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ApiToken' });

export const createdApiTokenSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    role: staffRoleSchema,
    /** Shown once; Liaison keeps only its hash. */
    token: z.string(),
    /** It works only once a registered manager approves it (see ApiToken.status). */
    awaitingApproval: z.boolean(),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'CreatedApiToken' });
