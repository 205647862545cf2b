import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { buildApp } from '../src/app.ts';
import { ManualClock } from '../src/clock.ts';
import { type Config, loadConfig } from '../src/config.ts';
import { createDatabase, type DatabaseHandle } from '../src/db/create-db.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { AppDependencies } from '../src/dependencies.ts';
import { TEMPLATE_DATABASE, withDatabaseName } from './postgres-names.ts';

export type TestBackend = 'pglite' | 'postgres';

export function testBackend(): TestBackend {
  return process.env.LIAISON_TEST_BACKEND === 'postgres' ? 'postgres' : 'pglite';
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a clone of the migrated
 * template on the PostgreSQL server (dropped again on close). `migrated: false` gives an empty
 * one, for tests of the migrations themselves.
 */
export async function createTestDatabase(
  backend: TestBackend = testBackend(),
  options: { migrated?: boolean } = {},
): Promise<DatabaseHandle> {
  const migrated = options.migrated ?? true;
  if (backend === 'pglite') {
    const handle = await createDatabase({ backend: 'pglite', dataDir: undefined });
    if (migrated) await migrateToLatest(handle.db);
    return handle;
  }
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `liaison_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create database ${name}${migrated ? ` template ${TEMPLATE_DATABASE}` : ''}`);
  } finally {
    await admin.end();
  }
  const handle = await createDatabase({
    backend: 'postgres',
    url: withDatabaseName(url, name),
    poolSize: 10,
  });
  return {
    ...handle,
    async close() {
      await handle.close();
      const cleaner = new pg.Client({ connectionString: url });
      await cleaner.connect();
      try {
        await cleaner.query(`drop database if exists ${name} with (force)`);
      } finally {
        await cleaner.end();
      }
    },
  };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: '/tmp/liaison-unused' }),
    ...overrides,
  };
}

const clocks = new WeakMap<FastifyInstance, ManualClock>();

/** The clock a test app was built with (sign-in helpers compute authenticator codes with it). */
export function clockOf(app: FastifyInstance): ManualClock {
  const clock = clocks.get(app);
  if (!clock) throw new Error('This app was not built by createTestApp.');
  return clock;
}

export type TestApp = AppDependencies & {
  app: FastifyInstance;
  clock: ManualClock;
  close(): Promise<void>;
};

export type TestAppOptions = {
  config?: Partial<Config>;
  clock?: ManualClock;
  logger?: FastifyServerOptions['logger'];
};

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const clock = options.clock ?? new ManualClock('2026-11-21T09:00:00Z');
  const config = testConfig(options.config);
  const dependencies: AppDependencies = { db: database.db, backend: database.backend, clock, config };
  const app = await buildApp(dependencies, { logger: options.logger ?? false });
  await app.ready();
  clocks.set(app, clock);
  return {
    ...dependencies,
    app,
    clock,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/**
 * One app and fresh database for the whole test file, built before its first test (the clock then
 * set to `at`, when given) and closed after its last; with `eachTestAt`, every test starts with the
 * clock at that moment. The object is filled in when the file's tests start: use it inside hooks
 * and tests, not while the file is being read.
 */
export function testAppForFile(options: TestAppOptions & { at?: string; eachTestAt?: string } = {}): TestApp {
  const { at, eachTestAt, ...appOptions } = options;
  const t = {} as TestApp;
  beforeAll(async () => {
    Object.assign(t, await createTestApp(appOptions));
    if (at !== undefined) t.clock.set(at);
  });
  if (eachTestAt !== undefined) {
    beforeEach(() => {
      t.clock.set(eachTestAt);
    });
  }
  afterAll(async () => {
    await t.close?.();
  });
  return t;
}

/** Sessions that outlive `days` of a clock a test moves on (their expiry is not under test). */
export function sessionsLasting(days: number): Partial<Config> {
  return { sessionIdleMs: days * 86_400_000, sessionAbsoluteMs: days * 86_400_000 };
}
