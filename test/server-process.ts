import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDatabase, type DatabaseHandle } from '../src/db/create-db.ts';
import { testBackend } from './app-for-test.ts';
import { TEMPLATE_DATABASE, withDatabaseName } from './postgres-names.ts';

/** A database of its own for a server process, on the backend under test, and how to open it here. */
export type ServerDatabase = {
  backend: 'pglite' | 'postgres';
  /** What the server is started with: an empty data directory, or a new database on the server. */
  env: Record<string, string>;
  /** The data directory (with the embedded database, an empty one). */
  dataDir: string;
  open: () => Promise<DatabaseHandle>;
  remove: () => Promise<void>;
};

/**
 * An empty data directory for the embedded database; on PostgreSQL, a new database made from the
 * migrated template (and a data directory beside it for what the server writes there).
 */
export async function newServerDatabase(purpose: string): Promise<ServerDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `liaison-${purpose}-`));
  const removeDir = async () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (testBackend() === 'pglite') {
    return {
      backend: 'pglite',
      env: { DATA_DIR: dataDir },
      dataDir,
      open: () => createDatabase({ backend: 'pglite', dataDir }),
      remove: removeDir,
    };
  }
  const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `liaison_${purpose}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${TEMPLATE_DATABASE}`);
  await admin.end();
  const url = withDatabaseName(adminUrl, name);
  return {
    backend: 'postgres',
    env: { DATA_DIR: dataDir, DATABASE_URL: url },
    dataDir,
    open: () => createDatabase({ backend: 'postgres', url, poolSize: 2 }),
    remove: async () => {
      const cleaner = new pg.Client({ connectionString: adminUrl });
      await cleaner.connect();
      await cleaner.query(`drop database if exists ${name} with (force)`);
      await cleaner.end();
      await removeDir();
    },
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the server as `npm start` does, in its own process, and waits until it answers its
 * health check. The caller stops it (SIGTERM to finish, SIGKILL to crash it).
 */
export async function startServerProcess(
  env: Record<string, string | undefined>,
): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  // A variable given as undefined is left out, as it would be from a shell that never set it.
  const merged = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error', ...env };
  const childEnv = Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: childEnv,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { child, url };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error('The server did not start within a minute');
}

/** Asks the server to stop and waits until it has. */
export async function stopServerProcess(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}
