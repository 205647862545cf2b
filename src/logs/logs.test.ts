import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { testAppForFile } from '../../test/app-for-test.ts';
import { createTestPerson } from '../../test/factories.ts';
import { organisationWithMember } from '../../test/scenarios.ts';
import type { RequestContext } from '../context.ts';
import { appendLogEntry } from './logs.service.ts';

// The append-only log: an entry and its audit entry are written together, the recorder's name is
// kept with the entry, a correction must name an entry about the same subject, and the database
// refuses any change or deletion (incident records use the same trigger function).

const t = testAppForFile();
let context: RequestContext;
let concernIds: [string, string];
let personId: string;

beforeAll(async () => {
  const { organisation, user, context: managerContext } = await organisationWithMember(t, 'manager');
  context = managerContext;
  personId = (await createTestPerson(t.db, t.clock, organisation.id)).id;
  const concern = (id: string) => ({
    org_id: organisation.id,
    id,
    person_id: personId,
    occurred_at: t.clock.now(),
    what_happened: 'Seen',
    category: 'physical' as const,
    location_of_risk: 'own_home' as const,
    location_detail: null,
    source_kind: 'not_known' as const,
    source_person_id: null,
    source_description: null,
    others_present: null,
    others_at_risk: null,
    children_at_risk: false,
    immediate_actions: 'Told the manager',
    level: 'low' as const,
    status: 'raised' as const,
    not_referred_reason: null,
    need_to_know: null,
    advocacy_status: 'not_offered' as const,
    advocate_name: null,
    decision_due_at: null,
    decision_overdue_flagged_at: null,
    la_decision: null,
    la_decision_reason: null,
    la_other_route: null,
    la_feedback: null,
    la_decided_at: null,
    outcome: null,
    lessons_learnt: null,
    signed_off_by: null,
    closed_at: null,
    raised_by_type: 'user' as const,
    raised_by: user.id,
    raised_at: t.clock.now(),
    updated_at: t.clock.now(),
  });
  concernIds = [crypto.randomUUID(), crypto.randomUUID()];
  await t.db
    .insertInto('safeguarding_concerns')
    .values([concern(concernIds[0]), concern(concernIds[1])])
    .execute();
});

const append = (concernId: string, corrects: string | null = null) =>
  t.db.transaction().execute((trx) =>
    appendLogEntry(
      trx,
      context,
      'concern_entries',
      {
        subject: { concern_id: concernId, person_id: personId },
        kind: 'observation',
        occurredAt: t.clock.now(),
        text: 'Door not answered at 9am.',
        corrects,
        audit: { action: 'concern_entry.add', entityType: 'concern', entityId: concernId },
      },
      t.clock.now(),
    ),
  );

describe('append-only logs', () => {
  it('writes the entry with the recorder’s name and its audit entry in one call', async () => {
    const entry = await append(concernIds[0]);
    expect(entry.recorded_by_name).toMatch(/\S/);
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('entity_id', '=', concernIds[0])
      .execute();
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: 'concern_entry.add',
        details: expect.objectContaining({ entryId: entry.id }),
      }),
    );
  });

  it('takes a correction only for an entry about the same subject', async () => {
    const original = await append(concernIds[0]);
    await expect(append(concernIds[1], original.id)).rejects.toMatchObject({
      fields: [{ field: 'corrects' }],
    });
    const correction = await append(concernIds[0], original.id);
    expect(correction.corrects).toBe(original.id);
  });

  it('refuses any change or deletion in the database, for concern entries and incident records alike', async () => {
    const entry = await append(concernIds[0]);
    await expect(
      sql`update concern_entries set text = 'x' where id = ${entry.id}`.execute(t.db),
    ).rejects.toThrow(/concern_entries is append-only/);
    await expect(sql`delete from concern_entries where id = ${entry.id}`.execute(t.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`truncate concern_entries cascade`.execute(t.db)).rejects.toThrow(/append-only/);
    const trigger = await sql<{ function: string }>`
      select p.proname as function from pg_trigger tg join pg_proc p on p.oid = tg.tgfoid
      where tg.tgname = 'incident_records_append_only'`.execute(t.db);
    expect(trigger.rows[0]?.function).toBe('refuse_change_to_append_only');
  });
});
