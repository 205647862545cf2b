import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testBackend, testConfig } from '../../test/app-for-test.ts';
import { createTestOrganisation, createTestUser, signIn } from '../../test/factories.ts';
import { withDatabaseName } from '../../test/postgres-names.ts';
import { buildApp } from '../app.ts';
import { sealAllPendingEntries, verifyAuditChain } from '../audit/audit.service.ts';
import { writeCheckpoint } from '../audit/checkpoint.ts';
import { ManualClock } from '../clock.ts';
import { createDatabase, type DatabaseHandle } from './create-db.ts';
import {
  appendOnlyAuditTables,
  grantRuntimeRole,
  migrateAsOwner,
  runtimeRoleStatements,
} from './database-roles.ts';

// TRUST L4: the server's own database role cannot change or remove the audit trail. It is not the
// owner of any table, so it cannot switch the append-only triggers off, and it holds no UPDATE,
// DELETE or TRUNCATE on the audit tables.

describe('the runtime role’s grants', () => {
  it('refuse a role name that is not a plain identifier', () => {
    expect(() => runtimeRoleStatements('liaison"; drop table users; --')).toThrow(/not a plain role name/);
    expect(runtimeRoleStatements('liaison_app').join('\n')).toContain(
      'revoke update, delete, truncate on audit_events, audit_chain, audit_checkpoints, audit_blocks, audit_chain_cutover from "liaison_app"',
    );
  });
});

describe.skipIf(testBackend() !== 'postgres')(
  'the server’s database role (PostgreSQL only: the embedded database has a single user, so there is no second role to run as)',
  { timeout: 60_000 },
  () => {
    const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const role = `liaison_runtime_${randomBytes(4).toString('hex')}`;
    const clock = new ManualClock('2026-11-21T09:00:00Z');
    const checkpointDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-roles-'));
    let owner: DatabaseHandle;
    let ownerUrl: string;
    let runtime: DatabaseHandle;
    let app: FastifyInstance;

    beforeAll(async () => {
      owner = await createTestDatabase('postgres');
      const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(owner.db);
      ownerUrl = withDatabaseName(adminUrl, rows[0]!.name);
      await sql.raw(`create role ${role} login`).execute(owner.db);
      await grantRuntimeRole(owner.db, role);
      const runtimeUrl = new URL(ownerUrl);
      runtimeUrl.username = role;
      runtimeUrl.password = '';
      runtime = await createDatabase({ backend: 'postgres', url: runtimeUrl.toString(), poolSize: 5 });
      app = await buildApp(
        {
          db: runtime.db,
          backend: 'postgres',
          clock,
          config: testConfig({ databaseUrl: runtimeUrl.toString() }),
        },
        { logger: false },
      );
      await app.ready();
    });
    afterAll(async () => {
      await app?.close();
      await runtime?.close();
      await owner?.close();
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        await admin.query(`drop role if exists ${role}`);
      } finally {
        await admin.end();
      }
      fs.rmSync(checkpointDirectory, { recursive: true, force: true });
    });

    it('cannot switch off the append-only triggers: it owns no table', async () => {
      for (const table of appendOnlyAuditTables) {
        await expect(sql.raw(`alter table ${table} disable trigger all`).execute(runtime.db)).rejects.toThrow(
          /must be owner/,
        );
        await expect(
          sql.raw(`alter table ${table} disable trigger user`).execute(runtime.db),
        ).rejects.toThrow(/must be owner/);
      }
      const owned = await sql<{ count: number }>`
        select count(*)::int as count from pg_tables where schemaname = 'public' and tableowner = ${role}`.execute(
        runtime.db,
      );
      expect(owned.rows[0]?.count).toBe(0);
    });

    it('cannot update, delete or truncate the audit tables, and the refusal is the database’s own', async () => {
      for (const table of appendOnlyAuditTables) {
        for (const statement of [
          `update ${table} set org_id = org_id`,
          `delete from ${table}`,
          `truncate ${table}`,
        ]) {
          await expect(sql.raw(statement).execute(runtime.db), statement).rejects.toThrow(
            new RegExp(`permission denied for table ${table}`),
          );
        }
      }
      await expect(sql`delete from kysely_migration`.execute(runtime.db)).rejects.toThrow(
        /permission denied/,
      );
    });

    it('still runs Liaison: signs in, writes a record with its audit entry, seals and checkpoints the chain', async () => {
      // Starting up as this role finds the schema up to date and changes nothing; the owner migrates.
      expect(await migrateAsOwner(runtime.db, undefined)).toEqual([]);
      expect(await migrateAsOwner(runtime.db, ownerUrl)).toEqual([]);
      const organisation = await createTestOrganisation(runtime.db, clock);
      const user = await createTestUser(runtime.db, clock, organisation.id, { role: 'care_worker' });
      const { headers } = await signIn(app, user.email);
      const person = await app.inject({
        method: 'POST',
        url: '/api/people',
        headers,
        payload: {
          givenName: 'Edith',
          familyName: 'Crawley',
          dateOfBirth: '1938-04-02',
          address: '4 Mill Lane, Exampleton',
          postcode: 'EX1 2AB',
          clinicalFlags: [],
          status: 'active',
        },
      });
      expect(person.statusCode).toBe(201);
      // Another transaction anywhere on the server holds sealing back until it ends: wait for it.
      let report: Awaited<ReturnType<typeof verifyAuditChain>>[number] | undefined;
      for (let attempt = 0; attempt < 50; attempt += 1) {
        await sealAllPendingEntries(runtime.db, { clock });
        [report] = await verifyAuditChain(runtime.db, { clock, orgId: organisation.id });
        if (report?.unsealedEntries === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(report).toMatchObject({ verified: true, unsealedEntries: 0 });
      expect(report!.sealedEntries).toBeGreaterThanOrEqual(3);
      const checkpoint = await writeCheckpoint(runtime.db, {
        orgId: organisation.id,
        settings: {
          directory: path.join(checkpointDirectory, 'checkpoints'),
          keyFile: path.join(checkpointDirectory, 'key.pem'),
        },
        clock,
      });
      expect(checkpoint.outcome).toBe('written');
    });

    it('gets the same grants on tables a later migration creates', async () => {
      await sql`create table later_feature (id integer primary key)`.execute(owner.db);
      await sql`insert into later_feature (id) values (1)`.execute(runtime.db);
      await sql`update later_feature set id = 2`.execute(runtime.db);
      await expect(sql`alter table later_feature add column x integer`.execute(runtime.db)).rejects.toThrow(
        /must be owner/,
      );
    });
  },
);
