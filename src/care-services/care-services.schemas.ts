import { z } from 'zod';
import type { CareServiceRow } from './care-services.table.ts';

export const careServiceSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    address: z.string().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'CareService', description: 'A service or location the organisation runs' });

export const createCareServiceBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  address: z.string().trim().max(500).nullable().optional(),
});
export type CreateCareServiceInput = z.infer<typeof createCareServiceBody>;

export const updateCareServiceBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    address: z.string().trim().max(500).nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'Send at least one field to change.' });
export type UpdateCareServiceInput = z.infer<typeof updateCareServiceBody>;

export function toCareServiceResponse(service: CareServiceRow): z.infer<typeof careServiceSchema> {
  return {
    id: service.id,
    name: service.name,
    address: service.address,
    createdAt: service.created_at.toISOString(),
    updatedAt: service.updated_at.toISOString(),
    version: service.version,
  };
}
