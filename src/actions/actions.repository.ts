import { countRows } from '../db/count-rows.ts';
import type { Executor } from '../db/database.ts';
import { sameOrganisation } from '../db/same-organisation.ts';
import { lockForChange, updateAtVersion } from '../db/versioned-change.ts';
import type { SubjectRef } from '../subjects/subjects.ts';
import type { StaffRole } from '../users/users.table.ts';
import type { ActionRow, NewActionRow } from './actions.table.ts';

export async function insertAction(executor: Executor, row: NewActionRow): Promise<ActionRow> {
  return executor.insertInto('actions').values(row).returningAll().executeTakeFirstOrThrow();
}

/**
 * One action of the organisation, locked for the rest of the transaction: a change reads it,
 * checks the transition against its status and writes, and two changes at once must not both
 * pass the check.
 */
export async function findActionForChange(
  executor: Executor,
  orgId: string,
  id: string,
): Promise<ActionRow | undefined> {
  return lockForChange(executor, 'actions', { orgId, id });
}

export type ActionWithLead = ActionRow & { lead_name: string | null };

/** Actions, each with its lead's name (a member of staff or a partner contact), soonest due first. */
function actionsWithLead(executor: Executor) {
  return executor
    .selectFrom('actions as action')
    .leftJoin('users as user', (join) => sameOrganisation(join, 'user.id', 'action.lead_user_id'))
    .leftJoin('partner_contacts as contact', (join) =>
      sameOrganisation(join, 'contact.id', 'action.lead_partner_contact_id'),
    )
    .selectAll('action')
    .select((eb) => eb.fn.coalesce('user.display_name', 'contact.name').as('lead_name'))
    .orderBy('action.due_on')
    .orderBy('action.created_at')
    .orderBy('action.id');
}

/** A subject's actions, soonest due first, each with its lead's name. */
export async function listActionsOf(executor: Executor, subject: SubjectRef): Promise<ActionWithLead[]> {
  return actionsWithLead(executor)
    .where('action.org_id', '=', subject.orgId)
    .where('action.subject_type', '=', subject.type)
    .where('action.subject_id', '=', subject.id)
    .execute();
}

const unfinished = ['proposed', 'accepted', 'in_progress'] as const;

/** Unfinished actions due on or before `dueBy` (a London day), of any subject; led by one person, when given. */
function actionsDue(
  executor: Executor,
  options: { orgId: string; leadUserId: string | null; dueBy: string },
) {
  let query = executor
    .selectFrom('actions as action')
    .where('action.org_id', '=', options.orgId)
    .where('action.status', 'in', unfinished)
    .where('action.due_on', '<=', options.dueBy);
  if (options.leadUserId !== null) query = query.where('action.lead_user_id', '=', options.leadUserId);
  return query;
}

/** The unfinished actions due soonest (the most overdue first), each with its lead's name. */
export async function listActionsDue(
  executor: Executor,
  options: { orgId: string; leadUserId: string | null; dueBy: string; limit: number },
): Promise<ActionWithLead[]> {
  let query = actionsWithLead(executor)
    .where('action.org_id', '=', options.orgId)
    .where('action.status', 'in', unfinished)
    .where('action.due_on', '<=', options.dueBy);
  if (options.leadUserId !== null) query = query.where('action.lead_user_id', '=', options.leadUserId);
  return query.limit(options.limit).execute();
}

export async function countActionsDue(
  executor: Executor,
  options: { orgId: string; leadUserId: string | null; dueBy: string },
): Promise<number> {
  return countRows(actionsDue(executor, options));
}

/**
 * Whether a member of staff can lead actions: in the organisation, their account in use, and in a
 * role that acts (the auditor only reads; an administrator does not see people's records).
 */
export async function isCurrentStaff(
  executor: Executor,
  orgId: string,
  userId: string,
  roles: readonly StaffRole[],
): Promise<boolean> {
  const user = await executor
    .selectFrom('users')
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', '=', userId)
    .where('disabled_at', 'is', null)
    .where('role', 'in', [...roles])
    .executeTakeFirst();
  return user !== undefined;
}

/** Whether a partner contact can lead actions: in the organisation's register, and not moved on. */
export async function isCurrentPartnerContact(
  executor: Executor,
  orgId: string,
  contactId: string,
): Promise<boolean> {
  const contact = await executor
    .selectFrom('partner_contacts')
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', '=', contactId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return contact !== undefined;
}

export type ActionChanges = Partial<
  Pick<
    ActionRow,
    | 'title'
    | 'lead_user_id'
    | 'lead_partner_contact_id'
    | 'due_on'
    | 'status'
    | 'declined_reason'
    | 'evidence'
    | 'done_at'
  >
> & { updated_at: Date };

/** Compare and set: changes nothing unless the action is still at `expectedVersion`. */
export async function updateAction(
  executor: Executor,
  key: { orgId: string; id: string; expectedVersion: number },
  changes: ActionChanges,
): Promise<ActionRow | undefined> {
  return updateAtVersion(executor, 'actions', key, changes);
}
