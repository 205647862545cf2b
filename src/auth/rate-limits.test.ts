import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  type TestApp,
  testAppForFile,
  testBackend,
  testConfig,
} from '../../test/app-for-test.ts';
import { withDatabaseName } from '../../test/postgres-names.ts';
import { buildApp } from '../app.ts';
import { createDatabase } from '../db/create-db.ts';
import { PASSWORD_RESET_REQUESTS_PER_ADDRESS } from '../users/password-reset.routes.ts';
import { forgetEndedRateLimits } from './rate-limit-store.ts';

// Limits on requests are keyed by the client's real address (a forged X-Forwarded-For changes
// nothing) and counted in the database, so every server process counts together (TRUST R8).
// Requests for a new password stand for every limited route: they are limited per address, and
// answer the same whatever address they ask about.

const t = testAppForFile();
let counter = 0;

function askForLink(app: TestApp['app'], remoteAddress: string, headers: Record<string, string> = {}) {
  counter += 1;
  return app.inject({
    method: 'POST',
    url: '/api/password-reset-requests',
    payload: { email: `nobody-${counter}@example.org` },
    remoteAddress,
    headers,
  });
}

/** A client address no other test has used: each has its own count. */
function freshAddress(): string {
  counter += 1;
  return `198.51.${Math.floor(counter / 250) % 250}.${counter % 250}`;
}

describe('limits on requests', () => {
  it('count by the connecting address, whatever X-Forwarded-For says', async () => {
    const client = freshAddress();
    for (let request = 1; request <= PASSWORD_RESET_REQUESTS_PER_ADDRESS; request += 1) {
      const answer = await askForLink(t.app, client, { 'x-forwarded-for': `203.0.113.${request}` });
      expect(answer.statusCode).toBe(202);
    }
    const forged = await askForLink(t.app, client, { 'x-forwarded-for': '203.0.113.99' });
    expect(forged.statusCode).toBe(429);
    expect(Number(forged.headers['retry-after'])).toBeGreaterThan(0);
    // Another client is not held back by it.
    expect((await askForLink(t.app, freshAddress())).statusCode).toBe(202);
  });

  it('start again once the window has ended, and ended windows are forgotten', async () => {
    const client = freshAddress();
    for (let request = 1; request <= PASSWORD_RESET_REQUESTS_PER_ADDRESS; request += 1) {
      await askForLink(t.app, client);
    }
    expect((await askForLink(t.app, client)).statusCode).toBe(429);
    t.clock.advance(15 * 60_000);
    expect((await askForLink(t.app, client)).statusCode).toBe(202);

    const before = await t.db.selectFrom('rate_limit_counters').select('key').execute();
    expect(before.length).toBeGreaterThan(0);
    // Only hashes of the keys are kept: no address.
    expect(JSON.stringify(before)).not.toContain(client);
    t.clock.advance(2 * 60 * 60_000);
    expect(await forgetEndedRateLimits(t.db, t.clock)).toBe(before.length);
  });

  describe('behind a reverse proxy named in TRUST_PROXY', () => {
    const proxy = '10.99.0.1';
    let behindProxy: TestApp;
    beforeAll(async () => {
      behindProxy = await createTestApp({ config: { trustProxy: [proxy] } });
    });
    afterAll(async () => {
      await behindProxy?.close();
    });

    it('count by the address the proxy saw, which a client cannot choose by forging the header', async () => {
      const client = freshAddress();
      for (let request = 1; request <= PASSWORD_RESET_REQUESTS_PER_ADDRESS; request += 1) {
        // The client forges a different first address each time; the proxy appends the real one.
        const answer = await askForLink(behindProxy.app, proxy, {
          'x-forwarded-for': `203.0.113.${request}, ${client}`,
        });
        expect(answer.statusCode).toBe(202);
      }
      expect(
        (await askForLink(behindProxy.app, proxy, { 'x-forwarded-for': `203.0.113.77, ${client}` }))
          .statusCode,
      ).toBe(429);
      // Another client behind the same proxy has a count of its own.
      expect(
        (await askForLink(behindProxy.app, proxy, { 'x-forwarded-for': freshAddress() })).statusCode,
      ).toBe(202);
    });

    it('ignore the header from anyone but the proxy', async () => {
      const direct = freshAddress();
      for (let request = 1; request <= PASSWORD_RESET_REQUESTS_PER_ADDRESS; request += 1) {
        await askForLink(behindProxy.app, direct, { 'x-forwarded-for': freshAddress() });
      }
      expect(
        (await askForLink(behindProxy.app, direct, { 'x-forwarded-for': freshAddress() })).statusCode,
      ).toBe(429);
    });
  });

  // The embedded database belongs to one process: only a server database has several.
  it.skipIf(testBackend() !== 'postgres')('count together across servers on one database', async () => {
    const name = (await sql<{ name: string }>`select current_database() as name`.execute(t.db)).rows[0]!.name;
    const database = await createDatabase({
      backend: 'postgres',
      url: withDatabaseName(process.env.TEST_DATABASE_URL ?? '', name),
      poolSize: 2,
    });
    const other = await buildApp(
      { db: database.db, backend: 'postgres', clock: t.clock, config: testConfig() },
      { logger: false },
    );
    await other.ready();
    try {
      const client = freshAddress();
      for (let request = 1; request <= PASSWORD_RESET_REQUESTS_PER_ADDRESS; request += 1) {
        const server = request % 2 === 0 ? other : t.app;
        expect((await askForLink(server, client)).statusCode).toBe(202);
      }
      expect((await askForLink(t.app, client)).statusCode).toBe(429);
      expect((await askForLink(other, client)).statusCode).toBe(429);
    } finally {
      await other.close();
      await database.close();
    }
  });
});
