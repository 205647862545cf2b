import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import { changeVersioned, type VersionedChange } from '../db/versioned-change.ts';
import { AppError, orNotFound } from '../errors.ts';
import * as careServicesRepository from './care-services.repository.ts';
import type { CreateCareServiceInput, UpdateCareServiceInput } from './care-services.schemas.ts';
import type { CareServiceUpdate } from './care-services.table.ts';

function nameTaken(name: string): AppError {
  return new AppError('conflict', `A service called ${name} already exists.`, { field: 'name' });
}

export async function createCareService(
  db: Db,
  context: RequestContext,
  input: CreateCareServiceInput,
  clock: Clock,
) {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    if (await careServicesRepository.careServiceNameInUse(trx, context.orgId, input.name, null)) {
      throw nameTaken(input.name);
    }
    const service = await careServicesRepository.insertCareService(trx, {
      org_id: context.orgId,
      id: randomUUID(),
      name: input.name,
      address: input.address ?? null,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, context, now, {
      action: 'care_service.create',
      entityType: 'care_service',
      entityId: service.id,
      changedFields: ['name', 'address'],
    });
    return service;
  });
}

/** The service, or undefined: for callers that explain a missing one in their own words. */
export function findCareService(executor: Executor, context: RequestContext, id: string) {
  return careServicesRepository.findCareService(executor, context.orgId, id);
}

export async function getCareService(executor: Executor, context: RequestContext, id: string) {
  return orNotFound(await careServicesRepository.findCareService(executor, context.orgId, id), 'The service');
}

export function listCareServices(db: Db, context: RequestContext, page: { limit: number; offset: number }) {
  return careServicesRepository.listCareServices(db, context.orgId, page);
}

/** Renames a service or changes its address, if it is still at `expectedVersion`. */
export async function updateCareService(
  db: Db,
  context: RequestContext,
  { id, expectedVersion, input, clock }: VersionedChange<UpdateCareServiceInput>,
) {
  const now = clock.now();
  const changes: CareServiceUpdate = { updated_at: now };
  if (input.name !== undefined) changes.name = input.name;
  if (input.address !== undefined) changes.address = input.address;
  return db.transaction().execute(async (trx) =>
    changeVersioned(trx, context, now, {
      what: 'The service',
      existing: await getCareService(trx, context, id),
      expectedVersion,
      check: async () => {
        if (
          input.name &&
          (await careServicesRepository.careServiceNameInUse(trx, context.orgId, input.name, id))
        ) {
          throw nameTaken(input.name);
        }
      },
      write: () => careServicesRepository.updateCareService(trx, context.orgId, id, expectedVersion, changes),
      audit: () => ({
        action: 'care_service.update',
        entityType: 'care_service',
        entityId: id,
        changedFields: Object.keys(input),
      }),
    }),
  );
}
