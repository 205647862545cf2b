import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../test/source-files.ts';
import { runtimeRoleStatements } from './db/database-roles.ts';

// SQL is never built by joining text (TRUST V2). Queries go through Kysely, whose values always
// travel as parameters; the few places that hand the database text of their own are listed here
// with what makes each safe, and a new one fails this test until someone has looked at it.

const sourceRoot = import.meta.dirname;

const isMigration = (file: string) => path.relative(sourceRoot, file).startsWith(`db${path.sep}migrations`);

/** Every way of giving the database SQL text that Kysely has not built from a query. */
const rawSql =
  /\bsql\s*\.\s*(?:raw|lit)\s*\(|CompiledQuery\s*\.\s*raw\s*\(|\.query\s*\(|[cC]lient\s*\.\s*exec\s*\(/g;

/** Where raw SQL text is allowed, how many times, and why it is safe there. */
const reviewed: Record<string, { count: number; why: string }> = {
  'audit/access-history.repository.ts': { count: 1, why: 'an interval from a numeric constant' },
  'audit/audit.repository.ts': {
    count: 1,
    why: 'wraps a statement Kysely compiled; every value stays a parameter',
  },
  'db/compiled-insert.ts': {
    count: 1,
    why: 'reuses text Kysely compiled for the same table and columns, checked to take the row values as its parameters',
  },
  'db/create-db.ts': { count: 2, why: 'LISTEN/UNLISTEN a channel checked against [a-z_][a-z0-9_]*' },
  'db/postgres-server.ts': {
    count: 2,
    why: 'passes compiled text and parameters through; LISTEN a channel checked as above',
  },
  'db/pglite-dialect.ts': {
    count: 7,
    why: 'transaction statements with savepoint names Kysely makes; parameterless compiled statements',
  },
  'db/database-roles.ts': { count: 1, why: 'grants to a role name checked against a plain-name pattern' },
  'escalation/escalation-steps.repository.ts': { count: 1, why: "the literal 'pending'" },
};

describe('SQL text', () => {
  it('is handed to the database raw only in the places reviewed', () => {
    const found: Record<string, number> = {};
    for (const file of sourceFiles(sourceRoot)) {
      if (isMigration(file)) continue;
      const count = [...fs.readFileSync(file, 'utf8').matchAll(rawSql)].length;
      if (count > 0) found[path.relative(sourceRoot, file)] = count;
    }
    const expected = Object.fromEntries(Object.entries(reviewed).map(([file, { count }]) => [file, count]));
    expect(found).toEqual(expected);
  });

  it('in migrations is fixed text, with nothing put into it', () => {
    const migrations = sourceFiles(sourceRoot).filter(isMigration);
    expect(migrations.length).toBeGreaterThan(20);
    const interpolating = migrations.filter((file) => fs.readFileSync(file, 'utf8').includes('${'));
    expect(interpolating.map((file) => path.relative(sourceRoot, file))).toEqual([]);
  });

  it('refuses a role name that could carry SQL into the grants', () => {
    expect(runtimeRoleStatements('liaison_app')[0]).toBe('grant usage on schema public to "liaison_app"');
    for (const name of ['app; drop table audit_events', 'app"', 'App', '', 'a'.repeat(64)]) {
      expect(() => runtimeRoleStatements(name)).toThrow(/not a plain role name/);
    }
  });
});
