import fs from 'node:fs';
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
