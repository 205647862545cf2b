import { createPublicKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, testAppForFile, testBackend } from '../../test/app-for-test.ts';
import {
  asSuperuser,
  checkpointDirectoryForFile,
  eventIdAt,
  recordTestEntries,
  sealedEventIds,
} from '../../test/audit-trail.ts';
import { createTestOrganisation, createTestUser, signIn } from '../../test/factories.ts';
import { ManualClock } from '../clock.ts';
import { systemContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { migrateTo, migrateToLatest } from '../db/migrate.ts';
import * as auditRepository from './audit.repository.ts';
import { recordAudit, sealPendingEntries, verifyAuditChain } from './audit.service.ts';
import { chainHash, entryLeafHash, GENESIS_HASH } from './audit-hash.ts';
import { checkProof } from './audit-proof-check.ts';
import { consistencyProofFor, inclusionProofFor, treeHeadAt } from './audit-tree.service.ts';
import {
  CHAIN_CHECKPOINT_FORMAT,
  checkpointFileName,
  loadSigningKey,
  signCheckpoint,
  verifyAuditTrail,
  writeCheckpoint,
} from './checkpoint.ts';
import { MemoryMerkleTree, verifyConsistency, verifyInclusion } from './merkle.ts';

const { settings } = checkpointDirectoryForFile('liaison-audit-tree-');
const t = testAppForFile({ config: { auditCheckpoint: { ...settings, intervalMs: 0 } } });

async function addEntries(db: Db, orgId: string, count: number): Promise<void> {
  await recordTestEntries(db, t.clock, orgId, count);
}

/** Seals in blocks of the sizes given, one after another, then whatever is left. */
async function sealInBlocks(db: Db, sizes: number[]): Promise<void> {
  for (const batchSize of sizes) await sealPendingEntries(db, { clock: t.clock, batchSize });
  while ((await sealPendingEntries(db, { clock: t.clock })).sealed > 0) {
    // drain
  }
}

/** The organisation's tree rebuilt in memory from its entries, for comparison. */
async function treeInMemory(db: Db, orgId: string): Promise<MemoryMerkleTree> {
  const ids = await sealedEventIds(db, orgId);
  const entries = await auditRepository.findEntriesByIds(db, orgId, ids);
  const tree = new MemoryMerkleTree();
  tree.append(entries.map((entry) => entryLeafHash(entry!)));
  return tree;
}

describe('the audit trail’s Merkle tree', () => {
  it('stores one row per sealed block and reads the same heads and proofs as a tree rebuilt from the entries', async () => {
    const organisation = await createTestOrganisation(t.db, t.clock);
    const orgId = organisation.id;
    await addEntries(t.db, orgId, 40);
    await sealInBlocks(t.db, [1, 3, 1, 7, 2, 5, 1, 11]);
    const blocks = await t.db
      .selectFrom('audit_blocks')
      .select(['start_size', 'tree_size'])
      .where('org_id', '=', orgId)
      .orderBy('tree_size')
      .execute();
    expect(blocks.length).toBeGreaterThan(5);
    expect(blocks.length).toBeLessThan(41);
    const tree = await treeInMemory(t.db, orgId);
    expect(tree.size).toBe(41);
    for (const size of [1, 2, 3, 8, 17, 40, 41]) {
      expect((await treeHeadAt(t.db, orgId, size))?.equals(tree.head(size))).toBe(true);
    }
    const ids = await sealedEventIds(t.db, orgId);
    for (const [index, entryId] of ids.entries()) {
      for (const atSize of [index + 1, Math.max(index + 1, 23), 41]) {
        const proof = await inclusionProofFor(t.db, { orgId, entryId, atSize });
        expect(proof).toMatchObject({
          seq: index + 1,
          treeSize: atSize,
          rootHash: tree.head(atSize).toString('hex'),
        });
        expect(
          verifyInclusion({
            index,
            size: atSize,
            leafHash: Buffer.from(proof.leafHash, 'hex'),
            proof: proof.path.map((hash) => Buffer.from(hash, 'hex')),
            root: tree.head(atSize),
          }),
        ).toBe(true);
      }
    }
    for (const [from, to] of [
      [1, 41],
      [5, 12],
      [16, 32],
      [33, 41],
      [41, 41],
    ] as const) {
      const proof = await consistencyProofFor(t.db, { orgId, fromSize: from, toSize: to });
      expect(
        verifyConsistency({
          first: from,
          second: to,
          firstRoot: tree.head(from),
          secondRoot: tree.head(to),
          proof: proof.path.map((hash) => Buffer.from(hash, 'hex')),
        }),
      ).toBe(true);
    }
    expect((await verifyAuditChain(t.db, { clock: t.clock, orgId }))[0]).toMatchObject({
      verified: true,
      sealedEntries: 41,
    });
  });

  it('names a block whose stored hashes were altered, and blocks that are missing', async () => {
    const organisation = await createTestOrganisation(t.db, t.clock);
    const orgId = organisation.id;
    await addEntries(t.db, orgId, 9);
    await sealInBlocks(t.db, [4, 3]);
    await asSuperuser(t.db, [
      sql`update audit_blocks set nodes = overlay(nodes placing '\\x00'::bytea from length(nodes) for 1)
          where org_id = ${orgId} and start_size = 4`,
    ]);
    expect((await verifyAuditChain(t.db, { clock: t.clock, orgId }))[0]).toMatchObject({
      verified: false,
      firstBadSeq: 5,
      problem: 'the hashes stored with entries 5 to 7 were altered',
    });
    await asSuperuser(t.db, [sql`delete from audit_blocks where org_id = ${orgId} and start_size = 4`]);
    expect((await verifyAuditChain(t.db, { clock: t.clock, orgId }))[0]).toMatchObject({
      verified: false,
      firstBadSeq: 5,
      problem: 'entries 5 to 7 are missing (the tree continues at 8)',
    });
  });

  it('gives an inclusion proof and a consistency proof through the API, checkable with the checkpoint and public key alone', async () => {
    const organisation = await createTestOrganisation(t.db, t.clock);
    const orgId = organisation.id;
    const auditor = await createTestUser(t.db, t.clock, orgId, { role: 'auditor' });
    const { headers } = await signIn(t.app, auditor.email);
    await addEntries(t.db, orgId, 5);
    await sealInBlocks(t.db, []);
    t.clock.advance(1000);
    const first = await writeCheckpoint(t.db, { orgId, settings, clock: t.clock });
    const entryId = await eventIdAt(t.db, orgId, 3);
    await addEntries(t.db, orgId, 4);
    await sealInBlocks(t.db, []);

    // By default against the latest checkpoint, which covers the entry, with that checkpoint.
    const response = await t.app.inject({ method: 'GET', url: `/api/audit/proof?entry=${entryId}`, headers });
    expect(response.statusCode).toBe(200);
    const answer = response.json();
    expect(answer.proof).toMatchObject({ entryId, seq: 3, treeSize: first.checkpoint?.size });
    expect(answer.checkpoint.checkpoint).toEqual(first.checkpoint);
    const publicKey = createPublicKey(loadSigningKey(settings.keyFile));
    expect(
      checkProof({
        proofText: response.body,
        checkpointTexts: [JSON.stringify(answer.checkpoint)],
        publicKey,
      }),
    ).toMatchObject({ verified: true });

    t.clock.advance(1000);
    const second = await writeCheckpoint(t.db, { orgId, settings, clock: t.clock });
    const consistency = await t.app.inject({
      method: 'GET',
      url: `/api/audit/consistency?from=${first.checkpoint?.size}&to=${second.checkpoint?.size}`,
      headers,
    });
    expect(consistency.statusCode).toBe(200);
    const proven = consistency.json();
    expect(proven.checkpoints.to.checkpoint).toEqual(second.checkpoint);
    expect(
      checkProof({
        proofText: consistency.body,
        checkpointTexts: [JSON.stringify(proven.checkpoints.from), JSON.stringify(proven.checkpoints.to)],
        publicKey,
      }),
    ).toMatchObject({ verified: true });

    // Both look-ups are themselves audited.
    const recorded = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('org_id', '=', orgId)
      .where('action', 'in', ['audit.proof', 'audit.consistency_proof'])
      .execute();
    expect(recorded.map((row) => row.action).sort()).toEqual(['audit.consistency_proof', 'audit.proof']);

    // Another organisation's entry is not found; sizes beyond the tree are refused.
    const other = await createTestOrganisation(t.db, t.clock);
    await sealInBlocks(t.db, []);
    const otherEntry = await eventIdAt(t.db, other.id, 1);
    const foreign = await t.app.inject({
      method: 'GET',
      url: `/api/audit/proof?entry=${otherEntry}`,
      headers,
    });
    expect(foreign.statusCode).toBe(404);
    const beyond = await t.app.inject({
      method: 'GET',
      url: `/api/audit/consistency?from=1&to=100000`,
      headers,
    });
    expect(beyond.statusCode).toBe(400);
  });
});

describe('sealing while other databases on the server are busy', () => {
  it.skipIf(testBackend() !== 'postgres')(
    'is not held back by a long transaction in another database on the same server',
    async () => {
      // Transaction ids are shared by the whole server: one open in another database must not
      // stop this one's entries being sealed for as long as it runs.
      const other = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await other.connect();
      try {
        const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(t.db);
        const { rows: otherRows } = await other.query<{ name: string }>('select current_database() as name');
        expect(otherRows[0]?.name).not.toBe(rows[0]?.name);
        await other.query('begin');
        await other.query('select pg_current_xact_id()');
        const organisation = await createTestOrganisation(t.db, t.clock);
        await addEntries(t.db, organisation.id, 3);
        let sealed = 0;
        for (let run = 0; run < 3 && sealed < 4; run += 1) {
          sealed += (await sealPendingEntries(t.db, { clock: t.clock })).sealed;
        }
        expect(sealed).toBeGreaterThanOrEqual(4);
        expect(await sealedEventIds(t.db, organisation.id)).toHaveLength(4);
      } finally {
        await other.query('rollback').catch(() => {});
        await other.end();
      }
    },
  );

  it('still waits for a transaction in this database that has not finished', async () => {
    const organisation = await createTestOrganisation(t.db, t.clock);
    await sealInBlocks(t.db, []);
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let written = () => {};
    const hasWritten = new Promise<void>((resolve) => {
      written = resolve;
    });
    const slow = t.db.transaction().execute(async (trx) => {
      await recordAudit(trx, systemContext(organisation.id, 'test'), t.clock.now(), {
        action: 'test.write',
        entityType: 'test',
        entityId: 'slow',
      });
      written();
      await held;
    });
    await hasWritten;
    if (testBackend() === 'postgres') {
      await addEntries(t.db, organisation.id, 1);
      expect((await sealPendingEntries(t.db, { clock: t.clock })).sealed).toBe(0);
    }
    release();
    await slow;
    await sealInBlocks(t.db, []);
    expect(await sealedEventIds(t.db, organisation.id)).toHaveLength(testBackend() === 'postgres' ? 3 : 2);
  });
});

describe('upgrading from the hash chain', () => {
  it('keeps every entry sealed into the chain verifiable, as the tree’s first leaves, and seals what waited after them', async () => {
    const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));
    const handle = await createTestDatabase(testBackend(), { migrated: false });
    try {
      const { db } = handle;
      await migrateTo(db, '2026_12_06_1100_attention_once_per_cause');
      const orgId = crypto.randomUUID();
      await sql`insert into organisations (id, name, created_at, updated_at)
                values (${orgId}, 'Chain Care', now(), now())`.execute(db);
      for (let index = 0; index < 6; index += 1) {
        await recordAudit(db, systemContext(orgId, 'test'), clock.now(), {
          action: 'test.write',
          entityType: 'test',
          entityId: `sealed-${index}`,
        });
        clock.advance(1000);
      }
      // Sealed as the previous release did: a hash chain, one row per entry, and the cursor past them.
      const sealed = await sql<{ id: number; xact_id: string }>`
        select id, xact_id::text as xact_id from audit_events where org_id = ${orgId} order by xact_id, id
      `.execute(db);
      const entries = await auditRepository.findEntriesByIds(
        db,
        orgId,
        sealed.rows.map((row) => row.id),
      );
      let previousHash = GENESIS_HASH;
      for (const [index, entry] of entries.entries()) {
        previousHash = chainHash(previousHash, index + 1, entry!);
        await sql`insert into audit_chain (org_id, seq, event_id, entry_hash, sealed_at)
                  values (${orgId}, ${index + 1}, ${entry!.id}, ${previousHash}, now())`.execute(db);
      }
      const last = sealed.rows.at(-1)!;
      await sql`update audit_seal_cursor set xact_id = ${last.xact_id}::xid8, event_id = ${last.id}`.execute(
        db,
      );
      // A checkpoint of the chain, signed as the previous release did.
      const chainCheckpoint = {
        format: CHAIN_CHECKPOINT_FORMAT,
        orgId,
        size: 6,
        headHash: previousHash,
        time: clock.now().toISOString(),
        previous: null,
        rollbackAccepted: false,
      } as const;
      const folder = path.join(settings.directory, orgId);
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(
        path.join(folder, checkpointFileName(chainCheckpoint)),
        JSON.stringify(signCheckpoint(chainCheckpoint, loadSigningKey(settings.keyFile))),
      );
      // Two entries written but not yet sealed when the server stopped.
      for (const entity of ['waiting-1', 'waiting-2']) {
        await recordAudit(db, systemContext(orgId, 'test'), clock.now(), {
          action: 'test.write',
          entityType: 'test',
          entityId: entity,
        });
      }

      await migrateToLatest(db);
      // The chain's entries become the first leaves, in chain order, before anything new.
      expect(await sealPendingEntries(db, { clock })).toEqual({ organisations: 1, sealed: 6 });
      expect((await sealPendingEntries(db, { clock })).sealed).toBe(2);
      expect((await sealPendingEntries(db, { clock })).sealed).toBe(0);
      expect((await sealedEventIds(db, orgId)).slice(0, 6)).toEqual(sealed.rows.map((row) => row.id));

      const [report] = await verifyAuditTrail(db, { clock, orgId, checkpoints: settings });
      expect(report).toMatchObject({
        verified: true,
        sealedEntries: 8,
        checkpoint: { status: 'verified', size: 6, entriesSinceCheckpoint: 2 },
      });
      // The next checkpoint signs the tree head, and follows the chain's.
      clock.advance(1000);
      const written = await writeCheckpoint(db, { orgId, settings, clock });
      expect(written).toMatchObject({
        outcome: 'written',
        checkpoint: {
          format: 'liaison-audit-checkpoint/2',
          size: 8,
          previous: { size: 6, headHash: previousHash },
        },
      });
      const proof = await inclusionProofFor(db, { orgId, entryId: sealed.rows[1]!.id });
      expect(proof).toMatchObject({ seq: 2, treeSize: 8, rootHash: written.checkpoint?.headHash });

      // An entry of the chain edited after the upgrade is still named, by both its hashes.
      await asSuperuser(db, [
        sql`update audit_events set action = 'test.innocent' where org_id = ${orgId} and id = ${sealed.rows[3]!.id}`,
      ]);
      expect((await verifyAuditChain(db, { clock, orgId }))[0]).toMatchObject({
        verified: false,
        firstBadSeq: 4,
      });
    } finally {
      await handle.close();
    }
  });
});
