import { type Compilable, CompiledQuery, sql } from 'kysely';
import type { Db, Executor } from '../db/database.ts';
import { keepPrepared } from '../db/prepared-statements.ts';
import type { ActorType, AuditEventRow, AuditOutcome } from './audit.table.ts';
import { hashedEntryFields } from './audit-hash.ts';

export type NewAuditEvent = {
  orgId: string;
  occurredAt: Date;
  actorType: ActorType;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  changedFields: string[];
  outcome: AuditOutcome;
  requestId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
};

/** Inserts the entry, with the transaction that writes it (which orders sealing). */
export async function insertAuditEvent(executor: Executor, event: NewAuditEvent): Promise<void> {
  await executor
    .insertInto('audit_events')
    .values({
      org_id: event.orgId,
      occurred_at: event.occurredAt,
      actor_type: event.actorType,
      actor_id: event.actorId,
      actor_role: event.actorRole,
      action: event.action,
      entity_type: event.entityType,
      entity_id: event.entityId,
      changed_fields: event.changedFields,
      outcome: event.outcome,
      request_id: event.requestId,
      ip: event.ip,
      details: JSON.stringify(event.details),
      // The column is typed as never inserted, so no caller can choose it; this is the one writer.
      ...({ xact_id: sql`pg_current_xact_id()` } as object),
    })
    .execute();
}

/**
 * Serialises sequencers across processes. Transaction-scoped, so it is released by commit or
 * rollback; a sequencer that cannot take it leaves the work to the holder.
 */
export async function tryLockSequencer(executor: Executor): Promise<boolean> {
  const result = await sql<{ locked: boolean }>`
    select pg_try_advisory_xact_lock(hashtextextended('audit-sequencer', 0)) as locked
  `.execute(executor);
  return result.rows[0]?.locked === true;
}

export type SealCursor = { xact_id: string; event_id: number };

/**
 * Where the sequencer stopped, and the oldest transaction still running (every older one has
 * ended): both as xid8 text.
 */
export async function findSealCursor(executor: Executor): Promise<SealCursor & { horizon: string }> {
  const row = await sql<SealCursor & { horizon: string }>`
    select "xact_id"::text as "xact_id", "event_id",
      pg_snapshot_xmin(pg_current_snapshot())::text as "horizon"
    from "audit_seal_cursor"
  `.execute(executor);
  if (!row.rows[0]) throw new Error('The audit sequencer has no cursor: the database is not migrated');
  return row.rows[0];
}

export type EntryToSeal = AuditEventRow & { xact_id: string; already_sealed: boolean };

// Whether the entry aliased "event" is sealed into its organisation's chain.
const inChain = sql`exists (
  select 1 from "audit_chain"
  where "audit_chain"."org_id" = "event"."org_id" and "audit_chain"."event_id" = "event"."id"
)`;

// What the sequencer reads of an entry: what its hash covers, and where it stands in sealing order.
const entryToSealColumns = sql`${sql.join(hashedEntryFields.map((column) => sql.ref(`event.${column}`)))},
  "event"."xact_id"::text as "xact_id"`;

/**
 * The next entries after the cursor in (transaction, id) order, written by transactions older
 * than the horizon: they have all ended, so each is visible now or was rolled back, and none can
 * appear behind the cursor later. Each says whether it is already in its chain (only possible
 * for entries restored from another server's backup).
 */
export async function findEntriesToSeal(
  executor: Executor,
  cursor: SealCursor & { horizon: string },
  limit: number,
): Promise<EntryToSeal[]> {
  const result = await sql<EntryToSeal>`
    select ${entryToSealColumns}, ${inChain} as "already_sealed"
    from "audit_events" as "event"
    where ("event"."xact_id", "event"."id") > (${cursor.xact_id}::xid8, ${cursor.event_id}::bigint)
      and "event"."xact_id" < ${cursor.horizon}::xid8
    order by "event"."xact_id", "event"."id"
    limit ${limit}
  `.execute(executor);
  return result.rows;
}

/**
 * Entries in no chain, oldest id first, whatever transaction wrote them: for catching up after a
 * restore into another server, when every entry present has ended.
 */
export async function findUnsealedEntries(executor: Executor, limit: number): Promise<EntryToSeal[]> {
  const result = await sql<EntryToSeal>`
    select ${entryToSealColumns}, false as "already_sealed"
    from "audit_events" as "event"
    where "event"."xact_id" is not null and not ${inChain}
    order by "event"."id"
    limit ${limit}
  `.execute(executor);
  return result.rows;
}

/** Each organisation's last sealed entry, for the organisations given. */
export async function findChainHeads(
  executor: Executor,
  orgIds: string[],
): Promise<Map<string, { seq: number; entry_hash: string }>> {
  const result = await sql<{ org_id: string; seq: number; entry_hash: string }>`
    select "org"."org_id", "head"."seq", "head"."entry_hash"
    from unnest(${orgIds}::uuid[]) as "org" ("org_id")
    join lateral (
      select "seq", "entry_hash" from "audit_chain"
      where "audit_chain"."org_id" = "org"."org_id"
      order by "seq" desc limit 1
    ) as "head" on true
  `.execute(executor);
  return new Map(result.rows.map((row) => [row.org_id, { seq: row.seq, entry_hash: row.entry_hash }]));
}

export async function findChainHead(
  executor: Executor,
  orgId: string,
): Promise<{ seq: number; entry_hash: string } | undefined> {
  return (await findChainHeads(executor, [orgId])).get(orgId);
}

/**
 * Appends sealed entries to their chains and moves the cursor past them, in one statement. The
 * values travel as arrays, so the statement's text is the same for any batch size.
 */
export async function appendToChains(
  executor: Executor,
  sealedAt: Date,
  entries: { org_id: string; seq: number; event_id: number; entry_hash: string }[],
  cursor: SealCursor,
): Promise<void> {
  // When every entry examined was already sealed, only the cursor moves.
  await sql`
    with "sealed" as (
      insert into "audit_chain" ("org_id", "seq", "event_id", "entry_hash", "sealed_at")
      select "entry"."org_id", "entry"."seq", "entry"."event_id", "entry"."entry_hash", ${sealedAt}::timestamptz
      from unnest(
        ${entries.map((entry) => entry.org_id)}::uuid[],
        ${entries.map((entry) => entry.seq)}::bigint[],
        ${entries.map((entry) => entry.event_id)}::bigint[],
        ${entries.map((entry) => entry.entry_hash)}::text[]
      ) as "entry" ("org_id", "seq", "event_id", "entry_hash")
    )
    update "audit_seal_cursor" set "xact_id" = ${cursor.xact_id}::xid8, "event_id" = ${cursor.event_id}
  `.execute(executor);
}

export async function findChainPage(
  db: Db,
  orgId: string,
  afterSeq: number,
  limit: number,
): Promise<(AuditEventRow & { seq: number; entry_hash: string; event_present: boolean })[]> {
  // Left join: a chain entry whose event has vanished must be reported, not silently skipped.
  const rows = await db
    .selectFrom('audit_chain')
    .leftJoin('audit_events', (join) =>
      join
        .onRef('audit_events.org_id', '=', 'audit_chain.org_id')
        .onRef('audit_events.id', '=', 'audit_chain.event_id'),
    )
    .select([
      'audit_chain.seq',
      'audit_chain.entry_hash',
      'audit_chain.event_id',
      'audit_events.id',
      'audit_events.org_id',
      'audit_events.occurred_at',
      'audit_events.actor_type',
      'audit_events.actor_id',
      'audit_events.actor_role',
      'audit_events.action',
      'audit_events.entity_type',
      'audit_events.entity_id',
      'audit_events.changed_fields',
      'audit_events.outcome',
      'audit_events.request_id',
      'audit_events.ip',
      'audit_events.details',
    ])
    .where('audit_chain.org_id', '=', orgId)
    .where('audit_chain.seq', '>', afterSeq)
    .orderBy('audit_chain.seq')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    ...(row as unknown as AuditEventRow),
    seq: row.seq,
    entry_hash: row.entry_hash,
    event_present: row.id !== null,
  }));
}

// An entry waits to be sealed when it is in no chain and the sequencer has yet to reach it: it
// lies after the cursor, or the cursor came from another server (see sealPendingEntries).
const waitingToBeSealed = sql`(
  ("event"."xact_id", "event"."id") > ("cursor"."xact_id", "cursor"."event_id")
  or "cursor"."xact_id" >= pg_snapshot_xmin(pg_current_snapshot())
)`;

export async function countUnsealed(
  db: Db,
  orgId: string,
): Promise<{ pending: number; oldest: Date | null }> {
  const result = await sql<{ pending: number; oldest: Date | null }>`
    select count(*) as "pending", min("event"."occurred_at") as "oldest"
    from "audit_events" as "event", "audit_seal_cursor" as "cursor"
    where "event"."org_id" = ${orgId} and "event"."xact_id" is not null
      and ${waitingToBeSealed} and not ${inChain}
  `.execute(db);
  const row = result.rows[0];
  return {
    pending: Number(row?.pending ?? 0),
    oldest: row?.oldest ? new Date(row.oldest) : null,
  };
}

/**
 * Entries that are neither sealed nor waiting to be: written around the application (no
 * transaction recorded), or passed over by the sequencer.
 */
export async function findUnchainedEventIds(db: Db, orgId: string, limit: number): Promise<number[]> {
  const result = await sql<{ id: number }>`
    select "event"."id" from "audit_events" as "event", "audit_seal_cursor" as "cursor"
    where "event"."org_id" = ${orgId}
      and ("event"."xact_id" is null or not ${waitingToBeSealed})
      and not ${inChain}
    order by "event"."id"
    limit ${limit}
  `.execute(db);
  return result.rows.map((row) => row.id);
}

export async function findAllOrganisationIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('organisations').select('id').orderBy('id').execute();
  return rows.map((row) => row.id);
}

/**
 * Runs a data-changing query (with RETURNING) and writes its audit entry in the same statement:
 * one round trip, atomic without an explicit transaction. The entry is written only if the change
 * returned a row, so an update that matched nothing leaves no entry. `entityIdColumn` names the
 * returned column holding the entity's id when the entry has none of its own.
 */
export async function executeWithAuditEvent<Row>(
  executor: Executor,
  change: Compilable,
  event: NewAuditEvent,
  entityIdColumn: string,
): Promise<Row[]> {
  const compiled = change.compile();
  const statement = auditedChangeStatement(
    compiled.sql,
    compiled.parameters.length,
    event.entityId === null ? entityIdColumn : null,
  );
  const result = await executor.executeQuery<Row>(
    keepPrepared(
      CompiledQuery.raw(statement, [
        ...compiled.parameters,
        event.orgId,
        event.occurredAt,
        event.actorType,
        event.actorId,
        event.actorRole,
        event.action,
        event.entityType,
        event.entityId,
        event.changedFields,
        event.outcome,
        event.requestId,
        event.ip,
        JSON.stringify(event.details),
      ]),
    ),
  );
  return result.rows;
}

// The statement is written out rather than built with the query builder, and kept prepared: it
// is the hottest write path, and only the change itself varies. One text per kind of change, kept
// (up to a bound) so each write reuses it.
const auditedChangeStatements = new Map<string, string>();

function auditedChangeStatement(
  changeSql: string,
  changeParameters: number,
  entityIdColumn: string | null,
): string {
  const key = entityIdColumn === null ? changeSql : `${entityIdColumn}\u0000${changeSql}`;
  const known = auditedChangeStatements.get(key);
  if (known !== undefined) return known;
  const p = (index: number) => `$${changeParameters + index}`;
  // Every parameter must appear in the statement, so the returned id is only a fallback.
  const entityId =
    entityIdColumn === null
      ? `${p(8)}::text`
      : `coalesce(${p(8)}::text, "change".${quoteIdentifier(entityIdColumn)}::text)`;
  const statement = `with "change" as (${changeSql}),
"event" as (
  insert into "audit_events" ("org_id", "occurred_at", "actor_type", "actor_id", "actor_role", "action",
    "entity_type", "entity_id", "changed_fields", "outcome", "request_id", "ip", "details", "xact_id")
  select ${p(1)}::uuid, ${p(2)}::timestamptz, ${p(3)}::text, ${p(4)}::text, ${p(5)}::text, ${p(6)}::text,
    ${p(7)}::text, ${entityId}, ${p(9)}::text[], ${p(10)}::text, ${p(11)}::text, ${p(12)}::text, ${p(13)}::jsonb,
    pg_current_xact_id()
  from "change" limit 1
)
select * from "change"`;
  if (auditedChangeStatements.size < 1_000) auditedChangeStatements.set(key, statement);
  return statement;
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export async function insertCheckpointRecord(
  executor: Executor,
  record: {
    org_id: string;
    size: number;
    signed_at: Date;
    head_hash: string;
    digest: string;
    key_id: string;
  },
): Promise<void> {
  await executor.insertInto('audit_checkpoints').values(record).execute();
}

/** The organisation's most recently signed checkpoint as the database recorded it, and how many there are. */
export async function findLatestCheckpointRecord(
  executor: Executor,
  orgId: string,
): Promise<{ size: number; signed_at: Date; count: number } | undefined> {
  const row = await executor
    .selectFrom('audit_checkpoints')
    .select(['size', 'signed_at', sql<number>`count(*) over ()`.as('count')])
    .where('org_id', '=', orgId)
    .orderBy('signed_at', 'desc')
    .orderBy('size', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { size: Number(row.size), signed_at: row.signed_at, count: Number(row.count) } : undefined;
}
