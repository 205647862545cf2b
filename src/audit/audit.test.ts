import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testAppForFile, testBackend } from '../../test/app-for-test.ts';
import {
  asSuperuser,
  eventIdAt as eventIdAtSeq,
  placeEntryAt,
  sealedEventIds,
} from '../../test/audit-trail.ts';
import {
  createTestOrganisation,
  createTestPartnerOrganisation,
  createTestUser,
  signIn,
} from '../../test/factories.ts';
import { withDatabaseName } from '../../test/postgres-names.ts';
import { auditEntriesOf } from '../../test/requests.ts';
import { organisationWithApiToken } from '../../test/scenarios.ts';
import { systemContext } from '../context.ts';
import { createDatabase } from '../db/create-db.ts';
import { changeWithAudit, recordAudit, sealPendingEntries, verifyAuditChain } from './audit.service.ts';

const t = testAppForFile();

async function organisationWithEntries(count: number): Promise<string> {
  const organisation = await createTestOrganisation(t.db, t.clock);
  for (let index = 0; index < count - 1; index += 1) {
    await recordAudit(t.db, systemContext(organisation.id, 'test'), t.clock.now(), {
      action: 'test.write',
      entityType: 'test',
      entityId: String(index),
      changedFields: ['field'],
    });
    t.clock.advance(1000);
  }
  await sealPendingEntries(t.db, { clock: t.clock });
  return organisation.id;
}

async function report(orgId: string) {
  const [result] = await verifyAuditChain(t.db, { clock: t.clock, orgId });
  return result!;
}

async function eventIdAt(orgId: string, seq: number): Promise<number> {
  return eventIdAtSeq(t.db, orgId, seq);
}

describe('the audit chain', () => {
  it('seals entries into a contiguous per-organisation chain that verifies', async () => {
    const orgId = await organisationWithEntries(10);
    const result = await report(orgId);
    expect(result).toMatchObject({
      verified: true,
      sealedEntries: 10,
      unsealedEntries: 0,
      firstBadSeq: null,
    });
    const sealed = await sealedEventIds(t.db, orgId);
    expect(sealed).toHaveLength(10);
    expect(new Set(sealed).size).toBe(10);
  });

  it('reports entries not yet sealed, with their age, without failing', async () => {
    const orgId = await organisationWithEntries(3);
    await recordAudit(t.db, systemContext(orgId, 'test'), t.clock.now(), {
      action: 'test.write',
      entityType: 'test',
      entityId: 'x',
    });
    t.clock.advance(250);
    expect(await report(orgId)).toMatchObject({
      verified: true,
      sealedEntries: 3,
      unsealedEntries: 1,
      oldestUnsealedAgeMs: 250,
    });
  });

  it('keeps organisations on separate chains', async () => {
    const first = await organisationWithEntries(4);
    const second = await organisationWithEntries(2);
    expect((await report(first)).sealedEntries).toBe(4);
    expect((await report(second)).sealedEntries).toBe(2);
  });

  it('detects an edited entry and names it', async () => {
    const orgId = await organisationWithEntries(6);
    const eventId = await eventIdAt(orgId, 4);
    await asSuperuser(
      t.db,
      sql`update audit_events set action = 'test.innocent' where org_id = ${orgId} and id = ${eventId}`,
    );
    expect(await report(orgId)).toMatchObject({ verified: false, firstBadSeq: 4 });
  });

  it('detects an edit to the time of an entry', async () => {
    const orgId = await organisationWithEntries(5);
    const eventId = await eventIdAt(orgId, 2);
    await asSuperuser(
      t.db,
      sql`update audit_events set occurred_at = occurred_at + interval '1 second' where org_id = ${orgId} and id = ${eventId}`,
    );
    expect(await report(orgId)).toMatchObject({ verified: false, firstBadSeq: 2 });
  });

  it('detects a deleted entry', async () => {
    const orgId = await organisationWithEntries(6);
    const eventId = await eventIdAt(orgId, 3);
    await asSuperuser(t.db, sql`delete from audit_events where org_id = ${orgId} and id = ${eventId}`);
    expect(await report(orgId)).toMatchObject({ verified: false, firstBadSeq: 3 });
  });

  it('detects reordered entries', async () => {
    const orgId = await organisationWithEntries(6);
    // Swap the positions of entries 2 and 5.
    const [second, fifth] = [await eventIdAt(orgId, 2), await eventIdAt(orgId, 5)];
    await asSuperuser(t.db, [placeEntryAt(orgId, 2, fifth), placeEntryAt(orgId, 5, second)]);
    expect(await report(orgId)).toMatchObject({ verified: false, firstBadSeq: 2 });
  });

  it('detects an entry inserted into the chain', async () => {
    const orgId = await organisationWithEntries(5);
    await asSuperuser(
      t.db,
      sql`insert into audit_events (org_id, occurred_at, actor_type, action, entity_type)
          values (${orgId}, now(), 'system', 'test.forged', 'test')`,
    );
    const forged = await t.db
      .selectFrom('audit_events')
      .select('id')
      .where('org_id', '=', orgId)
      .where('action', '=', 'test.forged')
      .executeTakeFirstOrThrow();
    // Into the block, at 3, moving the rest up by one.
    await asSuperuser(
      t.db,
      sql`update audit_blocks
          set event_ids = event_ids[1:2] || ${forged.id}::bigint || event_ids[3:], tree_size = tree_size + 1
          where org_id = ${orgId}`,
    );
    expect(await report(orgId)).toMatchObject({ verified: false, firstBadSeq: 3 });
  });

  it('detects an entry written around the application, outside the chain', async () => {
    const orgId = await organisationWithEntries(3);
    await sql`insert into audit_events (org_id, occurred_at, actor_type, action, entity_type)
              values (${orgId}, now(), 'system', 'test.sneaked', 'test')`.execute(t.db);
    const result = await report(orgId);
    expect(result.verified).toBe(false);
    expect(result.firstBadSeq).toBeNull();
    expect(result.unchainedEventIds).toHaveLength(1);
  });

  it('is refused UPDATE, DELETE and TRUNCATE by the database itself', async () => {
    const orgId = await organisationWithEntries(2);
    await expect(
      sql`update audit_events set action = 'x' where org_id = ${orgId}`.execute(t.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events where org_id = ${orgId}`.execute(t.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`truncate audit_events cascade`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(
      sql`update audit_blocks set tree_head = '\\x00' where org_id = ${orgId}`.execute(t.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_blocks where org_id = ${orgId}`.execute(t.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`truncate audit_blocks`.execute(t.db)).rejects.toThrow(/append-only/);
    // The hash chain sealed before the tree is frozen: nothing can be added to it either.
    await expect(
      sql`insert into audit_chain (org_id, seq, event_id, entry_hash, sealed_at)
          values (${orgId}, 1, 1, ${'f'.repeat(64)}, now())`.execute(t.db),
    ).rejects.toThrow(/append-only/);
    expect((await report(orgId)).verified).toBe(true);
  });

  it('never forks or gaps the chain under concurrent audited requests and sealers', async () => {
    const organisation = await createTestOrganisation(t.db, t.clock);
    const admin = await createTestUser(t.db, t.clock, organisation.id, { role: 'admin' });
    const { headers } = await signIn(t.app, admin.email);
    const { version } = await t.db
      .selectFrom('organisations')
      .select('version')
      .where('id', '=', organisation.id)
      .executeTakeFirstOrThrow();
    // Concurrent changes to one record: those that lose the race for its version are refused.
    const writes = Array.from({ length: 60 }, (_, index) =>
      t.app.inject({
        method: 'PATCH',
        url: '/api/organisation',
        headers: { ...headers, 'if-match': `"${version}"` },
        payload: { address: `${index} Concurrent Street` },
      }),
    );
    const sealers = Array.from({ length: 6 }, () =>
      sealPendingEntries(t.db, { clock: t.clock, batchSize: 7 }),
    );
    const responses = await Promise.all(writes);
    await Promise.all(sealers);
    const statuses = responses.map((response) => response.statusCode);
    expect(statuses.filter((status) => status !== 200 && status !== 412)).toEqual([]);
    expect(statuses).toContain(200);
    while ((await sealPendingEntries(t.db, { clock: t.clock })).sealed > 0) {
      // drain
    }
    const sealed = await sealedEventIds(t.db, organisation.id);
    expect(new Set(sealed).size).toBe(sealed.length);
    const result = await report(organisation.id);
    expect(result.verified).toBe(true);
    expect(result.unsealedEntries).toBe(0);
    expect(result.sealedEntries).toBeGreaterThanOrEqual(
      statuses.filter((status) => status === 200).length + 2,
    );
  });

  it('writes no audit entry when the change it records rolls back, and no change without its entry', async () => {
    const orgId = await organisationWithEntries(1);
    const before = await t.db.selectFrom('audit_events').select('id').where('org_id', '=', orgId).execute();
    await expect(
      t.db.transaction().execute(async (trx) => {
        await trx.updateTable('organisations').set({ address: 'Changed' }).where('id', '=', orgId).execute();
        await recordAudit(trx, systemContext(orgId, 'test'), t.clock.now(), {
          action: 'organisation.update',
          entityType: 'organisation',
          entityId: orgId,
        });
        throw new Error('failure after both writes');
      }),
    ).rejects.toThrow('failure after both writes');
    const after = await t.db.selectFrom('audit_events').select('id').where('org_id', '=', orgId).execute();
    expect(after).toHaveLength(before.length);
    const organisation = await t.db
      .selectFrom('organisations')
      .select('address')
      .where('id', '=', orgId)
      .executeTakeFirstOrThrow();
    expect(organisation.address).toBeNull();
  });

  it('writes a single-statement change and its entry together, and no entry when nothing changed', async () => {
    const orgId = await organisationWithEntries(1);
    const context = systemContext(orgId, 'test');
    const changed = await changeWithAudit<{ id: string; address: string }>(
      t.db,
      context,
      t.clock.now(),
      {
        action: 'organisation.update',
        entityType: 'organisation',
        entityId: null,
        changedFields: ['address'],
      },
      t.db
        .updateTable('organisations')
        .set({ address: '3 Mill Lane' })
        .where('id', '=', orgId)
        .returning(['id', 'address']),
    );
    expect(changed).toEqual([{ id: orgId, address: '3 Mill Lane' }]);
    const missing = await changeWithAudit(
      t.db,
      context,
      t.clock.now(),
      { action: 'organisation.update', entityType: 'organisation', entityId: null },
      t.db
        .updateTable('organisations')
        .set({ address: 'Nowhere' })
        .where('id', '=', '00000000-0000-4000-8000-000000000000')
        .returning(['id']),
    );
    expect(missing).toEqual([]);
    const entries = await t.db
      .selectFrom('audit_events')
      .select(['action', 'entity_id', 'changed_fields'])
      .where('org_id', '=', orgId)
      .where('action', '=', 'organisation.update')
      .execute();
    expect(entries).toEqual([
      { action: 'organisation.update', entity_id: orgId, changed_fields: ['address'] },
    ]);
    await sealPendingEntries(t.db, { clock: t.clock });
    expect((await report(orgId)).verified).toBe(true);
  });

  it('lets an auditor verify the chain through the API, and records that they did', async () => {
    const organisation = await createTestOrganisation(t.db, t.clock);
    const auditor = await createTestUser(t.db, t.clock, organisation.id, { role: 'auditor' });
    const careWorker = await createTestUser(t.db, t.clock, organisation.id, { role: 'care_worker' });
    const { headers } = await signIn(t.app, auditor.email);
    await sealPendingEntries(t.db, { clock: t.clock });
    const response = await t.app.inject({ method: 'GET', url: '/api/audit/verify', headers });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ verified: true, firstBadSeq: null });
    const refused = await t.app.inject({
      method: 'GET',
      url: '/api/audit/verify',
      headers: (await signIn(t.app, careWorker.email)).headers,
    });
    expect(refused.statusCode).toBe(403);
    const actions = await t.db
      .selectFrom('audit_events')
      .select(['action', 'outcome'])
      .where('org_id', '=', organisation.id)
      .where('action', 'in', ['audit.verify', 'access.denied'])
      .orderBy('id')
      .execute();
    expect(actions).toEqual([
      { action: 'audit.verify', outcome: 'success' },
      { action: 'access.denied', outcome: 'denied' },
    ]);
  });

  it('seals every entry of concurrent API writes once, in one unbroken chain, while sealers run', async () => {
    const { organisation, token } = await organisationWithApiToken(t, {
      madeBy: 'registered_manager',
      name: 'Register import',
      role: 'manager',
    });
    const writes = Array.from({ length: 80 }, (_, index) =>
      t.app.inject({
        method: 'POST',
        url: '/api/partner-organisations',
        headers: { authorization: `Bearer ${token}` },
        payload: { name: `Surgery ${index}`, type: 'gp' },
      }),
    );
    const sealers = Array.from({ length: 6 }, () =>
      sealPendingEntries(t.db, { clock: t.clock, batchSize: 7 }),
    );
    const responses = await Promise.all(writes);
    await Promise.all(sealers);
    expect(responses.map((response) => response.statusCode)).toEqual(responses.map(() => 201));
    while ((await sealPendingEntries(t.db, { clock: t.clock })).sealed > 0) {
      // drain
    }
    const chain = await sealedEventIds(t.db, organisation.id);
    expect(new Set(chain).size).toBe(chain.length);
    const created = await auditEntriesOf(t.db, organisation.id, { action: 'partner_organisation.create' });
    expect(created).toHaveLength(80);
    const sealed = new Set(chain);
    expect(created.every((event) => sealed.has(event.id))).toBe(true);
    expect(await report(organisation.id)).toMatchObject({
      verified: true,
      unsealedEntries: 0,
      unchainedEventIds: [],
    });
  });

  it('takes at most the given number of entries per run, across organisations, and the rest on the next', async () => {
    const organisations = [
      await createTestOrganisation(t.db, t.clock),
      await createTestOrganisation(t.db, t.clock),
      await createTestOrganisation(t.db, t.clock),
    ];
    while ((await sealPendingEntries(t.db, { clock: t.clock })).sealed > 0) {
      // everything written so far, by this and earlier tests
    }
    for (const organisation of organisations) {
      for (const entity of ['first', 'second']) {
        await recordAudit(t.db, systemContext(organisation.id, 'test'), t.clock.now(), {
          action: 'test.write',
          entityType: 'test',
          entityId: entity,
        });
      }
    }
    expect(await sealPendingEntries(t.db, { clock: t.clock, batchSize: 3 })).toEqual({
      organisations: 2,
      sealed: 3,
    });
    expect((await report(organisations[2]!.id)).unsealedEntries).toBe(2);
    expect(await sealPendingEntries(t.db, { clock: t.clock, batchSize: 3 })).toEqual({
      organisations: 2,
      sealed: 3,
    });
    expect(await sealPendingEntries(t.db, { clock: t.clock, batchSize: 3 })).toEqual({
      organisations: 0,
      sealed: 0,
    });
    for (const organisation of organisations) {
      expect(await report(organisation.id)).toMatchObject({
        verified: true,
        sealedEntries: 3,
        unsealedEntries: 0,
      });
    }
  });

  it('catches up after a restore into another server, whose transactions started again from the beginning', async () => {
    const orgId = await organisationWithEntries(3);
    // What a logical backup restored into a new server looks like: entries written by the old
    // server's transactions, numbered far beyond this one's, one of them never sealed, and the
    // cursor where the old sequencer stopped.
    await sql`insert into audit_events (org_id, occurred_at, actor_type, action, entity_type, entity_id, xact_id)
              values (${orgId}, ${t.clock.now()}, 'system', 'test.write', 'test', 'restored', '900000000000')`.execute(
      t.db,
    );
    await sql`update audit_seal_cursor set xact_id = '900000000000', event_id = 0`.execute(t.db);
    await recordAudit(t.db, systemContext(orgId, 'test'), t.clock.now(), {
      action: 'test.write',
      entityType: 'test',
      entityId: 'after-restore',
    });
    while ((await sealPendingEntries(t.db, { clock: t.clock, batchSize: 1 })).sealed > 0) {
      // catch up, one entry at a time
    }
    expect(await report(orgId)).toMatchObject({
      verified: true,
      sealedEntries: 5,
      unsealedEntries: 0,
      unchainedEventIds: [],
    });
    // Back to normal: the sequencer passes over the entries it sealed while catching up, and
    // seals the next one once, after the rest.
    await recordAudit(t.db, systemContext(orgId, 'test'), t.clock.now(), {
      action: 'test.write',
      entityType: 'test',
      entityId: 'later',
    });
    await sealPendingEntries(t.db, { clock: t.clock });
    expect(await report(orgId)).toMatchObject({ verified: true, sealedEntries: 6, unsealedEntries: 0 });
  });

  // The embedded database has one connection: no transaction can be open beside another.
  it.skipIf(testBackend() !== 'postgres')(
    'waits for a transaction still writing, then seals its entries and those after it, once each',
    async () => {
      const orgId = await organisationWithEntries(1);
      let finishSlowWrite = () => {};
      let slowWriteStarted = () => {};
      const started = new Promise<void>((resolve) => {
        slowWriteStarted = resolve;
      });
      const slowWrite = t.db.transaction().execute(async (trx) => {
        await recordAudit(trx, systemContext(orgId, 'test'), t.clock.now(), {
          action: 'test.write',
          entityType: 'test',
          entityId: 'slow',
        });
        slowWriteStarted();
        await new Promise<void>((resolve) => {
          finishSlowWrite = resolve;
        });
      });
      await started;
      // Written and committed after the slow transaction began, so later in sealing order.
      await recordAudit(t.db, systemContext(orgId, 'test'), t.clock.now(), {
        action: 'test.write',
        entityType: 'test',
        entityId: 'quick',
      });
      expect(await sealPendingEntries(t.db, { clock: t.clock })).toEqual({ organisations: 0, sealed: 0 });
      expect(await report(orgId)).toMatchObject({ verified: true, sealedEntries: 1, unsealedEntries: 1 });

      finishSlowWrite();
      await slowWrite;
      expect((await sealPendingEntries(t.db, { clock: t.clock })).sealed).toBeGreaterThanOrEqual(2);
      expect(await report(orgId)).toMatchObject({
        verified: true,
        sealedEntries: 3,
        unsealedEntries: 0,
        unchainedEventIds: [],
      });
      const sealedIds = await sealedEventIds(t.db, orgId);
      const entities = await t.db
        .selectFrom('audit_events')
        .select(['id', 'entity_id'])
        .where('org_id', '=', orgId)
        .execute();
      const entityOf = new Map(entities.map((row) => [row.id, row.entity_id]));
      expect(sealedIds.map((id) => entityOf.get(id))).toEqual([orgId, 'slow', 'quick']);
    },
  );

  it.skipIf(testBackend() !== 'postgres')(
    'lets only one sequencer seal at a time across processes, and none seals an entry twice',
    async () => {
      // A second pool on the same database stands for a second server process.
      const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(t.db);
      const other = await createDatabase({
        backend: 'postgres',
        url: withDatabaseName(process.env.TEST_DATABASE_URL!, rows[0]!.name),
        poolSize: 5,
      });
      const handles = [t.db, other.db];
      try {
        const orgId = await organisationWithEntries(1);
        for (let index = 0; index < 40; index += 1) {
          await recordAudit(t.db, systemContext(orgId, 'test'), t.clock.now(), {
            action: 'test.write',
            entityType: 'test',
            entityId: String(index),
          });
        }
        const runs = await Promise.all(
          Array.from({ length: 8 }, (_, index) =>
            sealPendingEntries(handles[index % 2]!, { clock: t.clock, batchSize: 5 }),
          ),
        );
        const sealedByRuns = runs.reduce((total, run) => total + run.sealed, 0);
        expect(sealedByRuns).toBeLessThanOrEqual(40);
        while ((await sealPendingEntries(t.db, { clock: t.clock })).sealed > 0) {
          // drain
        }
        expect(await report(orgId)).toMatchObject({ verified: true, sealedEntries: 41, unsealedEntries: 0 });
      } finally {
        await other.close();
      }
    },
  );

  it.skipIf(testBackend() !== 'postgres')(
    'recovers when a migration elsewhere changes the columns a kept statement returns',
    async () => {
      const organisation = await createTestOrganisation(t.db, t.clock);
      // Every connection of the pool parses and keeps the audited insert.
      await Promise.all(
        Array.from({ length: 20 }, () => createTestPartnerOrganisation(t.db, t.clock, organisation.id)),
      );
      const writeTwentyTimes = async () => {
        const outcomes: string[] = [];
        for (let attempt = 0; attempt < 20; attempt += 1) {
          outcomes.push(
            await createTestPartnerOrganisation(t.db, t.clock, organisation.id).then(
              () => 'ok',
              (error: { code?: string }) => String(error.code),
            ),
          );
        }
        return outcomes;
      };
      await sql`alter table partner_organisations add column added_elsewhere integer`.execute(t.db);
      try {
        // One write meets the old plan and fails; then every connection prepares afresh.
        const outcomes = await writeTwentyTimes();
        expect(outcomes.filter((outcome) => outcome !== 'ok').length).toBeLessThanOrEqual(1);
        expect(outcomes.filter((outcome) => outcome !== 'ok' && outcome !== '0A000')).toEqual([]);
        expect(outcomes.slice(1)).toEqual(outcomes.slice(1).map(() => 'ok'));
      } finally {
        await sql`alter table partner_organisations drop column added_elsewhere`.execute(t.db);
      }
      const afterDrop = await writeTwentyTimes();
      expect(afterDrop.slice(1)).toEqual(afterDrop.slice(1).map(() => 'ok'));
    },
  );
});
