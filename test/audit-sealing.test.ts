import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../src/audit/audit.service.ts';
import { systemClock } from '../src/clock.ts';
import { loadConfig } from '../src/config.ts';
import { systemContext } from '../src/context.ts';
import { createDatabase } from '../src/db/create-db.ts';
import { startServer } from '../src/server.ts';
import { testBackend } from './app-for-test.ts';
import { createTestOrganisation } from './factories.ts';
import { TEMPLATE_DATABASE, withDatabaseName } from './postgres-names.ts';

// On a PostgreSQL server the audit sequencer seals through a connection of its own: when every
// connection of the request pool is busy (a server under load), entries are still sealed within a
// few intervals instead of waiting behind the requests. The embedded database has one connection
// for everything, so this is a server property.

const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe.skipIf(testBackend() !== 'postgres')('audit sealing on a PostgreSQL server', () => {
  it('seals new entries while every request connection is busy', async () => {
    const name = `liaison_sealing_${randomBytes(6).toString('hex')}`;
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

    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: withDatabaseName(adminUrl, name),
      DATABASE_POOL_SIZE: '2',
      AUDIT_SEAL_INTERVAL_MS: '50',
      AUDIT_CHECKPOINT_INTERVAL_MINUTES: '0',
    });
    const server = await startServer(config);
    cleanups.push(() => server.stop());
    const db = server.database.db;
    const organisation = await createTestOrganisation(db, systemClock);
    const context = { ...systemContext(organisation.id, 'sealing-test'), requestId: 'written-while-busy' };

    // Both request connections are taken by statements that hold them for three seconds.
    const busy = [1, 2].map(() => sql`select pg_sleep(3)`.execute(db));
    await new Promise((resolve) => setTimeout(resolve, 200));
    // An entry written meanwhile through a connection outside the pool, as another server would.
    const other = await createDatabase({ backend: 'postgres', url: config.databaseUrl ?? '', poolSize: 1 });
    cleanups.push(() => other.close());
    await recordAudit(other.db, context, new Date(), {
      action: 'organisation.create',
      entityType: 'organisation',
      entityId: organisation.id,
    });
    const { id: entryId } = await other.db
      .selectFrom('audit_events')
      .select('id')
      .where('org_id', '=', organisation.id)
      .where('request_id', '=', context.requestId)
      .executeTakeFirstOrThrow();

    const sealedWhileBusy = async () => {
      const deadline = Date.now() + 2_000;
      while (Date.now() < deadline) {
        const found = await sql`
          select 1 from audit_blocks where org_id = ${organisation.id} and event_ids @> array[${entryId}::bigint]
        `.execute(other.db);
        if (found.rows.length > 0) return true;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return false;
    };
    expect(await sealedWhileBusy()).toBe(true);
    await Promise.all(busy);
  });
});
