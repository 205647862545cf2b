import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/audit.service.ts';
import { careRecordWriters } from '../auth/role-groups.ts';
import type { RequestContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { changeVersioned } from '../db/versioned-change.ts';
import { AppError } from '../errors.ts';
import { checkRoute } from '../escalation/escalation-routes.ts';
import type { SubjectType } from '../subjects/subjects.ts';
import * as actionsRepository from './actions.repository.ts';
import type {
  ActionChangeInput,
  ActionLead,
  ActionResponse,
  ActionStatusInput,
  NewActionInput,
} from './actions.schemas.ts';
import { type ActionRow, type ActionStatus, allowedTransitions } from './actions.table.ts';

// Actions with a named lead and a due date, for any subject. A capability keeps its own routes and
// access rules, and calls these inside its own transaction, after checking the subject is its own.

/** The subject within the caller's organisation (the organisation comes from the context). */
export type ActionSubject = { type: SubjectType; id: string };

const invalid = (field: string, message: string) => new AppError('validation', message, { field });
const WHAT = 'The action';

const statusAudit: Record<Exclude<ActionStatus, 'proposed'>, string> = {
  accepted: 'action.accept',
  declined: 'action.decline',
  in_progress: 'action.start',
  done: 'action.complete',
  cancelled: 'action.cancel',
};

function key(context: RequestContext, options: { actionId: string; expectedVersion: number }) {
  return { orgId: context.orgId, id: options.actionId, expectedVersion: options.expectedVersion };
}

export function isFinal(status: ActionStatus): boolean {
  return allowedTransitions[status].length === 0;
}

async function leadColumns(executor: Executor, context: RequestContext, lead: ActionLead) {
  if ('userId' in lead) {
    if (!(await actionsRepository.isCurrentStaff(executor, context.orgId, lead.userId, careRecordWriters))) {
      throw invalid(
        'leadUserId',
        'Choose a current member of staff in your organisation who works with people to lead this (not the auditor).',
      );
    }
    return { lead_user_id: lead.userId, lead_partner_contact_id: null };
  }
  if (!(await actionsRepository.isCurrentPartnerContact(executor, context.orgId, lead.partnerContactId))) {
    throw invalid(
      'leadPartnerContactId',
      'Choose a current contact from your partner register to lead this.',
    );
  }
  return { lead_user_id: null, lead_partner_contact_id: lead.partnerContactId };
}

/**
 * Sets an action about a subject the caller has already found in its organisation. It starts
 * proposed to its lead, or accepted when it was agreed as it was set (at a review, a meeting).
 */
export async function createAction(
  trx: Executor,
  context: RequestContext,
  options: {
    subject: ActionSubject;
    action: NewActionInput;
    status?: 'proposed' | 'accepted';
    at: Date;
  },
): Promise<ActionRow> {
  const { subject, action, at } = options;
  if (action.escalationRoute) {
    const problems = checkRoute(action.escalationRoute);
    if (problems.length > 0) throw invalid('escalationRoute', problems.join(' '));
  }
  const created = await actionsRepository.insertAction(trx, {
    org_id: context.orgId,
    id: randomUUID(),
    subject_type: subject.type,
    subject_id: subject.id,
    title: action.title,
    ...(await leadColumns(trx, context, action.lead)),
    due_on: action.dueOn,
    status: options.status ?? 'proposed',
    declined_reason: null,
    evidence: null,
    done_at: null,
    escalation_route: action.escalationRoute ? JSON.stringify(action.escalationRoute) : null,
    created_at: at,
    updated_at: at,
  });
  await recordAudit(trx, context, at, {
    action: 'action.create',
    entityType: 'action',
    entityId: created.id,
    changedFields: Object.keys(action),
    details: { subjectType: subject.type, subjectId: subject.id, status: created.status },
  });
  return created;
}

/**
 * The action, locked for this transaction's change; `undefined` when it is not one of the
 * subject's (another subject's action, or another organisation's, is not found).
 */
export async function findActionOf(
  trx: Executor,
  context: RequestContext,
  options: { subject: ActionSubject; actionId: string },
): Promise<ActionRow | undefined> {
  const action = await actionsRepository.findActionForChange(trx, context.orgId, options.actionId);
  const isSubjects =
    action?.subject_type === options.subject.type && action.subject_id === options.subject.id;
  return isSubjects ? action : undefined;
}

/** Changes what is to be done, who leads it or when it is due; a finished action stays as it was. */
export async function changeAction(
  trx: Executor,
  context: RequestContext,
  options: {
    subject: ActionSubject;
    actionId: string;
    expectedVersion: number;
    changes: ActionChangeInput;
    at: Date;
  },
): Promise<ActionRow> {
  const { changes, at } = options;
  let columns: Omit<actionsRepository.ActionChanges, 'updated_at'> = {
    ...(changes.title !== undefined ? { title: changes.title } : {}),
    ...(changes.dueOn !== undefined ? { due_on: changes.dueOn } : {}),
  };
  return changeVersioned(trx, context, at, {
    what: WHAT,
    existing: await findActionOf(trx, context, options),
    expectedVersion: options.expectedVersion,
    check: async (existing) => {
      if (isFinal(existing.status)) {
        throw new AppError(
          'conflict',
          `This action is ${existing.status.replace('_', ' ')}: it can no longer change.`,
        );
      }
      if (changes.lead) columns = { ...columns, ...(await leadColumns(trx, context, changes.lead)) };
    },
    write: () =>
      actionsRepository.updateAction(trx, key(context, options), {
        ...columns,
        updated_at: at,
      }),
    audit: (updated) => ({
      action: 'action.update',
      entityType: 'action',
      entityId: updated.id,
      changedFields: Object.keys(columns),
      details: { subjectType: updated.subject_type, subjectId: updated.subject_id },
    }),
  });
}

/**
 * Moves the action on: accepted, declined (with the reason), under way, done (with the evidence)
 * or cancelled. Only the moves in `allowedTransitions` are made; the rest are refused (409).
 */
export async function setActionStatus(
  trx: Executor,
  context: RequestContext,
  options: {
    subject: ActionSubject;
    actionId: string;
    expectedVersion: number;
    change: ActionStatusInput;
    at: Date;
  },
): Promise<ActionRow> {
  const { change, at } = options;
  const status = change.status;
  const reason = change.reason?.trim() || null;
  const evidence = change.evidence?.trim() || null;
  if (status === 'declined' && !reason) throw invalid('reason', 'Say why the action was declined.');
  if (status === 'done' && !evidence) throw invalid('evidence', 'Say what shows the action was done.');
  if (status !== 'declined' && reason) throw invalid('reason', 'A reason is given only when declining.');
  if (status !== 'done' && evidence) throw invalid('evidence', 'Evidence is given only when it is done.');
  const columns = {
    status,
    ...(status === 'declined' ? { declined_reason: reason } : {}),
    ...(status === 'done' ? { evidence, done_at: at } : {}),
  };
  return changeVersioned(trx, context, at, {
    what: WHAT,
    existing: await findActionOf(trx, context, options),
    expectedVersion: options.expectedVersion,
    check: (existing) => {
      if (!allowedTransitions[existing.status].includes(status)) {
        throw new AppError(
          'conflict',
          `An action that is ${existing.status.replace('_', ' ')} cannot become ${status.replace('_', ' ')}.`,
        );
      }
    },
    write: () =>
      actionsRepository.updateAction(trx, key(context, options), {
        ...columns,
        updated_at: at,
      }),
    audit: (updated, existing) =>
      status === 'proposed'
        ? null
        : {
            action: statusAudit[status],
            entityType: 'action',
            entityId: updated.id,
            changedFields: Object.keys(columns),
            details: {
              subjectType: updated.subject_type,
              subjectId: updated.subject_id,
              from: existing.status,
              to: status,
            },
          },
  });
}

/** The subject's actions, soonest due first, each with its lead's name. */
export async function listActions(
  executor: Executor,
  context: RequestContext,
  subject: ActionSubject,
): Promise<ActionResponse[]> {
  const actions = await actionsRepository.listActionsOf(executor, { orgId: context.orgId, ...subject });
  return actions.map((action) => ({
    id: action.id,
    subjectType: action.subject_type,
    subjectId: action.subject_id,
    title: action.title,
    lead: {
      userId: action.lead_user_id,
      partnerContactId: action.lead_partner_contact_id,
      name: action.lead_name ?? 'Former member of staff',
    },
    dueOn: action.due_on,
    status: action.status,
    declinedReason: action.declined_reason,
    evidence: action.evidence,
    doneAt: action.done_at?.toISOString() ?? null,
    version: action.version,
  }));
}

/**
 * Unfinished actions of every subject due on or before `dueBy` (a London day): how many, and the
 * first `limit`, the most overdue first. Only those `leadUserId` leads, when given.
 */
export async function listActionsDue(
  executor: Executor,
  context: RequestContext,
  options: { leadUserId: string | null; dueBy: string; limit: number },
) {
  const scope = { orgId: context.orgId, leadUserId: options.leadUserId, dueBy: options.dueBy };
  return {
    count: await actionsRepository.countActionsDue(executor, scope),
    actions: await actionsRepository.listActionsDue(executor, { ...scope, limit: options.limit }),
  };
}
