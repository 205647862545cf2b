import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { testAppForFile } from '../../test/app-for-test.ts';
import {
  createStaffedOrganisation,
  createTestPartnerOrganisation,
  createTestPerson,
} from '../../test/factories.ts';
import { auditEntriesOf, requestAs, type StaffRequest } from '../../test/requests.ts';

const t = testAppForFile({ config: { signInAttemptsPerMinute: 10_000 }, at: '2026-11-21T09:00:00Z' });
const call = (...request: StaffRequest) => requestAs(t.app, ...request);

describe('exporting the share log', () => {
  it('gives managers and the auditor a CSV that no spreadsheet runs as formulas, and audits it', async () => {
    const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
    const person = await createTestPerson(t.db, t.clock, organisation.id, {
      givenName: 'Ada',
      familyName: 'Crane',
    });
    const surgery = await createTestPartnerOrganisation(t.db, t.clock, organisation.id, {
      name: '=Surgery',
      type: 'gp',
    });
    const base = `/api/people/${person.id}`;
    await call('POST', `${base}/consents`, staff.care_worker, {
      givenBy: 'person',
      partnerOrganisationIds: [surgery.id],
      purposes: ['care_coordination'],
      categories: ['health'],
      recordedHow: 'verbal',
      givenOn: '2026-11-20',
      reviewOn: '2027-11-20',
    });
    const share = (description: string, categories: string[]) =>
      call('POST', `${base}/shares`, staff.care_worker, {
        partnerOrganisationId: surgery.id,
        purpose: 'care_coordination',
        categories,
        description,
      });
    expect((await share('=HYPERLINK("http://example.org","click")', ['health'])).statusCode).toBe(201);
    expect((await share('@SUM(1+1)', ['finances'])).statusCode).toBe(403);

    expect((await call('GET', `${base}/shares/export`, staff.care_worker)).statusCode).toBe(403);
    const exported = await call('GET', `${base}/shares/export`, staff.auditor);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(exported.headers['content-disposition']).toBe('attachment; filename="share-log-Crane-Ada.csv"');
    expect(exported.headers['cache-control']).toBe('no-store');
    const { display_name: careWorkerName } = await t.db
      .selectFrom('users')
      .select('display_name')
      .where('id', '=', staff.care_worker.userId)
      .executeTakeFirstOrThrow();
    const rows = parse(exported.body, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    const allowed = rows.find((row) => row.Outcome === 'Shared');
    const refused = rows.find((row) => row.Outcome === 'Refused');
    // Words and names throughout, no codes or ids: an inspector or the person reads it.
    expect(allowed).toEqual({
      'When (UK time)': '2026-11-21 09:00',
      Outcome: 'Shared',
      Organisation: "'=Surgery",
      Contact: '',
      Purpose: 'Care coordination',
      Categories: 'Health',
      Basis: 'The person’s own consent',
      'Record relied on': 'Consent record',
      'UK GDPR Article 6': '6(1)(e) public task',
      'UK GDPR Article 9': '9(2)(h) health or social care',
      'DPA 2018 condition': '',
      'Reasons refused': '',
      How: 'Shared by staff, recorded in Liaison',
      'What was shared': `'=HYPERLINK("http://example.org","click")`,
      'Shared by': careWorkerName,
    });
    expect(refused).toMatchObject({
      Outcome: 'Refused',
      Categories: 'Finances',
      'What was shared': "'@SUM(1+1)",
      Basis: '',
    });
    expect(refused?.['Reasons refused']).not.toMatch(/[a-z]+_[a-z]+/);
    expect(refused?.['Reasons refused']).toMatch(/finances/i);
    const audited = await auditEntriesOf(t.db, organisation.id, { action: 'share_log.export' });
    expect(audited).toEqual([
      expect.objectContaining({ entity_id: person.id, actor_id: staff.auditor.userId }),
    ]);
  });
});
