import argon2 from 'argon2';
import { describe, expect, it } from 'vitest';
import { testAppForFile } from './app-for-test.ts';
import { createTestOrganisation, createTestUser, signIn, TEST_PASSWORD } from './factories.ts';

const t = testAppForFile({ config: { signInAttemptsPerMinute: 10_000 }, at: '2026-11-21T09:00:00Z' });

async function storedHash(userId: string): Promise<string> {
  const row = await t.db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  if (!row.password_hash) throw new Error('The account has no password');
  return row.password_hash;
}

function parameters(hash: string) {
  const [, type, , list] = hash.split('$');
  const values = Object.fromEntries((list ?? '').split(',').map((pair) => pair.split('=')));
  return { type, memory: Number(values.m), passes: Number(values.t), lanes: Number(values.p) };
}

describe('password hashing', () => {
  it('stores argon2id at 19 MiB, 2 passes, 1 lane or stronger', async () => {
    const organisation = await createTestOrganisation(t.db, t.clock);
    const user = await createTestUser(t.db, t.clock, organisation.id);
    const hash = await storedHash(user.id);
    const stored = parameters(hash);
    expect(stored.type).toBe('argon2id');
    expect(stored.memory).toBeGreaterThanOrEqual(19_456);
    expect(stored.passes).toBeGreaterThanOrEqual(2);
    expect(stored.lanes).toBe(1);
    expect(hash).not.toContain(TEST_PASSWORD);
  });

  it('upgrades a hash with weaker parameters when its owner next signs in', async () => {
    const organisation = await createTestOrganisation(t.db, t.clock);
    const user = await createTestUser(t.db, t.clock, organisation.id);
    const weak = await argon2.hash(TEST_PASSWORD, {
      type: argon2.argon2i,
      memoryCost: 4_096,
      timeCost: 1,
      parallelism: 1,
    });
    await t.db.updateTable('users').set({ password_hash: weak }).where('id', '=', user.id).execute();
    await signIn(t.app, user.email);
    const upgraded = await storedHash(user.id);
    expect(upgraded).not.toBe(weak);
    expect(parameters(upgraded)).toEqual({ type: 'argon2id', memory: 19_456, passes: 2, lanes: 1 });
    expect(await argon2.verify(upgraded, TEST_PASSWORD)).toBe(true);
  });
});
