import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION_NAME } from '../src/demo/demo.ts';
import {
  newServerDatabase,
  type ServerDatabase,
  startServerProcess,
  stopServerProcess,
} from './server-process.ts';

// The README's start commands on a machine with nothing else set up. On the embedded database the
// server makes its database, loads the demo organisation with its history (messages sent from
// incidents among it), writes the demo sign-in details and serves the web app; started again, it
// keeps what it has. On a PostgreSQL server (DATABASE_URL) it serves the app and loads no demo.

let target: ServerDatabase;
afterAll(() => target?.remove());

// Settings a developer's shell may hold that the first start must not depend on.
const unset = { SMTP_HOST: undefined, PUBLIC_URL: undefined, MFA_KEY_FILE: undefined };
const signInFile = () => path.join(target.dataDir, 'demo-sign-in.txt');

async function startAndStop(check: (url: string) => Promise<void>): Promise<void> {
  const server = await startServerProcess({ ...unset, DATABASE_URL: undefined, ...target.env });
  try {
    await check(server.url);
  } finally {
    expect(await stopServerProcess(server.child)).toBe(0);
  }
}

async function servesTheWebApp(url: string): Promise<void> {
  const page = await fetch(`${url}/`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toMatch(/text\/html/);
}

async function demoOrganisations() {
  const handle = await target.open();
  try {
    return await handle.db
      .selectFrom('organisations as organisation')
      .select((eb) => [
        'organisation.id',
        eb
          .selectFrom('partner_messages as message')
          .select(eb.fn.countAll<string>().as('count'))
          .whereRef('message.org_id', '=', 'organisation.id')
          .where('message.incident_id', 'is not', null)
          .as('sentFromIncidents'),
      ])
      .where('organisation.name', '=', DEMO_ORGANISATION_NAME)
      .execute();
  } finally {
    await handle.close();
  }
}

describe('starting Liaison for the first time', () => {
  it('makes what it needs, serves the web app, and loads the demo only on the embedded database', {
    timeout: 180_000,
  }, async () => {
    target = await newServerDatabase('start');
    await startAndStop(servesTheWebApp);

    if (target.backend === 'postgres') {
      expect(fs.existsSync(signInFile())).toBe(false);
      expect(await demoOrganisations()).toEqual([]);
      return;
    }
    const signIns = fs.readFileSync(signInFile(), 'utf8');
    expect(signIns).toMatch(/manager/);
    // Started again, it finds the demo and leaves its sign-in details as they were.
    await startAndStop(servesTheWebApp);
    expect(fs.readFileSync(signInFile(), 'utf8')).toBe(signIns);
    const demo = await demoOrganisations();
    expect(demo).toHaveLength(1);
    expect(Number(demo[0]?.sentFromIncidents)).toBeGreaterThan(0);
  });
});

// A production server (TRUST A8, C2): it starts with no account at all, the demo included, serves
// no route for testing or the demo, answers TRACE with nothing, and will not start with a setting
// that turns a protection off.
describe('starting Liaison in production', () => {
  const production = {
    ...unset,
    NODE_ENV: 'production',
    PUBLIC_URL: 'https://liaison.care.example',
    LOG_LEVEL: 'warn',
  };
  let database: ServerDatabase;
  afterAll(() => database?.remove());

  it('has no accounts after install, no demo or test routes, and refuses TRACE', {
    timeout: 180_000,
  }, async () => {
    database = await newServerDatabase('production');
    const server = await startServerProcess({ ...production, DATABASE_URL: undefined, ...database.env });
    try {
      expect((await fetch(`${server.url}/`)).status).toBe(200);
      // fetch refuses to send TRACE; a raw request does. Nothing echoes the request's headers back.
      const trace = await rawRequest(`${server.url}/api/session`, 'TRACE', { cookie: 'canary=trace-7c1e' });
      expect([404, 405]).toContain(trace.status);
      expect(trace.body).not.toContain('trace-7c1e');
      const description = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
        paths: Record<string, unknown>;
      };
      expect(Object.keys(description.paths).length).toBeGreaterThan(40);
      expect(Object.keys(description.paths).filter((path) => /demo|test|debug/i.test(path))).toEqual([]);
    } finally {
      expect(await stopServerProcess(server.child)).toBe(0);
    }
    expect(fs.existsSync(path.join(database.dataDir, 'demo-sign-in.txt'))).toBe(false);
    const handle = await database.open();
    try {
      const users = await handle.db.selectFrom('users').select('email').execute();
      const organisations = await handle.db.selectFrom('organisations').select('name').execute();
      const tokens = await handle.db.selectFrom('api_tokens').select('name').execute();
      expect({ users, organisations, tokens }).toEqual({ users: [], organisations: [], tokens: [] });
    } finally {
      await handle.close();
    }
  });

  it('will not start with a setting that turns a protection off, and says which', () => {
    const started = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        ...process.env,
        ...production,
        PORT: '0',
        COOKIE_SECURE: 'false',
        DATA_DIR: '/tmp/liaison-unused',
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(started.status).not.toBe(0);
    expect(started.stderr).toContain('COOKIE_SECURE: must be on');
  });
});

function rawRequest(
  url: string,
  method: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}
