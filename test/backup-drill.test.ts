import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { recordAudit, sealAllPendingEntries } from '../src/audit/audit.service.ts';
import { type CheckpointSettings, verifyAuditTrail, writeCheckpoints } from '../src/audit/checkpoint.ts';
import { ManualClock } from '../src/clock.ts';
import { systemContext } from '../src/context.ts';
import type { DatabaseHandle } from '../src/db/create-db.ts';
import type { Db } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { loadDemo } from '../src/demo/demo.ts';
import { createOrganisation } from '../src/organisations/organisations.service.ts';
import { auditEntriesOf } from './requests.ts';
import { newServerDatabase, type ServerDatabase } from './server-process.ts';

// The backup drill docs/backup.md describes, run as an operator would: back up with the standard
// tool (pg_dump, or a copy of the embedded database's folder while the server is stopped), carry
// on working, restore into a fresh database, and check that every table holds exactly what it held
// at the backup, and that the audit trail reports the restore as a rollback against the signed
// checkpoints until someone accepts it, which is recorded.

const clock = new ManualClock(new Date('2026-11-21T09:00:00Z'));
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-backup-drill-'));
const settings: CheckpointSettings = {
  directory: path.join(scratch, 'audit-checkpoints'),
  keyFile: path.join(scratch, 'audit-checkpoint-key.pem'),
};
const cleanUp: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const step of cleanUp.reverse()) await step();
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** Each table's row count and a digest of its rows (in a fixed order): what a restore must give back. */
async function contents(db: Db): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name
  `.execute(db);
  const fingerprint: Record<string, string> = {};
  for (const { name } of tables.rows) {
    const row = await sql<{ rows: number; digest: string }>`
      select count(*)::int as rows,
        md5(coalesce(string_agg(md5(t::text), '' order by md5(t::text)), '')) as digest
      from ${sql.table(name)} as t
    `.execute(db);
    fingerprint[name] = `${row.rows[0]?.rows} rows, ${row.rows[0]?.digest}`;
  }
  return fingerprint;
}

/** Backs up a database the way docs/backup.md says; answers how to restore it into another. */
async function backUp(
  database: ServerDatabase,
  handle: DatabaseHandle,
): Promise<{ handle: DatabaseHandle; restoreInto: (fresh: ServerDatabase) => Promise<void> }> {
  const file = path.join(scratch, `backup-${database.backend}`);
  if (database.backend === 'postgres') {
    execFileSync('pg_dump', ['--format=custom', `--file=${file}`, database.env.DATABASE_URL ?? '']);
    return {
      handle,
      restoreInto: async (fresh) => {
        const url = fresh.env.DATABASE_URL ?? '';
        // A fresh, empty database, as after `createdb`: the restore brings the schema with it.
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        await admin.query('drop schema public cascade; create schema public');
        await admin.end();
        execFileSync('pg_restore', ['--no-owner', '--no-privileges', `--dbname=${url}`, file]);
      },
    };
  }
  // The embedded database: stop the server, copy its folder, start it again.
  await handle.close();
  fs.cpSync(database.dataDir, file, { recursive: true });
  return {
    handle: await database.open(),
    restoreInto: async (fresh) => {
      fs.rmSync(fresh.dataDir, { recursive: true, force: true });
      fs.cpSync(file, fresh.dataDir, { recursive: true });
    },
  };
}

describe('backup and restore drill', () => {
  it('gives back every row as it was at the backup, and the audit trail reports the restore until it is accepted', async () => {
    const database = await newServerDatabase('backup');
    cleanUp.push(() => database.remove());
    let handle = await database.open();
    cleanUp.push(() => handle.close().catch(() => {}));
    await migrateToLatest(handle.db);
    const { orgId } = await loadDemo(handle.db, { clock });
    await sealAllPendingEntries(handle.db, { clock });
    await writeCheckpoints(handle.db, { settings, clock });
    const atBackup = await contents(handle.db);
    expect(Number.parseInt(atBackup.audit_events ?? '0', 10)).toBeGreaterThan(100);
    expect(Number.parseInt(atBackup.people ?? '0', 10)).toBeGreaterThan(10);

    const backup = await backUp(database, handle);
    handle = backup.handle;

    // Work goes on after the backup: records are read, an organisation is added, and the trail is
    // checkpointed again.
    clock.advance(60 * 60_000);
    for (const action of ['person.view', 'share_log.view']) {
      await recordAudit(handle.db, systemContext(orgId, 'test'), clock.now(), {
        action,
        entityType: 'organisation',
        entityId: orgId,
      });
    }
    const later = await createOrganisation(handle.db, { name: 'Added after the backup' }, clock, 'cli');
    await sealAllPendingEntries(handle.db, { clock });
    clock.advance(1_000);
    await writeCheckpoints(handle.db, { settings, clock });
    expect(await contents(handle.db)).not.toEqual(atBackup);
    await handle.close();

    const fresh = await newServerDatabase('restored');
    cleanUp.push(() => fresh.remove());
    await backup.restoreInto(fresh);
    const restored = await fresh.open();
    cleanUp.push(() => restored.close().catch(() => {}));
    expect(await contents(restored.db)).toEqual(atBackup);

    // Every entry the backup holds still verifies, but the trail is shorter than its checkpoint,
    // and the checkpoints know an organisation the backup predates: both reported.
    await sealAllPendingEntries(restored.db, { clock });
    const reports = await verifyAuditTrail(restored.db, { clock, checkpoints: settings });
    const demo = reports.find((report) => report.orgId === orgId);
    expect(demo).toMatchObject({ verified: false, checkpoint: { status: 'failed' } });
    expect(reports.find((report) => report.orgId === later.id)).toMatchObject({
      verified: false,
      problem: expect.stringMatching(/the database does not have/),
    });

    // A new checkpoint is refused until someone who knows the restore was deliberate accepts it,
    // and the acceptance is in the trail.
    clock.advance(1_000);
    const [refused] = await writeCheckpoints(restored.db, { settings, clock, orgIds: [orgId] });
    expect(refused?.outcome).toBe('refused');
    const [accepted] = await writeCheckpoints(restored.db, {
      settings,
      clock,
      orgIds: [orgId],
      acceptRollback: true,
    });
    expect(accepted?.outcome).toBe('written');
    expect(await auditEntriesOf(restored.db, orgId, { action: 'audit.rollback_accepted' })).toHaveLength(1);
    await sealAllPendingEntries(restored.db, { clock });
    const [afterwards] = await verifyAuditTrail(restored.db, { clock, checkpoints: settings, orgId });
    expect(afterwards).toMatchObject({ verified: true, checkpoint: { status: 'verified' } });
  });
});
