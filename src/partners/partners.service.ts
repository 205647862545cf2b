import { randomUUID } from 'node:crypto';
import { changeWithAudit, recordAudit } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import { changeVersioned, columnChanges, type VersionedChange } from '../db/versioned-change.ts';
import {
  AppError,
  changedElsewhere,
  checkVersion,
  isUniqueViolation,
  notFound,
  orNotFound,
} from '../errors.ts';
import type { ChannelOwner, PartnerContactWithOrganisation } from './partners.repository.ts';
import * as partnersRepository from './partners.repository.ts';
import type {
  CreatePartnerContactInput,
  CreatePartnerOrganisationInput,
  UpdatePartnerContactInput,
  UpdatePartnerOrganisationInput,
} from './partners.schemas.ts';
import type {
  PartnerContactUpdate,
  PartnerOrganisationRow,
  PartnerOrganisationUpdate,
  PartnerType,
} from './partners.table.ts';

type Page = { limit: number; offset: number };

/** Who confirmed details: a staff member, or nobody named when an API token or the system did it. */
export function verifierOf(context: RequestContext): string | null {
  return context.actor.type === 'user' ? context.actor.id : null;
}

function odsCodeTaken(odsCode: string): AppError {
  return new AppError(
    'conflict',
    `Another partner organisation in your register already has the ODS code ${odsCode}.`,
    {
      field: 'odsCode',
    },
  );
}

// ---- organisations ----

export async function createPartnerOrganisation(
  db: Db,
  context: RequestContext,
  input: CreatePartnerOrganisationInput,
  clock: Clock,
) {
  const now = clock.now();
  const id = randomUUID();
  try {
    // One statement for the row and its audit entry: creating register entries is the most
    // frequent write systems make through the API, so it pays one round trip, not four.
    const [organisation] = await changeWithAudit<PartnerOrganisationRow>(
      db,
      context,
      now,
      {
        action: 'partner_organisation.create',
        entityType: 'partner_organisation',
        entityId: id,
        changedFields: ['name', 'type', 'ods_code', 'address', 'notes'],
      },
      partnersRepository.insertPartnerOrganisationQuery(db, {
        org_id: context.orgId,
        id,
        name: input.name,
        type: input.type,
        ods_code: input.odsCode ?? null,
        address: input.address ?? null,
        notes: input.notes ?? null,
        created_at: now,
        updated_at: now,
      }),
    );
    return organisation!;
  } catch (error) {
    if (isUniqueViolation(error) && input.odsCode) throw odsCodeTaken(input.odsCode);
    throw error;
  }
}

/** The organisation in the register, or undefined: for callers that explain a missing one themselves. */
export function findPartnerOrganisation(
  executor: Executor,
  context: Pick<RequestContext, 'orgId'>,
  id: string,
) {
  return partnersRepository.findPartnerOrganisation(executor, context.orgId, id);
}

export async function getPartnerOrganisation(executor: Executor, context: RequestContext, id: string) {
  return orNotFound(
    await partnersRepository.findPartnerOrganisation(executor, context.orgId, id),
    'The partner organisation',
  );
}

export async function getPartnerOrganisationWithChannels(db: Db, context: RequestContext, id: string) {
  const organisation = await getPartnerOrganisation(db, context, id);
  const channels = await partnersRepository.findChannelsOf(db, context.orgId, {
    partnerOrganisationId: id,
    partnerContactId: null,
  });
  return { organisation, channels };
}

export function listPartnerOrganisations(
  db: Db,
  context: RequestContext,
  options: Page & { q?: string | undefined; type?: PartnerType | undefined },
) {
  return partnersRepository.listPartnerOrganisations(db, context.orgId, options);
}

const organisationColumns = {
  name: 'name',
  type: 'type',
  odsCode: 'ods_code',
  address: 'address',
  notes: 'notes',
} as const satisfies Record<keyof CreatePartnerOrganisationInput, keyof PartnerOrganisationUpdate>;

/** Changes a partner organisation's details if they are still at `expectedVersion`. */
export async function updatePartnerOrganisation(
  db: Db,
  context: RequestContext,
  { id, expectedVersion, input, clock }: VersionedChange<UpdatePartnerOrganisationInput>,
) {
  const now = clock.now();
  const { changes, changedFields } = columnChanges(input, organisationColumns);
  try {
    return await db.transaction().execute(async (trx) =>
      changeVersioned(trx, context, now, {
        what: 'The partner organisation',
        existing: await getPartnerOrganisation(trx, context, id),
        expectedVersion,
        write: () =>
          partnersRepository.updatePartnerOrganisation(trx, context.orgId, id, expectedVersion, {
            ...changes,
            updated_at: now,
          }),
        audit: () => ({
          action: 'partner_organisation.update',
          entityType: 'partner_organisation',
          entityId: id,
          changedFields,
        }),
      }),
    );
  } catch (error) {
    if (isUniqueViolation(error) && input.odsCode) throw odsCodeTaken(input.odsCode);
    throw error;
  }
}

// ---- contacts ----

/** The contact in the register (ended or not), or undefined: for callers that explain a missing one. */
export function findPartnerContact(executor: Executor, context: Pick<RequestContext, 'orgId'>, id: string) {
  return partnersRepository.findPartnerContact(executor, context.orgId, id);
}

export async function getPartnerContact(
  executor: Executor,
  context: RequestContext,
  id: string,
): Promise<PartnerContactWithOrganisation> {
  return orNotFound(
    await partnersRepository.findPartnerContact(executor, context.orgId, id),
    'The partner contact',
  );
}

export async function getPartnerContactWithChannels(db: Db, context: RequestContext, id: string) {
  const contact = await getPartnerContact(db, context, id);
  const channels = await partnersRepository.findChannelsOf(db, context.orgId, channelOwnerOf(contact));
  return { contact, channels };
}

/** A contact looked up through its organisation: a contact of another organisation is not found. */
export async function getContactOfOrganisation(
  db: Db,
  context: RequestContext,
  partnerOrganisationId: string,
  contactId: string,
) {
  const contact = await partnersRepository.findPartnerContact(db, context.orgId, contactId);
  if (!contact || contact.partner_organisation_id !== partnerOrganisationId) {
    throw notFound('The partner contact');
  }
  const channels = await partnersRepository.findChannelsOf(db, context.orgId, channelOwnerOf(contact));
  return { contact, channels };
}

export async function listPartnerContacts(
  db: Executor,
  context: Pick<RequestContext, 'orgId'>,
  options: Page & {
    q?: string | undefined;
    type?: PartnerType | undefined;
    partnerOrganisationId?: string | undefined;
    includeEnded?: boolean | undefined;
  },
) {
  return partnersRepository.listPartnerContacts(db, context.orgId, options);
}

export async function listContactsOfOrganisation(
  db: Db,
  context: RequestContext,
  partnerOrganisationId: string,
  options: Page & { includeEnded?: boolean | undefined },
) {
  await getPartnerOrganisation(db, context, partnerOrganisationId);
  return partnersRepository.listPartnerContacts(db, context.orgId, { ...options, partnerOrganisationId });
}

/** Contacts whose details are due to be confirmed again (see the organisation's verification period). */
export function listStalePartnerContacts(db: Db, context: RequestContext, page: Page, clock: Clock) {
  return partnersRepository.listStalePartnerContacts(db, context.orgId, clock.now(), page);
}

/** How many contacts are due to be confirmed again, and the `limit` longest unconfirmed. */
export async function partnerContactsToRecheck(
  executor: Executor,
  context: RequestContext,
  options: { now: Date; limit: number },
) {
  return {
    count: await partnersRepository.countStalePartnerContacts(executor, context.orgId, options.now),
    contacts: await partnersRepository.listStalePartnerContacts(executor, context.orgId, options.now, {
      limit: options.limit,
      offset: 0,
    }),
  };
}

/** Adds a named contact; details entered now count as verified now. */
export async function createPartnerContact(
  db: Db,
  context: RequestContext,
  {
    partnerOrganisationId,
    input,
    clock,
  }: { partnerOrganisationId: string; input: CreatePartnerContactInput; clock: Clock },
) {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    await getPartnerOrganisation(trx, context, partnerOrganisationId);
    const id = randomUUID();
    await partnersRepository.insertPartnerContacts(trx, [
      {
        org_id: context.orgId,
        id,
        partner_organisation_id: partnerOrganisationId,
        name: input.name,
        job_title: input.jobTitle ?? null,
        type: input.type,
        email: input.email ?? null,
        phone: input.phone ?? null,
        notes: input.notes ?? null,
        last_verified_at: now,
        last_verified_by: verifierOf(context),
        ended_at: null,
        ended_reason: null,
        created_at: now,
        updated_at: now,
      },
    ]);
    await recordAudit(trx, context, now, {
      action: 'partner_contact.create',
      entityType: 'partner_contact',
      entityId: id,
      changedFields: ['name', 'job_title', 'type', 'email', 'phone', 'notes', 'last_verified_at'],
      details: { partnerOrganisationId },
    });
    return getPartnerContact(trx, context, id);
  });
}

const contactColumns = {
  name: 'name',
  jobTitle: 'job_title',
  type: 'type',
  email: 'email',
  phone: 'phone',
  notes: 'notes',
} as const satisfies Record<keyof CreatePartnerContactInput, keyof PartnerContactUpdate>;

/** Changes a contact's details if they are still at `expectedVersion`. */
export async function updatePartnerContact(
  db: Db,
  context: RequestContext,
  { id, expectedVersion, input, clock }: VersionedChange<UpdatePartnerContactInput>,
) {
  const { changes, changedFields } = columnChanges(input, contactColumns);
  return changeContact(db, context, id, clock, {
    expectedVersion,
    action: 'partner_contact.update',
    changes: () => changes as PartnerContactUpdate,
    changedFields,
  });
}

/** Records that the contact's details were confirmed as correct, now, by the caller. */
export async function verifyPartnerContact(db: Db, context: RequestContext, id: string, clock: Clock) {
  const now = clock.now();
  return changeContact(db, context, id, clock, {
    action: 'partner_contact.verify',
    changes: () => ({ last_verified_at: now, last_verified_by: verifierOf(context) }),
    changedFields: ['last_verified_at', 'last_verified_by'],
  });
}

/**
 * The contact has left the role. Nothing is deleted: they stay readable and linked to their
 * history, but leave the default lists and are never chosen as a channel again.
 */
export async function endPartnerContact(
  db: Db,
  context: RequestContext,
  { id, reason, clock }: { id: string; reason: string; clock: Clock },
) {
  const now = clock.now();
  return changeContact(db, context, id, clock, {
    action: 'partner_contact.end',
    changes: () => ({ ended_at: now, ended_reason: reason }),
    changedFields: ['ended_at', 'ended_reason'],
  });
}

async function changeContact(
  db: Db,
  context: RequestContext,
  id: string,
  clock: Clock,
  change: {
    /** The version the caller loaded; without one, the change applies to the version read here. */
    expectedVersion?: number;
    action: string;
    changes: () => PartnerContactUpdate;
    changedFields: string[];
  },
) {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const existing = await getPartnerContact(trx, context, id);
    if (change.expectedVersion !== undefined) {
      checkVersion(change.expectedVersion, existing.version, 'The partner contact');
    }
    const expectedVersion = change.expectedVersion ?? existing.version;
    if (existing.ended_at) throw movedOn(existing);
    const saved = await partnersRepository.updatePartnerContact(trx, context.orgId, id, expectedVersion, {
      ...change.changes(),
      updated_at: now,
    });
    if (!saved) throw changedElsewhere('The partner contact');
    await recordAudit(trx, context, now, {
      action: change.action,
      entityType: 'partner_contact',
      entityId: id,
      changedFields: change.changedFields,
      details: { partnerOrganisationId: existing.partner_organisation_id },
    });
    return getPartnerContact(trx, context, id);
  });
}

export function movedOn(contact: PartnerContactWithOrganisation): AppError {
  return new AppError(
    'conflict',
    `${contact.name} has moved on from this role and can no longer be changed. Add whoever holds the role now as a new contact.`,
  );
}

export function channelOwnerOf(contact: PartnerContactWithOrganisation): ChannelOwner {
  return { partnerOrganisationId: contact.partner_organisation_id, partnerContactId: contact.id };
}

// ---- for other records ----

/** Partner organisations' names by id, to show on other records. */
export function partnerOrganisationNames(
  executor: Executor,
  context: Pick<RequestContext, 'orgId'>,
  ids: readonly string[],
) {
  return partnersRepository.partnerOrganisationNames(executor, context.orgId, ids);
}

/** Contacts' names and their organisations' by id, to show on other records. */
export function partnerContactNames(
  executor: Executor,
  context: Pick<RequestContext, 'orgId'>,
  ids: readonly string[],
) {
  return partnersRepository.partnerContactNames(executor, context.orgId, ids);
}
