import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '../src/users/users.table.ts';
import { testAppForFile } from './app-for-test.ts';
import {
  cookieFrom,
  createStaffedOrganisation,
  createTestUser,
  enrolAuthenticator,
  type SignedIn,
  signIn,
  TEST_PASSWORD,
} from './factories.ts';
import { type Conformance, loadConformance } from './openapi-conformance.ts';
import { requestAs, type StaffRequest } from './requests.ts';

// The role × route matrix, generated from the route table: every API route, called by every staff
// role. A role the route does not name must get 403; a role it names must get past access control
// (any answer but 401 or 403: usually 400 for the empty body, or 404 for the made-up id). Routes
// added later are covered without anyone listing them. Every answer, refusal or not, must be one
// the OpenAPI description declares.

const t = testAppForFile({ config: { signInAttemptsPerMinute: 10_000 }, at: '2026-11-21T09:00:00Z' });
const call = (...request: StaffRequest) => requestAs(t.app, ...request);
let conformance: Conformance;
let staff: Record<StaffRole, SignedIn>;
let orgId: string;
beforeAll(async () => {
  let organisation: { id: string };
  ({ staff, organisation } = await createStaffedOrganisation(t.app, t.db, t.clock));
  orgId = organisation.id;
  conformance = await loadConformance(t.app);
});

const roles: StaffRole[] = ['care_worker', 'manager', 'registered_manager', 'auditor', 'admin'];
const madeUpId = '00000000-0000-4000-8000-000000000000';

function placeholder(name: string): string {
  return name === 'purpose' ? 'care_coordination' : madeUpId;
}

describe('role × route access matrix', () => {
  it('lets each role call exactly the routes that name it', async () => {
    const results: string[] = [];
    const expected: string[] = [];
    const undescribed = new Set<string>();
    const routes = t.app.routeTable.filter(
      (route) => route.url.startsWith('/api/') && route.access !== 'public' && route.url !== '/api/session',
    );
    expect(routes.length).toBeGreaterThan(40);
    for (const route of routes) {
      const url = route.url.replaceAll(/:([A-Za-z]+)/g, (_, name: string) => placeholder(name));
      for (const role of roles) {
        const allowed =
          route.access === 'signed_in' || (Array.isArray(route.access) && route.access.includes(role));
        const response = await t.app.inject({
          method: route.method as 'GET',
          url,
          headers: staff[role].headers,
          ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
        });
        for (const problem of conformance.problems(route.method, route.url, response))
          undescribed.add(problem);
        const outcome =
          response.statusCode === 403
            ? 'refused'
            : response.statusCode === 401
              ? 'unauthenticated'
              : 'let in';
        results.push(`${role} ${route.method} ${route.url}: ${outcome}`);
        // A partner's page does not read the staff session a browser sends: without the link, the
        // caller is no one.
        const expectedOutcome =
          route.access === 'partner_link' ? 'unauthenticated' : allowed ? 'let in' : 'refused';
        expected.push(`${role} ${route.method} ${route.url}: ${expectedOutcome}`);
      }
    }
    expect(results).toEqual(expected);
    expect([...undescribed]).toEqual([]);
  });

  it('never lets admin (IT) read a person’s care records, and keeps the auditor from changing anything', () => {
    const personRoutes = t.app.routeTable.filter((route) => route.url.startsWith('/api/people'));
    expect(personRoutes.length).toBeGreaterThan(5);
    for (const route of personRoutes) {
      expect({
        route: `${route.method} ${route.url}`,
        admin: Array.isArray(route.access) && route.access.includes('admin'),
      }).toEqual({
        route: `${route.method} ${route.url}`,
        admin: false,
      });
    }
    const auditorWrites = t.app.routeTable
      .filter(
        (route) =>
          route.url.startsWith('/api/') &&
          route.method !== 'GET' &&
          Array.isArray(route.access) &&
          route.access.includes('auditor'),
      )
      .map((route) => `${route.method} ${route.url}`);
    // Asking the gate a question, and searching with the search in the body, change nothing (both
    // are audited).
    expect(auditorWrites.sort()).toEqual(['POST /api/people/:id/share-checks', 'POST /api/people/search']);
  });
});

// A password alone must open nothing but the rest of signing in (A4). Callers whose session is
// MFA-pending — one who has an authenticator and has not given its code, and one whose role
// requires one they have not set up — call every API route. Only the routes that are part of
// signing in (declared in the route table) may let them in; every other route answers 401 with
// the code "mfa_required".
describe('MFA-pending sessions', () => {
  async function passwordOnly(email: string): Promise<SignedIn['headers']> {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email, password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    return { cookie: cookieFrom(response), 'x-csrf-token': response.json().csrfToken };
  }

  it('refuses every route but signing in to a session that has given only its password', async () => {
    const pending: Record<string, SignedIn['headers']> = {};
    for (const role of ['manager', 'registered_manager', 'admin'] as const) {
      // Needs to set up an authenticator.
      const newcomer = await createTestUser(t.db, t.clock, orgId, { role });
      pending[`${role} (no authenticator yet)`] = await passwordOnly(newcomer.email);
      // Has one and has not given its code.
      const enrolled = await createTestUser(t.db, t.clock, orgId, { role });
      await signIn(t.app, enrolled.email);
      pending[`${role} (authenticator)`] = await passwordOnly(enrolled.email);
    }
    // A care worker who chose to use an authenticator.
    const volunteer = await createTestUser(t.db, t.clock, orgId, { role: 'care_worker' });
    const volunteerSession = await signIn(t.app, volunteer.email);
    expect((await enrolAuthenticator(t.app, volunteer.email, volunteerSession.headers)).statusCode).toBe(200);
    pending['care_worker (authenticator)'] = await passwordOnly(volunteer.email);

    const routes = t.app.routeTable.filter(
      (route) => route.url.startsWith('/api/') && route.access !== 'public',
    );
    const signInRoutes = routes
      .filter((route) => route.partOfSignIn)
      .map((route) => `${route.method} ${route.url}`);
    // Nothing that reads or changes a record may ever be declared part of signing in.
    expect(signInRoutes.sort()).toEqual([
      'DELETE /api/session',
      'GET /api/session',
      'POST /api/account/mfa/enrolment',
      'POST /api/account/mfa/enrolment/confirm',
      'POST /api/session/second-factor',
    ]);

    const results: string[] = [];
    const expected: string[] = [];
    const undescribed = new Set<string>();
    for (const route of routes) {
      // Signing out would end the pending session the rest of the walk uses.
      if (route.method === 'DELETE' && route.url === '/api/session') continue;
      const url = route.url.replaceAll(/:([A-Za-z]+)/g, (_, name: string) => placeholder(name));
      for (const [caller, headers] of Object.entries(pending)) {
        const response = await t.app.inject({
          method: route.method as 'GET',
          url,
          headers,
          ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
        });
        for (const problem of conformance.problems(route.method, route.url, response))
          undescribed.add(problem);
        const outcome =
          response.statusCode === 401 && response.json().code === 'mfa_required'
            ? 'mfa_required'
            : response.statusCode === 401 || response.statusCode === 403
              ? 'refused'
              : 'let in';
        results.push(`${caller} ${route.method} ${route.url}: ${outcome}`);
        // Partner pages do not read a staff session, pending or not: without the link, no one.
        const expectedOutcome = route.partOfSignIn
          ? 'let in'
          : route.access === 'partner_link'
            ? 'refused'
            : 'mfa_required';
        expected.push(`${caller} ${route.method} ${route.url}: ${expectedOutcome}`);
      }
    }
    expect(routes.length).toBeGreaterThan(40);
    expect(results).toEqual(expected);
    expect([...undescribed]).toEqual([]);

    // Still pending afterwards: nothing on the walk finished signing in for them.
    for (const headers of Object.values(pending)) {
      const session = await call('GET', '/api/session', { headers });
      expect(session.json().signInStep).not.toBe('complete');
    }
  });
});
