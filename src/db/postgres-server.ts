// A PostgreSQL server through the pg driver's pool. Loaded only when Liaison runs on a server.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Listen, NotificationHandlers } from './create-db.ts';
import type { Database } from './database.ts';
import { forgetPreparedStatements, preparedStatementName } from './prepared-statements.ts';

// As the embedded database does (create-db.ts), the server hands the application bigint columns
// as numbers (every count and sequence here fits in 2^53), dates as 'YYYY-MM-DD' strings (never a
// Date at local midnight), timestamptz as Date.
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const DATE_OID = 1082;

pg.types.setTypeParser(INT8_OID, (value) => Number(value));
pg.types.setTypeParser(NUMERIC_OID, (value) => Number(value));
pg.types.setTypeParser(DATE_OID, (value) => value);

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
    const prepared =
      typeof text === 'string' && Array.isArray(values) ? preparedStatementName(text) : undefined;
    if (prepared === undefined) {
      const result = (super.query as (...rest: unknown[]) => unknown)(...args);
      if (result instanceof Promise) result.catch((error: unknown) => this.giveUpIfStalled(error));
      return result;
    }
    const { name, generation } = prepared;
    return super.query({ name, text, values }).catch((error: { code?: string }) => {
      // A kept statement breaks when a migration run elsewhere changes the columns it returns
      // (0A000), or when something between here and the server lost it (26000). This execution
      // fails; every connection then prepares its statements again under new names, so no other
      // write fails for the same reason.
      if (error.code === '0A000' || error.code === '26000') {
        forgetPreparedStatements(generation);
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

export type ServerDatabaseOptions = {
  url: string;
  poolSize?: number;
  connectTimeoutMs?: number;
  queryTimeoutMs?: number;
  onPoolError?: (error: Error) => void;
};

export function openServerDatabase(options: ServerDatabaseOptions): {
  db: Kysely<Database>;
  listen: Listen;
  close(): Promise<void>;
} {
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
  return {
    db,
    listen: (channel, handlers) => {
      const stop = listenOnServer(options.url, channel, handlers);
      const stopOnce = async () => {
        listeners.delete(stopOnce);
        await stop();
      };
      listeners.add(stopOnce);
      return stopOnce;
    },
    close: async () => {
      await Promise.all([...listeners].map((stop) => stop()));
      await db.destroy();
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
