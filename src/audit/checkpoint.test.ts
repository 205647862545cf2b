import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Selectable, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, testAppForFile } from '../../test/app-for-test.ts';
import {
  asSuperuser,
  checkpointDirectoryForFile,
  eventIdAt as eventIdAtSeq,
  rebuildTree,
  recordTestEntries,
  sealedEventIds,
} from '../../test/audit-trail.ts';
import { createTestOrganisation, createTestUser, signIn } from '../../test/factories.ts';
import { auditEntriesOf } from '../../test/requests.ts';
import type { Db } from '../db/database.ts';
import type { OrganisationsTable } from '../organisations/organisations.table.ts';
import * as auditRepository from './audit.repository.ts';
import { sealPendingEntries, verifyAuditChain } from './audit.service.ts';
import type { AuditBlocksTable, AuditEventRow } from './audit.table.ts';
import {
  type CheckpointSettings,
  checkpointDigest,
  generateCheckpointKey,
  listCheckpointFiles,
  loadSigningKey,
  publicKeyFileOf,
  readLatestCheckpoint,
  runCheckpointJob,
  type SignedCheckpoint,
  signCheckpoint,
  verifyAuditTrail,
  writeCheckpoint,
} from './checkpoint.ts';

const { workDirectory, settings } = checkpointDirectoryForFile('liaison-checkpoints-');
const t = testAppForFile({ config: { auditCheckpoint: { ...settings, intervalMs: 0 } } });

async function addEntries(db: Db, orgId: string, count: number): Promise<void> {
  await recordTestEntries(db, t.clock, orgId, count);
  await sealPendingEntries(db, { clock: t.clock });
}

/** An organisation whose chain has `count` sealed entries (its creation is the first). */
async function organisationWithEntries(count: number, db: Db = t.db): Promise<string> {
  const organisation = await createTestOrganisation(db, t.clock);
  await addEntries(db, organisation.id, count - 1);
  return organisation.id;
}

async function checkpointNow(orgId: string, db: Db = t.db, options: { acceptRollback?: boolean } = {}) {
  t.clock.advance(1000);
  return writeCheckpoint(db, { orgId, settings, clock: t.clock, ...options });
}

async function trailReport(orgId: string, db: Db = t.db) {
  const [report] = await verifyAuditTrail(db, { clock: t.clock, orgId, checkpoints: settings });
  return report!;
}

async function chainReport(orgId: string, db: Db = t.db) {
  const [report] = await verifyAuditChain(db, { clock: t.clock, orgId });
  return report!;
}

async function eventIdAt(orgId: string, seq: number): Promise<number> {
  return eventIdAtSeq(t.db, orgId, seq);
}

function latestSigned(orgId: string): { file: string; signed: SignedCheckpoint } {
  const stored = readLatestCheckpoint(settings, orgId);
  if (!stored?.signed) throw new Error('no readable checkpoint');
  return { file: stored.file, signed: stored.signed };
}

describe('checkpoints that vanish', () => {
  const base = path.join(workDirectory, 'mirrored');
  const mirrored: CheckpointSettings = {
    directory: path.join(base, 'checkpoints'),
    mirrorDirectory: path.join(base, 'mirror'),
    keyFile: settings.keyFile,
  };
  const mirroredReport = async (orgId: string, checkpoints: CheckpointSettings = mirrored) =>
    (await verifyAuditTrail(t.db, { clock: t.clock, orgId, checkpoints }))[0]!;

  it('fail verification once a chain has been checkpointed and its checkpoint folder is deleted, naming why', async () => {
    const orgId = await organisationWithEntries(4);
    t.clock.advance(1000);
    const written = await writeCheckpoint(t.db, { orgId, settings: mirrored, clock: t.clock });
    expect(written.outcome).toBe('written');
    const name = path.basename(written.file!);
    expect(fs.existsSync(path.join(mirrored.mirrorDirectory!, orgId, name))).toBe(true);
    expect(
      await t.db
        .selectFrom('audit_checkpoints')
        .select(['size', 'head_hash'])
        .where('org_id', '=', orgId)
        .execute(),
    ).toEqual([{ size: 4, head_hash: written.checkpoint?.headHash }]);
    expect((await mirroredReport(orgId)).verified).toBe(true);

    fs.rmSync(mirrored.directory, { recursive: true });
    const report = await mirroredReport(orgId);
    expect(report.verified).toBe(false);
    expect(report.checkpoint.status).toBe('failed');
    expect(report.problem).toContain(
      `The database records 1 checkpoint of this chain, the latest (${name}) covering 4 entries, but it is missing from the checkpoint folder (${mirrored.directory})`,
    );
    // The mirror alone does not make up for it, and no new checkpoint quietly replaces the lost one.
    expect(report.problem).not.toContain('mirror folder');
    t.clock.advance(1000);
    const refused = await writeCheckpoint(t.db, { orgId, settings: mirrored, clock: t.clock });
    expect(refused).toMatchObject({ outcome: 'refused' });
    expect(refused.outcome === 'refused' && refused.problem).toContain('missing from the checkpoint folder');

    // Put back from the mirror: it verifies again.
    fs.cpSync(mirrored.mirrorDirectory!, mirrored.directory, { recursive: true });
    expect((await mirroredReport(orgId)).verified).toBe(true);
  });

  it('fail verification when both folders are deleted but the database says checkpoints were made', async () => {
    const orgId = await organisationWithEntries(3);
    t.clock.advance(1000);
    await writeCheckpoint(t.db, { orgId, settings: mirrored, clock: t.clock });
    await addEntries(t.db, orgId, 2);
    t.clock.advance(1000);
    await writeCheckpoint(t.db, { orgId, settings: mirrored, clock: t.clock });
    fs.rmSync(path.join(mirrored.directory, orgId), { recursive: true });
    fs.rmSync(path.join(mirrored.mirrorDirectory!, orgId), { recursive: true });
    const report = await mirroredReport(orgId);
    expect(report.verified).toBe(false);
    expect(report.problem).toMatch(
      /^The database records 2 checkpoints of this chain, the latest \(.*-000000000000005\.json\) covering 5 entries, but it is missing from the checkpoint folder \(.*\) and the mirror folder \(.*\): checkpoints were deleted or moved/,
    );
    // Without a mirror configured, the database's record alone still fails it.
    const withoutMirror = await mirroredReport(orgId, {
      directory: mirrored.directory,
      keyFile: settings.keyFile,
    });
    expect(withoutMirror.verified).toBe(false);
    expect(withoutMirror.problem).toContain('missing from the checkpoint folder');

    // After a deliberate decision, a new checkpoint starts again, and says so in the audit trail.
    t.clock.advance(1000);
    const accepted = await writeCheckpoint(t.db, {
      orgId,
      settings: mirrored,
      clock: t.clock,
      acceptRollback: true,
    });
    expect(accepted).toMatchObject({ outcome: 'written', checkpoint: { rollbackAccepted: true } });
    await sealPendingEntries(t.db, { clock: t.clock });
    expect((await mirroredReport(orgId)).verified).toBe(true);
    const recorded = await auditEntriesOf(t.db, orgId, { action: 'audit.rollback_accepted' });
    expect(recorded).toHaveLength(1);
  });

  it('fail verification when the checkpoint folder and the database’s record are both gone, from the mirror', async () => {
    const orgId = await organisationWithEntries(3);
    t.clock.advance(1000);
    await writeCheckpoint(t.db, { orgId, settings: mirrored, clock: t.clock });
    await asSuperuser(t.db, [sql`delete from audit_checkpoints where org_id = ${orgId}`]);
    fs.rmSync(path.join(mirrored.directory, orgId), { recursive: true });
    const report = await mirroredReport(orgId);
    expect(report.verified).toBe(false);
    expect(report.problem).toContain('missing from the checkpoint folder');
  });

  it('keep the database’s record of checkpoints append-only', async () => {
    const orgId = await organisationWithEntries(2);
    t.clock.advance(1000);
    await writeCheckpoint(t.db, { orgId, settings: mirrored, clock: t.clock });
    await expect(sql`delete from audit_checkpoints where org_id = ${orgId}`.execute(t.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(
      sql`update audit_checkpoints set size = 1 where org_id = ${orgId}`.execute(t.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_checkpoints`.execute(t.db)).rejects.toThrow(/append-only/);
  });
});

describe('the checkpoint key', () => {
  it('is created readable by its owner only, with the public key beside it, and never replaced', () => {
    const keyFile = path.join(workDirectory, 'keygen', 'key.pem');
    const { keyId, publicKeyPem } = generateCheckpointKey(keyFile);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(keyFile, 'utf8')).toContain('BEGIN PRIVATE KEY');
    expect(fs.readFileSync(publicKeyFileOf(keyFile), 'utf8')).toBe(publicKeyPem);
    expect(keyId).toMatch(/^[0-9a-f]{32}$/);
    const before = fs.readFileSync(keyFile, 'utf8');
    expect(() => generateCheckpointKey(keyFile)).toThrow(/already exists/);
    expect(fs.readFileSync(keyFile, 'utf8')).toBe(before);
  });

  it('is created on first use, and refused for signing when other users can read it', () => {
    const keyFile = path.join(workDirectory, 'first-use', 'key.pem');
    expect(loadSigningKey(keyFile).asymmetricKeyType).toBe('ed25519');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    fs.chmodSync(keyFile, 0o644);
    expect(() => loadSigningKey(keyFile)).toThrow(/chmod 600/);
  });
});

describe('signed checkpoints', () => {
  it('are written outside the database and verify while the chain only grows', async () => {
    const orgId = await organisationWithEntries(5);
    expect((await trailReport(orgId)).checkpoint).toMatchObject({ status: 'none', problem: null });

    const first = await checkpointNow(orgId);
    expect(first).toMatchObject({ outcome: 'written', checkpoint: { orgId, size: 5, previous: null } });
    const tip = await auditRepository.findTreeTip(t.db, orgId);
    expect(first.checkpoint?.headHash).toBe(tip?.head.toString('hex'));
    expect(first.file?.startsWith(settings.directory)).toBe(true);
    expect(await trailReport(orgId)).toMatchObject({
      verified: true,
      checkpoint: { status: 'verified', size: 5, signedAt: first.checkpoint?.time },
    });

    expect((await checkpointNow(orgId)).outcome).toBe('unchanged');
    await addEntries(t.db, orgId, 3);
    // Entries sealed after the checkpoint are simply not covered by it yet.
    expect((await trailReport(orgId)).verified).toBe(true);
    const second = await checkpointNow(orgId);
    expect(second.checkpoint).toMatchObject({
      size: 8,
      rollbackAccepted: false,
      previous: {
        size: 5,
        headHash: first.checkpoint?.headHash,
        digest: checkpointDigest(first.checkpoint!),
      },
    });
    expect(listCheckpointFiles(settings, orgId)).toEqual([first.file, second.file]);
    expect((await trailReport(orgId)).checkpoint).toMatchObject({ status: 'verified', size: 8 });
  });

  it('detect a chain whose tail was cut off, though the rest is consistent with itself', async () => {
    const orgId = await organisationWithEntries(6);
    await checkpointNow(orgId);
    const removed = [await eventIdAt(orgId, 5), await eventIdAt(orgId, 6)];
    const kept = (await sealedEventIds(t.db, orgId)).slice(0, 4);
    await asSuperuser(t.db, [
      sql`delete from audit_events where org_id = ${orgId} and id in (${sql.join(removed)})`,
    ]);
    await rebuildTree(t.db, orgId, kept);

    expect(await chainReport(orgId)).toMatchObject({ verified: true, sealedEntries: 4 });
    const report = await trailReport(orgId);
    expect(report).toMatchObject({
      verified: false,
      firstBadSeq: 5,
      checkpoint: { status: 'failed', size: 6, firstMissingSeq: 5 },
    });
    expect(report.problem).toMatch(/4 sealed entries but the checkpoint .* covers 6/);
  });

  it('detect entries rewritten by someone who recomputed every hash after them', async () => {
    const orgId = await organisationWithEntries(6);
    await checkpointNow(orgId);
    const eventId = await eventIdAt(orgId, 3);
    await asSuperuser(t.db, [
      sql`update audit_events set action = 'test.innocent' where org_id = ${orgId} and id = ${eventId}`,
    ]);
    expect((await chainReport(orgId)).firstBadSeq).toBe(3);
    await rebuildTree(t.db, orgId);

    expect(await chainReport(orgId)).toMatchObject({ verified: true, sealedEntries: 6 });
    const report = await trailReport(orgId);
    expect(report).toMatchObject({ verified: false, checkpoint: { status: 'failed', size: 6 } });
    expect(report.problem).toMatch(
      /The first 6 entries are not those the checkpoint .* covers: the trail up to it was rewritten/,
    );
  });

  it('detect a rewritten chain that has grown past the checkpoint since', async () => {
    const orgId = await organisationWithEntries(4);
    await checkpointNow(orgId);
    const eventId = await eventIdAt(orgId, 2);
    await asSuperuser(t.db, [
      sql`update audit_events set entity_id = 'other' where org_id = ${orgId} and id = ${eventId}`,
    ]);
    await rebuildTree(t.db, orgId);
    await addEntries(t.db, orgId, 5);
    expect(await chainReport(orgId)).toMatchObject({ verified: true, sealedEntries: 9 });
    expect(await trailReport(orgId)).toMatchObject({ verified: false, checkpoint: { status: 'failed' } });
  });

  it('are not signed over a chain that does not verify, nor over one that no longer extends the last', async () => {
    const orgId = await organisationWithEntries(4);
    const eventId = await eventIdAt(orgId, 2);
    await asSuperuser(t.db, [
      sql`update audit_events set action = 'test.innocent' where org_id = ${orgId} and id = ${eventId}`,
    ]);
    const refused = await checkpointNow(orgId);
    expect(refused).toMatchObject({ outcome: 'refused' });
    expect(refused.outcome === 'refused' && refused.problem).toMatch(/entry 2 does not match its hash/);
    expect(listCheckpointFiles(settings, orgId)).toEqual([]);

    const other = await organisationWithEntries(4);
    await checkpointNow(other);
    const otherEvent = await eventIdAt(other, 3);
    await asSuperuser(t.db, [
      sql`update audit_events set action = 'test.innocent' where org_id = ${other} and id = ${otherEvent}`,
    ]);
    await rebuildTree(t.db, other);
    await addEntries(t.db, other, 1);
    const notExtending = await checkpointNow(other);
    expect(notExtending.outcome === 'refused' && notExtending.problem).toMatch(
      /does not extend the checkpoint/,
    );
    expect(listCheckpointFiles(settings, other)).toHaveLength(1);
  });

  it('detect a checkpoint file that was altered, or signed with another key', async () => {
    const orgId = await organisationWithEntries(4);
    await checkpointNow(orgId);
    const { file, signed } = latestSigned(orgId);
    const original = fs.readFileSync(file, 'utf8');

    // Someone makes the checkpoint agree with a rewritten chain: the signature no longer matches.
    const altered = { ...signed, checkpoint: { ...signed.checkpoint, headHash: 'a'.repeat(64) } };
    fs.writeFileSync(file, JSON.stringify(altered));
    let report = await trailReport(orgId);
    expect(report).toMatchObject({ verified: false, checkpoint: { status: 'failed' } });
    expect(report.problem).toMatch(/signature does not verify/);

    // A checkpoint they signed themselves is named as signed with another key.
    const { privateKey: foreignKey } = generateKeyPairSync('ed25519');
    fs.writeFileSync(file, JSON.stringify(signCheckpoint(altered.checkpoint, foreignKey)));
    report = await trailReport(orgId);
    expect(report.verified).toBe(false);
    expect(report.problem).toMatch(/signed with another key/);

    // A copy of an older checkpoint renamed to look like the newest.
    fs.writeFileSync(file, original);
    expect((await trailReport(orgId)).verified).toBe(true);
    const renamed = path.join(path.dirname(file), '9999-12-31T235959.999Z-000000000000004.json');
    fs.copyFileSync(file, renamed);
    report = await trailReport(orgId);
    expect(report.problem).toMatch(/file name does not match/);
    fs.rmSync(renamed);

    // The public key alone is enough to check them; deleting both does not make them go away quietly.
    const keyCopy = `${settings.keyFile}.saved`;
    fs.renameSync(settings.keyFile, keyCopy);
    try {
      expect((await trailReport(orgId)).checkpoint.status).toBe('verified');
      fs.renameSync(publicKeyFileOf(settings.keyFile), `${keyCopy}.pub`);
      report = await trailReport(orgId);
      expect(report.verified).toBe(false);
      expect(report.problem).toMatch(/no checkpoint key/);
    } finally {
      fs.renameSync(keyCopy, settings.keyFile);
      fs.renameSync(`${keyCopy}.pub`, publicKeyFileOf(settings.keyFile));
    }
    expect((await trailReport(orgId)).verified).toBe(true);
  });

  it('detect the restore of an older backup, and accept it only when told to, recording that', async () => {
    const orgId = await organisationWithEntries(4);
    const backup = await takeBackup(t.db, orgId);
    await addEntries(t.db, orgId, 3);
    await checkpointNow(orgId);

    const restored = await createTestDatabase();
    try {
      await restoreBackup(restored.db, backup);
      expect(await chainReport(orgId, restored.db)).toMatchObject({ verified: true, sealedEntries: 4 });
      expect(await trailReport(orgId, restored.db)).toMatchObject({
        verified: false,
        firstBadSeq: 5,
        checkpoint: { status: 'failed', size: 7, firstMissingSeq: 5 },
      });

      // Work goes on after the restore, and the chain grows past the checkpoint: still detected.
      await addEntries(restored.db, orgId, 5);
      expect(await chainReport(orgId, restored.db)).toMatchObject({ verified: true, sealedEntries: 9 });
      const report = await trailReport(orgId, restored.db);
      expect(report.verified).toBe(false);
      expect(report.problem).toMatch(/The first 7 entries are not those/);

      expect((await checkpointNow(orgId, restored.db)).outcome).toBe('refused');
      const accepted = await checkpointNow(orgId, restored.db, { acceptRollback: true });
      expect(accepted).toMatchObject({
        outcome: 'written',
        checkpoint: { size: 9, rollbackAccepted: true, previous: { size: 7 } },
      });
      const [acceptance] = await auditEntriesOf(restored.db, orgId, { action: 'audit.rollback_accepted' });
      expect(acceptance?.details).toMatchObject({ replacedSize: 7, size: 9 });
      await sealPendingEntries(restored.db, { clock: t.clock });
      expect(await trailReport(orgId, restored.db)).toMatchObject({
        verified: true,
        checkpoint: { status: 'verified', size: 9 },
      });
    } finally {
      await restored.close();
    }
  });

  it('detect a backup restored from before an organisation existed', async () => {
    const orgId = await organisationWithEntries(2);
    await checkpointNow(orgId);
    const empty = await createTestDatabase();
    try {
      const reports = await verifyAuditTrail(empty.db, { clock: t.clock, checkpoints: settings });
      const missing = reports.find((report) => report.orgId === orgId);
      expect(missing).toMatchObject({ verified: false, checkpoint: { status: 'failed' } });
      expect(missing?.problem).toMatch(/the database does not have/);
    } finally {
      await empty.close();
    }
  });

  it('are written by the scheduled job for chains that grew, which fails loudly for a chain it cannot sign', async () => {
    const jobSettings: CheckpointSettings = { ...settings, directory: path.join(workDirectory, 'job') };
    const database = await createTestDatabase();
    try {
      const grown = await organisationWithEntries(3, database.db);
      const idle = await organisationWithEntries(2, database.db);
      expect(await runCheckpointJob(database.db, { settings: jobSettings, clock: t.clock })).toBe(2);
      t.clock.advance(1000);
      await addEntries(database.db, grown, 1);
      expect(await runCheckpointJob(database.db, { settings: jobSettings, clock: t.clock })).toBe(1);
      expect(listCheckpointFiles(jobSettings, grown)).toHaveLength(2);
      expect(listCheckpointFiles(jobSettings, idle)).toHaveLength(1);

      // A new entry is edited before the next checkpoint: the job checks what it is about to sign.
      await addEntries(database.db, grown, 2);
      const sealed = await sealedEventIds(database.db, grown);
      await asSuperuser(database.db, [
        sql`update audit_events set action = 'test.innocent' where org_id = ${grown} and id = ${sealed.at(-2)!}`,
      ]);
      await addEntries(database.db, idle, 1);
      t.clock.advance(1000);
      await expect(runCheckpointJob(database.db, { settings: jobSettings, clock: t.clock })).rejects.toThrow(
        grown,
      );
      // The other organisation was still checkpointed.
      expect(listCheckpointFiles(jobSettings, idle)).toHaveLength(2);
    } finally {
      await database.close();
    }
  });

  it('report what no checkpoint covers yet: entries sealed since the latest, and how long ago it was signed', async () => {
    const orgId = await organisationWithEntries(3);
    expect((await trailReport(orgId)).checkpoint).toMatchObject({
      status: 'none',
      entriesSinceCheckpoint: 3,
      msSinceCheckpoint: null,
    });
    await checkpointNow(orgId);
    expect((await trailReport(orgId)).checkpoint).toMatchObject({
      entriesSinceCheckpoint: 0,
      msSinceCheckpoint: 0,
    });
    await addEntries(t.db, orgId, 4);
    expect((await trailReport(orgId)).checkpoint).toMatchObject({
      status: 'verified',
      entriesSinceCheckpoint: 4,
      msSinceCheckpoint: 4_000,
    });
  });

  it('are checked by GET /api/audit/verify', async () => {
    const organisation = await createTestOrganisation(t.db, t.clock);
    const auditor = await createTestUser(t.db, t.clock, organisation.id, { role: 'auditor' });
    const { headers } = await signIn(t.app, auditor.email);
    await addEntries(t.db, organisation.id, 2);
    await checkpointNow(organisation.id);
    let response = await t.app.inject({ method: 'GET', url: '/api/audit/verify', headers });
    expect(response.json()).toMatchObject({
      verified: true,
      checkpoint: { status: 'verified', problem: null },
    });

    const sealed = await sealedEventIds(t.db, organisation.id);
    const head = { seq: sealed.length };
    const eventId = sealed.at(-1)!;
    await asSuperuser(t.db, [
      sql`delete from audit_events where org_id = ${organisation.id} and id >= ${eventId}`,
    ]);
    await rebuildTree(t.db, organisation.id, sealed.slice(0, -1));
    response = await t.app.inject({ method: 'GET', url: '/api/audit/verify', headers });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      verified: false,
      firstBadSeq: head!.seq,
      checkpoint: { status: 'failed', size: head!.seq },
    });
  });
});

// ---- a logical backup of one organisation's audit trail, as pg_dump would take it ----

type Backup = {
  organisation: Selectable<OrganisationsTable>;
  events: AuditEventRow[];
  blocks: Selectable<AuditBlocksTable>[];
};

async function takeBackup(db: Db, orgId: string): Promise<Backup> {
  const organisation = await db
    .selectFrom('organisations')
    .selectAll()
    .where('id', '=', orgId)
    .executeTakeFirstOrThrow();
  const events = await db
    .selectFrom('audit_events')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('id')
    .execute();
  const blocks = await db
    .selectFrom('audit_blocks')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('tree_size')
    .execute();
  return { organisation, events, blocks };
}

async function restoreBackup(db: Db, backup: Backup): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('organisations').values(backup.organisation).execute();
    for (const event of backup.events) {
      await sql`insert into audit_events (org_id, id, occurred_at, actor_type, actor_id, actor_role, action,
                  entity_type, entity_id, changed_fields, outcome, request_id, ip, details)
                overriding system value
                values (${event.org_id}, ${event.id}, ${event.occurred_at}, ${event.actor_type}, ${event.actor_id},
                  ${event.actor_role}, ${event.action}, ${event.entity_type}, ${event.entity_id},
                  ${event.changed_fields}::text[], ${event.outcome}, ${event.request_id}, ${event.ip},
                  ${JSON.stringify(event.details)}::jsonb)`.execute(trx);
    }
    if (backup.blocks.length > 0) await trx.insertInto('audit_blocks').values(backup.blocks).execute();
    // The identity sequence continues after the restored ids, as it would after pg_restore.
    await sql`select setval(pg_get_serial_sequence('audit_events', 'id'), (select max(id) from audit_events))`.execute(
      trx,
    );
  });
}
