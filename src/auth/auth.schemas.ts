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
  })
  .meta({ id: 'Session' });

export const createApiTokenBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  role: staffRoleSchema,
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
});

export const apiTokenSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    role: staffRoleSchema,
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ApiToken' });

export const createdApiTokenSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    role: staffRoleSchema,
    /** Shown once; Liaison keeps only its hash. */
    token: z.string(),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'CreatedApiToken' });
