import { londonDateOf } from '../calendar/london-time.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { AppError, invalid, orNotFound } from '../errors.ts';
import { partnerContactNames, partnerOrganisationNames } from '../partners/partners.service.ts';
import type { PartnerType } from '../partners/partners.table.ts';
import type { RepresentativeKind } from '../people/people.table.ts';
import { staffNames } from '../users/users.service.ts';
import * as sharingRepository from './sharing.repository.ts';
import type { RecipientScope } from './sharing.table.ts';

/**
 * What the records the gate rests on have in common — consents, capacity assessments,
 * best-interests decisions, safeguarding authorisations: who recorded them, the partners they name,
 * the person's row they lock, and how their dates read. Each record's own folder uses these.
 */

export function refuseFutureDate(field: string, date: string, clock: Clock, what: string): void {
  if (date > londonDateOf(clock.now())) throw invalid(field, `${what} cannot be in the future.`);
}

/** Recording and deciding need a named member of staff, not a system token. */
export function staffUserId(context: RequestContext, what: string): string {
  if (context.actor.type !== 'user') {
    throw new AppError('forbidden', `${what} must be made by a named member of staff, signed in.`);
  }
  return context.actor.id;
}

export function userIdOrNull(context: RequestContext): string | null {
  return context.actor.type === 'user' ? context.actor.id : null;
}

/**
 * The person, locked for the rest of the transaction: `share` to decide on their records, `update`
 * to change them (see `lockPerson`).
 */
export async function requirePerson(
  executor: Executor,
  context: RequestContext,
  options: { personId: string; mode: 'share' | 'update' },
) {
  return orNotFound(
    await sharingRepository.lockPerson(executor, context.orgId, options.personId, options.mode),
    'The person',
  );
}

/** A status for a record in force from `startedOn` until its review date. */
export function reviewedStatus(record: { review_on: string }, startedOn: string, now: Date) {
  const onDate = londonDateOf(now);
  if (startedOn > onDate) return 'not_yet' as const;
  if (record.review_on < onDate) return 'review_overdue' as const;
  return 'in_force' as const;
}

// ---- names for presenting records ----

export type Names = {
  organisations: Map<string, string>;
  contacts: Map<string, { name: string; organisationName: string }>;
  users: Map<string, string>;
  representatives: Map<string, { name: string; kind: RepresentativeKind }>;
};

export async function namesFor(
  executor: Executor,
  context: RequestContext,
  options: {
    scopes: readonly RecipientScope[];
    userIds: readonly (string | null)[];
    representatives?: readonly { id: string; name: string; kind: RepresentativeKind }[];
  },
): Promise<Names> {
  const orgId = context.orgId;
  const organisationIds = new Set(options.scopes.flatMap((scope) => scope.partner_organisation_ids));
  const contactIds = new Set(options.scopes.flatMap((scope) => scope.partner_contact_ids));
  const users = new Set(options.userIds.filter((id): id is string => id !== null));
  return {
    organisations: await partnerOrganisationNames(executor, { orgId }, [...organisationIds]),
    contacts: await partnerContactNames(executor, { orgId }, [...contactIds]),
    users: await staffNames(executor, { orgId }, [...users]),
    representatives: new Map(
      (options.representatives ?? []).map((each) => [each.id, { name: each.name, kind: each.kind }]),
    ),
  };
}

export function presentScope(scope: RecipientScope, names: Names) {
  return {
    partnerOrganisations: scope.partner_organisation_ids.map((id) => ({
      id,
      name: names.organisations.get(id) ?? 'Unknown organisation',
    })),
    partnerContacts: scope.partner_contact_ids.map((id) => ({
      id,
      name: names.contacts.get(id)?.name ?? 'Unknown contact',
      organisationName: names.contacts.get(id)?.organisationName ?? '',
    })),
    partnerTypes: scope.partner_types,
  };
}

export function userName(names: Names, id: string | null): string | null {
  if (id === null) return null;
  return names.users.get(id) ?? 'Former member of staff';
}

// ---- the partners a record names ----

type ScopeInput = {
  partnerOrganisationIds: string[];
  partnerContactIds: string[];
  partnerTypes: PartnerType[];
};

/** Refuses a record naming a partner organisation or contact that is not in the register. */
export async function checkScope(
  executor: Executor,
  context: RequestContext,
  scope: Omit<ScopeInput, 'partnerTypes'>,
): Promise<void> {
  const organisations = await partnerOrganisationNames(executor, context, scope.partnerOrganisationIds);
  const unknownOrganisation = scope.partnerOrganisationIds.findIndex((id) => !organisations.has(id));
  if (unknownOrganisation >= 0) {
    throw invalid(
      `partnerOrganisationIds.${unknownOrganisation}`,
      'There is no partner organisation with this id in your register.',
    );
  }
  const contacts = await partnerContactNames(executor, context, scope.partnerContactIds);
  const unknownContact = scope.partnerContactIds.findIndex((id) => !contacts.has(id));
  if (unknownContact >= 0) {
    throw invalid(
      `partnerContactIds.${unknownContact}`,
      'There is no partner contact with this id in your register.',
    );
  }
}

export function scopeRow(input: ScopeInput): RecipientScope {
  return {
    partner_organisation_ids: input.partnerOrganisationIds,
    partner_contact_ids: input.partnerContactIds,
    partner_types: input.partnerTypes,
  };
}
