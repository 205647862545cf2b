import {
  createAction,
  findActionOf,
  isFinal,
  listActions,
  setActionStatus,
} from '../actions/actions.service.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import { notFound } from '../errors.ts';
import { findIncident, requireStaff } from './incidents.service.ts';

// The review's learning actions: actions about the incident (src/actions), each led by a member
// of staff, shown in the review's own words (action, owner, due, done).

/** Marking done from the review carries no evidence of its own: the action says where it was marked. */
export const DONE_FROM_REVIEW = 'Marked done on the post-incident review.';

export async function listLearningActions(
  executor: Executor,
  context: RequestContext,
  options: { incidentId: string },
) {
  const actions = await listActions(executor, context, { type: 'incident', id: options.incidentId });
  return actions.map((action) => ({
    id: action.id,
    action: action.title,
    owner: action.lead.name,
    ownerId: (action.lead.userId ?? action.lead.partnerContactId)!,
    dueOn: action.dueOn,
    doneAt: action.doneAt,
  }));
}

/** Adds a learning action, agreed at the review, so accepted from the start. */
export async function addLearningAction(
  db: Db,
  context: RequestContext,
  options: { incidentId: string; action: { action: string; ownerId: string; dueOn: string }; clock: Clock },
) {
  const { incidentId, action } = options;
  const at = options.clock.now();
  await db.transaction().execute(async (trx) => {
    await findIncident(trx, context, { incidentId, lock: true });
    await requireStaff(trx, context, { id: action.ownerId, field: 'ownerId', mayAct: 'owner' });
    await createAction(trx, context, {
      subject: { type: 'incident', id: incidentId },
      action: { title: action.action, lead: { userId: action.ownerId }, dueOn: action.dueOn },
      status: 'accepted',
      at,
    });
  });
  return listLearningActions(db, context, { incidentId });
}

export async function completeLearningAction(
  db: Db,
  context: RequestContext,
  options: { incidentId: string; actionId: string; clock: Clock },
) {
  const { incidentId, actionId } = options;
  const at = options.clock.now();
  await db.transaction().execute(async (trx) => {
    const subject = { type: 'incident' as const, id: incidentId };
    const open = await findActionOf(trx, context, { subject, actionId });
    if (!open || isFinal(open.status))
      throw notFound('An open learning action with this id on this incident');
    await setActionStatus(trx, context, {
      subject,
      actionId,
      // Marking done from the review names no version: the action was just read, locked, in this transaction.
      expectedVersion: open.version,
      change: { status: 'done', evidence: DONE_FROM_REVIEW },
      at,
    });
  });
  return listLearningActions(db, context, { incidentId });
}
