import { z } from 'zod';

export const MAX_PAGE_SIZE = 100;

/** Lists are always paged; a larger limit is capped rather than honoured. */
export const pageQuery = z.strictObject({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .default(50)
    .transform((limit) => Math.min(limit, MAX_PAGE_SIZE)),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const idParams = z.strictObject({ id: z.uuid() });

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    requestId: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    /** A refusal a client can act on: `mfa_required`, `reauthentication_required`, `person_required`. */
    code: z.string().optional(),
    /** With `mfa_required`: what is left of signing in. */
    signInStep: z.enum(['second_factor', 'enrolment']).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

export const problemResponses = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
} as const;

/** A change can also be refused by the state of the record (closed, already done, a duplicate): 409. */
export const writeProblems = { ...problemResponses, 409: problemSchema } as const;
