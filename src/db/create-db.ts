import fs from 'node:fs';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.ts';
import { PGliteDialect } from './pglite-dialect.ts';

export type DatabaseBackend = 'pglite' | 'postgres';

export type DatabaseHandle = {
  db: Kysely<Database>;
  backend: DatabaseBackend;
  /** Closes the pool or the embedded database. */
  close(): Promise<void>;
};

export type DatabaseOptions =
  | { backend: 'postgres'; url: string; poolSize?: number; onPoolError?: (error: Error) => void }
  /** dataDir undefined keeps the embedded database in memory (tests). */
  | { backend: 'pglite'; dataDir: string | undefined };

// Both backends hand the application the same JavaScript values: bigint columns as numbers
// (every count and sequence here fits in 2^53), dates as 'YYYY-MM-DD' strings (never a Date at
// local midnight), timestamptz as Date.
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const DATE_OID = 1082;

pg.types.setTypeParser(INT8_OID, (value) => Number(value));
pg.types.setTypeParser(NUMERIC_OID, (value) => Number(value));
pg.types.setTypeParser(DATE_OID, (value) => value);

/** The only place that knows which database engine Liaison is running on. */
export async function createDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.backend === 'postgres') {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 20,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
    });
    // An idle client whose connection drops emits 'error' on the pool; without a listener Node
    // would treat it as unhandled and exit. The next query simply gets a fresh connection.
    pool.on('error', (error) => options.onPoolError?.(error));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, backend: 'postgres', close: () => db.destroy() };
  }

  if (options.dataDir) fs.mkdirSync(options.dataDir, { recursive: true });
  const client = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    // Full durability: every commit is written through to the data directory before it returns.
    relaxedDurability: false,
    parsers: {
      [pgliteTypes.INT8]: (value: string) => Number(value),
      [pgliteTypes.NUMERIC]: (value: string) => Number(value),
      [pgliteTypes.DATE]: (value: string) => value,
    },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  return { db, backend: 'pglite', close: () => db.destroy() };
}
