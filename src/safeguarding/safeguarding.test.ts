import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { testAppForFile } from '../../test/app-for-test.ts';
import { createStaffedOrganisation, createTestPerson, type SignedIn } from '../../test/factories.ts';
import { requestAs, type StaffRequest } from '../../test/requests.ts';
import type { StaffRole } from '../users/users.table.ts';

// What safeguarding refuses: a care worker reading a concern in full, anyone changing or deleting
// an entry, another organisation's concern, a restriction without a review date; and what it
// audits: every view.

const t = testAppForFile({ config: { signInAttemptsPerMinute: 10_000 }, at: '2026-12-07T09:00:00Z' });
let staff: Record<StaffRole, SignedIn>;
let other: Record<StaffRole, SignedIn>;
let concernId: string;
let personId: string;

const call = (...request: StaffRequest) => requestAs(t.app, ...request);

beforeAll(async () => {
  const mine = await createStaffedOrganisation(t.app, t.db, t.clock);
  staff = mine.staff;
  other = (await createStaffedOrganisation(t.app, t.db, t.clock)).staff;
  const person = await createTestPerson(t.db, t.clock, mine.organisation.id);
  personId = person.id;
  const raised = await call('POST', '/api/safeguarding/concerns', staff.care_worker, {
    personId,
    occurredAt: '2026-12-07T08:00:00Z',
    whatHappened: 'Unexplained bruise on the upper arm.',
    category: 'physical',
    locationOfRisk: 'own_home',
    sourceKind: 'not_known',
    immediateActions: 'Body map completed; manager told.',
    level: 'medium',
  });
  expect(raised.statusCode, raised.body).toBe(201);
  concernId = raised.json().id;
}, 60_000);

describe('safeguarding refusals', () => {
  it('gives a care worker the need-to-know summary only, never the full concern or its chronology', async () => {
    const raised = await call('GET', `/api/safeguarding/concerns/${concernId}/summary`, staff.care_worker);
    expect(raised.statusCode).toBe(200);
    expect(Object.keys(raised.json()).sort()).toEqual(
      ['closedAt', 'id', 'needToKnow', 'personId', 'personName', 'raisedAt', 'status', 'updatedAt'].sort(),
    );
    expect(raised.body).not.toContain('bruise');
    for (const url of [
      `/api/safeguarding/concerns/${concernId}`,
      `/api/safeguarding/concerns/${concernId}/chronology`,
      '/api/safeguarding/concerns',
      `/api/people/${personId}/chronology`,
    ]) {
      expect((await call('GET', url, staff.care_worker)).statusCode, url).toBe(403);
    }
    // The manager writes the summary; the care worker then sees it.
    const full = await call('GET', `/api/safeguarding/concerns/${concernId}`, staff.manager);
    const changed = await t.app.inject({
      method: 'PATCH',
      url: `/api/safeguarding/concerns/${concernId}`,
      headers: { ...staff.manager.headers, 'if-match': full.headers.etag as string },
      payload: { needToKnow: 'Two staff for personal care; report any new marks to the manager.' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const summary = await call('GET', `/api/safeguarding/concerns/${concernId}/summary`, staff.care_worker);
    expect(summary.json().needToKnow).toContain('Two staff');
  });

  it('lets a care worker add an entry, and nobody change or delete one', async () => {
    const added = await call('POST', `/api/safeguarding/concerns/${concernId}/entries`, staff.care_worker, {
      kind: 'observation',
      occurredAt: '2026-12-07T08:45:00Z',
      facts: 'Second bruise noticed on the forearm.',
      source: 'staff',
      actionTaken: 'Body map updated.',
    });
    expect(added.statusCode, added.body).toBe(201);
    const entryId = added.json().entry.id;
    // No route changes an entry.
    for (const method of ['PATCH', 'PUT', 'DELETE'] as const) {
      const response = await call(
        method,
        `/api/safeguarding/concerns/${concernId}/entries/${entryId}`,
        staff.manager,
        {},
      );
      expect(response.statusCode, method).toBe(404);
    }
    // The database refuses too.
    await expect(
      sql`update concern_entries set text = 'changed' where id = ${entryId}`.execute(t.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from concern_entries where id = ${entryId}`.execute(t.db)).rejects.toThrow(
      /append-only/,
    );
    // A correction is a new entry naming the original, which stays as it was.
    const corrected = await call(
      'POST',
      `/api/safeguarding/concerns/${concernId}/entries`,
      staff.care_worker,
      {
        kind: 'observation',
        occurredAt: '2026-12-07T08:45:00Z',
        facts: 'The second bruise is on the right forearm.',
        source: 'staff',
        actionTaken: 'Body map corrected.',
        corrects: entryId,
        correctionReason: 'Wrong arm recorded.',
        quotes: [{ speaker: 'The person', words: 'I bumped it on the door.' }],
        present: ['Support worker'],
      },
    );
    expect(corrected.statusCode, corrected.body).toBe(201);
    const correctionId = corrected.json().entry.id;
    expect(corrected.json().entry.corrects).toBe(entryId);
    // The chronology shows both, each saying what was recorded: the quote as a quote, and which
    // entry corrects which.
    const chronology = await call('GET', `/api/safeguarding/concerns/${concernId}/chronology`, staff.manager);
    const items = chronology.json().items as { id: string; entry: Record<string, unknown> | null }[];
    expect(items.find((item) => item.id === entryId)?.entry).toMatchObject({
      kind: 'observation',
      facts: 'Second bruise noticed on the forearm.',
      source: 'staff',
      actionTaken: 'Body map updated.',
      corrects: null,
      correctedBy: [correctionId],
    });
    expect(items.find((item) => item.id === correctionId)?.entry).toMatchObject({
      quotes: [{ speaker: 'The person', words: 'I bumped it on the door.' }],
      present: ['Support worker'],
      corrects: entryId,
      correctionReason: 'Wrong arm recorded.',
      correctedBy: [],
    });
    // An auditor reads but adds nothing.
    expect(
      (
        await call('POST', `/api/safeguarding/concerns/${concernId}/entries`, staff.auditor, {
          kind: 'observation',
          occurredAt: '2026-12-07T08:45:00Z',
          facts: 'x',
          source: 'staff',
          actionTaken: 'x',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('answers 404 to another organisation, as for a concern that does not exist', async () => {
    for (const url of [
      `/api/safeguarding/concerns/${concernId}`,
      `/api/safeguarding/concerns/${concernId}/summary`,
      `/api/safeguarding/concerns/${concernId}/chronology`,
    ]) {
      const response = await call('GET', url, other.manager);
      expect(response.statusCode, url).toBe(404);
      expect(response.json().detail).toBe('The safeguarding concern was not found.');
    }
    const entry = await call('POST', `/api/safeguarding/concerns/${concernId}/entries`, other.care_worker, {
      kind: 'observation',
      occurredAt: '2026-12-07T08:45:00Z',
      facts: 'x',
      source: 'staff',
      actionTaken: 'x',
    });
    expect(entry.statusCode).toBe(404);
  });

  it('refuses a restriction without a review date, or reviewed later than monthly, naming the field', async () => {
    const base = {
      personId,
      restriction: 'Visitors met in the lounge only.',
      reason: 'Unexplained bruising after visits.',
      legalBasis: 'other',
      legalBasisNote: 'Agreed with the person at a review.',
      leastRestrictiveConsidered: 'Staff nearby during visits was tried.',
      startsOn: '2026-12-07',
    };
    const missing = await call(
      'POST',
      `/api/safeguarding/concerns/${concernId}/restrictions`,
      staff.manager,
      base,
    );
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toContainEqual(expect.objectContaining({ field: 'reviewOn' }));
    const tooLate = await call(
      'POST',
      `/api/safeguarding/concerns/${concernId}/restrictions`,
      staff.manager,
      {
        ...base,
        reviewOn: '2027-03-01',
      },
    );
    expect(tooLate.statusCode).toBe(400);
    expect(tooLate.json().errors).toContainEqual(expect.objectContaining({ field: 'reviewOn' }));
  });

  it('needs a reason for every change of level, and writes it into the chronology', async () => {
    const full = await call('GET', `/api/safeguarding/concerns/${concernId}`, staff.manager);
    const headers = { ...staff.manager.headers, 'if-match': full.headers.etag as string };
    const noReason = await t.app.inject({
      method: 'PATCH',
      url: `/api/safeguarding/concerns/${concernId}`,
      headers,
      payload: { level: 'high' },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors).toContainEqual(expect.objectContaining({ field: 'levelReason' }));
    const raised = await t.app.inject({
      method: 'PATCH',
      url: `/api/safeguarding/concerns/${concernId}`,
      headers,
      payload: { level: 'high', levelReason: 'A second bruise in one day.' },
    });
    expect(raised.statusCode, raised.body).toBe(200);
    const chronology = await call('GET', `/api/safeguarding/concerns/${concernId}/chronology`, staff.manager);
    expect(chronology.json().items.map((item: { text: string }) => item.text)).toContainEqual(
      expect.stringContaining('A second bruise in one day.'),
    );
  });

  it('audits every view, the summary included', async () => {
    const actions = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', concernId)
      .execute();
    const seen = new Set(actions.map((row) => row.action));
    for (const action of [
      'concern.raise',
      'concern.view',
      'concern.view_summary',
      'concern.view_chronology',
      'concern_entry.add',
    ]) {
      expect(seen.has(action), action).toBe(true);
    }
  });

  it('exports the chronology for staff as HTML and PDF, and refuses another agency the gate does not allow', async () => {
    const html = await call('POST', `/api/safeguarding/concerns/${concernId}/export`, staff.manager, {
      format: 'html',
      occasion: 'multi_agency_meeting',
      recipient: null,
    });
    expect(html.statusCode, html.body).toBe(200);
    expect(html.body).toContain('Gaps in agency contact');
    expect(html.body).toContain('Second bruise');
    const pdf = await call('POST', `/api/safeguarding/concerns/${concernId}/export`, staff.manager, {
      format: 'pdf',
      occasion: 'safeguarding_adults_review',
      recipient: null,
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const partner = await call('POST', '/api/partner-organisations', staff.manager, {
      name: 'Exampleton Police',
      type: 'police',
    });
    const refused = await call('POST', `/api/safeguarding/concerns/${concernId}/export`, staff.manager, {
      format: 'html',
      occasion: 'multi_agency_meeting',
      recipient: { partnerOrganisationId: partner.json().id },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain('bruise');
    // The whole chronology in one file needs a recent sign-in, as the share log's export does.
    t.clock.advance(6 * 60_000);
    const stale = await call('POST', `/api/safeguarding/concerns/${concernId}/export`, staff.manager, {
      format: 'html',
      occasion: 'multi_agency_meeting',
      recipient: null,
    });
    expect(stale.statusCode).toBe(403);
    expect(stale.json().code).toBe('reauthentication_required');
  });

  it('names the concerns of a pattern by their category, level and date', async () => {
    const low = async (whatHappened: string) => {
      const raised = await call('POST', '/api/safeguarding/concerns', staff.care_worker, {
        personId,
        occurredAt: '2026-12-07T08:00:00Z',
        whatHappened,
        category: 'financial_or_material',
        locationOfRisk: 'own_home',
        sourceKind: 'known_to_individual',
        sourceDescription: 'New acquaintance, first name Dan',
        immediateActions: 'Budgeting support.',
        level: 'low',
      });
      expect(raised.statusCode, raised.body).toBe(201);
      return raised.json().id as string;
    };
    const first = await low('Money ran out two days after payday.');
    const second = await low('Money ran out again; Dan visited twice.');
    const patterns = await call('GET', '/api/safeguarding/patterns', staff.auditor);
    expect(patterns.statusCode, patterns.body).toBe(200);
    const bySource = patterns.json().bySource as { source: string; concerns: { id: string }[] }[];
    expect(bySource).toEqual([
      {
        source: 'New acquaintance, first name Dan',
        concernIds: [first, second],
        concerns: [
          expect.objectContaining({
            id: first,
            category: 'financial_or_material',
            level: 'low',
            status: 'raised',
          }),
          expect.objectContaining({ id: second, raisedAt: expect.any(String) }),
        ],
      },
    ]);
  });
});
