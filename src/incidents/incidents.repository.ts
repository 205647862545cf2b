import { type Insertable, sql, type Updateable } from 'kysely';
import type { Executor } from '../db/database.ts';
import { sameOrganisation } from '../db/same-organisation.ts';
import { updateAtVersion } from '../db/versioned-change.ts';
import type { PartnerType } from '../partners/partners.table.ts';
import type {
  IncidentMeasureRow,
  IncidentMeasuresTable,
  IncidentPeopleTable,
  IncidentRecordsTable,
  IncidentRow,
  IncidentsTable,
} from './incidents.table.ts';

// ---- the incident ----

/**
 * One incident of the organisation. `lock` takes it `FOR UPDATE`: everything recorded on an
 * incident locks the incident first, so those changes happen one after another and none lands on
 * an incident while it is being closed.
 */
export async function findIncident(
  executor: Executor,
  orgId: string,
  id: string,
  options: { lock: boolean } = { lock: false },
): Promise<IncidentRow | undefined> {
  let query = executor.selectFrom('incidents').selectAll().where('org_id', '=', orgId).where('id', '=', id);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function insertIncident(executor: Executor, row: Insertable<IncidentsTable>) {
  return executor.insertInto('incidents').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listIncidents(
  executor: Executor,
  orgId: string,
  options: {
    status: 'open' | 'closed' | 'all';
    personId?: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<IncidentRow[]> {
  let query = executor.selectFrom('incidents').selectAll().where('org_id', '=', orgId);
  if (options.status !== 'all') query = query.where('status', '=', options.status);
  const { personId } = options;
  if (personId !== undefined) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('incident_people')
          .select('incident_people.person_id')
          .whereRef('incident_people.org_id', '=', 'incidents.org_id')
          .whereRef('incident_people.incident_id', '=', 'incidents.id')
          .where('incident_people.person_id', '=', personId),
      ),
    );
  }
  return query
    .orderBy('started_at', 'desc')
    .orderBy('id')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
}

/** Open incidents, the most severe first, then the latest to start. */
export async function listOpenIncidentsBySeverity(
  executor: Executor,
  orgId: string,
  limit: number,
): Promise<Pick<IncidentRow, 'id' | 'title' | 'type' | 'severity' | 'started_at'>[]> {
  return executor
    .selectFrom('incidents')
    .select(['id', 'title', 'type', 'severity', 'started_at'])
    .where('org_id', '=', orgId)
    .where('status', '=', 'open')
    .orderBy(sql`case severity when 'critical' then 0 when 'major' then 1 when 'moderate' then 2 else 3 end`)
    .orderBy('started_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function countOpenIncidents(executor: Executor, orgId: string): Promise<number> {
  const row = await executor
    .selectFrom('incidents')
    .select(sql<number>`count(*)::int`.as('count'))
    .where('org_id', '=', orgId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  return row.count;
}

/** Compare and set: changes nothing unless the incident is still at `expectedVersion`. */
export async function updateIncident(
  executor: Executor,
  key: { orgId: string; id: string; expectedVersion: number },
  changes: Omit<Updateable<IncidentsTable>, 'version'>,
): Promise<IncidentRow | undefined> {
  return updateAtVersion(executor, 'incidents', key, changes);
}

/** A member of staff who can lead, liaise or own a measure: in the organisation, account in use. */
export async function findCurrentStaff(executor: Executor, orgId: string, id: string) {
  return executor
    .selectFrom('users')
    .select(['id', 'display_name', 'role'])
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function findCareServices(executor: Executor, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return executor
    .selectFrom('care_services')
    .select(['id', 'name'])
    .where('org_id', '=', orgId)
    .where('id', 'in', [...ids])
    .orderBy('name')
    .execute();
}

// ---- affected people ----

export async function countAffectedPeople(executor: Executor, orgId: string, incidentId: string) {
  const { count } = await executor
    .selectFrom('incident_people')
    .select(sql<number>`count(*)::int`.as('count'))
    .where('org_id', '=', orgId)
    .where('incident_id', '=', incidentId)
    .executeTakeFirstOrThrow();
  return count;
}

export async function listAffectedPersonIds(executor: Executor, orgId: string, incidentId: string) {
  const rows = await executor
    .selectFrom('incident_people')
    .select('person_id')
    .where('org_id', '=', orgId)
    .where('incident_id', '=', incidentId)
    .execute();
  return rows.map((row) => row.person_id);
}

/** People currently supported at the services, and those named: what ranking by risk reads. */
export async function findPeopleToRank(
  executor: Executor,
  orgId: string,
  chosen: { careServiceIds: readonly string[]; personIds: readonly string[] },
) {
  return executor
    .selectFrom('people as person')
    .select([
      'person.id',
      'person.given_name',
      'person.family_name',
      'person.preferred_name',
      'person.date_of_birth',
      'person.communication_needs',
      'person.clinical_flags',
      sql<boolean>`exists (select 1 from person_representatives as representative
          where representative.org_id = person.org_id and representative.person_id = person.id
            and representative.ended_at is null and representative.kind <> 'next_of_kin')`.as(
        'has_representative',
      ),
    ])
    .where('person.org_id', '=', orgId)
    .where('person.status', '=', 'active')
    .where((where) =>
      where.or([
        ...(chosen.careServiceIds.length > 0
          ? [where('person.care_service_id', 'in', [...chosen.careServiceIds])]
          : []),
        ...(chosen.personIds.length > 0 ? [where('person.id', 'in', [...chosen.personIds])] : []),
      ]),
    )
    .execute();
}

/** Adds the people not already on the incident; returns the ids of those added. */
export async function insertAffectedPeople(
  executor: Executor,
  rows: readonly Insertable<IncidentPeopleTable>[],
): Promise<string[]> {
  let inserted: string[] = [];
  // In chunks: a service of hundreds of people would otherwise pass PostgreSQL's parameter limit.
  for (let start = 0; start < rows.length; start += 500) {
    const chunk = await executor
      .insertInto('incident_people')
      .values(rows.slice(start, start + 500))
      .onConflict((conflict) => conflict.columns(['org_id', 'incident_id', 'person_id']).doNothing())
      .returning('person_id')
      .execute();
    inserted = inserted.concat(chunk.map((row) => row.person_id));
  }
  return inserted;
}

export async function listAffectedPeople(executor: Executor, orgId: string, incidentId: string) {
  return executor
    .selectFrom('incident_people as affected')
    .innerJoin('people as person', (join) => sameOrganisation(join, 'person.id', 'affected.person_id'))
    .leftJoin('care_services as service', (join) =>
      sameOrganisation(join, 'service.id', 'person.care_service_id'),
    )
    .selectAll('affected')
    .select([
      'person.given_name',
      'person.family_name',
      'person.preferred_name',
      'person.clinical_flags',
      'service.name as care_service_name',
    ])
    .where('affected.org_id', '=', orgId)
    .where('affected.incident_id', '=', incidentId)
    .execute();
}

export async function isAffected(executor: Executor, orgId: string, incidentId: string, personId: string) {
  const row = await executor
    .selectFrom('incident_people')
    .select('person_id')
    .where('org_id', '=', orgId)
    .where('incident_id', '=', incidentId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Returns the person's id, or `undefined` when they are not on the incident. */
export async function updateAffectedPerson(
  executor: Executor,
  key: { orgId: string; incidentId: string; personId: string },
  changes: Updateable<IncidentPeopleTable>,
): Promise<string | undefined> {
  const changed = await executor
    .updateTable('incident_people')
    .set(changes)
    .where('org_id', '=', key.orgId)
    .where('incident_id', '=', key.incidentId)
    .where('person_id', '=', key.personId)
    .returning('person_id')
    .executeTakeFirst();
  return changed?.person_id;
}

// ---- interim measures ----

export async function listMeasures(executor: Executor, orgId: string, incidentId: string) {
  return executor
    .selectFrom('incident_measures')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('incident_id', '=', incidentId)
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
}

export async function insertMeasure(executor: Executor, row: Insertable<IncidentMeasuresTable>) {
  return executor.insertInto('incident_measures').values(row).returningAll().executeTakeFirstOrThrow();
}

/** The measure, locked: ending it checks it has not ended, and two ends at once must not both pass. */
export async function findMeasureForChange(
  executor: Executor,
  key: { orgId: string; incidentId: string; measureId: string },
): Promise<IncidentMeasureRow | undefined> {
  return executor
    .selectFrom('incident_measures')
    .selectAll()
    .where('org_id', '=', key.orgId)
    .where('incident_id', '=', key.incidentId)
    .where('id', '=', key.measureId)
    .forUpdate()
    .executeTakeFirst();
}

export async function endMeasure(executor: Executor, orgId: string, measureId: string, endedAt: Date) {
  return executor
    .updateTable('incident_measures')
    .set({ ended_at: endedAt })
    .where('org_id', '=', orgId)
    .where('id', '=', measureId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ---- decision log, readings, hazards, notes ----

export async function listRecords(executor: Executor, orgId: string, incidentId: string) {
  return executor
    .selectFrom('incident_records')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('incident_id', '=', incidentId)
    .orderBy('occurred_at')
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
}

/** Advice recorded in Liaison, for the decisions that relied on it. */
export async function findAdvice(executor: Executor, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return executor
    .selectFrom('advice_records')
    .select(['id', 'given_by_name', 'advice'])
    .where('org_id', '=', orgId)
    .where('id', 'in', [...ids])
    .execute();
}

export async function insertRecord(
  executor: Executor,
  row: Omit<Insertable<IncidentRecordsTable>, 'value'> & { value: number | null },
): Promise<void> {
  // The value is numeric in the database; it goes in as text cast there, so no float is rounded.
  const { value, ...rest } = row;
  await executor
    .insertInto('incident_records')
    .values({ ...rest, ...(value === null ? {} : { value: sql`${value}::numeric` as never }) })
    .execute();
}

/** A share log entry with the words a gate refusal on the incident names: whom, about whom. */
export async function findShareForRefusal(executor: Executor, orgId: string, shareId: string) {
  return executor
    .selectFrom('share_log as share')
    .innerJoin('people as person', (join) => sameOrganisation(join, 'person.id', 'share.person_id'))
    .innerJoin('partner_organisations as partner', (join) =>
      sameOrganisation(join, 'partner.id', 'share.partner_organisation_id'),
    )
    .leftJoin('partner_contacts as contact', (join) =>
      sameOrganisation(join, 'contact.id', 'share.partner_contact_id'),
    )
    .select([
      'share.id',
      'share.outcome',
      'share.reasons',
      'share.purpose',
      'share.occurred_at',
      'person.given_name',
      'person.family_name',
      'person.preferred_name',
      'partner.name as partner_name',
      'contact.name as contact_name',
    ])
    .where('share.org_id', '=', orgId)
    .where('share.id', '=', shareId)
    .executeTakeFirst();
}

// ---- partner updates ----

/** The current members of the people's circles with their partner organisations, primary first. */
export async function listCircles(executor: Executor, orgId: string, personIds: readonly string[]) {
  if (personIds.length === 0) return [];
  return executor
    .selectFrom('person_circle_members as member')
    .innerJoin('partner_contacts as contact', (join) =>
      sameOrganisation(join, 'contact.id', 'member.partner_contact_id'),
    )
    .innerJoin('partner_organisations as partner', (join) =>
      sameOrganisation(join, 'partner.id', 'contact.partner_organisation_id'),
    )
    .select([
      'member.person_id',
      'member.role',
      'contact.id as contact_id',
      'contact.name as contact_name',
      'contact.type as contact_type',
      'contact.email as contact_email',
      'partner.id as partner_id',
      'partner.name as partner_name',
      'partner.type as partner_type',
    ])
    .where('member.org_id', '=', orgId)
    .where('member.person_id', 'in', [...personIds])
    .where('member.ended_on', 'is', null)
    .where('contact.ended_at', 'is', null)
    .orderBy('member.is_primary', 'desc')
    .orderBy('contact.name')
    .execute();
}

/** Messages sent from the incident and not withdrawn, newest first. */
export async function listSentMessages(executor: Executor, orgId: string, incidentId: string) {
  return executor
    .selectFrom('partner_messages')
    .select(['id', 'partner_contact_id', 'person_id'])
    .where('org_id', '=', orgId)
    .where('incident_id', '=', incidentId)
    .where('status', '<>', 'withdrawn')
    .orderBy('sent_at', 'desc')
    .execute();
}

/** Partner organisations of these types with a current contact who has an email address. */
export async function listPartnersOfTypes(executor: Executor, orgId: string, types: readonly PartnerType[]) {
  return executor
    .selectFrom('partner_organisations as partner')
    .innerJoin('partner_contacts as contact', (join) =>
      sameOrganisation(join, 'contact.partner_organisation_id', 'partner.id'),
    )
    .select([
      'partner.id as partner_id',
      'partner.name as partner_name',
      'partner.type as partner_type',
      'contact.id as contact_id',
      'contact.name as contact_name',
    ])
    .where('partner.org_id', '=', orgId)
    .where('partner.type', 'in', [...types])
    .where('contact.ended_at', 'is', null)
    .where('contact.email', 'is not', null)
    .orderBy('partner.name')
    .orderBy('contact.name')
    .execute();
}
