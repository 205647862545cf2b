import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app-for-test.ts';
import { createStaffedOrganisation, createTestPerson, type SignedIn } from '../../test/factories.ts';
import { systemContext } from '../context.ts';
import { recordAudit, sealPendingEntries } from './audit.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

type AccessHistoryBody = {
  subject: { kind: string; type: string; id: string; name: string | null };
  items: {
    id: number;
    seq: number | null;
    occurredAt: string;
    actor: { type: string; id: string | null; role: string | null; name: string | null };
    action: string;
    entity: { type: string; id: string | null; name: string | null };
    details: Record<string, unknown>;
  }[];
};

async function accessHistory(signedIn: SignedIn, query: string) {
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/audit/access?${query}`,
    headers: signedIn.headers,
  });
  return { statusCode: response.statusCode, body: response.json() as AccessHistoryBody };
}

async function get(signedIn: SignedIn, url: string) {
  const response = await t.app.inject({ method: 'GET', url, headers: signedIn.headers });
  expect(response.statusCode).toBe(200);
}

async function staffedOrganisationWithPerson() {
  const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
  const person = await createTestPerson(t.db, t.clock, organisation.id);
  const other = await createTestPerson(t.db, t.clock, organisation.id);
  return { organisation, staff, person, other };
}

describe('who accessed a person, and what a user accessed', () => {
  it('lists every view and change of a person’s record, and of the records kept about them, newest first', async () => {
    const { organisation, staff, person, other } = await staffedOrganisationWithPerson();
    t.clock.advance(60_000);
    await get(staff.care_worker, `/api/people/${person.id}`);
    t.clock.advance(60_000);
    await get(staff.care_worker, `/api/people/${person.id}/representatives`);
    t.clock.advance(60_000);
    await get(staff.manager, `/api/people/${person.id}`);
    await get(staff.manager, `/api/people/${other.id}`);
    // A record kept about the person names them in its entry's details.
    await recordAudit(t.db, systemContext(organisation.id, 'test'), t.clock.now(), {
      action: 'person_representative.create',
      entityType: 'person_representative',
      entityId: '6f1c1c1e-0000-4000-8000-000000000001',
      details: { personId: person.id },
    });
    await sealPendingEntries(t.db, { clock: t.clock });

    const { statusCode, body } = await accessHistory(
      staff.auditor,
      `entityType=person&entityId=${person.id}`,
    );
    expect(statusCode).toBe(200);
    expect(body.subject).toEqual({
      kind: 'entity',
      type: 'person',
      id: person.id,
      name: `${person.given_name} ${person.family_name}`,
    });
    const careWorkerId = staff.care_worker.userId;
    expect(
      body.items.map((item) => [item.action, item.actor.id, item.entity.type, item.details.part ?? null]),
    ).toEqual([
      ['person_representative.create', 'test', 'person_representative', null],
      ['person.view', staff.manager.userId, 'person', null],
      ['person.view', careWorkerId, 'person', 'representatives'],
      ['person.view', careWorkerId, 'person', null],
      ['person.create', 'test', 'person', null],
    ]);
    const careWorkerView = body.items[3]!;
    expect(careWorkerView.actor).toMatchObject({ type: 'user', role: 'care_worker' });
    expect(careWorkerView.actor.name).toMatch(/^Staff /);
    expect(careWorkerView.entity.name).toBe(`${person.given_name} ${person.family_name}`);
    expect(careWorkerView.occurredAt).toBe('2026-11-21T09:01:00.000Z');
    expect(careWorkerView.seq).toEqual(expect.any(Number));
  });

  it('lists what one staff member accessed, and nothing anyone else did', async () => {
    const { staff, person, other } = await staffedOrganisationWithPerson();
    await get(staff.care_worker, `/api/people/${person.id}`);
    await get(staff.care_worker, `/api/people/${other.id}`);
    await get(staff.manager, `/api/people/${person.id}`);

    const { statusCode, body } = await accessHistory(
      staff.registered_manager,
      `actorId=${staff.care_worker.userId}`,
    );
    expect(statusCode).toBe(200);
    expect(body.subject).toMatchObject({ kind: 'actor', type: 'user', id: staff.care_worker.userId });
    expect(body.items.every((item) => item.actor.id === staff.care_worker.userId)).toBe(true);
    expect(
      body.items.filter((item) => item.action === 'person.view').map((item) => item.entity.name),
    ).toEqual([`${other.given_name} ${other.family_name}`, `${person.given_name} ${person.family_name}`]);
    expect(body.items.at(-1)?.action).toBe('session.sign_in');
  });

  it('records each look-up in the audit trail, where the next look-up shows it', async () => {
    const { staff, person } = await staffedOrganisationWithPerson();
    await accessHistory(staff.auditor, `entityType=person&entityId=${person.id}`);
    await accessHistory(staff.manager, `actorId=${staff.care_worker.userId}`);

    const { body } = await accessHistory(staff.registered_manager, `entityType=person&entityId=${person.id}`);
    expect(body.items[0]).toMatchObject({
      action: 'audit.access_history',
      actor: { id: staff.auditor.userId, role: 'auditor' },
      entity: { type: 'person', id: person.id },
      details: { by: 'entity', results: 1 },
    });
    const auditorActivity = await accessHistory(staff.registered_manager, `actorId=${staff.manager.userId}`);
    expect(auditorActivity.body.items[0]).toMatchObject({
      action: 'audit.access_history',
      entity: { type: 'user', id: staff.care_worker.userId },
      details: { by: 'actor' },
    });
  });

  it('is open to managers, registered managers and auditors only; refusals are audited', async () => {
    const { staff, person } = await staffedOrganisationWithPerson();
    const query = `entityType=person&entityId=${person.id}`;
    for (const role of ['manager', 'registered_manager', 'auditor'] as const) {
      expect((await accessHistory(staff[role], query)).statusCode).toBe(200);
    }
    for (const role of ['care_worker', 'admin'] as const) {
      expect((await accessHistory(staff[role], query)).statusCode).toBe(403);
    }
    const { body } = await accessHistory(staff.auditor, `actorId=${staff.admin.userId}`);
    expect(body.items[0]).toMatchObject({
      action: 'access.denied',
      entity: { type: 'route', id: 'GET /api/audit/access' },
    });
  });

  it('pages newest first, and caps the page size', async () => {
    const { organisation, staff, person } = await staffedOrganisationWithPerson();
    for (let index = 0; index < 110; index += 1) {
      await recordAudit(t.db, systemContext(organisation.id, 'test'), t.clock.now(), {
        action: 'person.view',
        entityType: 'person',
        entityId: person.id,
      });
    }
    const query = `entityType=person&entityId=${person.id}`;
    const first = await accessHistory(staff.auditor, `${query}&limit=1000`);
    expect(first.body.items).toHaveLength(100);
    const second = await accessHistory(staff.auditor, `${query}&limit=100&offset=100`);
    // 110 views, the record's creation, and the first look-up itself (recorded against the person).
    expect(second.body.items).toHaveLength(12);
    expect(second.body.items.at(-1)?.action).toBe('person.create');
    for (const page of [first.body.items, second.body.items]) {
      const ids = page.map((item) => item.id);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
    }
  });

  it('keeps to the caller’s organisation: another organisation’s person is not found, its staff did nothing here', async () => {
    const mine = await staffedOrganisationWithPerson();
    const theirs = await staffedOrganisationWithPerson();
    await get(theirs.staff.care_worker, `/api/people/${theirs.person.id}`);

    const person = await accessHistory(mine.staff.auditor, `entityType=person&entityId=${theirs.person.id}`);
    expect(person.statusCode).toBe(404);
    const user = await accessHistory(
      mine.staff.auditor,
      `entityType=user&entityId=${theirs.staff.care_worker.userId}`,
    );
    expect(user.statusCode).toBe(404);
    const actor = await accessHistory(mine.staff.auditor, `actorId=${theirs.staff.care_worker.userId}`);
    expect(actor.statusCode).toBe(200);
    expect(actor.body.subject).toMatchObject({ type: 'actor', name: null });
    expect(actor.body.items).toEqual([]);
  });

  it('refuses bad queries with a problem naming the field', async () => {
    const { staff, person } = await staffedOrganisationWithPerson();
    const cases: [string, string][] = [
      [`entityType=person&entityId=${person.id}&colour=red`, ''],
      [`entityType=person&entityId=${person.id}&actorId=${staff.manager.userId}`, 'actorId'],
      ['', 'entityId'],
      [`entityType=person`, 'entityId'],
      [`entityId=${person.id}`, 'entityType'],
      ['entityType=person&entityId=not-a-uuid', 'entityId'],
      [`entityType=Person%3B%20drop&entityId=${person.id}`, 'entityType'],
      [`actorId=${staff.manager.userId}&limit=0`, 'limit'],
      [`actorId=${staff.manager.userId}&offset=-1`, 'offset'],
    ];
    for (const [query, field] of cases) {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/audit/access?${query}`,
        headers: staff.auditor.headers,
      });
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const problem = response.json() as { errors: { field: string; message: string }[] };
      if (field)
        expect(
          problem.errors.map((error) => error.field),
          query,
        ).toContain(field);
      else expect(problem.errors[0]?.message, query).toMatch(/"colour" is not a field/);
    }
  });
});
