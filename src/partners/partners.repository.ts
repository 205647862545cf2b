import { sql } from 'kysely';
import { insertReturningAll } from '../db/compiled-insert.ts';
import type { Executor } from '../db/database.ts';
import { namesById } from '../db/names-by-id.ts';
import { sameOrganisation } from '../db/same-organisation.ts';
import { updateAtVersion } from '../db/versioned-change.ts';
import type {
  NewPartnerChannelRow,
  NewPartnerContactRow,
  NewPartnerOrganisationRow,
  PartnerChannelRow,
  PartnerChannelUpdate,
  PartnerContactRow,
  PartnerContactUpdate,
  PartnerOrganisationRow,
  PartnerOrganisationUpdate,
  PartnerType,
} from './partners.table.ts';
import { channelKinds } from './partners.vocabulary.ts';

/** `%` and `_` typed by a user are searched for literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

// ---- organisations ----

export async function insertPartnerOrganisations(
  executor: Executor,
  rows: NewPartnerOrganisationRow[],
): Promise<PartnerOrganisationRow[]> {
  if (rows.length === 0) return [];
  return executor.insertInto('partner_organisations').values(rows).returningAll().execute();
}

/** The insert as a query not yet run, so it can be combined with its audit entry in one statement. */
export function insertPartnerOrganisationQuery(executor: Executor, row: NewPartnerOrganisationRow) {
  return insertReturningAll(executor, 'partner_organisations', row);
}

export async function findPartnerOrganisation(
  executor: Executor,
  orgId: string,
  id: string,
): Promise<PartnerOrganisationRow | undefined> {
  return executor
    .selectFrom('partner_organisations')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findPartnerOrganisationsByNames(
  executor: Executor,
  orgId: string,
  lowerCaseNames: string[],
): Promise<PartnerOrganisationRow[]> {
  if (lowerCaseNames.length === 0) return [];
  return executor
    .selectFrom('partner_organisations')
    .selectAll()
    .where('org_id', '=', orgId)
    .where(sql<string>`lower(name)`, 'in', lowerCaseNames)
    .orderBy('created_at')
    .execute();
}

export async function findPartnerOrganisationsByOdsCodes(
  executor: Executor,
  orgId: string,
  odsCodes: string[],
): Promise<PartnerOrganisationRow[]> {
  if (odsCodes.length === 0) return [];
  return executor
    .selectFrom('partner_organisations')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('ods_code', 'in', odsCodes)
    .execute();
}

export async function listPartnerOrganisations(
  executor: Executor,
  orgId: string,
  options: { q?: string | undefined; type?: PartnerType | undefined; limit: number; offset: number },
): Promise<PartnerOrganisationRow[]> {
  let query = executor.selectFrom('partner_organisations').selectAll().where('org_id', '=', orgId);
  if (options.q) query = query.where('name', 'ilike', containsPattern(options.q));
  if (options.type) query = query.where('type', '=', options.type);
  return query.orderBy(sql`lower(name)`).orderBy('id').limit(options.limit).offset(options.offset).execute();
}

/** Updates only if the row is still at `expectedVersion`; undefined means it changed or is gone. */
export async function updatePartnerOrganisation(
  executor: Executor,
  orgId: string,
  id: string,
  expectedVersion: number,
  changes: PartnerOrganisationUpdate,
): Promise<PartnerOrganisationRow | undefined> {
  return updateAtVersion(executor, 'partner_organisations', { orgId, id, expectedVersion }, changes);
}

// ---- contacts ----

export type PartnerContactWithOrganisation = PartnerContactRow & {
  partner_organisation_name: string;
  /** When the details must next be confirmed: last verified + the organisation's verification period. */
  verification_due_at: Date | null;
};

function selectContacts(executor: Executor, orgId: string) {
  return executor
    .selectFrom('partner_contacts as contact')
    .innerJoin('partner_organisations as partner', (join) =>
      sameOrganisation(join, 'partner.id', 'contact.partner_organisation_id'),
    )
    .innerJoin('organisations as tenant', 'tenant.id', 'contact.org_id')
    .selectAll('contact')
    .select(['partner.name as partner_organisation_name', verificationDueAt.as('verification_due_at')])
    .where('contact.org_id', '=', orgId);
}

// Refers to the aliases of selectContacts.
const verificationDueAt = sql<Date | null>`contact.last_verified_at + make_interval(days => tenant.contact_verification_days)`;

export async function findPartnerContact(
  executor: Executor,
  orgId: string,
  id: string,
): Promise<PartnerContactWithOrganisation | undefined> {
  return selectContacts(executor, orgId).where('contact.id', '=', id).executeTakeFirst();
}

export async function listPartnerContacts(
  executor: Executor,
  orgId: string,
  options: {
    q?: string | undefined;
    type?: PartnerType | undefined;
    partnerOrganisationId?: string | undefined;
    includeEnded?: boolean | undefined;
    limit: number;
    offset: number;
  },
): Promise<PartnerContactWithOrganisation[]> {
  let query = selectContacts(executor, orgId);
  if (options.q) query = query.where('contact.name', 'ilike', containsPattern(options.q));
  if (options.type) query = query.where('contact.type', '=', options.type);
  if (options.partnerOrganisationId) {
    query = query.where('contact.partner_organisation_id', '=', options.partnerOrganisationId);
  }
  if (!options.includeEnded) query = query.where('contact.ended_at', 'is', null);
  return query
    .orderBy(sql`lower(contact.name)`)
    .orderBy('contact.id')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
}

/** Current contacts never verified, or whose verification fell due at or before `now`; oldest first. */
export async function listStalePartnerContacts(
  executor: Executor,
  orgId: string,
  now: Date,
  page: { limit: number; offset: number },
): Promise<PartnerContactWithOrganisation[]> {
  return selectContacts(executor, orgId)
    .where('contact.ended_at', 'is', null)
    .where((eb) => eb.or([eb('contact.last_verified_at', 'is', null), eb(verificationDueAt, '<=', now)]))
    .orderBy(sql`contact.last_verified_at asc nulls first`)
    .orderBy('contact.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** How many current contacts are due to be verified again (as `listStalePartnerContacts`). */
export async function countStalePartnerContacts(
  executor: Executor,
  orgId: string,
  now: Date,
): Promise<number> {
  const row = await executor
    .selectFrom('partner_contacts as contact')
    .innerJoin('organisations as tenant', 'tenant.id', 'contact.org_id')
    .select(sql<number>`count(*)::int`.as('count'))
    .where('contact.org_id', '=', orgId)
    .where('contact.ended_at', 'is', null)
    .where((eb) => eb.or([eb('contact.last_verified_at', 'is', null), eb(verificationDueAt, '<=', now)]))
    .executeTakeFirstOrThrow();
  return row.count;
}

/** Names of the current contacts of these organisations, lower-cased: to refuse duplicate imports. */
export async function findCurrentContactNames(
  executor: Executor,
  orgId: string,
  partnerOrganisationIds: string[],
): Promise<{ partner_organisation_id: string; lower_name: string }[]> {
  if (partnerOrganisationIds.length === 0) return [];
  return executor
    .selectFrom('partner_contacts')
    .select(['partner_organisation_id', sql<string>`lower(name)`.as('lower_name')])
    .where('org_id', '=', orgId)
    .where('partner_organisation_id', 'in', partnerOrganisationIds)
    .where('ended_at', 'is', null)
    .execute();
}

export async function insertPartnerContacts(executor: Executor, rows: NewPartnerContactRow[]): Promise<void> {
  if (rows.length === 0) return;
  await executor.insertInto('partner_contacts').values(rows).execute();
}

export async function updatePartnerContact(
  executor: Executor,
  orgId: string,
  id: string,
  expectedVersion: number,
  changes: PartnerContactUpdate,
): Promise<boolean> {
  return (
    (await updateAtVersion(executor, 'partner_contacts', { orgId, id, expectedVersion }, changes)) !==
    undefined
  );
}

// ---- channels ----

export type ChannelOwner = { partnerOrganisationId: string; partnerContactId: string | null };

export async function insertPartnerChannels(
  executor: Executor,
  rows: NewPartnerChannelRow[],
): Promise<PartnerChannelRow[]> {
  if (rows.length === 0) return [];
  return executor.insertInto('partner_channels').values(rows).returningAll().execute();
}

/** The channels of a contact, or an organisation's own (not its contacts') when the contact id is null. */
export async function findChannelsOf(
  executor: Executor,
  orgId: string,
  owner: ChannelOwner,
): Promise<PartnerChannelRow[]> {
  // Channels added at the same moment (an import) follow the vocabulary's order, phone first,
  // rather than the order of their random ids.
  return executor
    .selectFrom('partner_channels')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('partner_organisation_id', '=', owner.partnerOrganisationId)
    .where('partner_contact_id', owner.partnerContactId === null ? 'is' : '=', owner.partnerContactId)
    .orderBy('created_at')
    .orderBy(sql`array_position(${sql.val(channelKinds)}::text[], kind)`)
    .orderBy('id')
    .execute();
}

export async function findChannelOf(
  executor: Executor,
  orgId: string,
  owner: ChannelOwner,
  id: string,
): Promise<PartnerChannelRow | undefined> {
  return executor
    .selectFrom('partner_channels')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('partner_organisation_id', '=', owner.partnerOrganisationId)
    .where('partner_contact_id', owner.partnerContactId === null ? 'is' : '=', owner.partnerContactId)
    .executeTakeFirst();
}

export async function updatePartnerChannel(
  executor: Executor,
  orgId: string,
  id: string,
  expectedVersion: number,
  changes: PartnerChannelUpdate,
): Promise<PartnerChannelRow | undefined> {
  return updateAtVersion(executor, 'partner_channels', { orgId, id, expectedVersion }, changes);
}

export async function deletePartnerChannel(executor: Executor, orgId: string, id: string): Promise<void> {
  await executor.deleteFrom('partner_channels').where('org_id', '=', orgId).where('id', '=', id).execute();
}

/**
 * Refreshes the planner's statistics for the register after a bulk load. Without them the
 * planner takes a freshly filled table for empty and picks nested loops that are slow at
 * thousands of rows; PGlite has no autovacuum to do this later.
 */
export async function analyseRegister(executor: Executor): Promise<void> {
  await sql`analyze partner_organisations, partner_contacts, partner_channels`.execute(executor);
}

// ---- names for other records ----

export function partnerOrganisationNames(
  executor: Executor,
  orgId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  return namesById(executor, 'partner_organisations', { orgId, ids });
}

export async function partnerContactNames(
  executor: Executor,
  orgId: string,
  ids: readonly string[],
): Promise<Map<string, { name: string; organisationName: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await executor
    .selectFrom('partner_contacts as contact')
    .innerJoin('partner_organisations as organisation', (join) =>
      sameOrganisation(join, 'organisation.id', 'contact.partner_organisation_id'),
    )
    .select(['contact.id', 'contact.name', 'organisation.name as organisation_name'])
    .where('contact.org_id', '=', orgId)
    .where('contact.id', 'in', [...ids])
    .execute();
  return new Map(rows.map((row) => [row.id, { name: row.name, organisationName: row.organisation_name }]));
}
