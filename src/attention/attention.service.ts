import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, DbTransaction, Executor } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import { describeSubject, type SubjectDescription, type SubjectType } from '../subjects/subjects.ts';
import * as attentionRepository from './attention.repository.ts';
import type { AttentionAudience, AttentionKind } from './attention.table.ts';

type Subject = { type: SubjectType; id: string };

/**
 * Puts an item on "needs attention", in the caller's transaction. One item per subject and kind
 * stays open: raising a kind that is already open changes nothing and returns false, so a
 * restart or a repeated step never fills the list with copies.
 */
export function raiseAttention(
  trx: Executor,
  item: {
    orgId: string;
    subject: Subject;
    kind: AttentionKind;
    forRole: AttentionAudience;
    /** For `sender` items: the member of staff the item is for. */
    forUserId?: string | null;
    stepId?: string | null;
    title: string;
    detail: string | null;
    at: Date;
  },
): Promise<boolean> {
  return attentionRepository.insertAttentionItem(trx, {
    org_id: item.orgId,
    id: randomUUID(),
    subject_type: item.subject.type,
    subject_id: item.subject.id,
    step_id: item.stepId ?? null,
    kind: item.kind,
    for_role: item.forRole,
    for_user_id: item.forRole === 'sender' ? (item.forUserId ?? null) : null,
    title: item.title.slice(0, 300),
    detail: item.detail?.slice(0, 2000) ?? null,
    created_at: item.at,
    resolved_at: null,
    resolved_by: null,
    resolution_note: null,
  });
}

/**
 * Resolves the subject's open items of `kinds` because their cause went away; `note` says what
 * happened. Without `by` Liaison resolved them; with it, the member of staff who dealt with the
 * cause where the feature shows it. In the caller's transaction, whose audit entry should count
 * them. Returns how many it resolved.
 */
export function resolveAttentionOf(
  trx: Executor,
  orgId: string,
  subject: Subject,
  resolution: { kinds: readonly AttentionKind[]; note: string; at: Date; by?: string | null },
): Promise<number> {
  return attentionRepository.resolveOpenItemsOfSubject(trx, orgId, subject, resolution);
}

/**
 * What a member of staff marking an item dealt with also settles in the feature it is about;
 * answers how many of the feature's records it settled, for the audit entry.
 */
export type AttentionDealtWith = (
  trx: DbTransaction,
  dealtWith: {
    orgId: string;
    subjectId: string;
    kind: AttentionKind;
    at: Date;
    by: string | null;
    note: string | null;
  },
) => Promise<number>;

const dealtWithHandlers = new Map<SubjectType, AttentionDealtWith>();

/**
 * Registers what a feature does, in the same transaction, when an item about one of its subjects
 * is marked dealt with under "needs attention": a feature that shows the same cause on its own
 * pages marks it dealt with there too, so neither place goes on asking.
 */
export function whenAttentionDealtWith(type: SubjectType, handler: AttentionDealtWith): void {
  dealtWithHandlers.set(type, handler);
}

/**
 * Whose items a member of staff sees and deals with: the registered manager every item, a manager
 * every item but the registered manager's, and anyone the items addressed to them by name.
 * Seeing an item never by itself grants sight of what it is about: its page decides that.
 */
function audiencesOf(context: RequestContext): AttentionAudience[] {
  if (context.actor.role === 'registered_manager') return ['manager', 'registered_manager', 'sender'];
  if (context.actor.role === 'manager') return ['manager', 'sender'];
  return [];
}

function userOf(context: RequestContext): string | null {
  return context.actor.type === 'user' ? context.actor.id : null;
}

/** How many open items the caller sees and deals with, leaving out those about `exceptAbout`. */
export function countOpenAttention(
  executor: Executor,
  context: RequestContext,
  options: { exceptAbout?: readonly SubjectType[] } = {},
): Promise<number> {
  return attentionRepository.countOpenAttentionItems(executor, context.orgId, {
    forRoles: audiencesOf(context),
    userId: userOf(context),
    exceptAbout: options.exceptAbout,
  });
}

export async function listAttention(
  db: Executor,
  context: RequestContext,
  options: { open: boolean; limit: number; offset: number; exceptAbout?: readonly SubjectType[] },
) {
  const items = await attentionRepository.listAttentionItems(db, context.orgId, {
    ...options,
    forRoles: audiencesOf(context),
    userId: userOf(context),
  });
  const described = new Map<string, SubjectDescription | undefined>();
  for (const item of items) {
    const key = `${item.subject_type}:${item.subject_id}`;
    if (!described.has(key)) {
      described.set(
        key,
        await describeSubject(db, { orgId: context.orgId, type: item.subject_type, id: item.subject_id }),
      );
    }
  }
  return items.map((item) => {
    const subject = described.get(`${item.subject_type}:${item.subject_id}`);
    return {
      id: item.id,
      kind: item.kind,
      forRole: item.for_role,
      title: item.title,
      detail: item.detail,
      subject: {
        type: item.subject_type,
        id: item.subject_id,
        title: subject?.title ?? 'No longer available',
        webPath: subject?.webPath ?? null,
      },
      createdAt: item.created_at.toISOString(),
      resolvedAt: item.resolved_at?.toISOString() ?? null,
      resolvedByName: item.resolved_by_name ?? null,
      resolvedAutomatically: item.resolved_by_system,
      resolutionNote: item.resolution_note,
    };
  });
}

/** Marks an item dealt with; an item the caller does not see is not found. */
export async function resolveAttention(
  db: Db,
  context: RequestContext,
  options: { id: string; note: string | null },
  clock: Clock,
) {
  const at = clock.now();
  await db.transaction().execute(async (trx) => {
    const item = await attentionRepository.findAttentionItem(trx, context.orgId, options.id);
    const sees =
      item !== undefined &&
      (audiencesOf(context).includes(item.for_role) ||
        (item.for_user_id !== null && item.for_user_id === userOf(context)));
    if (!item || !sees) throw notFound('The item');
    const resolved = await attentionRepository.resolveAttentionItem(trx, context.orgId, item.id, {
      at,
      by: userOf(context),
      note: options.note?.trim() || null,
    });
    if (!resolved) throw new AppError('conflict', 'This item has already been dealt with.');
    const alsoSettled = await dealtWithHandlers.get(item.subject_type)?.(trx, {
      orgId: context.orgId,
      subjectId: item.subject_id,
      kind: item.kind,
      at,
      by: userOf(context),
      note: options.note?.trim() || null,
    });
    await recordAudit(trx, context, at, {
      action: 'attention_item.resolve',
      entityType: 'attention_item',
      entityId: item.id,
      changedFields: ['resolved_at', 'resolved_by', 'resolution_note'],
      details: { subjectType: item.subject_type, subjectId: item.subject_id, alsoSettled: alsoSettled ?? 0 },
    });
  });
}
