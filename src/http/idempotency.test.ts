import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testAppForFile } from '../../test/app-for-test.ts';
import { createStaffedOrganisation, type SignedIn } from '../../test/factories.ts';
import { auditEntriesOf } from '../../test/requests.ts';

const t = testAppForFile({ config: { signInAttemptsPerMinute: 10_000 }, at: '2026-11-21T09:00:00Z' });

function create(who: SignedIn, key: string | undefined, body: object) {
  return t.app.inject({
    method: 'POST',
    url: '/api/partner-organisations',
    headers: { ...who.headers, ...(key === undefined ? {} : { 'idempotency-key': key }) },
    payload: body,
  });
}

async function countNamed(orgId: string, name: string): Promise<number> {
  const rows = await t.db
    .selectFrom('partner_organisations')
    .select('id')
    .where('org_id', '=', orgId)
    .where('name', '=', name)
    .execute();
  return rows.length;
}

describe('Idempotency-Key', () => {
  it('answers a repeat with the same answer and makes the change once', async () => {
    const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const body = { name: 'Northvale Housing', type: 'housing' };
    const first = await create(staff.manager, 'create-northvale-1', body);
    expect(first.statusCode).toBe(201);
    // The client never heard the answer and sends it again.
    const again = await create(staff.manager, 'create-northvale-1', body);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await countNamed(organisation.id, 'Northvale Housing')).toBe(1);
    const audited = await auditEntriesOf(t.db, organisation.id, { action: 'partner_organisation.create' });
    expect(audited).toHaveLength(1);
  });

  it('refuses the same key for a different request (422) and a repeat still being handled (409)', async () => {
    const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    await create(staff.manager, 'key-a', { name: 'Riverside Surgery', type: 'gp' });
    const changed = await create(staff.manager, 'key-a', { name: 'Riverside Surgery', type: 'dentist' });
    expect(changed.statusCode).toBe(422);
    expect(changed.json()).toMatchObject({ errors: [{ field: 'Idempotency-Key' }] });

    await sql`
      insert into idempotency_keys (org_id, actor_id, key, request_hash, created_at)
      values (${organisation.id}, ${staff.manager.userId}, 'key-busy', 'x', now())
    `.execute(t.db);
    const busy = await create(staff.manager, 'key-busy', { name: 'Oakwood Dental', type: 'dentist' });
    expect(busy.statusCode).toBe(409);
    expect(await countNamed(organisation.id, 'Oakwood Dental')).toBe(0);
  });

  it('makes one change when the same request arrives twice at once', async () => {
    const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const body = { name: 'Leeds MASH', type: 'safeguarding_team' };
    const answers = await Promise.all([
      create(staff.manager, 'parallel-1', body),
      create(staff.manager, 'parallel-1', body),
      create(staff.manager, 'parallel-1', body),
    ]);
    const statuses = answers.map((answer) => answer.statusCode).sort();
    expect(statuses.filter((status) => status === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    expect(await countNamed(organisation.id, 'Leeds MASH')).toBe(1);
  });

  it('keeps each caller’s keys apart, and refuses a malformed key', async () => {
    const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const body = { name: 'City Advocacy', type: 'advocate' };
    expect((await create(staff.manager, 'shared-key', body)).statusCode).toBe(201);
    const other = await create(staff.registered_manager, 'shared-key', body);
    expect(other.statusCode).toBe(201);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect(await countNamed(organisation.id, 'City Advocacy')).toBe(2);

    const malformed = await create(staff.manager, 'has spaces in it', body);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ errors: [{ field: 'Idempotency-Key' }] });
  });
});
