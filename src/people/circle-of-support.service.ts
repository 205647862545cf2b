import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import type { VersionedChange } from '../db/versioned-change.ts';
import { AppError, changedElsewhere, checkVersion, invalid, orNotFound } from '../errors.ts';
import { findPartnerContact, getPartnerContact } from '../partners/partners.service.ts';
import * as peopleRepository from './people.repository.ts';
import type { AddCircleMemberInput, UpdateCircleMemberInput } from './people.schemas.ts';
import { getPerson, refuseFutureDate, today } from './people.service.ts';
import type { CircleMemberUpdate } from './people.table.ts';

// The person's circle of support: the partner contacts who care for them, each in a role, one of
// them the primary contact for that role.

type Page = { limit: number; offset: number };

export async function viewCircle(
  db: Db,
  context: RequestContext,
  { personId, clock, ...options }: { personId: string; includeEnded: boolean; clock: Clock },
) {
  await getPerson(db, context, personId);
  const circle = await peopleRepository.listCircle(db, context.orgId, personId, options);
  await recordAudit(db, context, clock.now(), {
    action: 'person.view',
    entityType: 'person',
    entityId: personId,
    details: { part: 'circle' },
  });
  return circle;
}

/** The person's current circle, primary members first, for other records (not audited: the caller's view is). */
export function currentCircleOf(
  executor: Executor,
  context: Pick<RequestContext, 'orgId'>,
  personId: string,
) {
  return peopleRepository.listCircle(executor, context.orgId, personId, { includeEnded: false });
}

/** Everyone who is or has been in the person's circle, for a copy of their record (not audited: the caller's is). */
export function wholeCircleOf(executor: Executor, context: Pick<RequestContext, 'orgId'>, personId: string) {
  return peopleRepository.listCircle(executor, context.orgId, personId, { includeEnded: true });
}

export async function addCircleMember(
  db: Db,
  context: RequestContext,
  personId: string,
  input: AddCircleMemberInput,
  clock: Clock,
) {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    await getPerson(trx, context, personId);
    const contact = await findPartnerContact(trx, context, input.partnerContactId);
    if (!contact)
      throw invalid('partnerContactId', 'There is no partner contact with this id in your register.');
    if (contact.ended_at) {
      throw new AppError(
        'conflict',
        `${contact.name} has moved on from their role and cannot join a circle.`,
        {
          field: 'partnerContactId',
        },
      );
    }
    const role = input.role ?? contact.type;
    await refuseDuplicateRole(trx, context, { personId, partnerContactId: contact.id, role, exceptId: null });
    if (input.isPrimary) await takePrimary(trx, context, personId, now);
    const id = randomUUID();
    await peopleRepository.insertCircleMember(trx, {
      org_id: context.orgId,
      id,
      person_id: personId,
      partner_contact_id: contact.id,
      role,
      is_primary: input.isPrimary,
      started_on: input.startedOn ?? today(clock),
      ended_on: null,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, context, now, {
      action: 'circle_member.create',
      entityType: 'circle_member',
      entityId: id,
      changedFields: ['partner_contact_id', 'role', 'is_primary', 'started_on'],
      details: { personId, partnerContactId: contact.id, role },
    });
    return findCircleMemberOf(trx, context, personId, id);
  });
}

/** Changes a role in the person's circle if it is still at `expectedVersion`. */
export async function updateCircleMember(
  db: Db,
  context: RequestContext,
  {
    personId,
    id,
    expectedVersion,
    input,
    clock,
  }: VersionedChange<UpdateCircleMemberInput> & { personId: string },
) {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    await getPerson(trx, context, personId);
    const existing = await findCircleMemberOf(trx, context, personId, id);
    checkVersion(expectedVersion, existing.version, 'The circle member');
    if (existing.ended_on) {
      throw new AppError(
        'conflict',
        'This role has ended and can no longer be changed. Add the contact again instead.',
      );
    }
    const startedOn = input.startedOn ?? existing.started_on;
    if (input.endedOn && input.endedOn < startedOn) {
      throw invalid('endedOn', 'The end date cannot be before the start date.');
    }
    if (input.endedOn && input.isPrimary) {
      throw invalid('isPrimary', 'A role that has ended cannot be the primary one.');
    }
    // The circle shows who holds a role now: a role cannot be recorded as ending in the future.
    refuseFutureDate('endedOn', input.endedOn, clock, 'The end date');
    if (input.isPrimary && !existing.is_primary) {
      const contact = await findPartnerContact(trx, context, existing.partner_contact_id);
      if (contact?.ended_at) {
        throw invalid(
          'isPrimary',
          `${contact.name} has moved on from their role and cannot be the primary contact.`,
        );
      }
    }
    if (input.role && input.role !== existing.role) {
      await refuseDuplicateRole(trx, context, {
        personId,
        partnerContactId: existing.partner_contact_id,
        role: input.role,
        exceptId: id,
      });
    }
    if (input.isPrimary && !existing.is_primary) await takePrimary(trx, context, personId, now);
    const changes = circleChanges(input);
    const saved = await peopleRepository.updateCircleMember(trx, context.orgId, id, expectedVersion, {
      ...changes,
      updated_at: now,
    });
    if (!saved) throw changedElsewhere('The circle member');
    await recordAudit(trx, context, now, {
      action: 'circle_member.update',
      entityType: 'circle_member',
      entityId: id,
      changedFields: Object.keys(changes),
      details: { personId, partnerContactId: existing.partner_contact_id },
    });
    return findCircleMemberOf(trx, context, personId, id);
  });
}

function circleChanges(input: UpdateCircleMemberInput): CircleMemberUpdate {
  const changes: CircleMemberUpdate = {};
  if (input.role !== undefined) changes.role = input.role;
  if (input.startedOn !== undefined) changes.started_on = input.startedOn;
  if (input.isPrimary !== undefined) changes.is_primary = input.isPrimary;
  if (input.endedOn !== undefined) {
    changes.ended_on = input.endedOn;
    // Whoever leaves the circle stops being its primary contact.
    if (input.endedOn) changes.is_primary = false;
  }
  return changes;
}

async function findCircleMemberOf(executor: Executor, context: RequestContext, personId: string, id: string) {
  return orNotFound(
    await peopleRepository.findCircleMember(executor, context.orgId, personId, id),
    'The circle member',
  );
}

async function refuseDuplicateRole(
  executor: Executor,
  context: RequestContext,
  membership: Parameters<typeof peopleRepository.currentMembershipExists>[2],
): Promise<void> {
  if (await peopleRepository.currentMembershipExists(executor, context.orgId, membership)) {
    throw new AppError(
      'conflict',
      `This contact already holds the role ${membership.role} for this person.`,
      {
        field: 'role',
      },
    );
  }
}

/** At most one primary per person (a unique index holds it): the old one gives way, audited. */
async function takePrimary(executor: Executor, context: RequestContext, personId: string, at: Date) {
  const cleared = await peopleRepository.clearPrimary(executor, context.orgId, personId, at);
  for (const memberId of cleared) {
    await recordAudit(executor, context, at, {
      action: 'circle_member.update',
      entityType: 'circle_member',
      entityId: memberId,
      changedFields: ['is_primary'],
      details: { personId },
    });
  }
}

/** The people a partner contact holds a role for: a view of people's records, so audited. */
export async function listPeopleOfPartnerContact(
  db: Db,
  context: RequestContext,
  { partnerContactId, clock, ...page }: Page & { partnerContactId: string; clock: Clock },
) {
  await getPartnerContact(db, context, partnerContactId);
  const linked = await peopleRepository.listPeopleLinkedToContact(db, context.orgId, partnerContactId, page);
  await recordAudit(db, context, clock.now(), {
    action: 'person.search',
    entityType: 'person',
    entityId: null,
    details: { partnerContactId, results: linked.length },
  });
  return linked;
}
