import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { sameOrganisation } from '../db/same-organisation.ts';
import { updateAtVersion } from '../db/versioned-change.ts';
import type { PartnerType } from '../partners/partners.table.ts';
import type {
  CircleMemberRow,
  CircleMemberUpdate,
  ClinicalFlag,
  NewCircleMemberRow,
  NewPersonRow,
  NewRepresentativeRow,
  PersonRow,
  PersonStatus,
  PersonUpdate,
  RepresentativeRow,
  RepresentativeUpdate,
} from './people.table.ts';
import { representativeKinds } from './people.table.ts';

function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

// ---- people ----

export type PersonWithService = PersonRow & { care_service_name: string | null };

function selectPeople(executor: Executor, orgId: string) {
  return executor
    .selectFrom('people as person')
    .leftJoin('care_services as service', (join) =>
      sameOrganisation(join, 'service.id', 'person.care_service_id'),
    )
    .selectAll('person')
    .select('service.name as care_service_name')
    .where('person.org_id', '=', orgId);
}

export async function findPerson(
  executor: Executor,
  orgId: string,
  id: string,
): Promise<PersonWithService | undefined> {
  return selectPeople(executor, orgId).where('person.id', '=', id).executeTakeFirst();
}

export async function listPeople(
  executor: Executor,
  orgId: string,
  options: {
    q?: string | undefined;
    careServiceId?: string | undefined;
    status?: PersonStatus | undefined;
    clinicalFlag?: ClinicalFlag | undefined;
    limit: number;
    offset: number;
  },
): Promise<PersonWithService[]> {
  let query = selectPeople(executor, orgId);
  const q = options.q;
  if (q) {
    const pattern = containsPattern(q);
    const digits = q.replace(/\s+/g, '');
    query = query.where((eb) =>
      eb.or([
        eb('person.given_name', 'ilike', pattern),
        eb('person.family_name', 'ilike', pattern),
        eb('person.preferred_name', 'ilike', pattern),
        eb(sql`person.given_name || ' ' || person.family_name`, 'ilike', pattern),
        ...(/^\d{10}$/.test(digits) ? [eb('person.nhs_number', '=', digits)] : []),
      ]),
    );
  }
  if (options.careServiceId) query = query.where('person.care_service_id', '=', options.careServiceId);
  if (options.status) query = query.where('person.status', '=', options.status);
  if (options.clinicalFlag) {
    query = query.where(sql<boolean>`${options.clinicalFlag} = any(person.clinical_flags)`);
  }
  return query
    .orderBy(sql`lower(person.family_name)`)
    .orderBy(sql`lower(person.given_name)`)
    .orderBy('person.id')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
}

export async function nhsNumberInUse(
  executor: Executor,
  orgId: string,
  nhsNumber: string,
  exceptPersonId: string | null,
): Promise<boolean> {
  let query = executor
    .selectFrom('people')
    .select('id')
    .where('org_id', '=', orgId)
    .where('nhs_number', '=', nhsNumber);
  if (exceptPersonId) query = query.where('id', '<>', exceptPersonId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function insertPerson(executor: Executor, row: NewPersonRow): Promise<void> {
  await executor.insertInto('people').values(row).execute();
}

export async function updatePerson(
  executor: Executor,
  orgId: string,
  id: string,
  expectedVersion: number,
  changes: PersonUpdate,
): Promise<boolean> {
  return (await updateAtVersion(executor, 'people', { orgId, id, expectedVersion }, changes)) !== undefined;
}

// ---- representatives ----

export async function listRepresentatives(
  executor: Executor,
  orgId: string,
  personId: string,
): Promise<RepresentativeRow[]> {
  // A person has a handful at most: the list is not paged.
  return (
    executor
      .selectFrom('person_representatives')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('person_id', '=', personId)
      .orderBy(sql`ended_at is not null`)
      // Legally authorised representatives first, in the order of representativeKinds.
      .orderBy(sql`array_position(${sql.val(representativeKinds)}::text[], kind)`)
      .orderBy(sql`lower(name)`)
      .orderBy('id')
      .execute()
  );
}

export async function findRepresentative(
  executor: Executor,
  orgId: string,
  personId: string,
  id: string,
): Promise<RepresentativeRow | undefined> {
  return executor
    .selectFrom('person_representatives')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('person_id', '=', personId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertRepresentative(
  executor: Executor,
  row: NewRepresentativeRow,
): Promise<RepresentativeRow> {
  return executor.insertInto('person_representatives').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateRepresentative(
  executor: Executor,
  orgId: string,
  id: string,
  expectedVersion: number,
  changes: RepresentativeUpdate,
): Promise<RepresentativeRow | undefined> {
  return updateAtVersion(executor, 'person_representatives', { orgId, id, expectedVersion }, changes);
}

// ---- circle of support ----

export type CircleMemberWithContact = CircleMemberRow & {
  contact_name: string;
  contact_type: PartnerType;
  contact_job_title: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  contact_ended_at: Date | null;
  partner_organisation_id: string;
  partner_organisation_name: string;
};

function selectCircle(executor: Executor, orgId: string) {
  return executor
    .selectFrom('person_circle_members as member')
    .innerJoin('partner_contacts as contact', (join) =>
      sameOrganisation(join, 'contact.id', 'member.partner_contact_id'),
    )
    .innerJoin('partner_organisations as partner', (join) =>
      sameOrganisation(join, 'partner.id', 'contact.partner_organisation_id'),
    )
    .selectAll('member')
    .select([
      'contact.name as contact_name',
      'contact.type as contact_type',
      'contact.job_title as contact_job_title',
      'contact.email as contact_email',
      'contact.phone as contact_phone',
      'contact.ended_at as contact_ended_at',
      'partner.id as partner_organisation_id',
      'partner.name as partner_organisation_name',
    ])
    .where('member.org_id', '=', orgId);
}

export async function listCircle(
  executor: Executor,
  orgId: string,
  personId: string,
  options: { includeEnded: boolean },
): Promise<CircleMemberWithContact[]> {
  // A person's circle is small: not paged.
  let query = selectCircle(executor, orgId).where('member.person_id', '=', personId);
  if (!options.includeEnded) query = query.where('member.ended_on', 'is', null);
  return query
    .orderBy('member.is_primary', 'desc')
    .orderBy(sql`member.ended_on is not null`)
    .orderBy('member.role')
    .orderBy(sql`lower(contact.name)`)
    .orderBy('member.id')
    .execute();
}

export async function findCircleMember(
  executor: Executor,
  orgId: string,
  personId: string,
  id: string,
): Promise<CircleMemberWithContact | undefined> {
  return selectCircle(executor, orgId)
    .where('member.person_id', '=', personId)
    .where('member.id', '=', id)
    .executeTakeFirst();
}

export async function currentMembershipExists(
  executor: Executor,
  orgId: string,
  membership: { personId: string; partnerContactId: string; role: PartnerType; exceptId: string | null },
): Promise<boolean> {
  let query = executor
    .selectFrom('person_circle_members')
    .select('id')
    .where('org_id', '=', orgId)
    .where('person_id', '=', membership.personId)
    .where('partner_contact_id', '=', membership.partnerContactId)
    .where('role', '=', membership.role)
    .where('ended_on', 'is', null);
  if (membership.exceptId) query = query.where('id', '<>', membership.exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** Clears the person's primary flag, so another member can take it within the same transaction. */
export async function clearPrimary(
  executor: Executor,
  orgId: string,
  personId: string,
  at: Date,
): Promise<string[]> {
  const cleared = await executor
    .updateTable('person_circle_members')
    .set((eb) => ({ is_primary: false, updated_at: at, version: eb('version', '+', 1) }))
    .where('org_id', '=', orgId)
    .where('person_id', '=', personId)
    .where('is_primary', '=', true)
    .returning('id')
    .execute();
  return cleared.map((row) => row.id);
}

export async function insertCircleMember(executor: Executor, row: NewCircleMemberRow): Promise<void> {
  await executor.insertInto('person_circle_members').values(row).execute();
}

export async function updateCircleMember(
  executor: Executor,
  orgId: string,
  id: string,
  expectedVersion: number,
  changes: CircleMemberUpdate,
): Promise<boolean> {
  return (
    (await updateAtVersion(executor, 'person_circle_members', { orgId, id, expectedVersion }, changes)) !==
    undefined
  );
}

export type PersonLinkedToContact = {
  circle_member_id: string;
  role: PartnerType;
  is_primary: boolean;
  started_on: string;
  person_id: string;
  given_name: string;
  family_name: string;
  preferred_name: string | null;
  status: PersonStatus;
  care_service_name: string | null;
};

/** The people a partner contact currently holds a role for. */
export async function listPeopleLinkedToContact(
  executor: Executor,
  orgId: string,
  partnerContactId: string,
  page: { limit: number; offset: number },
): Promise<PersonLinkedToContact[]> {
  return executor
    .selectFrom('person_circle_members as member')
    .innerJoin('people as person', (join) => sameOrganisation(join, 'person.id', 'member.person_id'))
    .leftJoin('care_services as service', (join) =>
      sameOrganisation(join, 'service.id', 'person.care_service_id'),
    )
    .select([
      'member.id as circle_member_id',
      'member.role',
      'member.is_primary',
      'member.started_on',
      'person.id as person_id',
      'person.given_name',
      'person.family_name',
      'person.preferred_name',
      'person.status',
      'service.name as care_service_name',
    ])
    .where('member.org_id', '=', orgId)
    .where('member.partner_contact_id', '=', partnerContactId)
    .where('member.ended_on', 'is', null)
    .orderBy(sql`lower(person.family_name)`)
    .orderBy(sql`lower(person.given_name)`)
    .orderBy('member.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}
