import fs from 'node:fs';
import path from 'node:path';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { type CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
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
  | {
      backend: 'postgres';
      url: string;
      poolSize?: number;
      /** How long to wait for a connection (a new one, or a free one in the pool). */
      connectTimeoutMs?: number;
      /**
       * How long one statement may wait for its answer before its connection is given up as lost;
       * none by default (migrations and the CLI may run long statements).
       */
      queryTimeoutMs?: number;
      onPoolError?: (error: Error) => void;
    }
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

// Statements marked with keepPrepared, by their text. Bounded, so a mistake cannot make every
// connection hold an unbounded number of plans: past the limit, statements are simply not kept.
const preparedStatementNumbers = new Map<string, number>();
const MAX_PREPARED_STATEMENTS = 100;
// Part of every statement name: moving it makes every connection prepare its statements afresh.
let preparedStatementGeneration = 0;

/**
 * Marks a statement that runs very often to be parsed and planned once per connection to a
 * PostgreSQL server instead of on every execution (a named prepared statement). Only for a fixed
 * set of texts: values go in parameters. The embedded database ignores the mark.
 */
export function keepPrepared<R>(query: CompiledQuery<R>): CompiledQuery<R> {
  if (!preparedStatementNumbers.has(query.sql) && preparedStatementNumbers.size < MAX_PREPARED_STATEMENTS) {
    preparedStatementNumbers.set(query.sql, preparedStatementNumbers.size + 1);
  }
  return query;
}

/**
 * A pg client that runs the statements marked with keepPrepared as named prepared statements, and
 * that never takes the process down when its connection is lost.
 */
class PreparingClient extends pg.Client {
  constructor(config?: pg.ClientConfig) {
    super(config);
    // A connection lost while the client is checked out of the pool (between two statements of a
    // transaction, say) is reported as an 'error' event, and the pool listens only to idle
    // clients: without this listener Node would exit. The statement waiting on the connection,
    // or the next one, fails instead, and the pool discards the client when it is released.
    this.on('error', () => {});
  }

  // biome-ignore lint/suspicious/noExplicitAny: pg's query() has many overloads; only one form is changed.
  override query(...args: any[]): any {
    const [text, values] = args;
    const number =
      typeof text === 'string' && Array.isArray(values) ? preparedStatementNumbers.get(text) : undefined;
    if (number === undefined) {
      const result = (super.query as (...rest: unknown[]) => unknown)(...args);
      if (result instanceof Promise) result.catch((error: unknown) => this.giveUpIfStalled(error));
      return result;
    }
    const generation = preparedStatementGeneration;
    const name = `liaison_${generation}_${number}`;
    return super.query({ name, text, values }).catch((error: { code?: string }) => {
      // A kept statement breaks when a migration run elsewhere changes the columns it returns
      // (0A000), or when something between here and the server lost it (26000). This execution
      // fails; every connection then prepares its statements again under new names, so no other
      // write fails for the same reason.
      if (error.code === '0A000' || error.code === '26000') {
        if (generation === preparedStatementGeneration) preparedStatementGeneration += 1;
        if (error.code === '26000') this.end().catch(() => {});
      }
      this.giveUpIfStalled(error);
      throw error;
    });
  }

  /**
   * A statement that outlived the query timeout leaves its connection silent (a server or network
   * that stopped answering): closing it makes the pool discard the client instead of handing the
   * stalled connection to the next request.
   */
  private giveUpIfStalled(error: unknown): void {
    if ((error as { message?: unknown }).message === 'Query read timeout') this.end().catch(() => {});
  }
}

// SQLSTATE classes and codes, and Node and pg errors, that mean the server cannot be reached or
// the connection was lost: the request may well succeed shortly, on a new connection.
const connectionLostCodes = new Set([
  '57P01', // admin_shutdown (pg_terminate_backend, a server stopping)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down, in recovery)
  '53300', // too_many_connections
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const connectionLostMessages = [
  'Connection terminated', // also '… unexpectedly' and '… due to connection timeout'
  'timeout exceeded when trying to connect',
  'timeout expired',
  'Query read timeout',
  'is not queryable',
];

/**
 * Whether an error means the database server cannot be reached right now (refused, lost,
 * stopped, or not answering in time), rather than a fault in the statement or the data.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && (connectionLostCodes.has(code) || /^08[0-9A-Z]{3}$/.test(code))) {
      return true;
    }
    if (typeof message === 'string' && connectionLostMessages.some((text) => message.includes(text))) {
      return true;
    }
    current = cause;
  }
  return false;
}

/** What a listener on a notification channel (PostgreSQL LISTEN/NOTIFY) is told. */
export type NotificationHandlers = {
  onNotification(payload: string): void;
  /** Listening (again): every notification from now on arrives. */
  onListening(): void;
  /** Notifications may have been missed: the listening connection was lost. It is reopened. */
  onInterrupted(): void;
};

type Listen = (channel: string, handlers: NotificationHandlers) => () => Promise<void>;

const listenersByDatabase = new WeakMap<Kysely<Database>, Listen>();

/**
 * Listens for notifications (`NOTIFY channel`) sent by any connection to the database `db` uses,
 * in this process or another. Returns a function that stops listening. A notification is sent
 * when the transaction that sent it commits.
 */
export function listenForNotifications(
  db: Kysely<Database>,
  channel: string,
  handlers: NotificationHandlers,
): () => Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Invalid notification channel ${channel}`);
  const listen = listenersByDatabase.get(db);
  if (!listen) throw new Error('This database was not opened by createDatabase');
  return listen(channel, handlers);
}

/** The only place that knows which database engine Liaison is running on. */
export async function createDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.backend === 'postgres') {
    const pool = new pg.Pool({
      Client: PreparingClient,
      connectionString: options.url,
      max: options.poolSize ?? 20,
      // Short, so that while the server cannot be reached requests are answered 503 quickly
      // instead of piling up; the pool keeps trying, so service resumes by itself.
      connectionTimeoutMillis: options.connectTimeoutMs ?? 2_000,
      ...(options.queryTimeoutMs ? { query_timeout: options.queryTimeoutMs } : {}),
      // Notices a connection whose server or network silently went away.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      idleTimeoutMillis: 30_000,
    });
    // An idle client whose connection drops emits 'error' on the pool; without a listener Node
    // would treat it as unhandled and exit. The next query simply gets a fresh connection.
    pool.on('error', (error) => options.onPoolError?.(error));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const listeners = new Set<() => Promise<void>>();
    listenersByDatabase.set(db, (channel, handlers) => {
      const stop = listenOnServer(options.url, channel, handlers);
      const stopOnce = async () => {
        listeners.delete(stopOnce);
        await stop();
      };
      listeners.add(stopOnce);
      return stopOnce;
    });
    return {
      db,
      backend: 'postgres',
      close: async () => {
        await Promise.all([...listeners].map((stop) => stop()));
        await db.destroy();
      },
    };
  }

  const releaseLock = options.dataDir ? lockDataDirectory(options.dataDir) : () => {};
  let client: PGlite;
  try {
    client = await PGlite.create({
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      // Full durability: every commit is written through to the data directory before it returns.
      relaxedDurability: false,
      // The embedded database serves one small organisation through one connection: 8 MB of
      // shared buffers (instead of 128 MB) and shared memory sized for a handful of connections
      // (instead of a hundred) keep the whole server's idle memory within budget.
      startParams: [
        ...PGlite.defaultStartParams,
        ...['-c', 'shared_buffers=8MB', '-c', 'max_connections=4', '-c', 'max_wal_senders=0'],
        ...['-c', 'max_replication_slots=0', '-c', 'autovacuum_max_workers=1'],
      ],
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
  listenersByDatabase.set(db, embeddedListener(db, client));
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
 * A connection of its own, outside the pool, that only listens. When it drops, the listener is
 * told that notifications may have been missed, and it is reopened after a pause.
 */
function listenOnServer(url: string, channel: string, handlers: NotificationHandlers): () => Promise<void> {
  let current: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const open = async () => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    current = client;
    const lost = () => {
      if (current !== client) return;
      current = undefined;
      handlers.onInterrupted();
      client.end().catch(() => {});
      if (!stopped) retry = setTimeout(open, 1_000).unref();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (message) => {
      if (message.channel === channel) handlers.onNotification(message.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`listen ${channel}`);
      if (current === client) handlers.onListening();
    } catch {
      lost();
    }
  };
  void open();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const client = current;
    current = undefined;
    await client?.end().catch(() => {});
  };
}

/**
 * The embedded database is used by this process alone, through its one connection. LISTEN goes
 * through the driver like any query, so it never lands inside another caller's transaction.
 */
function embeddedListener(db: Kysely<Database>, client: PGlite): Listen {
  const listenersByChannel = new Map<string, Set<NotificationHandlers>>();
  client.onNotification((channel, payload) => {
    for (const handlers of listenersByChannel.get(channel) ?? []) handlers.onNotification(payload);
  });
  return (channel, handlers) => {
    let listeners = listenersByChannel.get(channel);
    if (!listeners) {
      listeners = new Set();
      listenersByChannel.set(channel, listeners);
    }
    listeners.add(handlers);
    sql
      .raw(`listen ${channel}`)
      .execute(db)
      .then(
        () => {
          if (listeners.has(handlers)) handlers.onListening();
        },
        () => handlers.onInterrupted(),
      );
    return async () => {
      listeners.delete(handlers);
      if (listeners.size === 0 && !client.closed) {
        listenersByChannel.delete(channel);
        await sql
          .raw(`unlisten ${channel}`)
          .execute(db)
          .catch(() => {});
      }
    };
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
