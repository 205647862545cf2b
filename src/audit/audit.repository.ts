import { type Compilable, CompiledQuery, sql } from 'kysely';
import { keepPrepared } from '../db/create-db.ts';
import type { Db, Executor } from '../db/database.ts';
import type { ActorType, AuditEventRow, AuditOutcome } from './audit.table.ts';

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

/** Inserts the entry and queues it for sealing in one statement: one round trip per audited change. */
export async function insertAuditEvent(executor: Executor, event: NewAuditEvent): Promise<void> {
  await executor
    .with('event', (db) =>
      db
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
        })
        .returning(['org_id', 'id']),
    )
    .insertInto('audit_pending')
    .columns(['org_id', 'event_id'])
    .expression((db) => db.selectFrom('event').select(['event.org_id', 'event.id as event_id']))
    .execute();
}

/**
 * The queue's rows are deleted as fast as they are added, and without a vacuum (the embedded
 * database has none; a server may have autovacuum off or lagging) their dead entries stay in the
 * table and its index. A plain index scan marks the dead index entries it passes so later scans
 * step over them; bitmap and sequential scans never do, and would cost more with every entry
 * ever queued. So the queue is only ever read by plain index scans: this walks its primary key one
 * organisation at a time.
 */
export async function findOrganisationsWithPendingEntries(
  executor: Executor,
  limit: number,
): Promise<string[]> {
  const result = await sql<{ org_id: string }>`
    with recursive "queued" ("org_id") as (
      (select "org_id" from "audit_pending" order by "org_id" limit 1)
      union all
      select (
        select "later"."org_id" from "audit_pending" as "later"
        where "later"."org_id" > "queued"."org_id"
        order by "later"."org_id" limit 1
      )
      from "queued" where "queued"."org_id" is not null
    )
    select "org_id" from "queued" where "org_id" is not null limit ${limit}
  `.execute(executor);
  return result.rows.map((row) => row.org_id);
}

/**
 * Clears the queue's deleted rows out of its table and index. Needed where nothing vacuums (the
 * embedded database; a server with autovacuum off), and sooner than autovacuum would: the sealer
 * reads the queue from its start, over every row deleted since the last vacuum. Runs outside any
 * transaction; skipped if another vacuum of the queue is under way. It never shrinks the file:
 * that needs a lock every audited write would wait for (and, while writes go on, vacuum would
 * spend seconds trying to take it).
 */
export async function vacuumQueue(db: Db): Promise<void> {
  await sql`vacuum (skip_locked, truncate false) audit_pending`.execute(db);
}

/** For the rest of the sealer's transaction: plain index scans only (see above for why). */
export async function readQueueByIndexOnly(executor: Executor): Promise<void> {
  await sql`
    select set_config('enable_seqscan', 'off', true), set_config('enable_bitmapscan', 'off', true)
  `.execute(executor);
}

/**
 * Serialises sealers of one organisation's chain across processes. Transaction-scoped, so it is
 * released by commit or rollback; a sealer that cannot take it leaves the chain to the holder.
 */
export async function tryLockChain(executor: Executor, orgId: string): Promise<boolean> {
  const result = await sql<{ locked: boolean }>`
    select pg_try_advisory_xact_lock(hashtextextended(${'audit-chain:' + orgId}, 0)) as locked
  `.execute(executor);
  return result.rows[0]?.locked === true;
}

export async function findChainHead(
  executor: Executor,
  orgId: string,
): Promise<{ seq: number; entry_hash: string } | undefined> {
  return executor
    .selectFrom('audit_chain')
    .select(['seq', 'entry_hash'])
    .where('org_id', '=', orgId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * The next queued entries, oldest first, with the queue rows taken. A queue row whose entry does
 * not exist (only a write around the application makes one) is taken too, so it cannot hold the
 * queue up, and it is returned in `queuedIds` alone.
 */
export async function findPendingEvents(
  executor: Executor,
  orgId: string,
  limit: number,
): Promise<{ queuedIds: number[]; events: AuditEventRow[] }> {
  // Each queued entry is fetched by its primary key (`offset 0` keeps the lookup a nested loop):
  // without fresh statistics the planner would otherwise read every entry of the organisation.
  const result = await sql<AuditEventRow & { queued_id: number }>`
    select "pending"."event_id" as "queued_id", "event".* from (
      select "event_id" from "audit_pending" where "org_id" = ${orgId} order by "event_id" limit ${limit}
    ) as "pending"
    left join lateral (
      select * from "audit_events"
      where "audit_events"."org_id" = ${orgId} and "audit_events"."id" = "pending"."event_id"
      offset 0
    ) as "event" on true
    order by "pending"."event_id"
  `.execute(executor);
  const events: AuditEventRow[] = [];
  for (const { queued_id: _queuedId, ...event } of result.rows) if (event.id !== null) events.push(event);
  return { queuedIds: result.rows.map((row) => row.queued_id), events };
}

/**
 * Appends sealed entries to the chain and takes the given rows off the queue, in one statement.
 * The values travel as arrays, so the statement's text is the same for any batch size.
 */
export async function appendToChain(
  executor: Executor,
  orgId: string,
  sealedAt: Date,
  entries: { seq: number; event_id: number; entry_hash: string }[],
  dequeuedIds: number[],
): Promise<void> {
  if (entries.length === 0 && dequeuedIds.length === 0) return;
  await sql`
    with "sealed" as (
      insert into "audit_chain" ("org_id", "seq", "event_id", "entry_hash", "sealed_at")
      select ${orgId}::uuid, "entry"."seq", "entry"."event_id", "entry"."entry_hash", ${sealedAt}::timestamptz
      from unnest(
        ${entries.map((entry) => entry.seq)}::bigint[],
        ${entries.map((entry) => entry.event_id)}::bigint[],
        ${entries.map((entry) => entry.entry_hash)}::text[]
      ) as "entry" ("seq", "event_id", "entry_hash")
    )
    delete from "audit_pending"
    where "org_id" = ${orgId}::uuid and "event_id" = any(${dequeuedIds}::bigint[])
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

export async function countUnsealed(
  db: Db,
  orgId: string,
): Promise<{ pending: number; oldest: Date | null }> {
  const row = await db
    .selectFrom('audit_pending')
    .innerJoin('audit_events', (join) =>
      join
        .onRef('audit_events.org_id', '=', 'audit_pending.org_id')
        .onRef('audit_events.id', '=', 'audit_pending.event_id'),
    )
    .select((eb) => [
      eb.fn.countAll<number>().as('pending'),
      eb.fn.min('audit_events.occurred_at').as('oldest'),
    ])
    .where('audit_pending.org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  return { pending: Number(row.pending), oldest: row.oldest ? new Date(row.oldest) : null };
}

/** Entries that are neither sealed nor waiting to be: written around the application, or un-queued. */
export async function findUnchainedEventIds(db: Db, orgId: string, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('audit_events as event')
    .select('event.id')
    .where('event.org_id', '=', orgId)
    .where((eb) =>
      eb.and([
        eb.not(
          eb.exists(
            eb
              .selectFrom('audit_chain')
              .select('audit_chain.seq')
              .whereRef('audit_chain.org_id', '=', 'event.org_id')
              .whereRef('audit_chain.event_id', '=', 'event.id'),
          ),
        ),
        eb.not(
          eb.exists(
            eb
              .selectFrom('audit_pending')
              .select('audit_pending.event_id')
              .whereRef('audit_pending.org_id', '=', 'event.org_id')
              .whereRef('audit_pending.event_id', '=', 'event.id'),
          ),
        ),
      ]),
    )
    .orderBy('event.id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
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
    "entity_type", "entity_id", "changed_fields", "outcome", "request_id", "ip", "details")
  select ${p(1)}::uuid, ${p(2)}::timestamptz, ${p(3)}::text, ${p(4)}::text, ${p(5)}::text, ${p(6)}::text,
    ${p(7)}::text, ${entityId}, ${p(9)}::text[], ${p(10)}::text, ${p(11)}::text, ${p(12)}::text, ${p(13)}::jsonb
  from "change" limit 1
  returning "org_id", "id"
),
"pending" as (insert into "audit_pending" ("org_id", "event_id") select "org_id", "id" from "event")
select * from "change"`;
  if (auditedChangeStatements.size < 1_000) auditedChangeStatements.set(key, statement);
  return statement;
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
