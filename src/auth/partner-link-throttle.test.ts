import { beforeAll, describe, expect, it } from 'vitest';
import { testAppForFile } from '../../test/app-for-test.ts';
import { type Staff, sentMessage, staffedOrganisation } from '../../test/scenarios.ts';
import { PARTNER_LINK_FAILURE_WINDOW_MS, PARTNER_LINK_FAILURES_PER_WINDOW } from './access.ts';
import { FailureThrottle } from './rate-limit-store.ts';

const t = testAppForFile({
  config: { publicUrl: 'https://liaison.example.org' },
  at: '2026-11-23T09:00:00Z',
});
let staff: Staff;
beforeAll(async () => {
  ({ staff } = await staffedOrganisation(t));
});

/** The token of the link to a routine update the care worker just sent. */
const sendMessage = async () => (await sentMessage(t, staff.care_worker)).token;

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
  it('refuses a key after its limit of failures until the window ends, and no other key', async () => {
    const throttle = new FailureThrottle(t.db, {
      name: `test ${crypto.randomUUID()}`,
      limit: 3,
      windowMs: 60_000,
    });
    const start = new Date('2026-11-23T09:00:00Z');
    for (let failure = 0; failure < 3; failure += 1) {
      expect(await throttle.retryAfterSeconds('a', start)).toBeNull();
      await throttle.recordFailure('a', start);
    }
    expect(await throttle.retryAfterSeconds('a', start)).toBe(60);
    expect(await throttle.retryAfterSeconds('a', new Date(start.getTime() + 59_500))).toBe(1);
    expect(await throttle.retryAfterSeconds('b', start)).toBeNull();
    expect(await throttle.retryAfterSeconds('a', new Date(start.getTime() + 60_000))).toBeNull();
    // A new window starts from the first failure after the last one ended.
    await throttle.recordFailure('a', new Date(start.getTime() + 60_000));
    expect(await throttle.retryAfterSeconds('a', new Date(start.getTime() + 60_000))).toBeNull();
    // Only the key's hash is kept: not the address itself.
    const kept = await t.db.selectFrom('rate_limit_counters').select('key').execute();
    expect(JSON.stringify(kept)).not.toContain('"a"');
  });
});
