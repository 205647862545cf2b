import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { testBackend } from '../../test/app-for-test.ts';
import { withDatabaseName } from '../../test/postgres-names.ts';
import { sealPendingEntries, verifyAuditChain } from '../audit/audit.service.ts';
import { ManualClock } from '../clock.ts';
import { createDatabase, type DatabaseHandle } from './create-db.ts';
import { migrateTo, migrateToLatest } from './migrate.ts';

const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An empty database, not migrated. */
async function emptyDatabase(): Promise<DatabaseHandle> {
  if (testBackend() === 'pglite') {
    const handle = await createDatabase({ backend: 'pglite', dataDir: undefined });
    cleanups.push(() => handle.close());
    return handle;
  }
  const name = `liaison_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const handle = await createDatabase({
    backend: 'postgres',
    url: withDatabaseName(adminUrl, name),
    poolSize: 2,
  });
  cleanups.push(async () => {
    await handle.close();
    const cleaner = new pg.Client({ connectionString: adminUrl });
    await cleaner.connect();
    await cleaner.query(`drop database if exists ${name} with (force)`);
    await cleaner.end();
  });
  return handle;
}

describe('upgrading the database', () => {
  it('hands audit entries still waiting in the old sealing queue to the sequencer, which seals them once', async () => {
    const clock = new ManualClock(new Date('2026-11-21T10:00:00Z'));
    const { db } = await emptyDatabase();
    await migrateTo(db, '2026_11_21_1900_create_incidents');
    const orgId = crypto.randomUUID();
    await sql`insert into organisations (id, name, created_at, updated_at)
              values (${orgId}, 'Upgrade Care', now(), now())`.execute(db);
    // Three entries as the previous release wrote them, each with its row in the queue.
    for (const entity of ['waiting-1', 'waiting-2', 'waiting-3']) {
      await sql`
        with "event" as (
          insert into audit_events (org_id, occurred_at, actor_type, action, entity_type, entity_id)
          values (${orgId}, ${clock.now()}, 'system', 'test.write', 'test', ${entity})
          returning org_id, id
        )
        insert into audit_pending (org_id, event_id) select org_id, id from "event"
      `.execute(db);
    }
    // An entry written around the application, with no queue row: outside the chain before and after.
    await sql`insert into audit_events (org_id, occurred_at, actor_type, action, entity_type, entity_id)
              values (${orgId}, ${clock.now()}, 'system', 'test.sneaked', 'test', 'sneaked')`.execute(db);

    await migrateToLatest(db);
    expect((await sealPendingEntries(db, { clock })).sealed).toBe(3);
    const [report] = await verifyAuditChain(db, { clock, orgId });
    expect(report).toMatchObject({ sealedEntries: 3, unsealedEntries: 0, firstBadSeq: null });
    expect(report?.unchainedEventIds).toHaveLength(1);
    expect((await sealPendingEntries(db, { clock })).sealed).toBe(0);
  });
});
