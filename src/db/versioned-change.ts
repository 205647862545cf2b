import { type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import { type AuditRecord, recordAudit } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import { changedElsewhere, checkVersion, notFound } from '../errors.ts';
import type { Database, Executor } from './database.ts';

/**
 * A change to a versioned record, in the order every versioned change in Liaison takes:
 *
 * 1. the record as loaded in this transaction — missing → 404 naming `what`;
 * 2. the version the caller loaded (from `If-Match`, see `http/conditional.ts`) — another → 412;
 * 3. `write`, the compare-and-set (`… where version = expected`, returning the new row) —
 *    nothing returned means another request changed it between 1 and 3 → 412;
 * 4. its audit entry, in the same transaction (none when nothing changed).
 *
 * `write` may return `undefined` only when the compare-and-set matched no row. Checks that refuse
 * the change for other reasons belong in `check`, which runs after the version is known to match.
 */
export async function changeVersioned<Row extends { version: number }>(
  trx: Executor,
  context: RequestContext,
  at: Date,
  change: {
    /** The record in words, as the start of a sentence: "The staff member’s account". */
    what: string;
    existing: Row | undefined;
    expectedVersion: number;
    check?: (existing: Row) => void | Promise<void>;
    write: (existing: Row) => Promise<Row | undefined>;
    /** The audit entry; `null` when the change turned out to change nothing (no entry then). */
    audit: (updated: Row, existing: Row) => AuditRecord | null;
  },
): Promise<Row> {
  const existing = change.existing;
  if (!existing) throw notFound(change.what);
  checkVersion(change.expectedVersion, existing.version, change.what);
  await change.check?.(existing);
  const updated = await change.write(existing);
  if (!updated) throw changedElsewhere(change.what);
  const audit = change.audit(updated, existing);
  if (audit) await recordAudit(trx, context, at, audit);
  return updated;
}

/** Maps the fields sent in a PATCH body to column changes and the names of the columns changed. */
export function columnChanges<Field extends string>(
  fields: Partial<Record<Field, unknown>>,
  columns: Record<Field, string>,
): { changes: Record<string, unknown>; changedFields: string[] } {
  const changes: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(fields)) {
    if (value !== undefined) changes[columns[field as Field]] = value;
  }
  return { changes, changedFields: Object.keys(changes) };
}

/** What a change to a versioned record needs: which record, the version loaded, the fields sent. */
export type VersionedChange<Input> = { id: string; expectedVersion: number; input: Input; clock: Clock };

/** The tables of versioned records kept per organisation: `org_id`, `id` and `version` columns. */
type VersionedTable = {
  [Table in keyof Database]: Database[Table] extends { org_id: string; id: string; version: unknown }
    ? Table
    : never;
}[keyof Database];

/** Every versioned table seen as one, for the statements below that are the same for each of them. */
type AnyVersionedTable = Kysely<{ versioned: { org_id: string; id: string; version: number } }>;

/**
 * The versioned record a change starts from, locked (`FOR UPDATE`) until the transaction ends: a
 * change reads the record, checks it and writes, and of two changes at once the second waits for
 * the first and then reads what it wrote. Undefined when the organisation has no such record.
 */
export function lockForChange<Table extends VersionedTable>(
  executor: Executor,
  table: Table,
  key: { orgId: string; id: string },
): Promise<Selectable<Database[Table]> | undefined> {
  // One statement for every versioned table; the signature keeps each call typed to its table.
  return (executor as unknown as AnyVersionedTable)
    .selectFrom(table as unknown as 'versioned')
    .selectAll()
    .where('org_id', '=', key.orgId)
    .where('id', '=', key.id)
    .forUpdate()
    .executeTakeFirst() as Promise<Selectable<Database[Table]> | undefined>;
}

/**
 * The compare-and-set every versioned change ends in: the row's changes and the next version,
 * only while it is still at `expectedVersion`. Undefined when it is not (or is gone): another
 * request changed it first.
 */
export function updateAtVersion<Table extends VersionedTable>(
  executor: Executor,
  table: Table,
  key: { orgId: string; id: string; expectedVersion: number },
  changes: Omit<Updateable<Database[Table]>, 'version'>,
): Promise<Selectable<Database[Table]> | undefined> {
  // One statement for every versioned table; the signature keeps each call typed to its table.
  return (executor as unknown as AnyVersionedTable)
    .updateTable(table as unknown as 'versioned')
    .set({ ...(changes as object), version: sql<number>`version + 1` })
    .where('org_id', '=', key.orgId)
    .where('id', '=', key.id)
    .where('version', '=', key.expectedVersion)
    .returningAll()
    .executeTakeFirst() as Promise<Selectable<Database[Table]> | undefined>;
}
