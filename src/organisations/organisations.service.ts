import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import { type RequestContext, systemContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import { changedElsewhere, checkVersion, notFound, orNotFound } from '../errors.ts';
import * as organisationsRepository from './organisations.repository.ts';
import type { CreateOrganisationInput, UpdateOrganisationInput } from './organisations.schemas.ts';
import type { OrganisationUpdate } from './organisations.table.ts';

const columnByField = {
  name: 'name',
  registrationNumber: 'registration_number',
  registeredManagerName: 'registered_manager_name',
  address: 'address',
  logoDataUrl: 'logo_data_url',
  contactVerificationDays: 'contact_verification_days',
  mfaAlsoRequiredFor: 'mfa_also_required_for',
} as const satisfies Record<keyof CreateOrganisationInput, keyof OrganisationUpdate>;

/** Creates a tenant. Used by the CLI and the demo loader; there is no API for it. */
export async function createOrganisation(
  executor: Executor,
  input: CreateOrganisationInput,
  clock: Clock,
  actor: string,
) {
  const now = clock.now();
  const id = randomUUID();
  const row = await organisationsRepository.insertOrganisation(executor, {
    id,
    name: input.name,
    registration_number: input.registrationNumber ?? null,
    registered_manager_name: input.registeredManagerName ?? null,
    address: input.address ?? null,
    logo_data_url: input.logoDataUrl ?? null,
    ...(input.contactVerificationDays ? { contact_verification_days: input.contactVerificationDays } : {}),
    ...(input.mfaAlsoRequiredFor ? { mfa_also_required_for: input.mfaAlsoRequiredFor } : {}),
    created_at: now,
    updated_at: now,
  });
  await recordAudit(executor, systemContext(id, actor), now, {
    action: 'organisation.create',
    entityType: 'organisation',
    entityId: id,
    changedFields: Object.keys(input).map((field) => columnByField[field as keyof CreateOrganisationInput]),
  });
  return row;
}

// ---- for the command line and the demo loader, which act outside any one organisation ----

export function findOrganisationById(executor: Executor, id: string) {
  return organisationsRepository.findOrganisation(executor, id);
}

export function findOrganisationByName(executor: Executor, name: string) {
  return organisationsRepository.findOrganisationByName(executor, name);
}

/** Every organisation's id and name, by name. */
export function listOrganisations(executor: Executor) {
  return organisationsRepository.listOrganisations(executor);
}

export async function getOrganisation(db: Db, context: RequestContext) {
  return orNotFound(await organisationsRepository.findOrganisation(db, context.orgId), 'Your organisation');
}

/** Changes the organisation's details, if they are still at `expectedVersion`. */
export async function updateOrganisation(
  db: Db,
  context: RequestContext,
  {
    expectedVersion,
    input,
    clock,
  }: { expectedVersion: number; input: UpdateOrganisationInput; clock: Clock },
) {
  const now = clock.now();
  const changes: OrganisationUpdate = { updated_at: now };
  const changedFields: string[] = [];
  for (const [field, value] of Object.entries(input)) {
    const column = columnByField[field as keyof UpdateOrganisationInput];
    (changes as Record<string, unknown>)[column] = value;
    changedFields.push(column);
  }
  return db.transaction().execute(async (trx) => {
    const existing = await organisationsRepository.findOrganisation(trx, context.orgId);
    if (!existing) throw notFound('Your organisation');
    checkVersion(expectedVersion, existing.version, 'Your organisation’s details');
    const updated = await organisationsRepository.updateOrganisation(
      trx,
      context.orgId,
      expectedVersion,
      changes,
    );
    if (!updated) throw changedElsewhere('Your organisation’s details');
    await recordAudit(trx, context, now, {
      action: 'organisation.update',
      entityType: 'organisation',
      entityId: context.orgId,
      changedFields,
    });
    return updated;
  });
}
