import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app-for-test.ts';
import {
  createStaffedOrganisation,
  createTestPartnerContact,
  createTestPartnerOrganisation,
  type SignedIn,
} from '../../test/factories.ts';
import type { StaffRole } from '../users/users.table.ts';
import { PARTNER_LINK_FAILURE_WINDOW_MS, PARTNER_LINK_FAILURES_PER_WINDOW } from './access.ts';
import { FailureThrottle } from './failure-throttle.ts';

let t: TestApp;
let staff: Record<StaffRole, SignedIn>;
let orgId: string;
beforeAll(async () => {
  t = await createTestApp({ config: { publicUrl: 'https://liaison.example.org' } });
  t.clock.set('2026-11-23T09:00:00Z');
  ({
    staff,
    organisation: { id: orgId },
  } = await createStaffedOrganisation(t.app, t.db, t.clock));
});
afterAll(async () => {
  await t.close();
});

async function sendMessage(): Promise<string> {
  const organisation = await createTestPartnerOrganisation(t.db, t.clock, orgId, { type: 'housing' });
  const contact = await createTestPartnerContact(t.db, t.clock, orgId, organisation.id, { type: 'housing' });
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/messages',
    headers: staff.care_worker.headers,
    payload: {
      template: 'update',
      urgency: 'routine',
      partnerOrganisationId: organisation.id,
      partnerContactId: contact.id,
      subject: 'Change of visiting hours',
      summary: 'Visiting hours at Oak House change from Monday.',
    },
  });
  expect(response.statusCode).toBe(201);
  const link: string = response.json().partnerLink;
  return link.slice(link.indexOf('#') + 1);
}

const openAs = (remoteAddress: string, token: string) =>
  t.app.inject({
    method: 'GET',
    url: '/api/partner/message',
    remoteAddress,
    headers: { 'x-partner-link': token },
  });

describe('partner links that do not work', () => {
  it('are limited per client address: then 429 with Retry-After, while a right link from elsewhere works', async () => {
    const token = await sendMessage();
    const wrong = `${token.slice(0, -4)}AAAA`;
    for (let attempt = 0; attempt < PARTNER_LINK_FAILURES_PER_WINDOW; attempt += 1) {
      expect((await openAs('198.51.100.20', wrong)).statusCode).toBe(401);
    }
    const limited = await openAs('198.51.100.20', wrong);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(PARTNER_LINK_FAILURE_WINDOW_MS / 1000);
    // Even the right link waits from that address: checking it would let guessing go on.
    expect((await openAs('198.51.100.20', token)).statusCode).toBe(429);

    expect((await openAs('203.0.113.30', token)).statusCode).toBe(200);

    t.clock.advance(PARTNER_LINK_FAILURE_WINDOW_MS);
    expect((await openAs('198.51.100.20', token)).statusCode).toBe(200);
  });

  it('counts only failures: a partner using a right link is never slowed', async () => {
    const token = await sendMessage();
    for (let attempt = 0; attempt < PARTNER_LINK_FAILURES_PER_WINDOW + 5; attempt += 1) {
      expect((await openAs('198.51.100.21', token)).statusCode).toBe(200);
    }
  });
});

describe('FailureThrottle', () => {
  it('refuses a key after its limit of failures until the window ends, and no other key', () => {
    const throttle = new FailureThrottle({ limit: 3, windowMs: 60_000 });
    const start = new Date('2026-11-23T09:00:00Z');
    for (let failure = 0; failure < 3; failure += 1) {
      expect(throttle.retryAfterSeconds('a', start)).toBeNull();
      throttle.recordFailure('a', start);
    }
    expect(throttle.retryAfterSeconds('a', start)).toBe(60);
    expect(throttle.retryAfterSeconds('a', new Date(start.getTime() + 59_500))).toBe(1);
    expect(throttle.retryAfterSeconds('b', start)).toBeNull();
    expect(throttle.retryAfterSeconds('a', new Date(start.getTime() + 60_000))).toBeNull();
  });
});
