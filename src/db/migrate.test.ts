import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testBackend } from '../../test/app-for-test.ts';
import { createTestPartnerContact, createTestPartnerOrganisation } from '../../test/factories.ts';
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

  it('resolves duplicate open "needs attention" items, keeping the oldest of each message and kind', async () => {
    const clock = new ManualClock(new Date('2026-12-06T10:00:00Z'));
    const handle = await createTestDatabase(testBackend(), { migrated: false });
    handles.push(handle);
    const { db } = handle;
    await migrateTo(db, '2026_12_06_1000_disclosure_at_every_moment');
    const orgId = crypto.randomUUID();
    await sql`insert into organisations (id, name, created_at, updated_at)
              values (${orgId}, 'Upgrade Care', now(), now())`.execute(db);
    const partner = await createTestPartnerOrganisation(db, clock, orgId);
    const contact = await createTestPartnerContact(db, clock, orgId, partner.id);
    const messageId = crypto.randomUUID();
    await sql`insert into partner_messages (org_id, id, template, urgency, partner_organisation_id,
                partner_contact_id, subject, summary, status, sent_by_type, sent_at, updated_at)
              values (${orgId}, ${messageId}, 'update', 'routine', ${partner.id}, ${contact.id},
                'Heating', 'The boiler failed at 6am today.', 'sent', 'system', now(), now())`.execute(db);
    const item = async (kind: string, minute: number, resolved = false) => {
      const id = crypto.randomUUID();
      await sql`insert into attention_items (org_id, id, message_id, kind, for_role, title, created_at, resolved_at)
                values (${orgId}, ${id}, ${messageId}, ${kind}, 'sender', 'Call the district nursing team',
                  ${new Date(Date.UTC(2026, 11, 6, 9, minute))}, ${resolved ? new Date() : null})`.execute(
        db,
      );
      return id;
    };
    const oldestCall = await item('call_partner', 1);
    await item('call_partner', 2);
    await item('call_partner', 3);
    await item('call_partner', 0, true);
    const onlyFailure = await item('email_failed', 4);

    await migrateTo(db, '2026_12_06_1100_attention_once_per_cause');
    const open = await sql<{ id: string }>`select id from attention_items
      where message_id = ${messageId} and resolved_at is null order by created_at`.execute(db);
    expect(open.rows.map((row) => row.id)).toEqual([oldestCall, onlyFailure]);
    const duplicates = await sql<{ resolution_note: string; resolved_by_system: boolean }>`
      select resolution_note, resolved_by_system from attention_items
      where message_id = ${messageId} and resolution_note = 'Duplicate'`.execute(db);
    expect(duplicates.rows).toEqual([
      { resolution_note: 'Duplicate', resolved_by_system: true },
      { resolution_note: 'Duplicate', resolved_by_system: true },
    ]);
    // From now on a second open item of the same kind cannot be written.
    await expect(item('call_partner', 5)).rejects.toThrow();

    // Later the items name what they are about rather than always a message.
    await migrateToLatest(db);
    const keyed = await sql<{ id: string; subject_type: string }>`select id, subject_type from attention_items
      where subject_id = ${messageId} and resolved_at is null order by created_at`.execute(db);
    expect(keyed.rows).toEqual([
      { id: oldestCall, subject_type: 'partner_message' },
      { id: onlyFailure, subject_type: 'partner_message' },
    ]);
  });
});
