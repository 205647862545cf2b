import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../src/db/create-db.ts';
import { DEMO_ORGANISATION_NAME } from '../src/demo/demo.ts';
import { testBackend } from './app-for-test.ts';
import { startServerProcess, stopServerProcess } from './server-process.ts';

// The README's start command on a machine with nothing set up: the server makes its embedded
// database, loads the demo organisation with its history (messages sent from incidents among it),
// writes the demo sign-in details and serves the web app; started again, it keeps what it has.

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-start-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const unset = {
  DATABASE_URL: undefined,
  SMTP_HOST: undefined,
  PUBLIC_URL: undefined,
  MFA_KEY_FILE: undefined,
};

describe.skipIf(testBackend() !== 'pglite')('starting Liaison for the first time', () => {
  it('makes its database, loads the demo and serves the web app', { timeout: 180_000 }, async () => {
    const first = await startServerProcess({ ...unset, DATA_DIR: dataDir });
    let signIns: string;
    try {
      const page = await fetch(`${first.url}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      signIns = fs.readFileSync(path.join(dataDir, 'demo-sign-in.txt'), 'utf8');
      expect(signIns).toMatch(/manager/);
    } finally {
      expect(await stopServerProcess(first.child)).toBe(0);
    }

    const again = await startServerProcess({ ...unset, DATA_DIR: dataDir });
    expect(await stopServerProcess(again.child)).toBe(0);
    // The second start found the demo and left its sign-in details as they were.
    expect(fs.readFileSync(path.join(dataDir, 'demo-sign-in.txt'), 'utf8')).toBe(signIns);

    const handle = await createDatabase({ backend: 'pglite', dataDir });
    try {
      const organisations = await handle.db
        .selectFrom('organisations')
        .select('id')
        .where('name', '=', DEMO_ORGANISATION_NAME)
        .execute();
      expect(organisations).toHaveLength(1);
      const fromIncidents = await handle.db
        .selectFrom('partner_messages')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('org_id', '=', organisations[0]?.id ?? '')
        .where('incident_id', 'is not', null)
        .executeTakeFirstOrThrow();
      expect(Number(fromIncidents.count)).toBeGreaterThan(0);
    } finally {
      await handle.close();
    }
  });
});
