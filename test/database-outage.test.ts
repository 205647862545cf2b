import { randomBytes } from 'node:crypto';
import net from 'node:net';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { systemClock } from '../src/clock.ts';
import { createDatabase, type DatabaseHandle, isDatabaseUnavailable } from '../src/db/create-db.ts';
import { testBackend, testConfig } from './app-for-test.ts';
import { TEMPLATE_DATABASE, withDatabaseName } from './postgres-names.ts';
import { organisationWithApiToken } from './scenarios.ts';

// Losing the PostgreSQL server never takes Liaison down. The app reaches the server through a TCP
// proxy in this test, which can cut its connections, swallow every byte (a network that stopped
// answering) or refuse connections. While the server cannot be reached, every request is answered
// promptly with 503, Retry-After and a plain message; once it is back, service resumes without a
// restart. An error the process did not handle would fail the run. Needs a server: the embedded
// database has no connection to lose.

const CONNECT_TIMEOUT_MS = 1_000;
const QUERY_TIMEOUT_MS = 3_000;
// Far beyond the configured timeouts: only a request left hanging would miss it.
const ANSWER_WITHIN_MS = 20_000;

type ProxyMode = 'forward' | 'blackhole' | 'refuse';

/** A TCP proxy in front of the PostgreSQL server whose behaviour the test switches. */
class DatabaseProxy {
  private mode: ProxyMode = 'forward';
  private readonly sockets = new Set<net.Socket>();
  private server: net.Server | undefined;
  port = 0;

  constructor(
    private readonly upstreamHost: string,
    private readonly upstreamPort: number,
  ) {}

  async listen(): Promise<void> {
    const server = net.createServer((socket) => this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        this.port = (server.address() as net.AddressInfo).port;
        resolve();
      });
    });
  }

  private track(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => this.sockets.delete(socket));
  }

  private accept(client: net.Socket): void {
    this.track(client);
    // A network that has gone quiet: the connection is taken, nothing ever comes back.
    if (this.mode === 'blackhole') return;
    const upstream = net.connect(this.upstreamPort, this.upstreamHost);
    this.track(upstream);
    client.on('data', (chunk) => {
      if (this.mode === 'forward') upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (this.mode === 'forward') client.write(chunk);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }

  /** From now on, every byte on every connection, open or new, is swallowed. */
  blackhole(): void {
    this.mode = 'blackhole';
  }

  /** Connections are refused: nothing listens on the port any more, and open ones are cut. */
  async refuse(): Promise<void> {
    this.mode = 'refuse';
    const server = this.server;
    this.server = undefined;
    this.cutAll();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The network is back: whatever was left hanging is closed, new connections get through. */
  async restore(): Promise<void> {
    this.cutAll();
    this.mode = 'forward';
    if (!this.server) await this.listen();
  }

  cutAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  async close(): Promise<void> {
    await this.refuse();
  }
}

async function answered(
  request: Promise<LightMyRequestResponse>,
): Promise<LightMyRequestResponse | 'no answer'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'no answer'>((resolve) => {
    timer = setTimeout(() => resolve('no answer'), ANSWER_WITHIN_MS);
  });
  try {
    return await Promise.race([request, late]);
  } finally {
    clearTimeout(timer);
  }
}

function expectUnavailable(response: LightMyRequestResponse | 'no answer'): void {
  expect(response).not.toBe('no answer');
  if (response === 'no answer') return;
  expect(response.statusCode).toBe(503);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  const problem = response.json();
  expect(problem).toMatchObject({
    status: 503,
    detail: 'The database is unavailable; try again shortly.',
  });
  expect(response.body).not.toMatch(/\bat .*\(|node_modules|ECONN|57P01|terminated/i);
}

const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

describe.skipIf(testBackend() !== 'postgres')('losing the PostgreSQL server', { timeout: 120_000 }, () => {
  const databaseName = `liaison_outage_${randomBytes(6).toString('hex')}`;
  let proxy: DatabaseProxy;
  let handle: DatabaseHandle;
  let app: FastifyInstance;
  let headers: Record<string, string>;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${databaseName} template ${TEMPLATE_DATABASE}`);
    await admin.end();

    const upstream = new URL(adminUrl);
    proxy = new DatabaseProxy(upstream.hostname || '127.0.0.1', Number(upstream.port || 5432));
    await proxy.listen();
    const proxied = new URL(withDatabaseName(adminUrl, databaseName));
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);

    handle = await createDatabase({
      backend: 'postgres',
      url: proxied.toString(),
      poolSize: 4,
      connectTimeoutMs: CONNECT_TIMEOUT_MS,
      queryTimeoutMs: QUERY_TIMEOUT_MS,
    });
    const config = testConfig({
      databaseUrl: proxied.toString(),
      databaseConnectTimeoutMs: CONNECT_TIMEOUT_MS,
      databaseQueryTimeoutMs: QUERY_TIMEOUT_MS,
    });
    app = await buildApp(
      { db: handle.db, backend: handle.backend, clock: systemClock, config },
      { logger: false },
    );
    await app.ready();

    ({ headers } = await organisationWithApiToken(
      { db: handle.db, clock: systemClock },
      { madeBy: 'registered_manager', name: 'Outage test', role: 'manager' },
    ));
  });

  afterAll(async () => {
    await app?.close();
    await proxy?.restore();
    await handle?.close();
    await proxy?.close();
    const cleaner = new pg.Client({ connectionString: adminUrl });
    await cleaner.connect();
    await cleaner.query(`drop database if exists ${databaseName} with (force)`);
    await cleaner.end();
  });

  const listPartners = () => app.inject({ method: 'GET', url: '/api/partner-organisations', headers });
  const addPartner = () =>
    app.inject({
      method: 'POST',
      url: '/api/partner-organisations',
      headers,
      payload: { name: `Outage Surgery ${randomBytes(3).toString('hex')}`, type: 'gp' },
    });
  const health = () => app.inject({ method: 'GET', url: '/healthz' });

  async function terminateAppConnections(): Promise<number> {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      const result = await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [databaseName],
      );
      return result.rowCount ?? 0;
    } finally {
      await admin.end();
    }
  }

  /** Asks until the app answers 200 again, then reports how many answers came before. */
  async function recovered(): Promise<LightMyRequestResponse[]> {
    const before: LightMyRequestResponse[] = [];
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const response = await listPartners();
      if (response.statusCode === 200) return before;
      before.push(response);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`No recovery: ${before.map((response) => response.statusCode).join(', ')}`);
  }

  it('recovers when the server ends its connections (pg_terminate_backend)', async () => {
    expect((await listPartners()).statusCode).toBe(200);
    expect((await addPartner()).statusCode).toBe(201);
    expect(await terminateAppConnections()).toBeGreaterThan(0);

    // The pool may hand out a connection it has not yet seen end: at most that request fails,
    // with a 503, never a 500.
    const beforeRecovery = await recovered();
    for (const response of beforeRecovery) expectUnavailable(response);
    expect(beforeRecovery.length).toBeLessThanOrEqual(4);
    for (let index = 0; index < 5; index += 1) expect((await listPartners()).statusCode).toBe(200);
    expect((await addPartner()).statusCode).toBe(201);
    expect((await health()).statusCode).toBe(200);
  });

  it('fails only the transaction whose connection was ended, not the process', async () => {
    let connectionEnded!: () => void;
    const ended = new Promise<void>((resolve) => {
      connectionEnded = resolve;
    });
    const transaction = handle.db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      // The connection is checked out and idle in the transaction when the server ends it.
      await ended;
      await sql`select 1`.execute(trx);
    });
    const outcome = transaction.then(
      () => 'committed',
      (error: unknown) => error,
    );
    await terminateAppConnections();
    // Give the ended connection's notice time to arrive before the transaction's next statement.
    await new Promise((resolve) => setTimeout(resolve, 300));
    connectionEnded();
    const error = await outcome;
    expect(error).not.toBe('committed');
    expect(isDatabaseUnavailable(error)).toBe(true);
    await recovered();
  });

  it('answers 503 with Retry-After while the network is silent, and recovers when it is back', async () => {
    // Connections in the pool and listening for notifications are open when the network stops.
    expect((await listPartners()).statusCode).toBe(200);
    proxy.blackhole();

    // Reads and writes on pooled connections wait for the query timeout; those that need a new
    // connection wait for the connect timeout. Every one is answered, with a 503.
    const during = await Promise.all([
      answered(listPartners()),
      answered(listPartners()),
      answered(addPartner()),
      answered(listPartners()),
      answered(addPartner()),
      answered(listPartners()),
    ]);
    for (const response of during) expectUnavailable(response);
    // Once the stalled connections have been given up, new requests wait only to connect.
    for (let index = 0; index < 3; index += 1) expectUnavailable(await answered(listPartners()));
    const healthDuring = await answered(health());
    expect(healthDuring).not.toBe('no answer');
    if (healthDuring !== 'no answer') {
      expect(healthDuring.statusCode).toBe(503);
      expect(healthDuring.json()).toEqual({
        status: 'unavailable',
        database: { backend: 'postgres', reachable: false },
      });
    }

    await proxy.restore();
    const beforeRecovery = await recovered();
    for (const response of beforeRecovery) expectUnavailable(response);
    expect((await addPartner()).statusCode).toBe(201);
    expect((await health()).json()).toEqual({
      status: 'ok',
      database: { backend: 'postgres', reachable: true },
    });
  });

  it('answers 503 with Retry-After while connections are refused, and recovers when they are not', async () => {
    expect((await listPartners()).statusCode).toBe(200);
    await proxy.refuse();

    const during = await Promise.all([
      answered(listPartners()),
      answered(addPartner()),
      answered(listPartners()),
    ]);
    for (const response of during) expectUnavailable(response);
    for (let index = 0; index < 3; index += 1) expectUnavailable(await answered(listPartners()));
    const healthDuring = await answered(health());
    expect(healthDuring !== 'no answer' && healthDuring.statusCode).toBe(503);

    await proxy.restore();
    const beforeRecovery = await recovered();
    for (const response of beforeRecovery) expectUnavailable(response);
    for (let index = 0; index < 5; index += 1) expect((await listPartners()).statusCode).toBe(200);
    expect((await addPartner()).statusCode).toBe(201);
    expect((await health()).statusCode).toBe(200);
  });
});
