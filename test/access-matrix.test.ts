import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '../src/users/users.table.ts';
import { createTestApp, type TestApp } from './app-for-test.ts';
import { createStaffedOrganisation, type SignedIn } from './factories.ts';

// The role × route matrix, generated from the route table: every API route, called by every staff
// role. A role the route does not name must get 403; a role it names must get past access control
// (any answer but 401 or 403: usually 400 for the empty body, or 404 for the made-up id). Routes
// added later are covered without anyone listing them.

let t: TestApp;
let staff: Record<StaffRole, SignedIn>;
beforeAll(async () => {
  t = await createTestApp({ config: { signInAttemptsPerMinute: 10_000 } });
  t.clock.set('2026-11-21T09:00:00Z');
  ({ staff } = await createStaffedOrganisation(t.app, t.db, t.clock));
});
afterAll(async () => {
  await t.close();
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
        const outcome =
          response.statusCode === 403
            ? 'refused'
            : response.statusCode === 401
              ? 'unauthenticated'
              : 'let in';
        results.push(`${role} ${route.method} ${route.url}: ${outcome}`);
        expected.push(`${role} ${route.method} ${route.url}: ${allowed ? 'let in' : 'refused'}`);
      }
    }
    expect(results).toEqual(expected);
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
    // Asking the gate a question, and looking up access history, change nothing (both are audited).
    expect(auditorWrites.sort()).toEqual(['POST /api/people/:id/share-checks']);
  });
});
