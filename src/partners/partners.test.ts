import { describe, expect, it } from 'vitest';
import { testAppForFile } from '../../test/app-for-test.ts';
import {
  createStaffedOrganisation,
  createTestChannel,
  createTestPartnerContact,
  createTestPartnerOrganisation,
  signIn,
} from '../../test/factories.ts';
import { auditEntriesOf, requestAs, type StaffRequest } from '../../test/requests.ts';
import { partnerWithContact } from '../../test/scenarios.ts';

// Many staff sign in from one test address: the per-address sign-in limit is not under test here.
// Saturday 21 November 2026, 09:00 in London: each test starts from the same moment.
const t = testAppForFile({ config: { signInAttemptsPerMinute: 10_000 }, eachTestAt: '2026-11-21T09:00:00Z' });

const DAY_MS = 24 * 60 * 60 * 1000;

const call = (...request: StaffRequest) => requestAs(t.app, ...request);

function auditActions(orgId: string, entityId: string) {
  return auditEntriesOf(t.db, orgId, { entityId });
}

const officeHours = {
  monday: ['09:00-17:00'],
  tuesday: ['09:00-17:00'],
  wednesday: ['09:00-17:00'],
  thursday: ['09:00-17:00'],
  friday: ['09:00–17:00'],
};

describe('partner organisations', () => {
  it('lets a manager add an organisation, checks the ODS code, and finds it by part of its name', async () => {
    const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const created = await call('POST', '/api/partner-organisations', staff.manager, {
      name: 'Riverside Surgery',
      type: 'gp',
      odsCode: 'a81001',
      address: '1 River Road, Leeds',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      name: 'Riverside Surgery',
      type: 'gp',
      odsCode: 'A81001',
      version: 1,
    });

    await call('POST', '/api/partner-organisations', staff.manager, {
      name: 'Leeds Adult Social Care',
      type: 'social_worker',
    });
    const search = await call('GET', '/api/partner-organisations?q=RIVERS', staff.care_worker);
    expect(search.statusCode).toBe(200);
    expect(search.json().items.map((item: { name: string }) => item.name)).toEqual(['Riverside Surgery']);
    const byType = await call('GET', '/api/partner-organisations?type=social_worker', staff.auditor);
    expect(byType.json().items.map((item: { name: string }) => item.name)).toEqual([
      'Leeds Adult Social Care',
    ]);
    const literal = await call('GET', '/api/partner-organisations?q=%25', staff.care_worker);
    expect(literal.json().items).toEqual([]);

    const badCode = await call('POST', '/api/partner-organisations', staff.manager, {
      name: 'Somewhere',
      type: 'gp',
      odsCode: 'A8-1001',
    });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().errors).toEqual([
      { field: 'odsCode', message: expect.stringContaining('3 to 6 letters and digits') },
    ]);
    const takenCode = await call('POST', '/api/partner-organisations', staff.manager, {
      name: 'Riverside Surgery (branch)',
      type: 'gp',
      odsCode: 'A81001',
    });
    expect(takenCode.statusCode).toBe(409);
    expect(takenCode.json().errors[0].field).toBe('odsCode');

    const entries = await auditActions(organisation.id, created.json().id);
    expect(entries.map((entry) => entry.action)).toEqual(['partner_organisation.create']);
    expect(entries[0]!.actor_id).toBe(staff.manager.userId);
    expect(JSON.stringify(entries)).not.toContain('Riverside');
  });

  it('changes an organisation, refusing a stale version with 412', async () => {
    const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const partner = await createTestPartnerOrganisation(t.db, t.clock, organisation.id);
    const changed = await call(
      'PATCH',
      `/api/partner-organisations/${partner.id}`,
      staff.registered_manager,
      { notes: 'Ask for the practice manager' },
      1,
    );
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ notes: 'Ask for the practice manager', version: 2 });
    expect(changed.headers.etag).toBe('"2"');
    const stale = await call(
      'PATCH',
      `/api/partner-organisations/${partner.id}`,
      staff.registered_manager,
      { notes: 'Something else' },
      1,
    );
    expect(stale.statusCode).toBe(412);
    const read = await call('GET', `/api/partner-organisations/${partner.id}`, staff.registered_manager);
    expect(read.headers.etag).toBe('"2"');
    expect(read.json()).toMatchObject({ notes: 'Ask for the practice manager' });
    const entries = await auditActions(organisation.id, partner.id);
    expect(entries.at(-1)).toMatchObject({
      action: 'partner_organisation.update',
      changed_fields: ['notes'],
    });
  });
});

describe('partner contacts', () => {
  it('adds contacts to an organisation and searches them by name, type and organisation', async () => {
    const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const surgery = await createTestPartnerOrganisation(t.db, t.clock, organisation.id, {
      name: 'Riverside Surgery',
    });
    const council = await createTestPartnerOrganisation(t.db, t.clock, organisation.id, {
      type: 'social_worker',
    });
    const patel = await call('POST', `/api/partner-organisations/${surgery.id}/contacts`, staff.manager, {
      name: 'Dr Anjali Patel',
      type: 'gp',
      jobTitle: 'GP partner',
      email: 'a.patel@nhs.net',
      phone: '0113 496 0000',
    });
    expect(patel.statusCode).toBe(201);
    expect(patel.json()).toMatchObject({
      partnerOrganisationId: surgery.id,
      partnerOrganisationName: 'Riverside Surgery',
      lastVerifiedAt: '2026-11-21T09:00:00.000Z',
      lastVerifiedBy: staff.manager.userId,
      isStale: false,
    });
    await createTestPartnerContact(t.db, t.clock, organisation.id, surgery.id, {
      name: 'Nurse Ola Smith',
      type: 'district_nurse',
    });
    await createTestPartnerContact(t.db, t.clock, organisation.id, council.id, {
      name: 'Sam Patel',
      type: 'social_worker',
    });

    const names = async (query: string) =>
      (await call('GET', `/api/partner-contacts?${query}`, staff.care_worker))
        .json()
        .items.map((item: { name: string }) => item.name);
    expect(await names('q=patel')).toEqual(['Dr Anjali Patel', 'Sam Patel']);
    expect(await names('q=patel&type=social_worker')).toEqual(['Sam Patel']);
    expect(await names(`partnerOrganisationId=${surgery.id}`)).toEqual([
      'Dr Anjali Patel',
      'Nurse Ola Smith',
    ]);
    const ofSurgery = await call('GET', `/api/partner-organisations/${surgery.id}/contacts`, staff.auditor);
    expect(ofSurgery.json().items).toHaveLength(2);
  });

  it('keeps a contact who has moved on readable but out of the lists, and unchangeable', async () => {
    const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const surgery = await createTestPartnerOrganisation(t.db, t.clock, organisation.id);
    const contact = await createTestPartnerContact(t.db, t.clock, organisation.id, surgery.id);
    const ended = await call('POST', `/api/partner-contacts/${contact.id}/end`, staff.manager, {
      reason: 'Retired',
    });
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toMatchObject({
      endedReason: 'Retired',
      endedAt: '2026-11-21T09:00:00.000Z',
      isStale: false,
    });

    const list = await call(
      'GET',
      `/api/partner-contacts?partnerOrganisationId=${surgery.id}`,
      staff.care_worker,
    );
    expect(list.json().items).toEqual([]);
    const withEnded = await call(
      'GET',
      `/api/partner-contacts?partnerOrganisationId=${surgery.id}&includeEnded=true`,
      staff.care_worker,
    );
    expect(withEnded.json().items).toHaveLength(1);
    expect((await call('GET', `/api/partner-contacts/${contact.id}`, staff.care_worker)).statusCode).toBe(
      200,
    );
    const change = await call(
      'PATCH',
      `/api/partner-contacts/${contact.id}`,
      staff.manager,
      { phone: '0113 496 0001' },
      2,
    );
    expect(change.statusCode).toBe(409);
    expect((await auditActions(organisation.id, contact.id)).map((entry) => entry.action)).toEqual([
      'partner_contact.create',
      'partner_contact.end',
    ]);
  });
});

describe('keeping contact details current', () => {
  it('flags contacts not verified within the organisation’s period, and verifying clears the flag', async () => {
    const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const period = await call(
      'PATCH',
      '/api/organisation',
      staff.registered_manager,
      { contactVerificationDays: 30 },
      1,
    );
    expect(period.statusCode).toBe(200);
    const surgery = await createTestPartnerOrganisation(t.db, t.clock, organisation.id);
    const older = await createTestPartnerContact(t.db, t.clock, organisation.id, surgery.id, {
      name: 'Aaron Older',
    });
    t.clock.advance(10 * DAY_MS);
    const newer = await createTestPartnerContact(t.db, t.clock, organisation.id, surgery.id, {
      name: 'Zara Newer',
    });

    t.clock.advance(20 * DAY_MS);
    const manager = await signIn(t.app, staff.manager.email);
    const stale = await call('GET', '/api/partner-contacts/stale', manager);
    expect(stale.statusCode).toBe(200);
    expect(stale.json().items.map((item: { id: string }) => item.id)).toEqual([older.id]);
    expect(stale.json().items[0]).toMatchObject({
      isStale: true,
      verificationDueAt: t.clock.now().toISOString(),
    });

    t.clock.advance(10 * DAY_MS);
    const later = await signIn(t.app, staff.manager.email);
    expect(
      (await call('GET', '/api/partner-contacts/stale', later))
        .json()
        .items.map((item: { id: string }) => item.id),
    ).toEqual([older.id, newer.id]);
    const verified = await call('POST', `/api/partner-contacts/${older.id}/verify`, later);
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({
      isStale: false,
      lastVerifiedAt: t.clock.now().toISOString(),
      lastVerifiedBy: later.userId,
      version: 2,
    });
    expect(
      (await call('GET', '/api/partner-contacts/stale', later))
        .json()
        .items.map((item: { id: string }) => item.id),
    ).toEqual([newer.id]);
    const entry = (await auditActions(organisation.id, older.id)).at(-1);
    expect(entry).toMatchObject({ action: 'partner_contact.verify', actor_id: later.userId });
  });
});

describe('channels and which one to use now', () => {
  it('answers the contact’s own channel in hours, the organisation’s out of hours, and says why', async () => {
    t.clock.set('2026-11-20T10:00:00Z'); // Friday
    const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const { organisation: surgery, contact: patel } = await partnerWithContact(
      t,
      organisation.id,
      { name: 'Riverside Surgery', type: 'gp' },
      { name: 'Dr Patel' },
    );

    const direct = await call('POST', `/api/partner-contacts/${patel.id}/channels`, staff.manager, {
      kind: 'phone',
      value: '0113 496 0001',
      label: 'Direct line',
      urgencies: ['urgent', 'routine'],
      hours: officeHours,
    });
    expect(direct.statusCode).toBe(201);
    expect(direct.json()).toMatchObject({
      whose: 'contact',
      partnerContactId: patel.id,
      staffedOnBankHolidays: false,
    });
    expect(direct.json().hours.friday).toEqual(['09:00-17:00']);
    const outOfHours = await call('POST', `/api/partner-organisations/${surgery.id}/channels`, staff.admin, {
      kind: 'out_of_hours_line',
      value: '111',
      urgencies: ['out_of_hours'],
      hours: '24/7',
    });
    expect(outOfHours.statusCode).toBe(201);
    expect(outOfHours.json()).toMatchObject({ whose: 'organisation', staffedOnBankHolidays: true });

    const now = await call(
      'GET',
      `/api/partner-contacts/${patel.id}/channel-now?urgency=urgent`,
      staff.care_worker,
    );
    expect(now.statusCode).toBe(200);
    expect(now.json()).toMatchObject({
      at: '2026-11-20T10:00:00.000Z',
      urgency: 'urgent',
      route: {
        whose: 'contact',
        ownerName: 'Dr Patel',
        outOfHours: false,
        staffedUntil: '2026-11-20T17:00:00.000Z',
      },
    });
    expect(now.json().route.channel.id).toBe(direct.json().id);

    t.clock.set('2026-11-21T18:30:00Z'); // Saturday evening
    const reader = await signIn(t.app, staff.care_worker.email);
    const weekend = await call('GET', `/api/partner-contacts/${patel.id}/channel-now?urgency=urgent`, reader);
    expect(weekend.json().route).toMatchObject({
      whose: 'organisation',
      outOfHours: true,
      staffedUntil: null,
    });
    expect(weekend.json().reason).toContain(
      'No channel for urgent matters is staffed at 18:30 on Saturday 21 November',
    );
    const routine = await call(
      'GET',
      `/api/partner-contacts/${patel.id}/channel-now?urgency=routine`,
      reader,
    );
    expect(routine.json()).toMatchObject({ route: null, nextStaffedAt: '2026-11-23T09:00:00.000Z' });
    const ofOrganisation = await call(
      'GET',
      `/api/partner-organisations/${surgery.id}/channel-now?urgency=urgent`,
      reader,
    );
    expect(ofOrganisation.json().route.channel.id).toBe(outOfHours.json().id);
    const noUrgency = await call('GET', `/api/partner-contacts/${patel.id}/channel-now`, reader);
    expect(noUrgency.statusCode).toBe(400);
    expect(noUrgency.json().errors[0].field).toBe('urgency');

    expect((await auditActions(organisation.id, direct.json().id)).map((entry) => entry.action)).toEqual([
      'partner_channel.create',
    ]);
  });

  it('lists channels added at the same moment (an import) in the order of their kinds, every time', async () => {
    const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const surgery = await createTestPartnerOrganisation(t.db, t.clock, organisation.id);
    const owner = { partnerOrganisationId: surgery.id };
    for (const [kind, value] of [
      ['out_of_hours_line', '0121 496 0999'],
      ['email', 'reception@surgery.example.org'],
      ['phone', '0121 496 0000'],
    ] as const) {
      await createTestChannel(t.db, t.clock, organisation.id, owner, { kind, value, hours: '24/7' });
    }
    const listed = await call('GET', `/api/partner-organisations/${surgery.id}`, staff.manager);
    expect(listed.json().channels.map((channel: { kind: string }) => channel.kind)).toEqual([
      'phone',
      'email',
      'out_of_hours_line',
    ]);
  });

  it('checks hours and values, changes and removes channels, and audits each change', async () => {
    const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const surgery = await createTestPartnerOrganisation(t.db, t.clock, organisation.id);
    const badHours = await call('POST', `/api/partner-organisations/${surgery.id}/channels`, staff.manager, {
      kind: 'phone',
      value: '0113 496 0000',
      urgencies: ['urgent'],
      hours: { monday: ['9-5'] },
    });
    expect(badHours.statusCode).toBe(400);
    expect(badHours.json().errors).toEqual([
      { field: 'hours', message: expect.stringContaining('monday: "9-5" is not a span') },
    ]);
    const badValue = await call('POST', `/api/partner-organisations/${surgery.id}/channels`, staff.manager, {
      kind: 'secure_email',
      value: '0113 496 0000',
      urgencies: ['routine'],
      hours: '24/7',
    });
    expect(badValue.statusCode).toBe(400);
    expect(badValue.json().errors[0].field).toBe('value');

    const channel = await createTestChannel(t.db, t.clock, organisation.id, {
      partnerOrganisationId: surgery.id,
    });
    const url = `/api/partner-organisations/${surgery.id}/channels/${channel.id}`;
    const changed = await call(
      'PATCH',
      url,
      staff.manager,
      { hours: { saturday: ['10:00-12:00'] }, staffedOnBankHolidays: true },
      1,
    );
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      hours: { saturday: ['10:00-12:00'] },
      staffedOnBankHolidays: true,
      version: 2,
    });
    expect((await call('DELETE', url, staff.manager)).statusCode).toBe(204);
    expect(
      (await call('GET', `/api/partner-organisations/${surgery.id}`, staff.manager)).json().channels,
    ).toEqual([]);
    expect((await auditActions(organisation.id, channel.id)).map((entry) => entry.action)).toEqual([
      'partner_channel.create',
      'partner_channel.update',
      'partner_channel.delete',
    ]);
  });
});

describe('who may do what', () => {
  it('lets a care worker read the register but not change it; an auditor never writes', async () => {
    const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const surgery = await createTestPartnerOrganisation(t.db, t.clock, organisation.id);
    const contact = await createTestPartnerContact(t.db, t.clock, organisation.id, surgery.id);
    const channel = await createTestChannel(t.db, t.clock, organisation.id, { partnerContactId: contact.id });
    const channelBody = { kind: 'phone', value: '0113 496 0000', urgencies: ['urgent'], hours: '24/7' };

    for (const url of [
      `/api/partner-organisations/${surgery.id}`,
      `/api/partner-contacts/${contact.id}`,
      `/api/partner-organisations/${surgery.id}/contacts/${contact.id}`,
      `/api/partner-contacts/${contact.id}/channel-now?urgency=urgent`,
      '/api/partner-contacts/stale',
    ]) {
      for (const role of ['care_worker', 'auditor'] as const) {
        expect({ url, role, status: (await call('GET', url, staff[role])).statusCode }).toEqual({
          url,
          role,
          status: 200,
        });
      }
    }

    const writes: ['POST' | 'PATCH' | 'DELETE', string, unknown][] = [
      ['POST', '/api/partner-organisations', { name: 'X', type: 'gp' }],
      ['PATCH', `/api/partner-organisations/${surgery.id}`, { notes: 'x' }],
      ['POST', `/api/partner-organisations/${surgery.id}/contacts`, { name: 'X', type: 'gp' }],
      ['POST', `/api/partner-organisations/${surgery.id}/channels`, channelBody],
      ['PATCH', `/api/partner-contacts/${contact.id}`, { notes: 'x' }],
      ['POST', `/api/partner-contacts/${contact.id}/verify`, undefined],
      ['POST', `/api/partner-contacts/${contact.id}/end`, { reason: 'x' }],
      ['POST', `/api/partner-contacts/${contact.id}/channels`, channelBody],
      ['PATCH', `/api/partner-contacts/${contact.id}/channels/${channel.id}`, { label: 'x' }],
      ['DELETE', `/api/partner-contacts/${contact.id}/channels/${channel.id}`, undefined],
      ['POST', '/api/partner-register/import', { csv: 'organisation_name,organisation_type\nX,gp\n' }],
    ];
    for (const [method, url, payload] of writes) {
      for (const role of ['care_worker', 'auditor'] as const) {
        const status = (await call(method, url, staff[role], payload, method === 'PATCH' ? 1 : undefined))
          .statusCode;
        expect({ method, url, role, status }).toEqual({ method, url, role, status: 403 });
      }
    }
    const count = await t.db
      .selectFrom('partner_organisations')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('org_id', '=', organisation.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.count)).toBe(1);
  });

  it('answers 404 for another organisation’s partner organisations, contacts and channels', async () => {
    const ours = await createStaffedOrganisation(t.app, t.db, t.clock);
    const theirs = await createStaffedOrganisation(t.app, t.db, t.clock);
    const surgery = await createTestPartnerOrganisation(t.db, t.clock, theirs.organisation.id);
    const contact = await createTestPartnerContact(t.db, t.clock, theirs.organisation.id, surgery.id);
    const channel = await createTestChannel(t.db, t.clock, theirs.organisation.id, {
      partnerContactId: contact.id,
    });
    const manager = ours.staff.manager;
    const probes: ['GET' | 'POST' | 'PATCH' | 'DELETE', string, unknown][] = [
      ['GET', `/api/partner-organisations/${surgery.id}`, undefined],
      ['PATCH', `/api/partner-organisations/${surgery.id}`, { notes: 'x' }],
      ['GET', `/api/partner-organisations/${surgery.id}/contacts`, undefined],
      ['POST', `/api/partner-organisations/${surgery.id}/contacts`, { name: 'X', type: 'gp' }],
      ['GET', `/api/partner-contacts/${contact.id}`, undefined],
      ['PATCH', `/api/partner-contacts/${contact.id}`, { notes: 'x' }],
      ['POST', `/api/partner-contacts/${contact.id}/verify`, undefined],
      ['GET', `/api/partner-contacts/${contact.id}/channel-now?urgency=urgent`, undefined],
      ['PATCH', `/api/partner-contacts/${contact.id}/channels/${channel.id}`, { label: 'x' }],
      ['DELETE', `/api/partner-contacts/${contact.id}/channels/${channel.id}`, undefined],
    ];
    for (const [method, url, payload] of probes) {
      const status = (await call(method, url, manager, payload, method === 'PATCH' ? 1 : undefined))
        .statusCode;
      expect({ method, url, status }).toEqual({ method, url, status: 404 });
    }
    const search = await call('GET', `/api/partner-contacts?partnerOrganisationId=${surgery.id}`, manager);
    expect(search.json().items).toEqual([]);
    const unchanged = await call('GET', `/api/partner-contacts/${contact.id}`, theirs.staff.manager);
    expect(unchanged.json()).toMatchObject({ notes: null, version: 1 });
  });

  it('answers 404 for a contact or channel reached through the wrong parent', async () => {
    const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const surgery = await createTestPartnerOrganisation(t.db, t.clock, organisation.id);
    const council = await createTestPartnerOrganisation(t.db, t.clock, organisation.id);
    const gp = await createTestPartnerContact(t.db, t.clock, organisation.id, surgery.id);
    const socialWorker = await createTestPartnerContact(t.db, t.clock, organisation.id, council.id);
    const gpChannel = await createTestChannel(t.db, t.clock, organisation.id, { partnerContactId: gp.id });
    const surgeryChannel = await createTestChannel(t.db, t.clock, organisation.id, {
      partnerOrganisationId: surgery.id,
    });

    expect(
      (await call('GET', `/api/partner-organisations/${council.id}/contacts/${gp.id}`, staff.manager))
        .statusCode,
    ).toBe(404);
    expect(
      (await call('GET', `/api/partner-organisations/${surgery.id}/contacts/${gp.id}`, staff.manager))
        .statusCode,
    ).toBe(200);
    const probes = [
      `/api/partner-contacts/${socialWorker.id}/channels/${gpChannel.id}`,
      `/api/partner-organisations/${council.id}/channels/${surgeryChannel.id}`,
      // A contact's channel is not the organisation's own.
      `/api/partner-organisations/${surgery.id}/channels/${gpChannel.id}`,
    ];
    for (const url of probes) {
      const status = (await call('PATCH', url, staff.manager, { label: 'x' }, 1)).statusCode;
      expect({ url, status }).toEqual({ url, status: 404 });
    }
  });

  it('refuses unknown fields and query parameters, naming them', async () => {
    const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const surgery = await createTestPartnerOrganisation(t.db, t.clock, organisation.id);
    const body = await call('POST', '/api/partner-organisations', staff.manager, {
      name: 'X',
      type: 'gp',
      orgId: organisation.id,
    });
    expect(body.statusCode).toBe(400);
    expect(body.json().errors).toEqual([{ field: 'orgId', message: expect.stringContaining('not a field') }]);
    const contact = await call('POST', `/api/partner-organisations/${surgery.id}/contacts`, staff.manager, {
      name: 'X',
      type: 'gp',
      partnerOrganisationId: surgery.id,
    });
    expect(contact.json().errors[0].field).toBe('partnerOrganisationId');
    const query = await call('GET', '/api/partner-contacts?colour=red', staff.manager);
    expect(query.statusCode).toBe(400);
    expect(query.json().errors[0].field).toBe('colour');
  });
});
