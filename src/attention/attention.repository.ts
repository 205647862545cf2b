import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { sameOrganisation } from '../db/same-organisation.ts';
import type { SubjectType } from '../subjects/subjects.ts';
import type { AttentionAudience, AttentionKind, NewAttentionItemRow } from './attention.table.ts';

/**
 * Raises an item unless one of the same kind is already open on the subject: the first stays as
 * it was (its wording and when it was raised). Without a conflict target, the step's own key (a
 * step raises each kind once) is covered too. Returns whether it was raised.
 */
export async function insertAttentionItem(executor: Executor, row: NewAttentionItemRow): Promise<boolean> {
  const inserted = await executor
    .insertInto('attention_items')
    .values(row)
    .onConflict((conflict) => conflict.doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Resolves a subject's open items of the given kinds because their cause went away; returns how many. */
export async function resolveOpenItemsOfSubject(
  executor: Executor,
  orgId: string,
  subject: { type: SubjectType; id: string },
  changes: {
    kinds: readonly AttentionKind[];
    at: Date;
    note: string;
    /** The member of staff who dealt with the cause; left out when Liaison resolves the items. */
    by?: string | null;
  },
): Promise<number> {
  if (changes.kinds.length === 0) return 0;
  const resolved = await executor
    .updateTable('attention_items')
    .set({
      resolved_at: changes.at,
      resolved_by: changes.by ?? null,
      resolved_by_system: changes.by === undefined,
      resolution_note: changes.note.slice(0, 2000),
    })
    .where('org_id', '=', orgId)
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .where('kind', 'in', [...changes.kinds])
    .where('resolved_at', 'is', null)
    .returning('id')
    .execute();
  return resolved.length;
}

export async function listAttentionItems(
  executor: Executor,
  orgId: string,
  options: {
    forRoles: readonly AttentionAudience[];
    /** Also the items addressed to this member of staff by name. */
    userId: string | null;
    open: boolean;
    /** Leaves out the items about these kinds of record. */
    exceptAbout?: readonly SubjectType[] | undefined;
    limit: number;
    offset: number;
  },
) {
  let query = executor
    .selectFrom('attention_items as item')
    .leftJoin('users as resolver', (join) => sameOrganisation(join, 'resolver.id', 'item.resolved_by'))
    .selectAll('item')
    .select('resolver.display_name as resolved_by_name')
    .where('item.org_id', '=', orgId)
    .where((where) =>
      where.or([
        options.forRoles.length > 0 ? where('item.for_role', 'in', [...options.forRoles]) : where.lit(false),
        ...(options.userId ? [where('item.for_user_id', '=', options.userId)] : []),
      ]),
    );
  query = options.open ? query.where('item.resolved_at', 'is', null) : query;
  if (options.exceptAbout?.length)
    query = query.where('item.subject_type', 'not in', [...options.exceptAbout]);
  return query
    .orderBy('item.created_at', 'desc')
    .orderBy('item.id')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
}

export async function resolveAttentionItem(
  executor: Executor,
  orgId: string,
  id: string,
  changes: { at: Date; by: string | null; note: string | null },
) {
  return executor
    .updateTable('attention_items')
    .set({
      resolved_at: changes.at,
      resolved_by: changes.by,
      resolved_by_system: false,
      resolution_note: changes.note,
    })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('resolved_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export async function findAttentionItem(executor: Executor, orgId: string, id: string) {
  return executor
    .selectFrom('attention_items')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** How many open items these audiences (and this member of staff by name) have. */
export async function countOpenAttentionItems(
  executor: Executor,
  orgId: string,
  options: {
    forRoles: readonly AttentionAudience[];
    userId: string | null;
    exceptAbout?: readonly SubjectType[] | undefined;
  },
): Promise<number> {
  let query = executor
    .selectFrom('attention_items as item')
    .select(sql<number>`count(*)::int`.as('count'))
    .where('item.org_id', '=', orgId)
    .where('item.resolved_at', 'is', null)
    .where((where) =>
      where.or([
        options.forRoles.length > 0 ? where('item.for_role', 'in', [...options.forRoles]) : where.lit(false),
        ...(options.userId ? [where('item.for_user_id', '=', options.userId)] : []),
      ]),
    );
  if (options.exceptAbout?.length)
    query = query.where('item.subject_type', 'not in', [...options.exceptAbout]);
  const row = await query.executeTakeFirstOrThrow();
  return row.count;
}
