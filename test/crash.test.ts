import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { sealPendingEntries, verifyAuditChain } from '../src/audit/audit.service.ts';
import { systemClock } from '../src/clock.ts';
import { createDatabase, type DatabaseHandle } from '../src/db/create-db.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { testBackend } from './app-for-test.ts';
import { TEMPLATE_DATABASE, withDatabaseName } from './postgres-names.ts';
import { organisationWithApiToken } from './scenarios.ts';
import { startServerProcess } from './server-process.ts';

// A crash under write load loses nothing: the server is killed with SIGKILL while systems are
// writing through the API, and every write it acknowledged (201) is in the database afterwards with
// its audit entry, no record exists without one, and the audit chain verifies. Runs against the
// embedded database on disk and against the PostgreSQL server.

const backend = testBackend();
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

type Target = { env: Record<string, string>; open: () => Promise<DatabaseHandle> };

async function prepareDatabase(): Promise<Target> {
  if (backend === 'pglite') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-crash-'));
    cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    return { env: { DATA_DIR: dataDir }, open: () => createDatabase({ backend: 'pglite', dataDir }) };
  }
  const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `liaison_crash_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${TEMPLATE_DATABASE}`);
  await admin.end();
  cleanups.push(async () => {
    const cleaner = new pg.Client({ connectionString: adminUrl });
    await cleaner.connect();
    await cleaner.query(`drop database if exists ${name} with (force)`);
    await cleaner.end();
  });
  const url = withDatabaseName(adminUrl, name);
  return {
    env: { DATABASE_URL: url },
    open: () => createDatabase({ backend: 'postgres', url, poolSize: 2 }),
  };
}

describe('a crash under write load', () => {
  it('keeps every acknowledged write with its audit entry after SIGKILL', { timeout: 180_000 }, async () => {
    const target = await prepareDatabase();
    // An organisation and an API token, made before the server starts.
    let handle = await target.open();
    await migrateToLatest(handle.db);
    const { organisation, token } = await organisationWithApiToken(
      { db: handle.db, clock: systemClock },
      { madeBy: 'registered_manager', name: 'Crash test', role: 'manager' },
    );
    await handle.close();

    const { child, url } = await startServerProcess({
      ...target.env,
      AUDIT_CHECKPOINT_INTERVAL_MINUTES: '0',
    });
    const acknowledged: string[] = [];
    let stop = false;
    const writer = async (writerIndex: number) => {
      for (let index = 0; !stop; index += 1) {
        const name = `Crash Surgery ${writerIndex}-${index}`;
        try {
          const response = await fetch(`${url}/api/partner-organisations`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ name, type: 'gp' }),
          });
          if (response.status === 201) acknowledged.push(name);
          else if (!stop) throw new Error(`unexpected ${response.status}`);
        } catch (error) {
          if (!stop) throw error;
          return;
        }
      }
    };
    const writers = Array.from({ length: 8 }, (_, index) => writer(index));
    // Kill the server mid-load, once a good number of writes have been acknowledged.
    while (acknowledged.length < 150) await new Promise((resolve) => setTimeout(resolve, 20));
    // Writes already sent stay in flight; the writers just send no more.
    stop = true;
    child.kill('SIGKILL');
    await Promise.all(writers);
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise((resolve) => child.once('exit', resolve));
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);

    handle = await target.open();
    try {
      const stored = await handle.db
        .selectFrom('partner_organisations')
        .select(['id', 'name'])
        .where('org_id', '=', organisation.id)
        .execute();
      const storedNames = new Set(stored.map((row) => row.name));
      expect(acknowledged.filter((name) => !storedNames.has(name))).toEqual([]);
      const audited = new Set(
        (
          await handle.db
            .selectFrom('audit_events')
            .select('entity_id')
            .where('org_id', '=', organisation.id)
            .where('action', '=', 'partner_organisation.create')
            .execute()
        ).map((row) => row.entity_id),
      );
      // Nothing acknowledged or not exists without its audit entry, and no entry without its record.
      expect(stored.filter((row) => !audited.has(row.id))).toEqual([]);
      expect(audited.size).toBe(stored.length);
      while ((await sealPendingEntries(handle.db, { clock: systemClock })).sealed > 0) {
        // seal what the killed server had not sealed yet
      }
      const [report] = await verifyAuditChain(handle.db, { clock: systemClock, orgId: organisation.id });
      expect(report?.verified).toBe(true);
    } finally {
      await handle.close();
    }
  });
});
