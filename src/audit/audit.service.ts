import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import * as auditRepository from './audit.repository.ts';
import type { AuditOutcome } from './audit.table.ts';
import { chainHash, entryLeafHash, GENESIS_HASH } from './audit-hash.ts';
import { buildBlock, chainEntryLeaf, checkTree } from './audit-tree.service.ts';

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

/** The entry for a change `context` made at `at`: who, from where, in which request, and what. */
function auditEventOf(context: RequestContext, at: Date, record: AuditRecord): auditRepository.NewAuditEvent {
  return {
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
  };
}

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
  await auditRepository.insertAuditEvent(executor, auditEventOf(context, at, record));
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
    auditEventOf(context, at, record),
    record.entityIdColumn ?? 'id',
  );
}

export type SealResult = { organisations: number; sealed: number };

/**
 * Seals committed audit entries into their organisations' Merkle trees, in batches, in the order
 * of the transactions that wrote them (see findEntriesToSeal): one block per organisation per
 * batch. No write ever waits for a tree: its cost is paid here, once per batch, and appending
 * reads only the last block's right edge. Bounded: at most `batchSize` entries per call;
 * whatever is left is taken on the next.
 */
export async function sealPendingEntries(
  db: Db,
  options: { clock: Clock; batchSize?: number },
): Promise<SealResult> {
  const batchSize = options.batchSize ?? 5_000;
  return db.transaction().execute(async (trx) => {
    if (!(await auditRepository.tryLockSequencer(trx))) return { organisations: 0, sealed: 0 };
    const cursor = await auditRepository.findSealCursor(trx);
    if (cursor.chain_to_convert) {
      const converted = await convertChain(trx, options.clock, batchSize);
      if (converted) return converted;
    }
    // The cursor only ever takes a transaction older than a past horizon, so one at or beyond
    // today's was written by another server: the database was restored from a logical backup.
    // Every entry present has ended; entries in no block are sealed oldest first, and then the
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
    const byOrganisation = new Map<string, { eventId: number; leaf: Buffer }[]>();
    for (const event of examined) {
      if (event.already_sealed) continue;
      let entries = byOrganisation.get(event.org_id);
      if (!entries) {
        entries = [];
        byOrganisation.set(event.org_id, entries);
      }
      entries.push({ eventId: event.id, leaf: entryLeafHash(event) });
    }
    const tips = await auditRepository.findTreeTips(trx, [...byOrganisation.keys()]);
    const blocks = [...byOrganisation].map(([orgId, entries]) =>
      buildBlock(orgId, tips.get(orgId) ?? null, entries),
    );
    await auditRepository.appendBlocks(trx, options.clock.now(), blocks, nextCursor);
    return {
      organisations: blocks.length,
      sealed: blocks.reduce((total, block) => total + block.event_ids.length, 0),
    };
  });
}

/**
 * Turns the next part of a hash chain sealed before the Merkle tree into the tree's first leaves,
 * in chain order, before anything new is sealed after them. Null once every chain is converted.
 */
async function convertChain(trx: Executor, clock: Clock, batchSize: number): Promise<SealResult | null> {
  const chain = await auditRepository.findChainToConvert(trx);
  if (!chain) {
    await auditRepository.markChainConverted(trx);
    return null;
  }
  const size = chain.tip?.size ?? 0;
  const count = Math.min(batchSize, chain.size - size);
  const links = await auditRepository.findChainHashes(trx, chain.org_id, size, count);
  const entries = await auditRepository.findEntriesByIds(
    trx,
    chain.org_id,
    links.map((link) => link.event_id),
  );
  const bySeq = new Map(links.map((link, index) => [link.seq, { link, entry: entries[index] ?? null }]));
  const leaves: { eventId: number; leaf: Buffer }[] = [];
  for (let seq = size + 1; seq <= size + count; seq += 1) {
    // A link gone from the chain keeps its place (with no entry), so every later entry stays at
    // the position the chain gave it; checking the chain reports the gap.
    const found = bySeq.get(seq);
    leaves.push({ eventId: found?.link.event_id ?? 0, leaf: chainEntryLeaf(found?.entry ?? null, seq) });
  }
  const block = buildBlock(chain.org_id, chain.tip, leaves);
  const cursor = await auditRepository.findSealCursor(trx);
  await auditRepository.appendBlocks(trx, clock.now(), [block], cursor);
  return { organisations: 1, sealed: leaves.length };
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
  const tree = await checkTree(db, orgId, { fromSize: 0, toSize: Number.POSITIVE_INFINITY });
  let { firstBadSeq, problem } = tree;
  let checked = tree.checked;
  // Entries of the hash chain sealed before the tree that the sequencer has yet to turn into
  // leaves (for a moment after upgrading) are checked as a chain.
  const cutover = await auditRepository.findChainCutover(db, orgId);
  if (firstBadSeq === null && cutover && tree.size < cutover.size) {
    const rest = await checkChainAfter(db, orgId, tree.size, cutover.size);
    ({ firstBadSeq, problem } = rest);
    checked += rest.checked;
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

async function checkChainAfter(
  db: Db,
  orgId: string,
  afterSeq: number,
  toSeq: number,
): Promise<{ checked: number; firstBadSeq: number | null; problem: string | null }> {
  let previousHash =
    afterSeq === 0
      ? GENESIS_HASH
      : ((await auditRepository.findChainHashes(db, orgId, afterSeq - 1, 1))[0]?.entry_hash ?? GENESIS_HASH);
  let checked = 0;
  for (let seq = afterSeq + 1; seq <= toSeq; ) {
    const page = await auditRepository.findChainPage(db, orgId, seq - 1, Math.min(5_000, toSeq - seq + 1));
    if (page.length === 0) return { checked, firstBadSeq: seq, problem: `entry ${seq} is missing` };
    for (const entry of page) {
      if (entry.seq !== seq) {
        return {
          checked,
          firstBadSeq: seq,
          problem: `entry ${seq} is missing (the chain continues at ${entry.seq})`,
        };
      }
      if (!entry.event_present) {
        return { checked, firstBadSeq: seq, problem: `the audit entry sealed at ${seq} no longer exists` };
      }
      if (chainHash(previousHash, seq, entry) !== entry.entry_hash) {
        return {
          checked,
          firstBadSeq: seq,
          problem: `entry ${seq} does not match its hash: it was changed, moved or replaced`,
        };
      }
      previousHash = entry.entry_hash;
      checked += 1;
      seq += 1;
    }
  }
  return { checked, firstBadSeq: null, problem: null };
}
