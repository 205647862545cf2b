import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { generate as generateTotp } from 'otplib';
import { hashPassword } from '../src/auth/passwords.ts';
import { TOTP_PERIOD_SECONDS, timeStepAt } from '../src/auth/totp.ts';
import { createCareService } from '../src/care-services/care-services.service.ts';
import type { Clock } from '../src/clock.ts';
import { systemContext } from '../src/context.ts';
import type { Db } from '../src/db/database.ts';
import { createOrganisation } from '../src/organisations/organisations.service.ts';
import { addChannel, type ChannelOwnerRef } from '../src/partners/partner-channels.service.ts';
import type {
  CreateChannelInput,
  CreatePartnerContactInput,
  CreatePartnerOrganisationInput,
} from '../src/partners/partners.schemas.ts';
import { createPartnerContact, createPartnerOrganisation } from '../src/partners/partners.service.ts';
import type { CreatePersonInput } from '../src/people/people.schemas.ts';
import { createPerson } from '../src/people/people.service.ts';
import type { ClinicalFlag } from '../src/people/people.table.ts';
import { insertUserRecord } from '../src/users/users.service.ts';
import type { StaffRole } from '../src/users/users.table.ts';
import { clockOf } from './app-for-test.ts';

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

/**
 * Adds a staff member through the API as `headers`' holder would, and returns the answer and the
 * token of its set-up link (the part after `#`).
 */
export async function addStaffMember(
  app: FastifyInstance,
  headers: Record<string, string>,
  overrides: { role?: StaffRole; email?: string; displayName?: string } = {},
) {
  const payload = {
    email: overrides.email ?? `new-${unique()}@example.org`,
    displayName: overrides.displayName ?? 'Jordan New',
    role: overrides.role ?? 'care_worker',
  };
  const response = await app.inject({ method: 'POST', url: '/api/users', headers, payload });
  const url: string | undefined = response.statusCode === 201 ? response.json().setUpLink.url : undefined;
  return { response, email: payload.email, setUpToken: url?.split('#')[1] ?? '' };
}

/** The owner of a set-up link chooses their password with it. */
export function setUpAccount(app: FastifyInstance, setUpToken: string, password: string) {
  return app.inject({
    method: 'POST',
    url: '/api/account-set-up',
    headers: { 'x-set-up-link': setUpToken },
    payload: { password },
  });
}

export type SignedIn = {
  headers: { cookie: string; 'x-csrf-token': string };
  userId: string;
  orgId: string;
};

type SessionAnswer = {
  csrfToken: string;
  user: { id: string };
  organisation: { id: string };
  signInStep: 'complete' | 'second_factor' | 'enrolment';
};

// ---- the test's own authenticator app ----

/** What a person's phone and the paper with their recovery codes would hold. */
export type TestAuthenticator = { secret: string; recoveryCodes: string[]; lastStep: number | null };

/** Authenticators set up by the sign-in helpers, per server (an app or a base URL) and address. */
const authenticators = new Map<unknown, Map<string, TestAuthenticator>>();

export function rememberAuthenticator(
  server: unknown,
  email: string,
  authenticator: TestAuthenticator,
): void {
  if (!authenticators.has(server)) authenticators.set(server, new Map());
  authenticators.get(server)?.set(email.toLowerCase(), authenticator);
}

export function rememberedAuthenticator(server: unknown, email: string): TestAuthenticator | undefined {
  return authenticators.get(server)?.get(email.toLowerCase());
}

/** The code an authenticator app shows for a time step. */
export function totpCodeForStep(secret: string, step: number): Promise<string> {
  return generateTotp({ secret, epoch: step * TOTP_PERIOD_SECONDS });
}

/**
 * What to give as the second factor now: a code for the current time step or the next one (the
 * server accepts one step either side), unless a code for it was already used — a code is never
 * accepted twice, and a test's clock stands still — and then an unused recovery code.
 */
export async function nextSecondFactor(
  authenticator: TestAuthenticator,
  now: Date,
): Promise<{ code: string } | { recoveryCode: string }> {
  const current = timeStepAt(now);
  const step = [current, current + 1].find((candidate) => candidate > (authenticator.lastStep ?? -1));
  if (step !== undefined) {
    authenticator.lastStep = step;
    return { code: await totpCodeForStep(authenticator.secret, step) };
  }
  const recoveryCode = authenticator.recoveryCodes.shift();
  if (!recoveryCode)
    throw new Error('The test authenticator has used every code: advance the clock by 30 s.');
  return { recoveryCode };
}

/** One attempt to sign in with a password (from `remoteAddress`, when given): the answer, whatever it is. */
export function signInAttempt(app: FastifyInstance, email: string, password: string, remoteAddress?: string) {
  return app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email, password },
    ...(remoteAddress === undefined ? {} : { remoteAddress }),
  });
}

/**
 * Signs in through the API and returns the headers a browser would send afterwards. A person
 * who needs a second factor gives it, setting up an authenticator first if they have none,
 * just as they would in the browser.
 */
export async function signIn(
  app: FastifyInstance,
  email: string,
  password = TEST_PASSWORD,
): Promise<SignedIn> {
  const response = await signInAttempt(app, email, password);
  if (response.statusCode !== 200) throw new Error(`Sign-in failed: ${response.statusCode} ${response.body}`);
  let body = response.json() as SessionAnswer;
  let headers = { cookie: cookieFrom(response), 'x-csrf-token': body.csrfToken };
  if (body.signInStep !== 'complete') {
    const finished =
      body.signInStep === 'enrolment'
        ? await enrolAuthenticator(app, email, headers)
        : await giveSecondFactor(app, email, headers);
    if (finished.statusCode !== 200) {
      throw new Error(`Second factor refused: ${finished.statusCode} ${finished.body}`);
    }
    body = finished.json() as SessionAnswer;
    headers = { cookie: cookieFrom(finished), 'x-csrf-token': body.csrfToken };
  }
  return { headers, userId: body.user.id, orgId: body.organisation.id };
}

/** Sets up an authenticator for a signed-in (or MFA-pending) session; answers the confirmation. */
export async function enrolAuthenticator(
  app: FastifyInstance,
  email: string,
  headers: SignedIn['headers'],
): Promise<LightMyRequestResponse> {
  const started = await app.inject({ method: 'POST', url: '/api/account/mfa/enrolment', headers });
  if (started.statusCode !== 201) throw new Error(`Enrolment refused: ${started.statusCode} ${started.body}`);
  const { secret } = started.json() as { secret: string };
  const authenticator: TestAuthenticator = { secret, recoveryCodes: [], lastStep: null };
  const confirmed = await app.inject({
    method: 'POST',
    url: '/api/account/mfa/enrolment/confirm',
    headers,
    payload: await nextSecondFactor(authenticator, clockOf(app).now()),
  });
  if (confirmed.statusCode === 200) {
    authenticator.recoveryCodes = (confirmed.json() as { recoveryCodes: string[] }).recoveryCodes;
    rememberAuthenticator(app, email, authenticator);
  }
  return confirmed;
}

async function giveSecondFactor(app: FastifyInstance, email: string, headers: SignedIn['headers']) {
  const authenticator = rememberedAuthenticator(app, email);
  if (!authenticator) throw new Error(`No test authenticator for ${email}: it was set up outside signIn.`);
  return app.inject({
    method: 'POST',
    url: '/api/session/second-factor',
    headers,
    payload: await nextSecondFactor(authenticator, clockOf(app).now()),
  });
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

// ---- partner register, services and people ----

export async function createTestPartnerOrganisation(
  db: Db,
  clock: Clock,
  orgId: string,
  overrides: Partial<CreatePartnerOrganisationInput> = {},
) {
  return createPartnerOrganisation(
    db,
    systemContext(orgId, 'test'),
    { name: `Riverside Surgery ${unique()}`, type: 'gp', ...overrides },
    clock,
  );
}

export async function createTestPartnerContact(
  db: Db,
  clock: Clock,
  orgId: string,
  partnerOrganisationId: string,
  overrides: Partial<CreatePartnerContactInput> = {},
) {
  return createPartnerContact(db, systemContext(orgId, 'test'), {
    partnerOrganisationId,
    input: { name: `Dr Patel ${unique()}`, type: 'gp', email: `gp-${unique()}@example.nhs.uk`, ...overrides },
    clock,
  });
}

/** A channel on a contact (when given) or on the organisation; office hours for urgent matters by default. */
export async function createTestChannel(
  db: Db,
  clock: Clock,
  orgId: string,
  owner: ChannelOwnerRef,
  overrides: Partial<CreateChannelInput> = {},
) {
  return addChannel(db, systemContext(orgId, 'test'), {
    ref: owner,
    input: {
      kind: 'phone',
      value: '0121 496 0000',
      urgencies: ['urgent'],
      hours: {
        monday: ['09:00-17:00'],
        tuesday: ['09:00-17:00'],
        wednesday: ['09:00-17:00'],
        thursday: ['09:00-17:00'],
        friday: ['09:00-17:00'],
      },
      staffedOnBankHolidays: false,
      ...overrides,
    },
    clock,
  });
}

export async function createTestCareService(
  db: Db,
  clock: Clock,
  orgId: string,
  overrides: { name?: string } = {},
) {
  return createCareService(
    db,
    systemContext(orgId, 'test'),
    { name: overrides.name ?? `Oak House ${unique()}` },
    clock,
  );
}

/** A valid NHS number, different each call (the check digit is computed, never 10). */
export function uniqueNhsNumber(): string {
  for (;;) {
    const first = String(Math.floor(Math.random() * 1e9)).padStart(9, '0');
    const sum = [...first].reduce((total, digit, index) => total + Number(digit) * (10 - index), 0);
    const check = (11 - (sum % 11)) % 11;
    if (check !== 10) return `${first}${check}`;
  }
}

export async function createTestPerson(
  db: Db,
  clock: Clock,
  orgId: string,
  overrides: Partial<CreatePersonInput> & { flags?: ClinicalFlag[] } = {},
) {
  const { flags, ...fields } = overrides;
  return createPerson(
    db,
    systemContext(orgId, 'test'),
    {
      givenName: `Ada ${unique()}`,
      familyName: `Lovelace ${unique()}`,
      // Aged under 75 in the tests' years, so age adds nothing to a risk ranking unless a test says so.
      dateOfBirth: '1960-05-01',
      address: `${unique()} Test Street, Exampleton`,
      postcode: 'EX1 1AA',
      clinicalFlags: flags ?? [],
      status: 'active',
      ...fields,
    },
    clock,
  );
}
