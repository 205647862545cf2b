import { describe, expect, it } from 'vitest';
import { sessionsLasting, testAppForFile } from '../../test/app-for-test.ts';
import { createStaffedOrganisation, createTestPerson, type SignedIn } from '../../test/factories.ts';
import { requestAs, requestAsPartner, type StaffRequest } from '../../test/requests.ts';
import { sentMessage } from '../../test/scenarios.ts';
import { systemContext } from '../context.ts';
import { recordAudit, sealPendingEntries } from './audit.service.ts';

const t = testAppForFile({
  config: {
    publicUrl: 'https://liaison.example.org',
    // The clock moves on by hours between visits; sessions must outlive it.
    ...sessionsLasting(30),
  },
});

const call = (...request: StaffRequest) => requestAs(t.app, ...request);

type AccessHistoryBody = {
  subject: { kind: string; type: string; id: string; name: string | null };
  items: {
    firstEntryId: number;
    lastEntryId: number;
    entries: number;
    firstAt: string;
    lastAt: string;
    actor: { type: string; id: string | null; role: string | null; name: string | null; description: string };
    action: string;
    label: string;
    sentence: string;
    detail: string | null;
    entity: { type: string; id: string | null; name: string | null };
    outcome: string;
  }[];
};

async function accessHistory(signedIn: SignedIn, query: string) {
  const response = await call('GET', `/api/audit/access?${query}`, signedIn);
  return { statusCode: response.statusCode, body: response.json() as AccessHistoryBody };
}

async function get(signedIn: SignedIn, url: string) {
  const response = await call('GET', url, signedIn);
  expect(response.statusCode).toBe(200);
}

async function staffedOrganisationWithPerson() {
  const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
  const person = await createTestPerson(t.db, t.clock, organisation.id);
  const other = await createTestPerson(t.db, t.clock, organisation.id);
  return { organisation, staff, person, other };
}

describe('who accessed a person, and what a user accessed', () => {
  it('lists each visit to a person’s record in words, naming staff, newest first', async () => {
    const { organisation, staff, person, other } = await staffedOrganisationWithPerson();
    t.clock.advance(60_000);
    // One visit to the person's page reads several parts of their record.
    await get(staff.care_worker, `/api/people/${person.id}`);
    await get(staff.care_worker, `/api/people/${person.id}/representatives`);
    t.clock.advance(20_000);
    await get(staff.care_worker, `/api/people/${person.id}/circle`);
    await get(staff.care_worker, `/api/people/${person.id}/sharing-records`);
    // A second visit, an hour later.
    t.clock.advance(3_600_000);
    await get(staff.care_worker, `/api/people/${person.id}`);
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
    const name = `${person.given_name} ${person.family_name}`;
    expect(body.subject).toEqual({ kind: 'entity', type: 'person', id: person.id, name });
    const careWorkerName = body.items.find((item) => item.actor.id === staff.care_worker.userId)?.actor.name;
    const managerName = body.items.find((item) => item.actor.id === staff.manager.userId)?.actor.name;
    expect(careWorkerName).toMatch(/^Staff /);
    expect(body.items.map((item) => [item.label, item.actor.description, item.entries, item.detail])).toEqual(
      [
        ['Added a representative', 'Liaison, automatically', 1, null],
        ['Viewed the record', `${managerName} (Manager)`, 1, null],
        ['Viewed the record', `${careWorkerName} (Care worker)`, 1, null],
        [
          'Viewed the record',
          `${careWorkerName} (Care worker)`,
          4,
          'Including their circle of support, their representatives and the consent and sharing records; 4 pages',
        ],
        ['Added the record', 'Liaison, automatically', 1, null],
      ],
    );
    const firstVisit = body.items[3]!;
    expect(firstVisit).toMatchObject({
      action: 'person.view',
      sentence: `${careWorkerName} viewed the record (4 pages)`,
      firstAt: '2026-11-21T09:01:00.000Z',
      lastAt: '2026-11-21T09:01:20.000Z',
      entity: { type: 'person', id: person.id, name },
      actor: { type: 'user', role: 'care_worker' },
    });
    // No internal codes or column names in what a person reads.
    for (const item of body.items) expect(`${item.label} ${item.detail ?? ''}`).not.toMatch(/[a-z]_[a-z]|\./);
  });

  it('names a partner who read a message through their secure link', async () => {
    const { staff } = await staffedOrganisationWithPerson();
    const { id: messageId, token } = await sentMessage(t, staff.care_worker, {
      partner: { name: 'Riverside Medical Practice', type: 'housing' },
      contact: { name: 'Dr Helena Marchbank' },
      subject: 'Boiler repaired at Oak House',
      summary: 'The communal boiler was repaired this morning and heating is back on.',
    });
    t.clock.advance(60_000);
    const opened = await requestAsPartner(t.app, token);
    expect(opened.statusCode).toBe(200);

    const { body } = await accessHistory(staff.auditor, `entityType=partner_message&entityId=${messageId}`);
    const read = body.items.find((item) => item.action === 'partner_message.view_by_partner');
    expect(read).toMatchObject({
      label: 'Read the message through a secure link',
      sentence: 'Dr Helena Marchbank read the message through a secure link',
      actor: {
        type: 'partner',
        name: 'Dr Helena Marchbank',
        description: 'Dr Helena Marchbank (Riverside Medical Practice)',
      },
    });
    // And from the partner's side: what their link was used for.
    const byLink = await accessHistory(staff.auditor, `actorId=${read?.actor.id}`);
    expect(byLink.body.subject).toMatchObject({ type: 'partner', name: 'Dr Helena Marchbank' });
  });

  it('narrows by staff member, action and dates (UK), together', async () => {
    const { staff, person } = await staffedOrganisationWithPerson();
    t.clock.set('2026-11-22T23:30:00Z'); // 23 November has not begun in London (GMT)
    await get(staff.care_worker, `/api/people/${person.id}`);
    t.clock.set('2026-11-24T10:00:00Z');
    await get(staff.care_worker, `/api/people/${person.id}`);
    await call('PATCH', `/api/people/${person.id}`, staff.care_worker, { preferredName: 'Peg' }, 1);
    await get(staff.manager, `/api/people/${person.id}`);
    const base = `entityType=person&entityId=${person.id}`;

    const careWorkerViews = await accessHistory(
      staff.auditor,
      `${base}&actorId=${staff.care_worker.userId}&action=person.view`,
    );
    expect(careWorkerViews.body.items.map((item) => item.firstAt)).toEqual([
      '2026-11-24T10:00:00.000Z',
      '2026-11-22T23:30:00.000Z',
    ]);
    const onTheTwentySecond = await accessHistory(staff.auditor, `${base}&from=2026-11-22&to=2026-11-22`);
    expect(onTheTwentySecond.body.items.map((item) => item.firstAt)).toEqual(['2026-11-22T23:30:00.000Z']);
    const changes = await accessHistory(staff.auditor, `${base}&action=person.update`);
    expect(changes.body.items.map((item) => [item.label, item.detail])).toEqual([
      ['Changed the record', 'Preferred name'],
    ]);
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
    expect(body.items.at(-1)?.label).toBe('Signed in');
  });

  it('records each look-up in the audit trail, where the next look-up shows it', async () => {
    const { staff, person } = await staffedOrganisationWithPerson();
    await accessHistory(staff.auditor, `entityType=person&entityId=${person.id}`);
    await accessHistory(staff.manager, `actorId=${staff.care_worker.userId}`);

    const { body } = await accessHistory(staff.registered_manager, `entityType=person&entityId=${person.id}`);
    expect(body.items[0]).toMatchObject({
      action: 'audit.access_history',
      label: 'Looked at who has accessed a record',
      actor: { id: staff.auditor.userId, role: 'auditor' },
      entity: { type: 'person', id: person.id },
    });
    const auditorActivity = await accessHistory(staff.registered_manager, `actorId=${staff.manager.userId}`);
    expect(auditorActivity.body.items[0]).toMatchObject({
      action: 'audit.access_history',
      entity: { type: 'user', id: staff.care_worker.userId },
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
      label: 'Was refused access',
      entity: { type: 'route', id: 'GET /api/audit/access' },
    });
  });

  it('pages visits newest first, and caps the page size', async () => {
    const { organisation, staff, person } = await staffedOrganisationWithPerson();
    // 110 visits: views three minutes apart are separate visits.
    for (let index = 0; index < 110; index += 1) {
      t.clock.advance(180_000);
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
    // 110 visits, the record's creation, and the first look-up itself (recorded against the person).
    expect(second.body.items).toHaveLength(12);
    expect(second.body.items.at(-1)?.action).toBe('person.create');
    for (const page of [first.body.items, second.body.items]) {
      const ids = page.map((item) => item.lastEntryId);
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
      [`entityType=person&entityId=${person.id}&action=person.frobnicate`, 'action'],
      [`entityType=person&entityId=${person.id}&from=2026-11-31`, 'from'],
      [`entityType=person&entityId=${person.id}&from=2026-11-22&to=2026-11-21`, 'to'],
      ['', 'entityId'],
      [`entityType=person`, 'entityId'],
      [`entityId=${person.id}`, 'entityType'],
      ['entityType=person&entityId=not-a-uuid', 'entityId'],
      [`entityType=Person%3B%20drop&entityId=${person.id}`, 'entityType'],
      [`actorId=${staff.manager.userId}&limit=0`, 'limit'],
      [`actorId=${staff.manager.userId}&offset=-1`, 'offset'],
    ];
    for (const [query, field] of cases) {
      const response = await call('GET', `/api/audit/access?${query}`, staff.auditor);
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
