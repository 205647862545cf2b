import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { hashPassword } from '../src/auth/passwords.ts';
import type { Clock } from '../src/clock.ts';
import type { Db } from '../src/db/database.ts';
import { createOrganisation } from '../src/organisations/organisations.service.ts';
import { insertUserRecord } from '../src/users/users.service.ts';
import type { StaffRole } from '../src/users/users.table.ts';

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

function unique(): string {
  return randomBytes(4).toString('hex');
}

export async function createTestOrganisation(db: Db, clock: Clock, overrides: { name?: string } = {}) {
  return createOrganisation(db, { name: overrides.name ?? `Test Care ${unique()}` }, clock, 'test');
}

export async function createTestUser(
  db: Db,
  clock: Clock,
  orgId: string,
  overrides: { role?: StaffRole; email?: string; displayName?: string } = {},
) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  return insertUserRecord(db, {
    orgId,
    email: overrides.email ?? `staff-${unique()}@example.org`,
    displayName: overrides.displayName ?? `Staff ${unique()}`,
    role: overrides.role ?? 'care_worker',
    passwordHash: await passwordHash,
    at: clock.now(),
  });
}

export type SignedIn = {
  headers: { cookie: string; 'x-csrf-token': string };
  userId: string;
  orgId: string;
};

/** Signs in through the API and returns the headers a browser would send afterwards. */
export async function signIn(
  app: FastifyInstance,
  email: string,
  password = TEST_PASSWORD,
): Promise<SignedIn> {
  const response = await app.inject({ method: 'POST', url: '/api/session', payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`Sign-in failed: ${response.statusCode} ${response.body}`);
  const body = response.json() as { csrfToken: string; user: { id: string }; organisation: { id: string } };
  return {
    headers: { cookie: cookieFrom(response), 'x-csrf-token': body.csrfToken },
    userId: body.user.id,
    orgId: body.organisation.id,
  };
}

export function cookieFrom(response: LightMyRequestResponse): string {
  const cookie = response.cookies[0];
  if (!cookie) throw new Error('The response set no cookie');
  return `${cookie.name}=${cookie.value}`;
}

/** An organisation with one user of each role, all signed in. */
export async function createStaffedOrganisation(app: FastifyInstance, db: Db, clock: Clock) {
  const organisation = await createTestOrganisation(db, clock);
  const roles: StaffRole[] = ['care_worker', 'manager', 'registered_manager', 'auditor', 'admin'];
  const staff = {} as Record<StaffRole, SignedIn & { email: string }>;
  for (const role of roles) {
    const user = await createTestUser(db, clock, organisation.id, { role });
    staff[role] = { ...(await signIn(app, user.email)), email: user.email };
  }
  return { organisation, staff };
}
