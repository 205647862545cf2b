import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/audit.service.ts';
import { inLondon } from '../calendar/london-time.ts';
import { findCareService } from '../care-services/care-services.service.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import { changeVersioned, columnChanges, type VersionedChange } from '../db/versioned-change.ts';
import { AppError, changedElsewhere, checkVersion, invalid, notFound, orNotFound } from '../errors.ts';
import { findPartnerContact, verifierOf } from '../partners/partners.service.ts';
import { findUser } from '../users/users.service.ts';
import * as peopleRepository from './people.repository.ts';
import type {
  CreatePersonInput,
  CreateRepresentativeInput,
  UpdatePersonInput,
  UpdateRepresentativeInput,
} from './people.schemas.ts';
import type {
  ClinicalFlag,
  PersonStatus,
  PersonUpdate,
  RepresentativeKind,
  RepresentativeUpdate,
} from './people.table.ts';

type Page = { limit: number; offset: number };

/** London's date today, `YYYY-MM-DD`. */
export function today(clock: Clock): string {
  return inLondon(clock.now()).toISODate() ?? '';
}

export function refuseFutureDate(
  field: string,
  date: string | null | undefined,
  clock: Clock,
  what: string,
): void {
  if (date && date > today(clock)) throw invalid(field, `${what} cannot be in the future.`);
}

// ---- people ----

/** The person, or undefined: for callers that explain a missing one themselves (not audited). */
export function findPerson(executor: Executor, context: Pick<RequestContext, 'orgId'>, id: string) {
  return peopleRepository.findPerson(executor, context.orgId, id);
}

export async function getPerson(executor: Executor, context: RequestContext, id: string) {
  return orNotFound(await peopleRepository.findPerson(executor, context.orgId, id), 'The person');
}

/** Reads a person's record. Every view of it is in the audit trail. */
export async function viewPerson(db: Db, context: RequestContext, id: string, clock: Clock) {
  const person = await getPerson(db, context, id);
  await recordAudit(db, context, clock.now(), { action: 'person.view', entityType: 'person', entityId: id });
  return person;
}

/** Searches people; the search is audited with its filters and result count (never the text searched). */
export async function listPeople(
  db: Db,
  context: RequestContext,
  options: Page & {
    q?: string | undefined;
    careServiceId?: string | undefined;
    status?: PersonStatus | undefined;
    clinicalFlag?: ClinicalFlag | undefined;
  },
  clock: Clock,
) {
  const people = await peopleRepository.listPeople(db, context.orgId, options);
  await recordAudit(db, context, clock.now(), {
    action: 'person.search',
    entityType: 'person',
    entityId: null,
    details: {
      results: people.length,
      byName: Boolean(options.q),
      careServiceId: options.careServiceId ?? null,
      status: options.status ?? null,
      clinicalFlag: options.clinicalFlag ?? null,
    },
  });
  return people;
}

async function checkPersonReferences(
  executor: Executor,
  context: RequestContext,
  input: { nhsNumber?: string | null | undefined; careServiceId?: string | null | undefined },
  personId: string | null,
): Promise<void> {
  if (input.careServiceId) {
    const service = await findCareService(executor, context, input.careServiceId);
    if (!service) throw invalid('careServiceId', 'There is no service with this id in your organisation.');
  }
  if (
    input.nhsNumber &&
    (await peopleRepository.nhsNumberInUse(executor, context.orgId, input.nhsNumber, personId))
  ) {
    throw nhsNumberTaken();
  }
}

function nhsNumberTaken(): AppError {
  return new AppError('conflict', 'Another person in your organisation already has this NHS number.', {
    field: 'nhsNumber',
  });
}

/** A concurrent save can pass the NHS number check and still hit the unique index. */
function rethrowNhsNumberClash(error: unknown): never {
  if ((error as { code?: unknown }).code === '23505') throw nhsNumberTaken();
  throw error;
}

const personColumns = {
  givenName: 'given_name',
  familyName: 'family_name',
  preferredName: 'preferred_name',
  dateOfBirth: 'date_of_birth',
  address: 'address',
  postcode: 'postcode',
  nhsNumber: 'nhs_number',
  careServiceId: 'care_service_id',
  communicationNeeds: 'communication_needs',
  clinicalFlags: 'clinical_flags',
  clinicalFlagsNote: 'clinical_flags_note',
  status: 'status',
} as const satisfies Record<keyof CreatePersonInput, keyof PersonUpdate>;

export async function createPerson(db: Db, context: RequestContext, input: CreatePersonInput, clock: Clock) {
  refuseFutureDate('dateOfBirth', input.dateOfBirth, clock, 'The date of birth');
  const now = clock.now();
  const id = randomUUID();
  return db
    .transaction()
    .execute(async (trx) => {
      await checkPersonReferences(trx, context, input, null);
      await peopleRepository.insertPerson(trx, {
        org_id: context.orgId,
        id,
        given_name: input.givenName,
        family_name: input.familyName,
        preferred_name: input.preferredName ?? null,
        date_of_birth: input.dateOfBirth,
        address: input.address,
        postcode: input.postcode,
        nhs_number: input.nhsNumber ?? null,
        care_service_id: input.careServiceId ?? null,
        communication_needs: input.communicationNeeds ?? null,
        clinical_flags: input.clinicalFlags,
        clinical_flags_note: input.clinicalFlagsNote ?? null,
        status: input.status,
        created_at: now,
        updated_at: now,
      });
      await recordAudit(trx, context, now, {
        action: 'person.create',
        entityType: 'person',
        entityId: id,
        changedFields: columnChanges(input, personColumns).changedFields,
        details: { careServiceId: input.careServiceId ?? null },
      });
      return getPerson(trx, context, id);
    })
    .catch(rethrowNhsNumberClash);
}

/** Changes a person's record if it is still at `expectedVersion` (the version the caller loaded). */
export async function updatePerson(
  db: Db,
  context: RequestContext,
  { id, expectedVersion, input: fields, clock }: VersionedChange<UpdatePersonInput>,
) {
  refuseFutureDate('dateOfBirth', fields.dateOfBirth, clock, 'The date of birth');
  const { changes, changedFields } = columnChanges(fields, personColumns);
  const now = clock.now();
  return db
    .transaction()
    .execute(async (trx) => {
      const existing = await getPerson(trx, context, id);
      checkVersion(expectedVersion, existing.version, 'The person’s record');
      await checkPersonReferences(trx, context, fields, id);
      const saved = await peopleRepository.updatePerson(trx, context.orgId, id, expectedVersion, {
        ...(changes as PersonUpdate),
        updated_at: now,
      });
      if (!saved) throw changedElsewhere('The person’s record');
      await recordAudit(trx, context, now, {
        action: 'person.update',
        entityType: 'person',
        entityId: id,
        changedFields,
        details: fields.status ? { status: fields.status } : {},
      });
      return getPerson(trx, context, id);
    })
    .catch(rethrowNhsNumberClash);
}

// ---- representatives ----

export async function viewRepresentatives(db: Db, context: RequestContext, personId: string, clock: Clock) {
  await getPerson(db, context, personId);
  const representatives = await peopleRepository.listRepresentatives(db, context.orgId, personId);
  await recordAudit(db, context, clock.now(), {
    action: 'person.view',
    entityType: 'person',
    entityId: personId,
    details: { part: 'representatives' },
  });
  return representatives;
}

/** The person's representatives, ended ones included, for naming them on other records (not audited). */
export function listRepresentativesOf(executor: Executor, context: RequestContext, personId: string) {
  return peopleRepository.listRepresentatives(executor, context.orgId, personId);
}

/** One of the person's representatives, ended or not; undefined when they have none with this id. */
export function findRepresentative(
  executor: Executor,
  context: RequestContext,
  options: { personId: string; representativeId: string },
) {
  return peopleRepository.findRepresentative(
    executor,
    context.orgId,
    options.personId,
    options.representativeId,
  );
}

/** Only a deputy's court order has decision areas, and a deputy's record must say which. */
function checkDeputyDecisions(kind: RepresentativeKind, decisions: readonly string[]): void {
  if (kind === 'court_appointed_deputy' && decisions.length === 0) {
    throw invalid(
      'deputyDecisions',
      'Say which decisions the court order covers: property_and_financial_affairs, personal_welfare, or both.',
    );
  }
  if (kind !== 'court_appointed_deputy' && decisions.length > 0) {
    throw invalid(
      'deputyDecisions',
      'Only a court-appointed deputy has decision areas: leave deputyDecisions empty.',
    );
  }
}

async function checkRepresentativeReferences(
  executor: Executor,
  context: RequestContext,
  input: { partnerContactId?: string | null | undefined; documentSeenBy?: string | null | undefined },
): Promise<void> {
  if (input.partnerContactId && !(await findPartnerContact(executor, context, input.partnerContactId))) {
    throw invalid('partnerContactId', 'There is no partner contact with this id in your register.');
  }
  if (input.documentSeenBy && !(await findUser(executor, context, input.documentSeenBy))) {
    throw invalid('documentSeenBy', 'There is no staff member with this id in your organisation.');
  }
}

/** Who saw the LPA or court order: as sent, or the caller when only the date is given. */
function documentSeenBy(
  seenOn: string | null | undefined,
  seenBy: string | null | undefined,
  context: RequestContext,
): string | null {
  if (seenBy && !seenOn) {
    throw invalid('documentSeenOn', 'Give the date the document was seen as well as who saw it.');
  }
  if (!seenOn) return null;
  return seenBy === undefined ? verifierOf(context) : seenBy;
}

const representativeColumns = {
  name: 'name',
  relationship: 'relationship',
  phone: 'phone',
  email: 'email',
  address: 'address',
  partnerContactId: 'partner_contact_id',
  scopeOfAuthority: 'scope_of_authority',
  deputyDecisions: 'deputy_decisions',
  reference: 'reference',
  registeredOn: 'registered_on',
  documentSeenOn: 'document_seen_on',
  documentSeenBy: 'document_seen_by',
} as const satisfies Record<Exclude<keyof CreateRepresentativeInput, 'kind'>, keyof RepresentativeUpdate>;

export async function addRepresentative(
  db: Db,
  context: RequestContext,
  { personId, input, clock }: { personId: string; input: CreateRepresentativeInput; clock: Clock },
) {
  checkDeputyDecisions(input.kind, input.deputyDecisions);
  refuseFutureDate('registeredOn', input.registeredOn, clock, 'The registration date');
  refuseFutureDate('documentSeenOn', input.documentSeenOn, clock, 'The date the document was seen');
  const seenBy = documentSeenBy(input.documentSeenOn, input.documentSeenBy, context);
  const { kind: _kind, ...fields } = input;
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    await getPerson(trx, context, personId);
    await checkRepresentativeReferences(trx, context, input);
    const representative = await peopleRepository.insertRepresentative(trx, {
      org_id: context.orgId,
      id: randomUUID(),
      person_id: personId,
      kind: input.kind,
      name: input.name,
      relationship: input.relationship ?? null,
      phone: input.phone ?? null,
      email: input.email ?? null,
      address: input.address ?? null,
      partner_contact_id: input.partnerContactId ?? null,
      scope_of_authority: input.scopeOfAuthority ?? null,
      deputy_decisions: input.deputyDecisions,
      reference: input.reference ?? null,
      registered_on: input.registeredOn ?? null,
      document_seen_on: input.documentSeenOn ?? null,
      document_seen_by: seenBy ?? null,
      ended_at: null,
      ended_reason: null,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, context, now, {
      action: 'person_representative.create',
      entityType: 'person_representative',
      entityId: representative.id,
      changedFields: [
        'kind',
        ...columnChanges({ ...fields, documentSeenBy: seenBy }, representativeColumns).changedFields,
      ],
      details: { personId, kind: input.kind },
    });
    return representative;
  });
}

/** Changes a representative's details if they are still at `expectedVersion`. */
export async function updateRepresentative(
  db: Db,
  context: RequestContext,
  {
    personId,
    id,
    expectedVersion,
    input: fields,
    clock,
  }: VersionedChange<UpdateRepresentativeInput> & { personId: string },
) {
  refuseFutureDate('registeredOn', fields.registeredOn, clock, 'The registration date');
  refuseFutureDate('documentSeenOn', fields.documentSeenOn, clock, 'The date the document was seen');
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const existing = await findCurrentRepresentative(trx, context, personId, id);
    let change = columnChanges({}, representativeColumns);
    return changeVersioned(trx, context, now, {
      what: 'The representative',
      existing,
      expectedVersion,
      check: async () => {
        checkDeputyDecisions(existing.kind, fields.deputyDecisions ?? existing.deputy_decisions);
        const seenBy =
          fields.documentSeenOn !== undefined || fields.documentSeenBy !== undefined
            ? documentSeenBy(
                fields.documentSeenOn === undefined ? existing.document_seen_on : fields.documentSeenOn,
                fields.documentSeenBy,
                context,
              )
            : undefined;
        await checkRepresentativeReferences(trx, context, fields);
        change = columnChanges({ ...fields, documentSeenBy: seenBy }, representativeColumns);
      },
      write: () =>
        peopleRepository.updateRepresentative(trx, context.orgId, id, expectedVersion, {
          ...(change.changes as RepresentativeUpdate),
          updated_at: now,
        }),
      audit: () => ({
        action: 'person_representative.update',
        entityType: 'person_representative',
        entityId: id,
        changedFields: change.changedFields,
        details: { personId },
      }),
    });
  });
}

/** The representative no longer acts (LPA revoked, order ended, advocacy finished): kept, marked ended. */
export async function endRepresentative(
  db: Db,
  context: RequestContext,
  { personId, id, reason, clock }: { personId: string; id: string; reason: string; clock: Clock },
) {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const existing = await findCurrentRepresentative(trx, context, personId, id);
    const updated = await peopleRepository.updateRepresentative(trx, context.orgId, id, existing.version, {
      ended_at: now,
      ended_reason: reason,
      updated_at: now,
    });
    if (!updated) throw changedElsewhere('The representative');
    await recordAudit(trx, context, now, {
      action: 'person_representative.end',
      entityType: 'person_representative',
      entityId: id,
      changedFields: ['ended_at', 'ended_reason'],
      details: { personId },
    });
    return updated;
  });
}

async function findCurrentRepresentative(
  executor: Executor,
  context: RequestContext,
  personId: string,
  id: string,
) {
  await getPerson(executor, context, personId);
  const representative = await peopleRepository.findRepresentative(executor, context.orgId, personId, id);
  if (!representative) throw notFound('The representative');
  if (representative.ended_at) {
    throw new AppError(
      'conflict',
      'This representative has ended and can no longer be changed. Add a new one instead.',
    );
  }
  return representative;
}
