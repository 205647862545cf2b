import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testBackend } from '../../test/app-for-test.ts';
import { sealPendingEntries, verifyAuditChain } from '../audit/audit.service.ts';
import { ManualClock } from '../clock.ts';
import type { DatabaseHandle } from './create-db.ts';
import { migrateTo, migrateToLatest } from './migrate.ts';

const handles: DatabaseHandle[] = [];
afterEach(async () => {
  for (const handle of handles.splice(0)) await handle.close();
});

describe('upgrading the database', () => {
  it('hands audit entries still waiting in the old sealing queue to the sequencer, which seals them once', async () => {
    const clock = new ManualClock(new Date('2026-11-21T10:00:00Z'));
    const handle = await createTestDatabase(testBackend(), { migrated: false });
    handles.push(handle);
    const { db } = handle;
    await migrateTo(db, '2026_11_21_1900_create_incidents');
    const orgId = crypto.randomUUID();
    await sql`insert into organisations (id, name, created_at, updated_at)
              values (${orgId}, 'Upgrade Care', now(), now())`.execute(db);
    // Three entries as the previous release wrote them, each with its row in the queue.
    for (const entity of ['waiting-1', 'waiting-2', 'waiting-3']) {
      await sql`
        with "event" as (
          insert into audit_events (org_id, occurred_at, actor_type, action, entity_type, entity_id)
          values (${orgId}, ${clock.now()}, 'system', 'test.write', 'test', ${entity})
          returning org_id, id
        )
        insert into audit_pending (org_id, event_id) select org_id, id from "event"
      `.execute(db);
    }
    // An entry written around the application, with no queue row: outside the chain before and after.
    await sql`insert into audit_events (org_id, occurred_at, actor_type, action, entity_type, entity_id)
              values (${orgId}, ${clock.now()}, 'system', 'test.sneaked', 'test', 'sneaked')`.execute(db);

    await migrateToLatest(db);
    expect((await sealPendingEntries(db, { clock })).sealed).toBe(3);
    const [report] = await verifyAuditChain(db, { clock, orgId });
    expect(report).toMatchObject({ sealedEntries: 3, unsealedEntries: 0, firstBadSeq: null });
    expect(report?.unchainedEventIds).toHaveLength(1);
    expect((await sealPendingEntries(db, { clock })).sealed).toBe(0);
  });
});
