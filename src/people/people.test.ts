import { describe, expect, it } from 'vitest';
import { testAppForFile } from '../../test/app-for-test.ts';
import {
  createStaffedOrganisation,
  createTestCareService,
  createTestPartnerContact,
  createTestPartnerOrganisation,
  createTestPerson,
  uniqueNhsNumber,
} from '../../test/factories.ts';
import { auditEntriesOf, requestAs, type StaffRequest } from '../../test/requests.ts';

// Many staff sign in from one test address: the per-address sign-in limit is not under test here.
// Saturday 21 November 2026, 09:00 in London: each test starts from the same moment.
const t = testAppForFile({ config: { signInAttemptsPerMinute: 10_000 }, eachTestAt: '2026-11-21T09:00:00Z' });

const call = (...request: StaffRequest) => requestAs(t.app, ...request);

/** What every new person needs besides a name. */
const identity = { dateOfBirth: '1950-03-01', address: '4 High Street, Exampleton', postcode: 'ex1 1aa' };

function auditEntries(orgId: string, action: string) {
  return auditEntriesOf(t.db, orgId, { action });
}

describe('people supported', () => {
  it('records a person with a checked NHS number, stored as digits and unique in the organisation', async () => {
    const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const service = await createTestCareService(t.db, t.clock, organisation.id, { name: 'Oak House' });
    const created = await call('POST', '/api/people', staff.care_worker, {
      ...identity,
      givenName: 'Margaret',
      familyName: 'Hughes',
      preferredName: 'Peggy',
      dateOfBirth: '1938-04-12',
      nhsNumber: '943 476 5919',
      careServiceId: service.id,
      communicationNeeds: 'Hearing aid in the left ear; speak slowly.',
      clinicalFlags: ['diabetes', 'insulin_dependent'],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      nhsNumber: '9434765919',
      careServiceName: 'Oak House',
      clinicalFlags: ['diabetes', 'insulin_dependent'],
      status: 'active',
      version: 1,
    });

    const wrongCheckDigit = await call('POST', '/api/people', staff.care_worker, {
      ...identity,
      givenName: 'A',
      familyName: 'B',
      nhsNumber: '943 476 5918',
    });
    expect(wrongCheckDigit.statusCode).toBe(400);
    expect(wrongCheckDigit.json().errors).toEqual([
      { field: 'nhsNumber', message: expect.stringContaining('check digit does not match') },
    ]);
    const taken = await call('POST', '/api/people', staff.care_worker, {
      ...identity,
      givenName: 'A',
      familyName: 'B',
      nhsNumber: '9434765919',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().errors[0].field).toBe('nhsNumber');
    // Another organisation may support the same person.
    const other = await createStaffedOrganisation(t.app, t.db, t.clock);
    expect(
      (
        await call('POST', '/api/people', other.staff.manager, {
          ...identity,
          givenName: 'M',
          familyName: 'H',
          nhsNumber: '9434765919',
        })
      ).statusCode,
    ).toBe(201);

    const entry = (await auditEntries(organisation.id, 'person.create'))[0]!;
    expect(entry).toMatchObject({ entity_id: created.json().id, actor_id: staff.care_worker.userId });
    expect(entry.changed_fields).toContain('nhs_number');
    expect(JSON.stringify(entry)).not.toMatch(/Margaret|Hughes|9434765919|Hearing/);
  });

  it('needs a date of birth, address and postcode for a new person, naming each one missing', async () => {
    const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const nameOnly = await call('POST', '/api/people', staff.care_worker, {
      givenName: 'A',
      familyName: 'B',
    });
    expect(nameOnly.statusCode).toBe(400);
    expect(nameOnly.json().errors).toEqual([
      { field: 'dateOfBirth', message: 'This field is required.' },
      { field: 'address', message: 'This field is required.' },
      { field: 'postcode', message: 'This field is required.' },
    ]);
    const badPostcode = await call('POST', '/api/people', staff.care_worker, {
      givenName: 'A',
      familyName: 'B',
      ...identity,
      postcode: 'EX1',
    });
    expect(badPostcode.statusCode).toBe(400);
    expect(badPostcode.json().errors).toEqual([
      { field: 'postcode', message: 'Enter a UK postcode, like EX1 2RM.' },
    ]);
    const blankAddress = await call('POST', '/api/people', staff.care_worker, {
      givenName: 'A',
      familyName: 'B',
      ...identity,
      address: '   ',
    });
    expect(blankAddress.statusCode).toBe(400);
    expect(blankAddress.json().errors[0].field).toBe('address');
    expect(await auditEntries(organisation.id, 'person.create')).toEqual([]);

    const created = await call('POST', '/api/people', staff.care_worker, {
      givenName: 'A',
      familyName: 'B',
      ...identity,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      dateOfBirth: '1950-03-01',
      address: '4 High Street, Exampleton',
      postcode: 'EX1 1AA',
    });
    // Once recorded, they can be corrected but not removed.
    const cleared = await call(
      'PATCH',
      `/api/people/${created.json().id}`,
      staff.care_worker,
      { address: null },
      1,
    );
    expect(cleared.statusCode).toBe(400);
    expect(cleared.json().errors[0].field).toBe('address');
  });

  it('keeps people recorded before addresses were required readable and changeable', async () => {
    const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const person = await createTestPerson(t.db, t.clock, organisation.id);
    // As such a person was stored: no date of birth, address or postcode.
    await t.db
      .updateTable('people')
      .set({ date_of_birth: null, address: null, postcode: null })
      .where('id', '=', person.id)
      .execute();
    const shown = await call('GET', `/api/people/${person.id}`, staff.care_worker);
    expect(shown.json()).toMatchObject({ dateOfBirth: null, address: null, postcode: null });
    const renamed = await call(
      'PATCH',
      `/api/people/${person.id}`,
      staff.care_worker,
      { preferredName: 'Peg' },
      1,
    );
    expect(renamed.statusCode).toBe(200);
    const housed = await call(
      'PATCH',
      `/api/people/${person.id}`,
      staff.care_worker,
      { address: '2 Low Road, Exampleton', postcode: 'EX2 2BB' },
      2,
    );
    expect(housed.json()).toMatchObject({
      address: '2 Low Road, Exampleton',
      postcode: 'EX2 2BB',
      version: 3,
    });
  });

  it('searches by name, NHS number, service, status and clinical flag, and audits the search', async () => {
    const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const oak = await createTestCareService(t.db, t.clock, organisation.id);
    const elm = await createTestCareService(t.db, t.clock, organisation.id);
    const nhsNumber = uniqueNhsNumber();
    const peggy = await createTestPerson(t.db, t.clock, organisation.id, {
      givenName: 'Margaret',
      familyName: 'Hughes',
      nhsNumber,
      careServiceId: oak.id,
      flags: ['epilepsy'],
    });
    const tom = await createTestPerson(t.db, t.clock, organisation.id, {
      givenName: 'Tom',
      familyName: 'Hughes',
      careServiceId: elm.id,
    });
    await createTestPerson(t.db, t.clock, organisation.id, {
      givenName: 'Ann',
      familyName: 'Jones',
      careServiceId: oak.id,
      status: 'left',
    });

    const ids = async (query: string) =>
      (await call('GET', `/api/people?${query}`, staff.auditor))
        .json()
        .items.map((item: { id: string }) => item.id);
    expect(await ids('q=hugh')).toEqual([peggy.id, tom.id]);
    expect(await ids('q=margaret%20hughes')).toEqual([peggy.id]);
    expect(
      await ids(`q=${nhsNumber.slice(0, 3)}%20${nhsNumber.slice(3, 6)}%20${nhsNumber.slice(6)}`),
    ).toEqual([peggy.id]);
    expect(await ids(`careServiceId=${oak.id}&status=active`)).toEqual([peggy.id]);
    expect(await ids('clinicalFlag=epilepsy')).toEqual([peggy.id]);

    const searches = await auditEntries(organisation.id, 'person.search');
    expect(searches).toHaveLength(5);
    expect(searches[0]!.details).toMatchObject({ results: 2, byName: true });
    expect(JSON.stringify(searches)).not.toContain('hugh');

    // The same search with the name in the body, where no proxy logs it: the same answers, audited
    // the same way, and a mistake in the search named.
    const found = async (search: object) => {
      const response = await call('POST', '/api/people/search', staff.care_worker, search);
      expect(response.statusCode, response.body).toBe(200);
      return response.json().items.map((item: { id: string }) => item.id);
    };
    expect(await found({ q: 'hugh' })).toEqual([peggy.id, tom.id]);
    expect(await found({ q: nhsNumber, limit: 1 })).toEqual([peggy.id]);
    expect(await found({ q: 'hugh', offset: 1 })).toEqual([tom.id]);
    expect(await found({ careServiceId: oak.id, status: 'active' })).toEqual([peggy.id]);
    expect(await found({ status: 'active' })).toEqual([peggy.id, tom.id]);
    const bodySearches = await auditEntries(organisation.id, 'person.search');
    expect(bodySearches).toHaveLength(10);
    expect(JSON.stringify(bodySearches)).not.toContain('hugh');
    expect(JSON.stringify(bodySearches)).not.toContain(nhsNumber);
    const wrong = await call('POST', '/api/people/search', staff.care_worker, {
      name: 'hugh',
      status: 'asleep',
    });
    expect(wrong.statusCode).toBe(400);
    expect(
      wrong
        .json()
        .errors.map((error: { field: string }) => error.field)
        .sort(),
    ).toEqual(['name', 'status']);
    const elsewhere = await createStaffedOrganisation(t.app, t.db, t.clock);
    const theirSearch = await call('POST', '/api/people/search', elsewhere.staff.manager, { q: 'hugh' });
    expect(theirSearch.json().items).toEqual([]);
  });

  it('audits every view of a person’s record', async () => {
    const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const person = await createTestPerson(t.db, t.clock, organisation.id);
    expect((await call('GET', `/api/people/${person.id}`, staff.auditor)).statusCode).toBe(200);
    expect((await call('GET', `/api/people/${person.id}/circle`, staff.care_worker)).statusCode).toBe(200);
    expect((await call('GET', `/api/people/${person.id}/representatives`, staff.manager)).statusCode).toBe(
      200,
    );
    const views = await auditEntries(organisation.id, 'person.view');
    expect(views.map((view) => [view.entity_id, view.actor_id, view.details])).toEqual([
      [person.id, staff.auditor.userId, {}],
      [person.id, staff.care_worker.userId, { part: 'circle' }],
      [person.id, staff.manager.userId, { part: 'representatives' }],
    ]);
  });

  it('changes a record, refusing a stale version and a date of birth in the future', async () => {
    const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const person = await createTestPerson(t.db, t.clock, organisation.id);
    const changed = await call(
      'PATCH',
      `/api/people/${person.id}`,
      staff.care_worker,
      { clinicalFlags: ['dysphagia'], status: 'left' },
      1,
    );
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ clinicalFlags: ['dysphagia'], status: 'left', version: 2 });
    expect(changed.headers.etag).toBe('"2"');
    const stale = await call('PATCH', `/api/people/${person.id}`, staff.care_worker, { status: 'active' }, 1);
    expect(stale.statusCode).toBe(412);
    expect(stale.json().detail).toContain('changed by someone else');
    const future = await call(
      'PATCH',
      `/api/people/${person.id}`,
      staff.care_worker,
      { dateOfBirth: '2030-01-01' },
      2,
    );
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0].field).toBe('dateOfBirth');
    const update = (await auditEntries(organisation.id, 'person.update'))[0]!;
    expect(update.changed_fields.sort()).toEqual(['clinical_flags', 'status']);
  });
});

describe('representatives', () => {
  it('records attorneys and deputies with their authority, and who saw the document', async () => {
    const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const person = await createTestPerson(t.db, t.clock, organisation.id);
    const url = `/api/people/${person.id}/representatives`;
    const attorney = await call('POST', url, staff.manager, {
      kind: 'lpa_health_and_welfare',
      name: 'Helen Hughes',
      relationship: 'Daughter',
      phone: '07700 900123',
      scopeOfAuthority: 'All health and welfare decisions, including life-sustaining treatment.',
      reference: '7000-0000-0000',
      registeredOn: '2024-02-01',
      documentSeenOn: '2026-11-20',
    });
    expect(attorney.statusCode).toBe(201);
    expect(attorney.json()).toMatchObject({
      isLegallyAuthorised: true,
      documentSeenBy: staff.manager.userId,
      deputyDecisions: [],
    });

    const deputyWithoutAreas = await call('POST', url, staff.manager, {
      kind: 'court_appointed_deputy',
      name: 'Leeds City Council',
    });
    expect(deputyWithoutAreas.statusCode).toBe(400);
    expect(deputyWithoutAreas.json().errors[0].field).toBe('deputyDecisions');
    const deputy = await call('POST', url, staff.manager, {
      kind: 'court_appointed_deputy',
      name: 'Leeds City Council',
      deputyDecisions: ['property_and_financial_affairs'],
    });
    expect(deputy.statusCode).toBe(201);
    const advocate = await call('POST', url, staff.care_worker, { kind: 'imca', name: 'Pat Advocate' });
    expect(advocate.json()).toMatchObject({ isLegallyAuthorised: false });

    const foreignUser = (await createStaffedOrganisation(t.app, t.db, t.clock)).staff.manager.userId;
    const wrongWitness = await call(
      'PATCH',
      `${url}/${deputy.json().id}`,
      staff.manager,
      { documentSeenOn: '2026-11-19', documentSeenBy: foreignUser },
      1,
    );
    expect(wrongWitness.statusCode).toBe(400);
    expect(wrongWitness.json().errors[0].field).toBe('documentSeenBy');

    const ended = await call('POST', `${url}/${advocate.json().id}/end`, staff.manager, {
      reason: 'Decision made',
    });
    expect(ended.json()).toMatchObject({ endedReason: 'Decision made' });
    const list = await call('GET', url, staff.auditor);
    expect(list.json().items.map((item: { kind: string }) => item.kind)).toEqual([
      'lpa_health_and_welfare',
      'court_appointed_deputy',
      'imca',
    ]);
  });
});

describe('circle of support', () => {
  it('links partner contacts with their roles, keeps one primary, and shows the link from both sides', async () => {
    const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const person = await createTestPerson(t.db, t.clock, organisation.id);
    const surgery = await createTestPartnerOrganisation(t.db, t.clock, organisation.id, {
      name: 'Riverside Surgery',
    });
    const council = await createTestPartnerOrganisation(t.db, t.clock, organisation.id, {
      type: 'social_worker',
    });
    const gp = await createTestPartnerContact(t.db, t.clock, organisation.id, surgery.id, {
      name: 'Dr Patel',
    });
    const socialWorker = await createTestPartnerContact(t.db, t.clock, organisation.id, council.id, {
      name: 'Sam Jones',
      type: 'social_worker',
    });
    const url = `/api/people/${person.id}/circle`;

    const gpLink = await call('POST', url, staff.care_worker, { partnerContactId: gp.id, isPrimary: true });
    expect(gpLink.statusCode).toBe(201);
    expect(gpLink.json()).toMatchObject({
      role: 'gp',
      isPrimary: true,
      startedOn: '2026-11-21',
      partnerContact: { name: 'Dr Patel', partnerOrganisationName: 'Riverside Surgery', hasMovedOn: false },
    });
    const swLink = await call('POST', url, staff.care_worker, {
      partnerContactId: socialWorker.id,
      isPrimary: true,
    });
    expect(swLink.statusCode).toBe(201);
    const circle = await call('GET', url, staff.care_worker);
    expect(
      circle.json().items.map((item: { id: string; isPrimary: boolean }) => [item.id, item.isPrimary]),
    ).toEqual([
      [swLink.json().id, true],
      [gpLink.json().id, false],
    ]);
    const [primaryCleared] = await auditEntriesOf(t.db, organisation.id, {
      action: 'circle_member.update',
      entityId: gpLink.json().id,
    });
    expect(primaryCleared?.changed_fields).toEqual(['is_primary']);

    const duplicate = await call('POST', url, staff.care_worker, { partnerContactId: gp.id });
    expect(duplicate.statusCode).toBe(409);

    const linked = await call('GET', `/api/partner-contacts/${gp.id}/people`, staff.care_worker);
    expect(linked.statusCode).toBe(200);
    expect(linked.json().items).toEqual([
      expect.objectContaining({
        person: expect.objectContaining({ id: person.id }),
        role: 'gp',
        isPrimary: false,
      }),
    ]);

    const ended = await call(
      'PATCH',
      `${url}/${swLink.json().id}`,
      staff.manager,
      { endedOn: '2026-11-21' },
      swLink.json().version,
    );
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toMatchObject({ isPrimary: false, endedOn: '2026-11-21' });
    expect((await call('GET', url, staff.care_worker)).json().items).toHaveLength(1);
    expect((await call('GET', `${url}?includeEnded=true`, staff.care_worker)).json().items).toHaveLength(2);
    expect(
      (await call('GET', `/api/partner-contacts/${socialWorker.id}/people`, staff.care_worker)).json().items,
    ).toEqual([]);
  });

  it('refuses a future end date, and making a contact who has moved on the primary one', async () => {
    const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const person = await createTestPerson(t.db, t.clock, organisation.id);
    const surgery = await createTestPartnerOrganisation(t.db, t.clock, organisation.id);
    const gp = await createTestPartnerContact(t.db, t.clock, organisation.id, surgery.id);
    const url = `/api/people/${person.id}/circle`;
    const link = await call('POST', url, staff.care_worker, { partnerContactId: gp.id });
    expect(link.statusCode).toBe(201);
    const future = await call(
      'PATCH',
      `${url}/${link.json().id}`,
      staff.manager,
      { endedOn: '2026-12-01' },
      1,
    );
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0].field).toBe('endedOn');

    const movedOn = await call('POST', `/api/partner-contacts/${gp.id}/end`, staff.manager, {
      reason: 'Retired',
    });
    expect(movedOn.statusCode).toBeLessThan(300);
    const primary = await call('PATCH', `${url}/${link.json().id}`, staff.manager, { isPrimary: true }, 1);
    expect(primary.statusCode).toBe(400);
    expect(primary.json().errors[0].field).toBe('isPrimary');
    const stored = await t.db
      .selectFrom('person_circle_members')
      .select(['is_primary', 'ended_on'])
      .where('id', '=', link.json().id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ is_primary: false, ended_on: null });
  });

  it('answers 404 for a circle member or representative reached through another person', async () => {
    const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const first = await createTestPerson(t.db, t.clock, organisation.id);
    const second = await createTestPerson(t.db, t.clock, organisation.id);
    const surgery = await createTestPartnerOrganisation(t.db, t.clock, organisation.id);
    const gp = await createTestPartnerContact(t.db, t.clock, organisation.id, surgery.id);
    const member = await call('POST', `/api/people/${first.id}/circle`, staff.manager, {
      partnerContactId: gp.id,
    });
    const nextOfKin = await call('POST', `/api/people/${first.id}/representatives`, staff.manager, {
      kind: 'next_of_kin',
      name: 'Jo',
    });
    expect(
      (
        await call(
          'PATCH',
          `/api/people/${second.id}/circle/${member.json().id}`,
          staff.manager,
          { isPrimary: true },
          1,
        )
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await call(
          'PATCH',
          `/api/people/${second.id}/representatives/${nextOfKin.json().id}`,
          staff.manager,
          { name: 'X' },
          1,
        )
      ).statusCode,
    ).toBe(404);
  });
});

describe('who may see and change people’s records', () => {
  it('keeps admin out of personal data, lets the auditor read only, and care staff write', async () => {
    const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const person = await createTestPerson(t.db, t.clock, organisation.id);
    const surgery = await createTestPartnerOrganisation(t.db, t.clock, organisation.id);
    const gp = await createTestPartnerContact(t.db, t.clock, organisation.id, surgery.id);
    const reads = [
      '/api/people',
      `/api/people/${person.id}`,
      `/api/people/${person.id}/circle`,
      `/api/people/${person.id}/representatives`,
      `/api/partner-contacts/${gp.id}/people`,
    ];
    for (const url of reads) {
      expect({ url, status: (await call('GET', url, staff.admin)).statusCode }).toEqual({ url, status: 403 });
      expect({ url, status: (await call('GET', url, staff.auditor)).statusCode }).toEqual({
        url,
        status: 200,
      });
    }
    const writes: ['POST' | 'PATCH', string, unknown][] = [
      ['POST', '/api/people', { givenName: 'A', familyName: 'B', ...identity }],
      ['PATCH', `/api/people/${person.id}`, { givenName: 'X' }],
      ['POST', `/api/people/${person.id}/circle`, { partnerContactId: gp.id }],
      ['POST', `/api/people/${person.id}/representatives`, { kind: 'next_of_kin', name: 'Jo' }],
    ];
    const versionFor = (method: string) => (method === 'PATCH' ? 1 : undefined);
    for (const [method, url, payload] of writes) {
      for (const role of ['admin', 'auditor'] as const) {
        const status = (await call(method, url, staff[role], payload, versionFor(method))).statusCode;
        expect({ method, url, role, status }).toEqual({ method, url, role, status: 403 });
      }
    }
    for (const [method, url, payload] of writes) {
      const status = (await call(method, url, staff.care_worker, payload, versionFor(method))).statusCode;
      expect({ method, url, status }).toEqual({ method, url, status: method === 'POST' ? 201 : 200 });
    }
  });

  it('answers 404 for another organisation’s people, without auditing a view', async () => {
    const ours = await createStaffedOrganisation(t.app, t.db, t.clock);
    const theirs = await createStaffedOrganisation(t.app, t.db, t.clock);
    const person = await createTestPerson(t.db, t.clock, theirs.organisation.id, { givenName: 'Secret' });
    const surgery = await createTestPartnerOrganisation(t.db, t.clock, theirs.organisation.id);
    const gp = await createTestPartnerContact(t.db, t.clock, theirs.organisation.id, surgery.id);
    const manager = ours.staff.manager;
    const probes: ['GET' | 'POST' | 'PATCH', string, unknown][] = [
      ['GET', `/api/people/${person.id}`, undefined],
      ['PATCH', `/api/people/${person.id}`, { givenName: 'X' }],
      ['GET', `/api/people/${person.id}/circle`, undefined],
      ['POST', `/api/people/${person.id}/representatives`, { kind: 'next_of_kin', name: 'Jo' }],
      ['GET', `/api/partner-contacts/${gp.id}/people`, undefined],
    ];
    for (const [method, url, payload] of probes) {
      const status = (await call(method, url, manager, payload, method === 'PATCH' ? 1 : undefined))
        .statusCode;
      expect({ method, url, status }).toEqual({ method, url, status: 404 });
    }
    expect((await call('GET', '/api/people?q=secret', manager)).json().items).toEqual([]);
    // Their partner contact cannot be put in our person's circle either.
    const ourPerson = await createTestPerson(t.db, t.clock, ours.organisation.id);
    const link = await call('POST', `/api/people/${ourPerson.id}/circle`, manager, {
      partnerContactId: gp.id,
    });
    expect(link.statusCode).toBe(400);
    expect(link.json().errors[0].field).toBe('partnerContactId');
    expect(await auditEntries(ours.organisation.id, 'person.view')).toEqual([]);
  });

  it('refuses unknown fields, naming them', async () => {
    const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const person = await createTestPerson(t.db, t.clock, organisation.id);
    const body = await call('POST', '/api/people', staff.care_worker, {
      ...identity,
      givenName: 'A',
      familyName: 'B',
      religion: 'x',
    });
    expect(body.statusCode).toBe(400);
    expect(body.json().errors).toEqual([
      { field: 'religion', message: expect.stringContaining('not a field') },
    ]);
    const circle = await call('POST', `/api/people/${person.id}/circle`, staff.care_worker, {
      partnerContactId: person.id,
      personId: person.id,
    });
    expect(circle.json().errors[0].field).toBe('personId');
  });
});

describe('services', () => {
  it('lets a manager add services, refusing a duplicate name; staff list them', async () => {
    const { staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const created = await call('POST', '/api/care-services', staff.manager, {
      name: 'Oak House',
      address: '2 Oak Lane',
    });
    expect(created.statusCode).toBe(201);
    expect((await call('POST', '/api/care-services', staff.manager, { name: 'oak house' })).statusCode).toBe(
      409,
    );
    expect((await call('POST', '/api/care-services', staff.care_worker, { name: 'Elm' })).statusCode).toBe(
      403,
    );
    const list = await call('GET', '/api/care-services', staff.care_worker);
    expect(list.json().items.map((item: { name: string }) => item.name)).toEqual(['Oak House']);
    const renamed = await call(
      'PATCH',
      `/api/care-services/${created.json().id}`,
      staff.registered_manager,
      { name: 'Oak Court' },
      1,
    );
    expect(renamed.json()).toMatchObject({ name: 'Oak Court', version: 2 });
    expect(renamed.headers.etag).toBe('"2"');
    const stale = await call(
      'PATCH',
      `/api/care-services/${created.json().id}`,
      staff.registered_manager,
      { name: 'Oak Lodge' },
      1,
    );
    expect(stale.statusCode).toBe(412);
  });
});
