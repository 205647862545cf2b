import { type Compilable, CompiledQuery, sql } from 'kysely';
import type { Db, Executor } from '../db/database.ts';
import { keepPrepared } from '../db/prepared-statements.ts';
import { sameOrganisation } from '../db/same-organisation.ts';
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

// The sealing horizon: the oldest transaction still running that might write audit entries here
// (every transaction before it has ended), or, when none is, the next transaction to start.
// Transaction ids are shared by every database on a PostgreSQL server, and its snapshot lists the
// transactions running in all of them: a long transaction in another database (a migration, a
// report, another application's batch job) would otherwise hold sealing back here for as long as
// it runs. Only transactions known to belong to another database are passed over; one whose
// database cannot be seen is waited for.
const sealingHorizon = sql`coalesce(
  (select "running"."xid" from pg_snapshot_xip(pg_current_snapshot()) as "running" ("xid")
    where ("running"."xid"::text::numeric % 4294967296)::bigint not in (
      select "elsewhere"."backend_xid"::text::bigint from pg_stat_activity as "elsewhere"
      where "elsewhere"."backend_xid" is not null
        and "elsewhere"."datid" <> (select "oid" from pg_database where "datname" = current_database())
    )
    order by "running"."xid" limit 1),
  pg_snapshot_xmax(pg_current_snapshot())
)`;

/**
 * Where the sequencer stopped, the sealing horizon (every transaction before it that could write
 * here has ended), both as xid8 text, and whether the hash chain sealed before the Merkle tree is
 * still to be turned into its first leaves.
 */
export async function findSealCursor(
  executor: Executor,
): Promise<SealCursor & { horizon: string; chain_to_convert: boolean }> {
  const row = await sql<SealCursor & { horizon: string; chain_to_convert: boolean }>`
    select "xact_id"::text as "xact_id", "event_id", "chain_to_convert", ${sealingHorizon}::text as "horizon"
    from "audit_seal_cursor"
  `.execute(executor);
  if (!row.rows[0]) throw new Error('The audit sequencer has no cursor: the database is not migrated');
  return row.rows[0];
}

export type EntryToSeal = AuditEventRow & { xact_id: string; already_sealed: boolean };

// The ids of every sealed entry, of all organisations or one: the blocks' and the hash chain's from
// before them. Whether entries are sealed is always asked of a set of them at once, as a set
// difference or against the few blocks that hold any of them (the GIN index on event_ids): asked
// entry by entry, a plan that reads the organisation's blocks for each entry is quadratic.
function sealedIds(orgId: string | null) {
  const ofOrganisation = orgId === null ? sql`` : sql`where "org_id" = ${orgId}`;
  return sql`(select unnest("event_ids") from "audit_blocks" ${ofOrganisation}
    union all
    select "event_id" from "audit_chain" ${ofOrganisation})`;
}

// What the sequencer reads of an entry: what its hash covers, and where it stands in sealing order.
const entryToSealColumns = sql`${sql.join(hashedEntryFields.map((column) => sql.ref(`event.${column}`)))},
  "event"."xact_id"::text as "xact_id"`;

/**
 * The next entries after the cursor in (transaction, id) order, written by transactions older
 * than the horizon: they have all ended, so each is visible now or was rolled back, and none can
 * appear behind the cursor later. Each says whether it is already sealed (only possible for
 * entries restored from another server's backup).
 */
export async function findEntriesToSeal(
  executor: Executor,
  cursor: SealCursor & { horizon: string },
  limit: number,
): Promise<EntryToSeal[]> {
  // Which blocks hold any of the candidates must be asked of the GIN index. While an organisation
  // has few blocks the planner prefers reading them all and testing each block's ids against the
  // candidates with &&, which compares every id with every id: 240 ms a batch under load with a
  // hundred blocks, where the index answers in 2 ms. Only for this statement (callers hold the
  // sequencer's transaction).
  await sql`set local enable_seqscan = off`.execute(executor);
  const result = await sql<EntryToSeal>`
    with "candidate" as materialized (
      select ${entryToSealColumns}
      from "audit_events" as "event"
      where ("event"."xact_id", "event"."id") > (${cursor.xact_id}::xid8, ${cursor.event_id}::bigint)
        and "event"."xact_id" < ${cursor.horizon}::xid8
      order by "event"."xact_id", "event"."id"
      limit ${limit}
    ), "ids" as materialized (
      select coalesce(array_agg("id"), '{}') as "ids" from "candidate"
    ), "sealed" as (
      select unnest("block"."event_ids") as "id" from "audit_blocks" as "block", "ids"
      where "block"."event_ids" && "ids"."ids"
      union
      select "chain"."event_id" from "candidate"
      join "audit_chain" as "chain" on "chain"."org_id" = "candidate"."org_id" and "chain"."event_id" = "candidate"."id"
    )
    select "candidate".*, "sealed"."id" is not null as "already_sealed"
    from "candidate" left join "sealed" on "sealed"."id" = "candidate"."id"
    order by "candidate"."xact_id", "candidate"."id"
  `.execute(executor);
  await sql`set local enable_seqscan = on`.execute(executor);
  return result.rows;
}

/**
 * Entries in no block, oldest id first, whatever transaction wrote them: for catching up after a
 * restore into another server, when every entry present has ended.
 */
export async function findUnsealedEntries(executor: Executor, limit: number): Promise<EntryToSeal[]> {
  const result = await sql<EntryToSeal>`
    select ${entryToSealColumns}, false as "already_sealed"
    from "audit_events" as "event"
    where "event"."id" in (
      select "id" from "audit_events" where "xact_id" is not null
      except ${sealedIds(null)}
    )
    order by "event"."id"
    limit ${limit}
  `.execute(executor);
  return result.rows;
}

/** The last block of an organisation's tree: its size, the right edge to append to, and its head. */
export type TreeTip = { size: number; frontier: Buffer; head: Buffer };

/** Each organisation's latest block, for the organisations given (none: an empty tree). */
export async function findTreeTips(executor: Executor, orgIds: string[]): Promise<Map<string, TreeTip>> {
  const result = await sql<{
    org_id: string;
    tree_size: number;
    frontier: Uint8Array;
    tree_head: Uint8Array;
  }>`
    select "org"."org_id", "tip"."tree_size", "tip"."frontier", "tip"."tree_head"
    from unnest(${orgIds}::uuid[]) as "org" ("org_id")
    join lateral (
      select "tree_size", "frontier", "tree_head" from "audit_blocks"
      where "audit_blocks"."org_id" = "org"."org_id"
      order by "tree_size" desc limit 1
    ) as "tip" on true
  `.execute(executor);
  return new Map(
    result.rows.map((row) => [
      row.org_id,
      { size: Number(row.tree_size), frontier: asBuffer(row.frontier), head: asBuffer(row.tree_head) },
    ]),
  );
}

export async function findTreeTip(executor: Executor, orgId: string): Promise<TreeTip | undefined> {
  return (await findTreeTips(executor, [orgId])).get(orgId);
}

// The pg driver hands bytea over as a Buffer, the embedded database as a Uint8Array: one type here.
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

export type NewBlock = Omit<StoredBlock, 'sealed_at'> & { org_id: string };

/** Appends sealed blocks and moves the cursor past what they hold, in one statement. */
export async function appendBlocks(
  executor: Executor,
  sealedAt: Date,
  blocks: NewBlock[],
  cursor: SealCursor,
): Promise<void> {
  const moveCursor = sql`update "audit_seal_cursor" set "xact_id" = ${cursor.xact_id}::xid8, "event_id" = ${cursor.event_id}`;
  // When every entry examined was already sealed, only the cursor moves.
  if (blocks.length === 0) {
    await moveCursor.execute(executor);
    return;
  }
  const rows = blocks.map(
    (block) => sql`(${block.org_id}::uuid, ${block.tree_size}::bigint, ${block.start_size}::bigint,
      ${block.event_ids}::bigint[], ${block.nodes}::bytea, ${block.frontier}::bytea, ${block.tree_head}::bytea,
      ${block.previous_head}::bytea, ${sealedAt}::timestamptz)`,
  );
  await sql`
    with "sealed" as (
      insert into "audit_blocks" ("org_id", "tree_size", "start_size", "event_ids", "nodes", "frontier",
        "tree_head", "previous_head", "sealed_at")
      values ${sql.join(rows)}
    )
    ${moveCursor}
  `.execute(executor);
}

/** The hash chain sealed before the tree: an organisation's part not yet turned into leaves. */
export async function findChainToConvert(
  executor: Executor,
): Promise<{ org_id: string; size: number; tip: TreeTip | null } | undefined> {
  // One row per organisation sealed before the tree, read once per batch while upgrading.
  const cutovers = await executor
    .selectFrom('audit_chain_cutover')
    .select(['org_id', 'size'])
    .orderBy('org_id')
    .execute();
  const tips = await findTreeTips(
    executor,
    cutovers.map((cutover) => cutover.org_id),
  );
  for (const cutover of cutovers) {
    const tip = tips.get(cutover.org_id) ?? null;
    if ((tip?.size ?? 0) < Number(cutover.size))
      return { org_id: cutover.org_id, size: Number(cutover.size), tip };
  }
  return undefined;
}

export async function markChainConverted(executor: Executor): Promise<void> {
  await sql`update "audit_seal_cursor" set "chain_to_convert" = false`.execute(executor);
}

export async function findChainCutover(
  executor: Executor,
  orgId: string,
): Promise<{ size: number; head_hash: string } | undefined> {
  const row = await executor
    .selectFrom('audit_chain_cutover')
    .select(['size', 'head_hash'])
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return row ? { size: Number(row.size), head_hash: row.head_hash } : undefined;
}

/** The chain's stored hashes for seqs after `afterSeq`, in order: for checking the prefix. */
export async function findChainHashes(
  executor: Executor,
  orgId: string,
  afterSeq: number,
  limit: number,
): Promise<{ seq: number; event_id: number; entry_hash: string }[]> {
  const rows = await executor
    .selectFrom('audit_chain')
    .select(['seq', 'event_id', 'entry_hash'])
    .where('org_id', '=', orgId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    seq: Number(row.seq),
    event_id: Number(row.event_id),
    entry_hash: row.entry_hash,
  }));
}

export type StoredBlock = {
  start_size: number;
  tree_size: number;
  event_ids: number[];
  nodes: Buffer;
  frontier: Buffer;
  tree_head: Buffer;
  previous_head: Buffer;
  sealed_at: Date;
};

function toStoredBlock(row: Record<string, unknown>): StoredBlock {
  return {
    start_size: Number(row.start_size),
    tree_size: Number(row.tree_size),
    event_ids: (row.event_ids as (number | string)[]).map(Number),
    nodes: asBuffer(row.nodes as Uint8Array),
    frontier: asBuffer(row.frontier as Uint8Array),
    tree_head: asBuffer(row.tree_head as Uint8Array),
    previous_head: asBuffer(row.previous_head as Uint8Array),
    sealed_at: row.sealed_at as Date,
  };
}

/** The blocks after tree size `afterSize`, in order, as many as hold about `entries` entries. */
export async function findBlocksAfter(
  executor: Executor,
  orgId: string,
  afterSize: number,
  entries: number,
): Promise<StoredBlock[]> {
  // Every block ends beyond afterSize, so the first `entries` sizes past it bound the page.
  const rows = await executor
    .selectFrom('audit_blocks')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('tree_size', '>', afterSize)
    .orderBy('tree_size')
    .limit(entries)
    .execute();
  const blocks: StoredBlock[] = [];
  let total = 0;
  for (const row of rows) {
    const block = toStoredBlock(row as unknown as Record<string, unknown>);
    if (blocks.length > 0 && total + block.event_ids.length > entries) break;
    blocks.push(block);
    total += block.event_ids.length;
  }
  return blocks;
}

/** The block that ends the tree at exactly `size`, without its nodes: where a check may start. */
export async function findBlockEndingAt(
  executor: Executor,
  orgId: string,
  size: number,
): Promise<{ frontier: Buffer; tree_head: Buffer } | undefined> {
  const row = await executor
    .selectFrom('audit_blocks')
    .select(['frontier', 'tree_head'])
    .where('org_id', '=', orgId)
    .where('tree_size', '=', size)
    .executeTakeFirst();
  return row ? { frontier: asBuffer(row.frontier), tree_head: asBuffer(row.tree_head) } : undefined;
}

/** The size the block holding leaf `size` (0-based: the entry at seq size + 1) starts at. */
export async function findBlockStartHolding(
  executor: Executor,
  orgId: string,
  leafIndex: number,
): Promise<number | undefined> {
  const row = await executor
    .selectFrom('audit_blocks')
    .select('start_size')
    .where('org_id', '=', orgId)
    .where('tree_size', '>', leafIndex)
    .orderBy('tree_size')
    .limit(1)
    .executeTakeFirst();
  return row ? Number(row.start_size) : undefined;
}

/** Where an entry is sealed: the block that holds it (its seq is start_size + its place + 1). */
export async function findBlockHoldingEntry(
  executor: Executor,
  orgId: string,
  eventId: number,
): Promise<{ start_size: number; tree_size: number; event_ids: number[] } | undefined> {
  const row = await sql<{ start_size: number; tree_size: number; event_ids: (number | string)[] }>`
    select "start_size", "tree_size", "event_ids" from "audit_blocks"
    where "org_id" = ${orgId} and "event_ids" @> array[${eventId}::bigint]
    order by "tree_size" limit 1
  `.execute(executor);
  const block = row.rows[0];
  return block
    ? {
        start_size: Number(block.start_size),
        tree_size: Number(block.tree_size),
        event_ids: block.event_ids.map(Number),
      }
    : undefined;
}

/**
 * The stored hashes of perfect subtrees (level, index), each read from the block that appended
 * its last leaf, at its place in that block's nodes (merkle.ts blockNodeOffset, written in SQL):
 * one statement, and only 32 bytes of each block (nodes is stored uncompressed, so PostgreSQL
 * reads just that slice). A subtree no block holds is left out.
 */
export async function findSubtreeHashes(
  executor: Executor,
  orgId: string,
  subtrees: { level: number; index: number }[],
): Promise<Map<string, Buffer>> {
  if (subtrees.length === 0) return new Map();
  const result = await sql<{ level: number; index: number; hash: Uint8Array | null }>`
    select "wanted"."level", "wanted"."index",
      substring("block"."nodes" from (
        (select coalesce(sum(("block"."tree_size" >> "below") - ("block"."start_size" >> "below")), 0)
          from generate_series(0, "wanted"."level" - 1) as "below")
        + "wanted"."index" - ("block"."start_size" >> "wanted"."level")
      )::int * 32 + 1 for 32) as "hash"
    from unnest(${subtrees.map((subtree) => subtree.level)}::int[], ${subtrees.map((subtree) => subtree.index)}::bigint[])
      as "wanted" ("level", "index")
    join lateral (
      select "start_size", "tree_size", "nodes" from "audit_blocks"
      where "audit_blocks"."org_id" = ${orgId}
        and "audit_blocks"."tree_size" >= ("wanted"."index" + 1) << "wanted"."level"
      order by "tree_size" limit 1
    ) as "block" on "block"."start_size" < ("wanted"."index" + 1) << "wanted"."level"
  `.execute(executor);
  const hashes = new Map<string, Buffer>();
  for (const row of result.rows) {
    if (row.hash && row.hash.length === 32)
      hashes.set(`${row.level}:${Number(row.index)}`, asBuffer(row.hash));
  }
  return hashes;
}

/** Entries by id, in the order given; null where an entry no longer exists. */
export async function findEntriesByIds(
  executor: Executor,
  orgId: string,
  eventIds: number[],
): Promise<(AuditEventRow | null)[]> {
  const result = await sql<AuditEventRow & { position: number }>`
    select "position"."ord" as "position", ${sql.join(hashedEntryFields.map((column) => sql.ref(`event.${column}`)))}
    from unnest(${eventIds}::bigint[]) with ordinality as "position" ("id", "ord")
    left join "audit_events" as "event" on "event"."org_id" = ${orgId} and "event"."id" = "position"."id"
    order by "position"."ord"
  `.execute(executor);
  return result.rows.map((row) => (row.id === null ? null : row));
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
    .leftJoin('audit_events', (join) => sameOrganisation(join, 'audit_events.id', 'audit_chain.event_id'))
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
  or "cursor"."xact_id" >= ${sealingHorizon}
)`;

export async function countUnsealed(
  db: Db,
  orgId: string,
): Promise<{ pending: number; oldest: Date | null }> {
  const result = await sql<{ pending: number; oldest: Date | null }>`
    select count(*) as "pending", min("event"."occurred_at") as "oldest"
    from "audit_events" as "event"
    where "event"."org_id" = ${orgId} and "event"."id" in (
      select "event"."id" from "audit_events" as "event", "audit_seal_cursor" as "cursor"
      where "event"."org_id" = ${orgId} and "event"."xact_id" is not null and ${waitingToBeSealed}
      except ${sealedIds(orgId)}
    )
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
  // As set differences, which PostgreSQL answers by hashing or sorting each side once: written as
  // "not exists" it may look through every block's ids for every entry.
  const result = await sql<{ id: number }>`
    select "unchained"."id" from (
      select "event"."id" from "audit_events" as "event", "audit_seal_cursor" as "cursor"
      where "event"."org_id" = ${orgId} and ("event"."xact_id" is null or not ${waitingToBeSealed})
      except ${sealedIds(orgId)}
    ) as "unchained"
    order by "unchained"."id"
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
