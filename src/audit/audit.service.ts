import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import * as auditRepository from './audit.repository.ts';
import type { AuditOutcome } from './audit.table.ts';
import { chainHash, GENESIS_HASH } from './audit-hash.ts';

export type AuditRecord = {
  /** What happened, as `<entity>.<verb>`: `user.create`, `session.sign_in`, `person.view`. */
  action: string;
  entityType: string;
  entityId: string | null;
  /** Names of the fields that changed; never their values. */
  changedFields?: string[];
  outcome?: AuditOutcome;
  /** Ids, reasons and bases only: never note text or other personal data. */
  details?: Record<string, unknown>;
};

/**
 * Writes an audit entry. Call it with the same transaction as the change it records, so the two
 * commit or roll back together.
 */
export async function recordAudit(
  executor: Executor,
  context: RequestContext,
  at: Date,
  record: AuditRecord,
): Promise<void> {
  await auditRepository.insertAuditEvent(executor, {
    orgId: context.orgId,
    occurredAt: at,
    actorType: context.actor.type,
    actorId: context.actor.id,
    actorRole: context.actor.role,
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId,
    changedFields: record.changedFields ?? [],
    outcome: record.outcome ?? 'success',
    requestId: context.requestId,
    ip: context.ip,
    details: record.details ?? {},
  });
}

/**
 * Runs one data-changing query with RETURNING and its audit entry as a single statement: the
 * cheapest way to make a single-row change audited and atomic. Use a transaction with
 * recordAudit when a change needs several statements.
 */
export async function changeWithAudit<Row>(
  executor: Executor,
  context: RequestContext,
  at: Date,
  record: AuditRecord & { entityIdColumn?: string },
  // biome-ignore lint/suspicious/noExplicitAny: any Kysely insert/update/delete with returning.
  change: any,
): Promise<Row[]> {
  return auditRepository.executeWithAuditEvent<Row>(
    executor,
    change,
    {
      orgId: context.orgId,
      occurredAt: at,
      actorType: context.actor.type,
      actorId: context.actor.id,
      actorRole: context.actor.role,
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId,
      changedFields: record.changedFields ?? [],
      outcome: record.outcome ?? 'success',
      requestId: context.requestId,
      ip: context.ip,
      details: record.details ?? {},
    },
    record.entityIdColumn ?? 'id',
  );
}

export type SealResult = { organisations: number; sealed: number };

/**
 * Seals committed audit entries into their organisations' hash chains, in batches, in the order
 * of the transactions that wrote them (see findEntriesToSeal). Each organisation has its own
 * chain, and no write ever waits for one: the chain's cost is paid here, once per batch. Bounded:
 * at most `batchSize` entries per call; whatever is left is taken on the next.
 */
export async function sealPendingEntries(
  db: Db,
  options: { clock: Clock; batchSize?: number },
): Promise<SealResult> {
  const batchSize = options.batchSize ?? 5_000;
  return db.transaction().execute(async (trx) => {
    if (!(await auditRepository.tryLockSequencer(trx))) return { organisations: 0, sealed: 0 };
    const cursor = await auditRepository.findSealCursor(trx);
    // The cursor only ever takes a transaction older than a past horizon, so one at or beyond
    // today's was written by another server: the database was restored from a logical backup.
    // Every entry present has ended; entries in no chain are sealed oldest first, and then the
    // cursor starts again from this server's first transaction.
    const restored = BigInt(cursor.xact_id) >= BigInt(cursor.horizon);
    const examined = restored
      ? await auditRepository.findUnsealedEntries(trx, batchSize)
      : await auditRepository.findEntriesToSeal(trx, cursor, batchSize);
    const last = examined.at(-1);
    let nextCursor: auditRepository.SealCursor;
    if (restored) {
      const caughtUp = examined.length < batchSize;
      nextCursor = caughtUp ? { xact_id: '0', event_id: 0 } : cursor;
    } else if (last) {
      nextCursor = { xact_id: last.xact_id, event_id: last.id };
    } else {
      return { organisations: 0, sealed: 0 };
    }
    const events = examined.filter((event) => !event.already_sealed);
    const orgIds = [...new Set(events.map((event) => event.org_id))];
    const heads = await auditRepository.findChainHeads(trx, orgIds);
    const entries = events.map((event) => {
      const head = heads.get(event.org_id);
      const seq = (head?.seq ?? 0) + 1;
      const entryHash = chainHash(head?.entry_hash ?? GENESIS_HASH, seq, event);
      heads.set(event.org_id, { seq, entry_hash: entryHash });
      return { org_id: event.org_id, seq, event_id: event.id, entry_hash: entryHash };
    });
    await auditRepository.appendToChains(trx, options.clock.now(), entries, nextCursor);
    return { organisations: orgIds.length, sealed: entries.length };
  });
}

/**
 * Seals everything written so far, batch after batch: for a stopping server and for commands run
 * while no server may be sealing. Stops early if another process holds the sequencer.
 */
export async function sealAllPendingEntries(db: Db, options: { clock: Clock }): Promise<number> {
  let total = 0;
  for (;;) {
    const { sealed } = await sealPendingEntries(db, { clock: options.clock, batchSize: 10_000 });
    total += sealed;
    if (sealed === 0) return total;
  }
}

export type ChainReport = {
  orgId: string;
  verified: boolean;
  /** Entries sealed into the chain and checked. */
  sealedEntries: number;
  /** Entries written but not yet sealed: normal for a moment, reported with the age of the oldest. */
  unsealedEntries: number;
  oldestUnsealedAgeMs: number | null;
  /** The first sequence number that does not verify, and why. */
  firstBadSeq: number | null;
  problem: string | null;
  /** Entries that are neither sealed nor waiting to be sealed. */
  unchainedEventIds: number[];
};

/** Recomputes every organisation's chain (or one) and names the first entry that does not verify. */
export async function verifyAuditChain(
  db: Db,
  options: { clock: Clock; orgId?: string },
): Promise<ChainReport[]> {
  const orgIds = options.orgId ? [options.orgId] : await auditRepository.findAllOrganisationIds(db);
  const reports: ChainReport[] = [];
  for (const orgId of orgIds) reports.push(await verifyOrganisationChain(db, orgId, options.clock));
  return reports;
}

async function verifyOrganisationChain(db: Db, orgId: string, clock: Clock): Promise<ChainReport> {
  const pageSize = 5_000;
  let previousHash = GENESIS_HASH;
  let expectedSeq = 1;
  let firstBadSeq: number | null = null;
  let problem: string | null = null;
  let checked = 0;

  while (firstBadSeq === null) {
    const page = await auditRepository.findChainPage(db, orgId, expectedSeq - 1, pageSize);
    for (const entry of page) {
      if (entry.seq !== expectedSeq) {
        firstBadSeq = expectedSeq;
        problem = `entry ${expectedSeq} is missing (the chain continues at ${entry.seq})`;
        break;
      }
      if (!entry.event_present) {
        firstBadSeq = entry.seq;
        problem = `the audit entry sealed at ${entry.seq} no longer exists`;
        break;
      }
      const recomputed = chainHash(previousHash, entry.seq, entry);
      if (recomputed !== entry.entry_hash) {
        firstBadSeq = entry.seq;
        problem = `entry ${entry.seq} does not match its hash: it was changed, moved or replaced`;
        break;
      }
      previousHash = entry.entry_hash;
      expectedSeq += 1;
      checked += 1;
    }
    if (page.length < pageSize) break;
  }

  const unsealed = await auditRepository.countUnsealed(db, orgId);
  const unchainedEventIds = await auditRepository.findUnchainedEventIds(db, orgId, 20);
  if (firstBadSeq === null && unchainedEventIds.length > 0) {
    problem = `${unchainedEventIds.length === 20 ? 'at least 20' : unchainedEventIds.length} audit entries are outside the chain (first id ${unchainedEventIds[0]})`;
  }
  return {
    orgId,
    verified: firstBadSeq === null && unchainedEventIds.length === 0,
    sealedEntries: checked,
    unsealedEntries: unsealed.pending,
    oldestUnsealedAgeMs: unsealed.oldest
      ? Math.max(0, clock.now().getTime() - unsealed.oldest.getTime())
      : null,
    firstBadSeq,
    problem,
    unchainedEventIds,
  };
}
