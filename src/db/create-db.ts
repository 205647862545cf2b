import fs from 'node:fs';
import path from 'node:path';
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

  const releaseLock = options.dataDir ? lockDataDirectory(options.dataDir) : () => {};
  let client: PGlite;
  try {
    client = await PGlite.create({
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      // Full durability: every commit is written through to the data directory before it returns.
      relaxedDurability: false,
      // The embedded database serves one small organisation: 8 MB of shared buffers (instead of
      // 128 MB) keeps the whole server's idle memory within budget and opens it faster.
      startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=8MB'],
      parsers: {
        [pgliteTypes.INT8]: (value: string) => Number(value),
        [pgliteTypes.NUMERIC]: (value: string) => Number(value),
        [pgliteTypes.DATE]: (value: string) => value,
      },
    });
  } catch (error) {
    releaseLock();
    throw error;
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  return {
    db,
    backend: 'pglite',
    close: async () => {
      await db.destroy();
      releaseLock();
    },
  };
}

/**
 * The embedded database must only ever be opened by one process: two would corrupt it. A lock
 * file holding the owner's process id guards the directory; a lock left by a process that no
 * longer exists is taken over.
 */
function lockDataDirectory(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'liaison.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      const release = () => fs.rmSync(lockPath, { force: true });
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(fs.readFileSync(lockPath, 'utf8'));
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isRunning(owner)) {
        throw new Error(
          `The embedded database in ${dataDir} is in use by process ${owner}. Stop that Liaison first, or set DATABASE_URL to use a PostgreSQL server that several processes can share.`,
        );
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock the embedded database in ${dataDir}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
