import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app-for-test.ts';
import { createStaffedOrganisation, createTestPerson, type SignedIn } from '../../test/factories.ts';
import type { StaffRole } from '../users/users.table.ts';
import { standardRiskPoints } from './risk-points.vocabulary.ts';

// The registered manager's own risk points table: read by staff who read incidents, set only by
// the registered manager, one version after another, audited, and named on each ranking it made.

let t: TestApp;
let staff: Record<StaffRole, SignedIn & { email: string }>;
let orgId: string;

beforeAll(async () => {
  t = await createTestApp({
    config: { signInAttemptsPerMinute: 10_000, sessionIdleMs: 86_400_000, sessionAbsoluteMs: 86_400_000 },
  });
  t.clock.set('2026-12-08T09:00:00Z');
  const staffed = await createStaffedOrganisation(t.app, t.db, t.clock);
  staff = staffed.staff;
  orgId = staffed.organisation.id;
});
afterAll(async () => {
  await t.close();
});

const url = '/api/incident-risk-points';
const get = (who: SignedIn, query = '') =>
  t.app.inject({ method: 'GET', url: `${url}${query}`, headers: who.headers });
const put = (who: SignedIn, payload: unknown, version: number | null) =>
  t.app.inject({
    method: 'PUT',
    url,
    headers: { ...who.headers, ...(version === null ? {} : { 'if-match': `"${version}"` }) },
    payload: payload as object,
  });

const lowerHeartCold = {
  highFrom: 6,
  mediumFrom: 3,
  points: { ...standardRiskPoints.points, heart_cold: 4, respiratory_cold: 4 },
};

async function openIncidentWith(personId: string) {
  const incident = await t.app.inject({
    method: 'POST',
    url: '/api/incidents',
    headers: staff.manager.headers,
    payload: {
      type: 'heating',
      title: 'Heating failure',
      summary: 'The boiler failed at 6pm.',
      severity: 'moderate',
      startedAt: t.clock.now().toISOString(),
      leadId: staff.manager.userId,
      partnerLiaisonId: staff.manager.userId,
    },
  });
  const id = incident.json().id as string;
  const added = await t.app.inject({
    method: 'POST',
    url: `/api/incidents/${id}/people`,
    headers: staff.manager.headers,
    payload: { personIds: [personId] },
  });
  return added.json().people[0];
}

describe('the risk points table', () => {
  it('starts as the standard table, which every reader of incidents can see', async () => {
    for (const role of ['care_worker', 'manager', 'registered_manager', 'auditor'] as const) {
      const response = await get(staff[role]);
      expect(response.statusCode).toBe(200);
      expect(response.headers.etag).toBe('"1"');
      expect(response.json()).toEqual({
        version: 1,
        isStandard: true,
        isInForce: true,
        setBy: null,
        setAt: null,
        ...standardRiskPoints,
      });
    }
    expect((await get(staff.admin)).statusCode).toBe(403);
  });

  it('is set only by the registered manager, from the version they loaded', async () => {
    for (const role of ['care_worker', 'manager', 'auditor', 'admin'] as const) {
      expect((await put(staff[role], lowerHeartCold, 1)).statusCode).toBe(403);
    }
    expect((await put(staff.registered_manager, lowerHeartCold, null)).statusCode).toBe(428);
    expect((await get(staff.manager)).json().version).toBe(1);
  });

  it('refuses points it cannot use, naming the field', async () => {
    const refusal = async (payload: unknown) => {
      const response = await put(staff.registered_manager, payload, 1);
      expect(response.statusCode).toBe(400);
      return response.json().errors.map((error: { field: string }) => error.field);
    };
    expect(
      await refusal({ ...lowerHeartCold, points: { ...lowerHeartCold.points, heart_cold: -1 } }),
    ).toEqual(['points.heart_cold']);
    expect(await refusal({ ...lowerHeartCold, points: { ...lowerHeartCold.points, diabetes: 2.5 } })).toEqual(
      ['points.diabetes'],
    );
    expect(await refusal({ ...lowerHeartCold, points: { ...lowerHeartCold.points, dementia: 99 } })).toEqual([
      'points.dementia',
    ]);
    const { oxygen_no_power: _missing, ...withoutOne } = lowerHeartCold.points;
    expect(await refusal({ ...lowerHeartCold, points: withoutOne })).toEqual(['points.oxygen_no_power']);
    expect(await refusal({ ...lowerHeartCold, points: { ...lowerHeartCold.points, frailty: 2 } })).toEqual([
      'points.frailty',
    ]);
    expect(await refusal({ ...lowerHeartCold, highFrom: 0 })).toEqual(['highFrom']);
    const crossed = await put(staff.registered_manager, { ...lowerHeartCold, mediumFrom: 6 }, 1);
    expect(crossed.statusCode).toBe(400);
    expect(crossed.json().errors).toEqual([
      { field: 'mediumFrom', message: 'The medium risk score must be lower than the high risk score.' },
    ]);
    expect((await get(staff.manager)).json().version).toBe(1);
  });

  it('keeps each version, audits the change, and names the version on every ranking', async () => {
    const edna = await createTestPerson(t.db, t.clock, orgId, {
      givenName: 'Edna',
      familyName: 'Price',
      flags: ['heart_condition'],
    });
    const before = await openIncidentWith(edna.id);
    expect(before).toMatchObject({ level: 'medium', score: 4, rankedWith: 1 });

    t.clock.set('2026-12-08T10:00:00Z');
    const saved = await put(staff.registered_manager, lowerHeartCold, 1);
    expect(saved.statusCode).toBe(200);
    expect(saved.headers.etag).toBe('"2"');
    expect(saved.json()).toMatchObject({
      version: 2,
      isStandard: false,
      isInForce: true,
      setAt: '2026-12-08T10:00:00.000Z',
      highFrom: 6,
      mediumFrom: 3,
      points: { heart_cold: 4, respiratory_cold: 4, diabetes: 2 },
    });
    expect(saved.json().setBy).toEqual(expect.any(String));
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'actor_id', 'changed_fields', 'details'])
      .where('org_id', '=', orgId)
      .where('action', '=', 'incident_risk_points.set')
      .execute();
    expect(audit).toEqual([
      expect.objectContaining({
        actor_id: staff.registered_manager.userId,
        changed_fields: ['highFrom', 'mediumFrom', 'points.respiratory_cold', 'points.heart_cold'],
        details: { version: 2 },
      }),
    ]);

    // Someone else's change from the same version is refused: it would undo this one unseen.
    const stale = await put(staff.registered_manager, { ...lowerHeartCold, highFrom: 7 }, 1);
    expect(stale.statusCode).toBe(412);
    // Saving the same table again adds no version.
    const same = await put(staff.registered_manager, lowerHeartCold, 2);
    expect(same.json().version).toBe(2);

    const after = await openIncidentWith(edna.id);
    expect(after).toMatchObject({ level: 'high', score: 6, rankedWith: 2 });
    expect(after.reasons).toEqual([{ points: 6, reason: 'Has a heart condition: cold strains the heart.' }]);

    // The earlier version is still there to read; a version never set is not.
    const standard = await get(staff.auditor, '?version=1');
    expect(standard.json()).toMatchObject({ version: 1, isStandard: true, isInForce: false });
    expect((await get(staff.auditor, '?version=2')).json()).toMatchObject({ version: 2, isInForce: true });
    expect((await get(staff.auditor, '?version=9')).statusCode).toBe(404);

    // Another organisation still has the standard table.
    const other = await createStaffedOrganisation(t.app, t.db, t.clock);
    expect((await get(other.staff.registered_manager)).json()).toMatchObject({
      version: 1,
      isStandard: true,
    });
  });
});
