import { afterAll, describe, expect, it } from 'vitest';
import { sealPendingEntries, verifyAuditChain } from '../src/audit/audit.service.ts';
import { systemClock } from '../src/clock.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { auditEntriesOf } from './requests.ts';
import { organisationWithApiToken } from './scenarios.ts';
import { newServerDatabase, startServerProcess } from './server-process.ts';

// A crash under write load loses nothing: the server is killed with SIGKILL while systems are
// writing through the API, and every write it acknowledged (201) is in the database afterwards with
// its audit entry, no record exists without one, and the audit chain verifies. Runs against the
// embedded database on disk and against the PostgreSQL server.

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe('a crash under write load', () => {
  it('keeps every acknowledged write with its audit entry after SIGKILL', { timeout: 180_000 }, async () => {
    const target = await newServerDatabase('crash');
    cleanups.push(target.remove);
    // An organisation and an API token, made before the server starts.
    let handle = await target.open();
    await migrateToLatest(handle.db);
    const { organisation, token } = await organisationWithApiToken(
      { db: handle.db, clock: systemClock },
      { madeBy: 'registered_manager', name: 'Crash test', role: 'manager' },
    );
    await handle.close();

    const { child, url } = await startServerProcess({
      ...target.env,
      AUDIT_CHECKPOINT_INTERVAL_MINUTES: '0',
    });
    const acknowledged: string[] = [];
    let stop = false;
    const writer = async (writerIndex: number) => {
      for (let index = 0; !stop; index += 1) {
        const name = `Crash Surgery ${writerIndex}-${index}`;
        try {
          const response = await fetch(`${url}/api/partner-organisations`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ name, type: 'gp' }),
          });
          if (response.status === 201) acknowledged.push(name);
          else if (!stop) throw new Error(`unexpected ${response.status}`);
        } catch (error) {
          if (!stop) throw error;
          return;
        }
      }
    };
    const writers = Array.from({ length: 8 }, (_, index) => writer(index));
    // Kill the server mid-load, once a good number of writes have been acknowledged.
    while (acknowledged.length < 150) await new Promise((resolve) => setTimeout(resolve, 20));
    // Writes already sent stay in flight; the writers just send no more.
    stop = true;
    child.kill('SIGKILL');
    await Promise.all(writers);
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise((resolve) => child.once('exit', resolve));
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);

    handle = await target.open();
    try {
      const stored = await handle.db
        .selectFrom('partner_organisations')
        .select(['id', 'name'])
        .where('org_id', '=', organisation.id)
        .execute();
      const storedNames = new Set(stored.map((row) => row.name));
      expect(acknowledged.filter((name) => !storedNames.has(name))).toEqual([]);
      const audited = new Set(
        (await auditEntriesOf(handle.db, organisation.id, { action: 'partner_organisation.create' })).map(
          (row) => row.entity_id,
        ),
      );
      // Nothing acknowledged or not exists without its audit entry, and no entry without its record.
      expect(stored.filter((row) => !audited.has(row.id))).toEqual([]);
      expect(audited.size).toBe(stored.length);
      while ((await sealPendingEntries(handle.db, { clock: systemClock })).sealed > 0) {
        // seal what the killed server had not sealed yet
      }
      const [report] = await verifyAuditChain(handle.db, { clock: systemClock, orgId: organisation.id });
      expect(report?.verified).toBe(true);
    } finally {
      await handle.close();
    }
  });
});
