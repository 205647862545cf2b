import { sql } from 'kysely';
import pg from 'pg';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { testAppForFile, testBackend, testConfig } from '../../test/app-for-test.ts';
import { withDatabaseName } from '../../test/postgres-names.ts';
import { organisationWithApiToken } from '../../test/scenarios.ts';
import { buildApp } from '../app.ts';
import { ManualClock } from '../clock.ts';
import { createDatabase } from '../db/create-db.ts';
import type { Db } from '../db/database.ts';
import { ApiTokenCache } from './api-token-cache.ts';
import { revokeApiToken } from './auth.service.ts';

const t = testAppForFile();
beforeAll(async () => {
  await vi.waitFor(() => expect(t.app.apiTokenCache.isListening).toBe(true));
});

/** A manager's token for a rostering system, in an organisation of its own. */
const newToken = (options: { expiresAt?: Date } = {}) =>
  organisationWithApiToken(t, {
    madeBy: 'registered_manager',
    name: 'Rostering system',
    role: 'manager',
    ...options,
  });

async function status(headers: Record<string, string>, app = t.app): Promise<number> {
  return (await app.inject({ method: 'GET', url: '/api/organisation', headers })).statusCode;
}

/** Revokes with the table's notification switched off, as someone working around the application could. */
async function revokeSilently(db: Db, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`alter table api_tokens disable trigger user`.execute(trx);
    await sql`update api_tokens set revoked_at = now() where id = ${id}`.execute(trx);
    await sql`alter table api_tokens enable trigger user`.execute(trx);
  });
}

describe('the API token cache', () => {
  it('serves a token used a moment ago from memory, for a few seconds at most', async () => {
    const token = await newToken();
    expect(await status(token.headers)).toBe(200);
    await revokeSilently(t.db, token.id);
    // Nobody was told: the token is still taken from memory...
    expect(await status(token.headers)).toBe(200);
    // ...but never for longer than the safety net allows.
    t.clock.advance(5_000);
    expect(await status(token.headers)).toBe(401);
  });

  it('refuses a revoked token on the very next request, though it was in memory', async () => {
    const token = await newToken();
    expect(await status(token.headers)).toBe(200);
    expect(t.app.apiTokenCache.size).toBeGreaterThan(0);
    await revokeApiToken(t.db, token.context, { id: token.id, clock: t.clock });
    expect(await status(token.headers)).toBe(401);
  });

  it('hears a change made around the application and forgets the token', async () => {
    const token = await newToken();
    expect(await status(token.headers)).toBe(200);
    await sql`update api_tokens set revoked_at = now() where id = ${token.id}`.execute(t.db);
    await vi.waitFor(async () => expect(await status(token.headers)).toBe(401), { timeout: 5_000 });
  });

  it('refuses a token in memory once it expires on the clock', async () => {
    const token = await newToken({ expiresAt: new Date(t.clock.now().getTime() + 60_000) });
    expect(await status(token.headers)).toBe(200);
    t.clock.advance(59_999);
    expect(await status(token.headers)).toBe(200);
    t.clock.advance(1);
    expect(await status(token.headers)).toBe(401);
  });

  it('never keeps unknown tokens', async () => {
    const before = t.app.apiTokenCache.size;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(await status({ authorization: `Bearer lsn_guess${attempt}` })).toBe(401);
    }
    expect(t.app.apiTokenCache.size).toBe(before);
  });

  it('does not keep what it read before an invalidation it did not see the end of', async () => {
    const cache = new ApiTokenCache(t.db, { clock: t.clock });
    cache.listen();
    try {
      await vi.waitFor(() => expect(cache.isListening).toBe(true));
      let finishLookup!: () => void;
      const lookup = cache.find('a-token-hash', async () => {
        await new Promise<void>((resolve) => {
          finishLookup = resolve;
        });
        return { org_id: 'org', id: 'token', name: 'stale', role: 'manager', expires_at: null };
      });
      // A revocation commits while the lookup is still reading the row as it was before.
      cache.invalidate();
      finishLookup();
      expect((await lookup)?.name).toBe('stale');
      expect(cache.size).toBe(0);
    } finally {
      await cache.close();
    }
  });
});

describe.skipIf(testBackend() !== 'postgres')('the API token cache with several servers', () => {
  async function secondServer() {
    const name = (await sql<{ name: string }>`select current_database() as name`.execute(t.db)).rows[0]!.name;
    const database = await createDatabase({
      backend: 'postgres',
      url: withDatabaseName(process.env.TEST_DATABASE_URL ?? '', name),
      poolSize: 2,
    });
    const clock = new ManualClock(t.clock.now());
    const app = await buildApp(
      { db: database.db, backend: 'postgres', clock, config: testConfig() },
      { logger: false },
    );
    await app.ready();
    await vi.waitFor(() => expect(app.apiTokenCache.isListening).toBe(true));
    return {
      db: database.db,
      app,
      async close() {
        await app.close();
        await database.close();
      },
    };
  }

  it('refuses a token revoked by another server promptly', async () => {
    const other = await secondServer();
    try {
      const token = await newToken();
      expect(await status(token.headers)).toBe(200);
      expect(await status(token.headers, other.app)).toBe(200);
      await revokeApiToken(other.db, token.context, { id: token.id, clock: t.clock });
      expect(await status(token.headers, other.app)).toBe(401);
      await vi.waitFor(async () => expect(await status(token.headers)).toBe(401), { timeout: 5_000 });
    } finally {
      await other.close();
    }
  });

  it('keeps nothing while it cannot hear changes, and listens again', async () => {
    const token = await newToken();
    expect(await status(token.headers)).toBe(200);
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity
         where datname = $1 and query ilike 'listen %'`,
        [(await sql<{ name: string }>`select current_database() as name`.execute(t.db)).rows[0]!.name],
      );
    } finally {
      await admin.end();
    }
    await vi.waitFor(() => expect(t.app.apiTokenCache.isListening).toBe(false));
    expect(t.app.apiTokenCache.size).toBe(0);
    // A change nobody announces is seen at once, because nothing is being kept.
    await revokeSilently(t.db, token.id);
    expect(await status(token.headers)).toBe(401);
    await vi.waitFor(() => expect(t.app.apiTokenCache.isListening).toBe(true), { timeout: 5_000 });
    const another = await newToken();
    expect(await status(another.headers)).toBe(200);
    expect(t.app.apiTokenCache.size).toBeGreaterThan(0);
  });
});
