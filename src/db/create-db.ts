import type { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { lockDataDirectory } from './data-directory-lock.ts';
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

export type Listen = (channel: string, handlers: NotificationHandlers) => () => Promise<void>;

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
    // The server driver is loaded only for a server: the embedded database never needs it.
    const { openServerDatabase } = await import('./postgres-server.ts');
    const opened = openServerDatabase(options);
    listenersByDatabase.set(opened.db, opened.listen);
    return { db: opened.db, backend: 'postgres', close: opened.close };
  }

  const releaseLock = options.dataDir ? lockDataDirectory(options.dataDir) : () => {};
  let client: PGlite;
  try {
    // Loaded only for the embedded database: a server never needs it.
    const { PGlite, types: pgliteTypes } = await import('@electric-sql/pglite');
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
