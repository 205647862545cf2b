import pg from 'pg';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const requirePostgres = process.env.LIAISON_REQUIRE_POSTGRES === '1';

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const databaseTests = ['src/**/*.test.ts', 'test/**/*.test.ts'];
const notDatabaseTests = ['**/*.unit.test.ts', '**/*.e2e.test.ts', '**/node_modules/**'];

export default defineConfig(async () => {
  const withPostgres = requirePostgres || (await postgresReachable());
  // The template database is built in this process (global setup), before any test file runs.
  process.env.TEST_DATABASE_URL = postgresUrl;
  if (!withPostgres) {
    console.warn(`PostgreSQL is not reachable at ${postgresUrl}: the PostgreSQL suite is skipped.`);
  }
  return {
    test: {
      reporters: ['default', './test/project-count-reporter.ts'],
      testTimeout: 30_000,
      hookTimeout: 60_000,
      projects: projectsFor(withPostgres),
    },
  };
});

function projectsFor(withPostgres: boolean): TestProjectInlineConfiguration[] {
  return [
    {
      extends: true,
      test: {
        name: 'unit',
        include: ['src/**/*.unit.test.ts', 'test/**/*.unit.test.ts', 'web/src/**/*.unit.test.ts'],
      },
    },
    {
      extends: true,
      test: {
        // The browser app's shared widgets, rendered in a simulated document.
        name: 'components',
        include: ['web/src/**/*.component.test.tsx'],
        environment: 'happy-dom',
      },
    },
    {
      extends: true,
      test: {
        name: 'pglite',
        include: databaseTests,
        exclude: notDatabaseTests,
        env: { LIAISON_TEST_BACKEND: 'pglite' },
      },
    },
    ...(withPostgres
      ? ([
          {
            extends: true,
            test: {
              name: 'postgres',
              include: databaseTests,
              exclude: notDatabaseTests,
              env: { LIAISON_TEST_BACKEND: 'postgres', TEST_DATABASE_URL: postgresUrl },
              globalSetup: ['test/postgres-template.ts'],
            },
          },
        ] satisfies TestProjectInlineConfiguration[])
      : []),
    {
      extends: true,
      test: {
        name: 'e2e',
        include: ['test/e2e/**/*.e2e.test.ts'],
        fileParallelism: false,
        // In CI the browser shares two cores with both database suites, and a click can wait out its
        // timeout while the page is starved. A browser test that fails is tried once more there;
        // one that passes only then is named in the summary and by the CI gate, not hidden.
        retry: process.env.CI ? 1 : 0,
        env: { LIAISON_TEST_BACKEND: 'pglite' },
      },
    },
  ];
}
