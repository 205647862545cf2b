import { describe, expect, it } from 'vitest';
import { testAppForFile } from '../../test/app-for-test.ts';
import {
  createStaffedOrganisation,
  createTestPartnerOrganisation,
  type SignedIn,
} from '../../test/factories.ts';
import { requestAs, type StaffRequest } from '../../test/requests.ts';

// Saturday 21 November 2026, 09:00 in London: each test starts from the same moment.
const t = testAppForFile({ config: { signInAttemptsPerMinute: 10_000 }, eachTestAt: '2026-11-21T09:00:00Z' });
const call = (...request: StaffRequest) => requestAs(t.app, ...request);

const header =
  'organisation_name,organisation_type,ods_code,contact_name,contact_type,job_title,email,phone,urgent_phone,urgent_hours,routine_email,routine_hours,out_of_hours_phone,staffed_on_bank_holidays';

const goodFile = [
  header,
  'Riverside Surgery,gp,B86001,,,,,,0113 496 0100,Mon-Fri 08:00-18:30,reception@riverside.nhs.uk,Mon-Fri 08:00-18:30,111,no',
  'Riverside Surgery,GP,B86001,Dr Anjali Patel,gp,GP partner,a.patel@nhs.net,0113 496 0101,0113 496 0102,Mon-Fri 09:00-17:00,,,,no',
  'Leeds Adult Social Care,Social worker,,Sam Jones,social_worker,Social worker,sam.jones@leeds.gov.uk,0113 222 4401,,,sam.jones@leeds.gov.uk,Mon-Fri 09:00-17:00,,',
  'Leeds Adult Social Care,social_worker,,,,,,,0113 222 4402,"Mon-Fri 08:30-17:00; Sat 09:00-12:00",,,0113 240 9536,yes',
].join('\n');

function importCsv(who: SignedIn, csv: string) {
  return call('POST', '/api/partner-register/import', who, { csv });
}

async function registerSize(orgId: string) {
  const count = async (table: 'partner_organisations' | 'partner_contacts' | 'partner_channels') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .where('org_id', '=', orgId)
          .executeTakeFirstOrThrow()
      ).count,
    );
  return {
    organisations: await count('partner_organisations'),
    contacts: await count('partner_contacts'),
    channels: await count('partner_channels'),
  };
}

describe('importing the register from CSV', () => {
  it('imports a good file whole and reports what it created', async () => {
    const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const response = await importCsv(staff.manager, goodFile);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({
      imported: true,
      rows: 4,
      organisationsCreated: 2,
      organisationsMatched: 0,
      contactsCreated: 2,
      channelsCreated: 7,
    });
    expect(await registerSize(organisation.id)).toEqual({ organisations: 2, contacts: 2, channels: 7 });

    const found = await call('GET', '/api/partner-contacts?q=anjali', staff.care_worker);
    const patel = found.json().items[0];
    expect(patel).toMatchObject({
      partnerOrganisationName: 'Riverside Surgery',
      type: 'gp',
      lastVerifiedBy: staff.manager.userId,
    });
    const council = await call('GET', '/api/partner-organisations?q=leeds', staff.care_worker);
    const councilDetail = await call(
      'GET',
      `/api/partner-organisations/${council.json().items[0].id}`,
      staff.care_worker,
    );
    expect(councilDetail.json().channels).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'phone',
          urgencies: ['urgent'],
          staffedOnBankHolidays: true,
          hours: expect.objectContaining({ monday: ['08:30-17:00'], saturday: ['09:00-12:00'] }),
        }),
        expect.objectContaining({ kind: 'out_of_hours_line', value: '0113 240 9536', hours: '24/7' }),
      ]),
    );

    // Saturday 21 November 09:00: Dr Patel's line is closed, the surgery is closed: its out-of-hours line.
    const now = await call(
      'GET',
      `/api/partner-contacts/${patel.id}/channel-now?urgency=urgent`,
      staff.care_worker,
    );
    expect(now.json().route).toMatchObject({
      whose: 'organisation',
      outOfHours: true,
      channel: { value: '111' },
    });

    const audit = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('org_id', '=', organisation.id)
      .where('action', 'like', 'partner_%')
      .execute();
    const actions = audit.map((entry) => entry.action).sort();
    expect(actions.filter((action) => action === 'partner_register.import')).toHaveLength(1);
    expect(actions.filter((action) => action === 'partner_contact.create')).toHaveLength(2);
    expect(actions.filter((action) => action === 'partner_channel.create')).toHaveLength(7);
  });

  it('imports nothing when any row is bad, and names each row and column to correct', async () => {
    const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const lines = goodFile.split('\n');
    lines[2] = lines[2]!.replace('a.patel@nhs.net', 'a.patel@');
    lines[4] = lines[4]!.replace('Mon-Fri 08:30-17:00; Sat 09:00-12:00', 'weekdays');
    lines.push('Somewhere Else,plumber,,,,,,,,,,,,');
    const response = await importCsv(staff.manager, lines.join('\n'));
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().detail).toBe(
      'Nothing was imported: 3 problems in 3 rows. Correct the file and import it again.',
    );
    expect(response.json().errors).toEqual([
      { field: 'row 3: email', message: expect.stringContaining('email address') },
      { field: 'row 5: urgent_hours', message: expect.stringContaining('Mon-Fri 09:00-17:00') },
      { field: 'row 6: organisation_type', message: expect.stringContaining('Must be one of: advocate') },
    ]);
    expect(await registerSize(organisation.id)).toEqual({ organisations: 0, contacts: 0, channels: 0 });
  });

  it('matches organisations already in the register and refuses contacts it already has', async () => {
    const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    await createTestPartnerOrganisation(t.db, t.clock, organisation.id, {
      name: 'Riverside Surgery',
      odsCode: 'B86001',
    });
    const first = await importCsv(
      staff.registered_manager,
      [header, 'riverside surgery,gp,,Dr Lee,gp,,,,,,,,,'].join('\n'),
    );
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      organisationsCreated: 0,
      organisationsMatched: 1,
      contactsCreated: 1,
    });

    const again = await importCsv(
      staff.registered_manager,
      [header, 'Riverside Surgery,gp,,Dr Lee,gp,,,,,,,,,', 'Hillside Practice,gp,B86001,,,,,,,,,,,'].join(
        '\n',
      ),
    );
    expect(again.statusCode).toBe(400);
    expect(again.json().errors).toEqual([
      {
        field: 'row 2: contact_name',
        message: 'Dr Lee is already a current contact at Riverside Surgery in your register.',
      },
      { field: 'row 3: ods_code', message: expect.stringContaining('already has the ODS code B86001') },
    ]);
    expect(await registerSize(organisation.id)).toEqual({ organisations: 1, contacts: 1, channels: 0 });
  });

  it('explains a file it cannot read: unknown columns, a missing column, broken CSV, no rows', async () => {
    const { staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const unknown = await importCsv(staff.manager, 'organisation_name,organisation_type,fax\nX,gp,123\n');
    expect(unknown.json().errors).toEqual([
      { field: 'row 1: fax', message: expect.stringContaining('not a column Liaison reads') },
    ]);
    const missing = await importCsv(staff.manager, 'organisation_name\nX\n');
    expect(missing.json().errors).toEqual([
      { field: 'row 1: organisation_type', message: 'The file needs a "organisation_type" column.' },
    ]);
    const broken = await importCsv(staff.manager, 'organisation_name,organisation_type\n"X,gp\n');
    expect(broken.json().errors[0]).toMatchObject({ field: expect.stringMatching(/^row \d+: file$/) });
    const empty = await importCsv(staff.manager, `${header}\n`);
    expect(empty.json().errors[0].message).toContain('no rows');
    const extra = await importCsv(staff.manager, 'organisation_name,organisation_type,csv\n');
    expect(extra.statusCode).toBe(400);
  });

  it('refuses a body with anything but the CSV', async () => {
    const { staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const response = await call('POST', '/api/partner-register/import', staff.manager, {
      csv: goodFile,
      dryRun: true,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('dryRun');
  });
});
