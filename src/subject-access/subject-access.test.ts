import { describe, expect, it } from 'vitest';
import { testAppForFile } from '../../test/app-for-test.ts';
import {
  createStaffedOrganisation,
  createTestPartnerContact,
  createTestPartnerOrganisation,
  createTestPerson,
} from '../../test/factories.ts';
import { answerAs, auditEntriesOf, okAs, requestAs, type StaffRequest } from '../../test/requests.ts';
import { createApiToken } from '../auth/auth.service.ts';
import { systemContext } from '../context.ts';
import type { SubjectAccessExport } from './subject-access.schemas.ts';

const t = testAppForFile({ config: { signInAttemptsPerMinute: 10_000 }, at: '2026-11-21T09:00:00Z' });
const call = (...request: StaffRequest) => requestAs(t.app, ...request);
const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** A person with something in every part of their record: a representative, a GP, consent, a share. */
async function personWithARecord() {
  const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
  const person = await createTestPerson(t.db, t.clock, organisation.id, {
    givenName: 'Ada',
    familyName: 'Crane',
  });
  const surgery = await createTestPartnerOrganisation(t.db, t.clock, organisation.id, {
    name: 'Riverside Surgery',
    type: 'gp',
  });
  const gp = await createTestPartnerContact(t.db, t.clock, organisation.id, surgery.id, {
    name: 'Dr Nia Patel',
  });
  const base = `/api/people/${person.id}`;
  await okAs(t.app, 'POST', `${base}/circle`, staff.manager, { partnerContactId: gp.id });
  await okAs(t.app, 'POST', `${base}/representatives`, staff.manager, {
    kind: 'next_of_kin',
    name: 'Tom Crane',
    relationship: 'Son',
  });
  t.clock.advance(60_000);
  await okAs(t.app, 'POST', `${base}/consents`, staff.care_worker, {
    givenBy: 'person',
    partnerOrganisationIds: [surgery.id],
    purposes: ['care_coordination'],
    categories: ['health'],
    recordedHow: 'verbal',
    givenOn: '2026-11-20',
    reviewOn: '2027-11-20',
  });
  const housing = await createTestPartnerOrganisation(t.db, t.clock, organisation.id, {
    name: 'Millbrook Housing',
    type: 'housing',
  });
  const toHousing = await okAs(t.app, 'POST', `${base}/consents`, staff.care_worker, {
    givenBy: 'person',
    partnerOrganisationIds: [housing.id],
    purposes: ['care_coordination'],
    categories: ['identity'],
    recordedHow: 'verbal',
    givenOn: '2026-11-20',
    reviewOn: '2027-11-20',
  });
  await okAs(t.app, 'POST', `${base}/consents/${toHousing.id}/withdraw`, staff.care_worker, {
    withdrawnBy: 'person',
    reason: 'She wants to tell the housing officer herself.',
  });
  t.clock.advance(60_000);
  await okAs(t.app, 'POST', `${base}/shares`, staff.care_worker, {
    partnerOrganisationId: surgery.id,
    purpose: 'care_coordination',
    categories: ['health'],
    description: 'Her new blood pressure readings',
  });
  await okAs(t.app, 'GET', base, staff.care_worker);
  return { organisation, staff, person, base };
}

describe('the subject access export', () => {
  it('gives a manager everything held about the person, in words, as a file, and audits it', async () => {
    const { organisation, staff, person, base } = await personWithARecord();
    const response = await call('GET', `${base}/subject-access-export`, staff.manager);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="subject-access-Crane-Ada.json"',
    );
    expect(response.headers['cache-control']).toBe('no-store');
    const copy = response.json() as SubjectAccessExport;

    expect(copy.about).toMatchObject({
      title: `Everything ${organisation.name} holds about Ada Crane in Liaison`,
      exportedAt: '2026-11-21T09:02:00.000+00:00',
      parts: {
        representatives: { entries: 1, complete: true },
        circleOfSupport: { entries: 1, complete: true },
        sharedWithPartners: { entries: 1, complete: true },
        accessLog: { complete: true },
        chronology: { complete: true },
      },
    });
    expect(copy.about.exportedBy).not.toBe('Liaison');
    expect(copy.about.reviewBeforeSending).toMatch(/one month/);
    expect(copy.person).toMatchObject({ name: 'Ada Crane', status: 'Receiving support' });
    expect(copy.representatives).toEqual([
      expect.objectContaining({ kind: 'Next of kin', name: 'Tom Crane', relationship: 'Son', ended: null }),
    ]);
    expect(copy.circleOfSupport).toEqual([
      expect.objectContaining({ name: 'Dr Nia Patel', organisation: 'Riverside Surgery', role: 'GP' }),
    ]);
    // The consent decision is in the chronology, in words, as the chronology page shows it.
    expect(copy.chronology).toContainEqual(
      expect.objectContaining({
        agency: organisation.name,
        kind: 'Consent to share recorded',
        text: 'Consent given by the person for care coordination (health), to be reviewed on 20 November 2027',
      }),
    );
    expect(copy.chronology).toContainEqual(
      expect.objectContaining({
        kind: 'Consent to share withdrawn',
        text: 'Consent for care coordination (identity) withdrawn by the person: She wants to tell the housing officer herself.',
      }),
    );
    const whens = copy.chronology.map((entry) => entry.when);
    expect(whens).toEqual([...whens].sort());
    expect(copy.sharedWithPartners).toEqual([
      expect.objectContaining({
        Outcome: 'Shared',
        Organisation: 'Riverside Surgery',
        Purpose: 'Care coordination',
        'What was shared': 'Her new blood pressure readings',
      }),
    ]);
    // Who looked at her record: the care worker's visit is there, in words.
    expect(copy.accessLog.length).toBeGreaterThan(0);
    expect(copy.accessLog.map((visit) => visit.who).join('\n')).toMatch(/\(Care worker\)/);
    // In words for the person: no internal ids, no vocabulary codes.
    const text = JSON.stringify(copy);
    expect(text).not.toMatch(uuid);
    expect(text).not.toMatch(/care_coordination|next_of_kin|"active"/);

    const audited = await auditEntriesOf(t.db, organisation.id, { action: 'person.subject_access_export' });
    expect(audited).toEqual([
      expect.objectContaining({
        entity_id: person.id,
        actor_id: staff.manager.userId,
        details: expect.objectContaining({ representatives: 1, circleOfSupport: 1, sharedWithPartners: 1 }),
      }),
    ]);
    // The person's access history says so, in words.
    const history = await okAs(
      t.app,
      'GET',
      `/api/audit/access?entityType=person&entityId=${person.id}`,
      staff.registered_manager,
    );
    expect(history.items[0]).toMatchObject({
      label: 'Made a copy of everything held about them, for a subject access request',
    });
  });

  it('is for managers only, never an API token, and only for their own organisation’s people', async () => {
    const { organisation, staff, base } = await personWithARecord();
    const url = `${base}/subject-access-export`;
    for (const role of ['care_worker', 'auditor', 'admin'] as const) {
      await answerAs(t.app, 403, 'GET', url, staff[role]);
    }
    await okAs(t.app, 'GET', url, staff.registered_manager);
    const { token } = await createApiToken(
      t.db,
      {
        ...systemContext(organisation.id, 'test'),
        actor: { type: 'user', id: staff.registered_manager.userId, role: 'registered_manager' },
      },
      { name: 'Records system', role: 'manager', expiresAt: null, clock: t.clock },
    );
    const byToken = await call('GET', url, { headers: { authorization: `Bearer ${token}` } });
    expect(byToken.statusCode).toBe(403);

    // A path that names no person is refused, naming the field, and nothing is recorded as an export.
    const badId = await call('GET', '/api/people/not-a-person/subject-access-export', staff.manager);
    expect(badId.statusCode).toBe(400);
    expect(badId.headers['content-type']).toContain('application/problem+json');
    expect((badId.json() as { errors: { field: string }[] }).errors.map((error) => error.field)).toContain(
      'id',
    );

    const other = await createStaffedOrganisation(t.app, t.db, t.clock);
    await answerAs(t.app, 404, 'GET', url, other.staff.manager);
    // Only the two that were let through are in the trail as exports.
    expect(
      await auditEntriesOf(t.db, organisation.id, { action: 'person.subject_access_export' }),
    ).toHaveLength(1);
  });

  it('asks a manager who signed in a while ago to confirm it is them first', async () => {
    const { staff, base } = await personWithARecord();
    t.clock.advance(t.config.reauthenticationMs + 1_000);
    const stale = await call('GET', `${base}/subject-access-export`, staff.manager);
    expect(stale.statusCode).toBe(403);
    expect(stale.json().code).toBe('reauthentication_required');
  });
});
