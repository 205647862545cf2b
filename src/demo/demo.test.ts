import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app-for-test.ts';
import type { RequestContext } from '../context.ts';
import { checkShare } from '../sharing/sharing.service.ts';
import { loadDemo } from './demo.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-21T09:00:00Z');
});
afterAll(async () => {
  await t.close();
});

describe('the demo organisation', () => {
  it('loads once, with consent that lets each person’s GP be told about their health', async () => {
    const demo = await loadDemo(t.db, { clock: t.clock, password: () => 'demo password for tests' });
    expect(demo.created).toBe(true);
    expect((await loadDemo(t.db, { clock: t.clock })).created).toBe(false);

    const manager = await t.db
      .selectFrom('users')
      .select('id')
      .where('org_id', '=', demo.orgId)
      .where('role', '=', 'manager')
      .executeTakeFirstOrThrow();
    const context: RequestContext = {
      orgId: demo.orgId,
      actor: { type: 'user', id: manager.id, role: 'manager' },
      requestId: null,
      ip: null,
    };
    const gpOf = async (givenName: string) =>
      t.db
        .selectFrom('person_circle_members as member')
        .innerJoin('people as person', (join) =>
          join.onRef('person.org_id', '=', 'member.org_id').onRef('person.id', '=', 'member.person_id'),
        )
        .select(['person.id as personId', 'member.partner_contact_id as contactId'])
        .where('member.org_id', '=', demo.orgId)
        .where('person.given_name', '=', givenName)
        .where('member.role', '=', 'gp')
        .executeTakeFirstOrThrow();

    // Margaret lacks capacity for the decision; her health and welfare attorney consented.
    const margaret = await gpOf('Margaret');
    const forMargaret = await checkShare(
      t.db,
      context,
      margaret.personId,
      { partnerContactId: margaret.contactId, purpose: 'health_monitoring', categories: ['health'] },
      t.clock,
    );
    expect(forMargaret).toMatchObject({ allowed: true, basis: 'representative_consent' });
    // Ruth consented herself; her finances were never in scope (her attorney handles those).
    const ruth = await gpOf('Ruth');
    const forRuth = await checkShare(
      t.db,
      context,
      ruth.personId,
      { partnerContactId: ruth.contactId, purpose: 'care_coordination', categories: ['care_plan'] },
      t.clock,
    );
    expect(forRuth).toMatchObject({ allowed: true, basis: 'consent' });
    const finances = await checkShare(
      t.db,
      context,
      ruth.personId,
      { partnerContactId: ruth.contactId, purpose: 'care_coordination', categories: ['finances'] },
      t.clock,
    );
    expect(finances.allowed).toBe(false);
  });
});
