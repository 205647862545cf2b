import { sql } from 'kysely';
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

export async function findOrganisationsWithPendingEntries(db: Db, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('audit_pending').select('org_id').distinct().limit(limit).execute();
  return rows.map((row) => row.org_id);
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

export async function findPendingEvents(
  executor: Executor,
  orgId: string,
  limit: number,
): Promise<AuditEventRow[]> {
  return executor
    .selectFrom('audit_pending')
    .innerJoin('audit_events', (join) =>
      join
        .onRef('audit_events.org_id', '=', 'audit_pending.org_id')
        .onRef('audit_events.id', '=', 'audit_pending.event_id'),
    )
    .selectAll('audit_events')
    .where('audit_pending.org_id', '=', orgId)
    .orderBy('audit_pending.event_id')
    .limit(limit)
    .execute();
}

export async function insertChainEntries(
  executor: Executor,
  entries: { org_id: string; seq: number; event_id: number; entry_hash: string; sealed_at: Date }[],
): Promise<void> {
  if (entries.length === 0) return;
  await executor.insertInto('audit_chain').values(entries).execute();
}

export async function deletePending(executor: Executor, orgId: string, eventIds: number[]): Promise<void> {
  if (eventIds.length === 0) return;
  await executor
    .deleteFrom('audit_pending')
    .where('org_id', '=', orgId)
    .where('event_id', 'in', eventIds)
    .execute();
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
  // biome-ignore lint/suspicious/noExplicitAny: any data-modifying query with RETURNING fits here.
  change: any,
  event: NewAuditEvent,
  entityIdColumn: string,
): Promise<Row[]> {
  const rows = await executor
    .with('change', () => change)
    .with('event', (db) =>
      db
        .insertInto('audit_events')
        .columns([
          'org_id',
          'occurred_at',
          'actor_type',
          'actor_id',
          'actor_role',
          'action',
          'entity_type',
          'entity_id',
          'changed_fields',
          'outcome',
          'request_id',
          'ip',
          'details',
        ])
        .expression((eb) =>
          eb
            // biome-ignore lint/suspicious/noExplicitAny: the CTE's columns are not known statically.
            .selectFrom('change' as any)
            .select([
              eb.val(event.orgId).as('org_id'),
              eb.val(event.occurredAt).as('occurred_at'),
              eb.val(event.actorType).as('actor_type'),
              eb.val(event.actorId).as('actor_id'),
              eb.val(event.actorRole).as('actor_role'),
              eb.val(event.action).as('action'),
              eb.val(event.entityType).as('entity_type'),
              event.entityId === null
                ? sql<string>`${sql.ref(`change.${entityIdColumn}`)}::text`.as('entity_id')
                : eb.val(event.entityId).as('entity_id'),
              sql<string[]>`${event.changedFields}::text[]`.as('changed_fields'),
              eb.val(event.outcome).as('outcome'),
              eb.val(event.requestId).as('request_id'),
              eb.val(event.ip).as('ip'),
              sql<string>`${JSON.stringify(event.details)}::jsonb`.as('details'),
            ])
            .limit(1),
        )
        .returning(['org_id', 'id']),
    )
    .with('pending', (db) =>
      db
        .insertInto('audit_pending')
        .columns(['org_id', 'event_id'])
        .expression((eb) => eb.selectFrom('event').select(['event.org_id', 'event.id as event_id'])),
    )
    // biome-ignore lint/suspicious/noExplicitAny: rows are typed by the caller's query.
    .selectFrom('change' as any)
    .selectAll()
    .execute();
  return rows as Row[];
}
