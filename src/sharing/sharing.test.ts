import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testAppForFile } from '../../test/app-for-test.ts';
import {
  createStaffedOrganisation,
  createTestPartnerOrganisation,
  createTestPerson,
  createTestUser,
  signIn,
} from '../../test/factories.ts';
import { auditEntriesOf, requestAs, type StaffRequest } from '../../test/requests.ts';
import { partnerWithContact } from '../../test/scenarios.ts';
import { systemContext } from '../context.ts';
import { gateShare } from './sharing.service.ts';

// Saturday 21 November 2026, 09:00 in London.
const t = testAppForFile({ config: { signInAttemptsPerMinute: 10_000 }, eachTestAt: '2026-11-21T09:00:00Z' });

const call = (...request: StaffRequest) => requestAs(t.app, ...request);

function auditEntries(orgId: string, action: string) {
  return auditEntriesOf(t.db, orgId, { action });
}

/** An organisation with staff, one person, and a GP surgery with a named GP. */
async function scenario() {
  const { organisation, staff } = await createStaffedOrganisation(t.app, t.db, t.clock);
  const person = await createTestPerson(t.db, t.clock, organisation.id);
  const { organisation: surgery, contact: gp } = await partnerWithContact(
    t,
    organisation.id,
    { name: 'Riverside Surgery', type: 'gp' },
    { name: 'Dr Amara Patel' },
  );
  const mash = await createTestPartnerOrganisation(t.db, t.clock, organisation.id, {
    name: 'Leeds MASH',
    type: 'safeguarding_team',
  });
  const base = `/api/people/${person.id}`;
  return { organisation, staff, person, surgery, gp, mash, base };
}

const gpConsent = (surgeryId: string) => ({
  givenBy: 'person',
  partnerOrganisationIds: [surgeryId],
  purposes: ['care_coordination', 'health_monitoring'],
  categories: ['identity', 'health', 'care_plan'],
  recordedHow: 'signed_form',
  givenOn: '2026-11-20',
  reviewOn: '2027-11-20',
});

describe('consent and the sharing gate', () => {
  it('allows a share the person consented to, logs it with its basis and lawful basis, and audits it', async () => {
    const { organisation, staff, surgery, gp, base } = await scenario();
    const consent = await call('POST', `${base}/consents`, staff.care_worker, gpConsent(surgery.id));
    expect(consent.statusCode).toBe(201);
    expect(consent.json()).toMatchObject({
      givenBy: 'person',
      status: 'in_force',
      scope: { partnerOrganisations: [{ id: surgery.id, name: 'Riverside Surgery' }] },
      recordedBy: expect.any(String),
    });

    const check = await call('POST', `${base}/share-checks`, staff.care_worker, {
      partnerContactId: gp.id,
      purpose: 'health_monitoring',
      categories: ['health'],
    });
    expect(check.statusCode).toBe(200);
    expect(check.json()).toMatchObject({
      allowed: true,
      basis: 'consent',
      record: { type: 'consent_record', id: consent.json().id },
      lawfulBasis: {
        article6: '6(1)(e) public task',
        article9: '9(2)(h) health or social care',
        dpa2018: null,
      },
      recipient: { partnerOrganisationId: surgery.id, partnerContactName: 'Dr Amara Patel' },
    });
    expect(check.json().explanation).toMatch(
      /^Allowed on the person’s consent, recorded on 20 November 2026/,
    );

    const shared = await call('POST', `${base}/shares`, staff.care_worker, {
      partnerContactId: gp.id,
      purpose: 'health_monitoring',
      categories: ['health'],
      description: 'Phoned the GP about two low blood sugar readings',
    });
    expect(shared.statusCode).toBe(201);
    expect(shared.json()).toMatchObject({
      outcome: 'allowed',
      basis: 'consent',
      basisRecordId: consent.json().id,
      delivery: 'recorded',
      lawfulBasis: { article6: '6(1)(e) public task' },
    });

    const log = await call('GET', `${base}/shares`, staff.auditor);
    expect(log.statusCode).toBe(200);
    expect(log.json().items).toHaveLength(1);
    expect(await auditEntries(organisation.id, 'consent.record')).toHaveLength(1);
    expect(await auditEntries(organisation.id, 'share.check')).toHaveLength(1);
    const allowed = await auditEntries(organisation.id, 'share.allowed');
    expect(allowed).toHaveLength(1);
    expect(allowed[0]).toMatchObject({ entity_id: shared.json().id, outcome: 'success' });
    expect(await auditEntries(organisation.id, 'share_log.view')).toHaveLength(1);
  });

  it('refuses at once after withdrawal, with the reason, and logs and audits the refused attempt', async () => {
    const { organisation, staff, surgery, base } = await scenario();
    const consent = (await call('POST', `${base}/consents`, staff.care_worker, gpConsent(surgery.id))).json();
    t.clock.advance(60_000);
    const withdrawn = await call('POST', `${base}/consents/${consent.id}/withdraw`, staff.care_worker, {
      withdrawnBy: 'person',
      reason: 'Does not want the surgery told about day-to-day care any more.',
    });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ consent: { status: 'withdrawn' }, heldShares: 0 });
    expect(
      (
        await call('POST', `${base}/consents/${consent.id}/withdraw`, staff.care_worker, {
          withdrawnBy: 'person',
        })
      ).statusCode,
    ).toBe(409);

    const question = {
      partnerOrganisationId: surgery.id,
      purpose: 'care_coordination',
      categories: ['care_plan'],
    };
    const check = (await call('POST', `${base}/share-checks`, staff.care_worker, question)).json();
    expect(check).toMatchObject({ allowed: false, basis: null, lawfulBasis: null });
    expect(check.reasons.map((reason: { code: string }) => reason.code)).toEqual(['consent_withdrawn']);
    expect(check.explanation).toContain('was withdrawn on 21 November 2026');

    const refused = await call('POST', `${base}/shares`, staff.care_worker, {
      ...question,
      description: 'Told the practice nurse about the new care plan',
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = refused.json();
    expect(problem.reasons).toEqual([
      expect.objectContaining({ code: 'consent_withdrawn', recordId: consent.id }),
    ]);
    const log = (await call('GET', `${base}/shares?outcome=refused`, staff.manager)).json().items;
    expect(log).toEqual([expect.objectContaining({ id: problem.shareId, outcome: 'refused', basis: null })]);
    const audited = await auditEntries(organisation.id, 'share.refused');
    expect(audited).toEqual([expect.objectContaining({ entity_id: problem.shareId, outcome: 'denied' })]);
    expect(await auditEntries(organisation.id, 'consent.withdraw')).toHaveLength(1);
  });

  it('names every reason: no consent for this partner, and purpose or categories outside a consent', async () => {
    const { staff, surgery, mash, base } = await scenario();
    await call('POST', `${base}/consents`, staff.care_worker, gpConsent(surgery.id));
    const elsewhere = (
      await call('POST', `${base}/share-checks`, staff.care_worker, {
        partnerOrganisationId: mash.id,
        purpose: 'care_coordination',
        categories: ['health'],
      })
    ).json();
    expect(elsewhere.reasons.map((reason: { code: string }) => reason.code)).toEqual(['no_consent_in_scope']);
    const outOfScope = (
      await call('POST', `${base}/share-checks`, staff.care_worker, {
        partnerOrganisationId: surgery.id,
        purpose: 'housing',
        categories: ['health', 'finances'],
      })
    ).json();
    expect(outOfScope.reasons.map((reason: { code: string }) => reason.code)).toEqual([
      'purpose_out_of_scope',
      'categories_out_of_scope',
    ]);
    expect(outOfScope.reasons[1].message).toContain('finances');
  });

  it('lapses consent after its review date', async () => {
    const { staff, surgery, base } = await scenario();
    await call('POST', `${base}/consents`, staff.care_worker, {
      ...gpConsent(surgery.id),
      reviewOn: '2026-11-30',
    });
    const question = {
      partnerOrganisationId: surgery.id,
      purpose: 'care_coordination',
      categories: ['health'],
    };
    // Days later, so the care worker signs in again.
    t.clock.set('2026-11-30T23:59:00Z');
    const careWorker = await signIn(t.app, staff.care_worker.email);
    expect((await call('POST', `${base}/share-checks`, careWorker, question)).json().allowed).toBe(true);
    t.clock.set('2026-12-01T00:00:00Z');
    const lapsed = (await call('POST', `${base}/share-checks`, careWorker, question)).json();
    expect(lapsed.reasons.map((reason: { code: string }) => reason.code)).toEqual(['consent_expired']);
    const records = (await call('GET', `${base}/sharing-records`, careWorker)).json();
    expect(records.consents[0].status).toBe('lapsed');
  });
});

describe('consent given by a representative', () => {
  it('needs an assessment that the person lacks capacity for this decision, and an attorney with authority', async () => {
    const { staff, surgery, base } = await scenario();
    const attorney = (
      await call('POST', `${base}/representatives`, staff.manager, {
        kind: 'lpa_health_and_welfare',
        name: 'Helen Hughes',
        registeredOn: '2024-02-01',
      })
    ).json();
    const advocate = (
      await call('POST', `${base}/representatives`, staff.manager, { kind: 'advocate', name: 'Sam Advocate' })
    ).json();
    const byAdvocate = await call('POST', `${base}/consents`, staff.care_worker, {
      ...gpConsent(surgery.id),
      givenBy: 'representative',
      representativeId: advocate.id,
    });
    expect(byAdvocate.statusCode).toBe(400);
    expect(byAdvocate.json().errors[0]).toMatchObject({ field: 'representativeId' });

    const consent = await call('POST', `${base}/consents`, staff.care_worker, {
      ...gpConsent(surgery.id),
      givenBy: 'representative',
      representativeId: attorney.id,
    });
    expect(consent.statusCode).toBe(201);
    expect(consent.json().representative).toMatchObject({ name: 'Helen Hughes' });
    const question = {
      partnerOrganisationId: surgery.id,
      purpose: 'health_monitoring',
      categories: ['health'],
    };
    const before = (await call('POST', `${base}/share-checks`, staff.care_worker, question)).json();
    expect(before.reasons.map((reason: { code: string }) => reason.code)).toEqual(['capacity_not_assessed']);

    const assessment = await call('POST', `${base}/capacity-assessments`, staff.care_worker, {
      decision: 'Sharing health information with the GP',
      purposes: ['health_monitoring', 'care_coordination'],
      categories: ['identity', 'health', 'care_plan'],
      impairment: true,
      impairmentNote: 'Advanced dementia',
      canUnderstand: false,
      canRetain: false,
      canUseOrWeigh: false,
      canCommunicate: true,
      reasons: 'Could not recall what the GP is told after several explanations with pictures.',
      assessedOn: '2026-11-21',
      reviewOn: '2027-05-21',
    });
    expect(assessment.statusCode).toBe(201);
    expect(assessment.json()).toMatchObject({
      outcome: 'lacks_capacity',
      assessorUserId: staff.care_worker.userId,
    });

    const after = (await call('POST', `${base}/share-checks`, staff.care_worker, question)).json();
    expect(after).toMatchObject({
      allowed: true,
      basis: 'representative_consent',
      record: { id: consent.json().id },
    });
    const finances = (
      await call('POST', `${base}/share-checks`, staff.care_worker, { ...question, categories: ['finances'] })
    ).json();
    expect(finances.allowed).toBe(false);
  });
});

describe('best interests', () => {
  it('allows sharing for a person who lacks capacity and has no attorney, on a manager’s decision', async () => {
    const { organisation, staff, surgery, base } = await scenario();
    const assessment = (
      await call('POST', `${base}/capacity-assessments`, staff.care_worker, {
        decision: 'Sharing care plan with the GP',
        purposes: ['care_coordination'],
        categories: ['care_plan', 'health'],
        impairment: true,
        canUnderstand: false,
        canRetain: true,
        canUseOrWeigh: false,
        canCommunicate: true,
        reasons: 'Could not weigh up who would see the information.',
        assessedOn: '2026-11-21',
        reviewOn: '2027-02-21',
      })
    ).json();
    const decision = {
      capacityAssessmentId: assessment.id,
      decision: 'Share the care plan with the GP to support a medication review',
      partnerOrganisationIds: [surgery.id],
      purposes: ['care_coordination'],
      categories: ['care_plan'],
      consulted: 'Son (by phone), key worker, advocate',
      wishesAndFeelings: 'Has always trusted her GP; likes her family to be kept informed.',
      outcome: 'share',
      rationale: 'The review needs the current care plan; it will reduce falls risk.',
      decidedOn: '2026-11-21',
      reviewOn: '2027-02-21',
    };
    expect(
      (await call('POST', `${base}/best-interests-decisions`, staff.care_worker, decision)).statusCode,
    ).toBe(403);
    const recorded = await call('POST', `${base}/best-interests-decisions`, staff.manager, decision);
    expect(recorded.statusCode).toBe(201);
    const check = (
      await call('POST', `${base}/share-checks`, staff.care_worker, {
        partnerOrganisationId: surgery.id,
        purpose: 'care_coordination',
        categories: ['care_plan'],
      })
    ).json();
    expect(check).toMatchObject({
      allowed: true,
      basis: 'best_interests',
      record: { id: recorded.json().id },
    });
    expect(await auditEntries(organisation.id, 'best_interests_decision.record')).toHaveLength(1);
  });
});

describe('safeguarding without consent', () => {
  it('is refused without a manager’s authorisation, and limited to the authorised categories with it', async () => {
    const { organisation, staff, mash, base } = await scenario();
    const referral = {
      partnerOrganisationId: mash.id,
      purpose: 'safeguarding',
      categories: ['identity', 'safeguarding'],
      description: 'Referral about unexplained bruising',
    };
    const unauthorised = await call('POST', `${base}/shares`, staff.care_worker, referral);
    expect(unauthorised.statusCode).toBe(403);
    expect(unauthorised.json().reasons.map((reason: { code: string }) => reason.code)).toEqual([
      'no_consent_in_scope',
      'safeguarding_not_authorised',
    ]);

    const authorisation = {
      partnerOrganisationIds: [mash.id],
      categories: ['identity', 'safeguarding'],
      rationale:
        'Bruising seen on both arms; she says she is afraid of a visitor. Delay could put her at risk.',
    };
    expect(
      (await call('POST', `${base}/safeguarding-authorisations`, staff.care_worker, authorisation))
        .statusCode,
    ).toBe(403);
    const tooShort = await call('POST', `${base}/safeguarding-authorisations`, staff.manager, {
      ...authorisation,
      rationale: 'Concerns',
    });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().errors[0].field).toBe('rationale');
    const granted = await call('POST', `${base}/safeguarding-authorisations`, staff.manager, authorisation);
    expect(granted.statusCode).toBe(201);
    expect(granted.json()).toMatchObject({ status: 'in_force', expiresAt: '2026-11-28T09:00:00.000Z' });

    const allowed = await call('POST', `${base}/shares`, staff.care_worker, referral);
    expect(allowed.statusCode).toBe(201);
    expect(allowed.json()).toMatchObject({
      basis: 'safeguarding',
      basisRecordId: granted.json().id,
      lawfulBasis: {
        article9: '9(2)(g) substantial public interest',
        dpa2018: 'Schedule 1 paragraph 18 safeguarding of children and individuals at risk',
      },
    });
    const more = await call('POST', `${base}/shares`, staff.care_worker, {
      ...referral,
      categories: ['identity', 'safeguarding', 'health'],
    });
    expect(more.statusCode).toBe(403);
    expect(more.json().reasons.map((reason: { code: string }) => reason.code)).toContain(
      'safeguarding_categories_not_authorised',
    );
    expect(await auditEntries(organisation.id, 'safeguarding_authorisation.grant')).toHaveLength(1);
    expect(await auditEntries(organisation.id, 'share.refused')).toHaveLength(2);
    expect(await auditEntries(organisation.id, 'share.allowed')).toHaveLength(1);

    t.clock.set('2026-11-28T09:00:00Z');
    const expired = await call(
      'POST',
      `${base}/shares`,
      await signIn(t.app, staff.care_worker.email),
      referral,
    );
    expect(expired.json().reasons.map((reason: { code: string }) => reason.code)).toContain(
      'safeguarding_authorisation_expired',
    );
  });
});

describe('the share log', () => {
  it('shows a share for safeguarding only to managers, the auditor and whoever made it', async () => {
    const { organisation, staff, surgery, mash, base } = await scenario();
    await call('POST', `${base}/consents`, staff.care_worker, gpConsent(surgery.id));
    const toSurgery = await call('POST', `${base}/shares`, staff.care_worker, {
      partnerOrganisationId: surgery.id,
      purpose: 'health_monitoring',
      categories: ['identity', 'health'],
      description: 'Blood sugar readings for the week',
    });
    expect(toSurgery.statusCode).toBe(201);
    const authorised = await call('POST', `${base}/safeguarding-authorisations`, staff.manager, {
      partnerOrganisationIds: [mash.id],
      categories: ['identity', 'safeguarding'],
      rationale:
        'Bruising seen on both arms; she says she is afraid of a visitor. Delay could put her at risk.',
    });
    expect(authorised.statusCode).toBe(201);
    const referral = {
      partnerOrganisationId: mash.id,
      purpose: 'safeguarding',
      categories: ['identity', 'safeguarding'],
    };
    const byCareWorker = await call('POST', `${base}/shares`, staff.care_worker, {
      ...referral,
      description: 'Referral about unexplained bruising',
    });
    const byManager = await call('POST', `${base}/shares`, staff.manager, {
      ...referral,
      description: 'Further detail of the visitor she is afraid of',
    });
    expect([byCareWorker.statusCode, byManager.statusCode]).toEqual([201, 201]);
    const another = await createTestUser(t.db, t.clock, organisation.id, { role: 'care_worker' });
    const anotherCareWorker = await signIn(t.app, another.email);

    const seenBy = async (who: StaffRequest[2]) => {
      const answer = await call('GET', `${base}/shares`, who);
      expect(answer.statusCode).toBe(200);
      return answer
        .json()
        .items.map((entry: { id: string }) => entry.id)
        .sort();
    };
    const everyShare = [toSurgery, byCareWorker, byManager].map((share) => share.json().id).sort();
    expect(await seenBy(staff.manager)).toEqual(everyShare);
    expect(await seenBy(staff.auditor)).toEqual(everyShare);
    expect(await seenBy(staff.care_worker)).toEqual([toSurgery.json().id, byCareWorker.json().id].sort());
    expect(await seenBy(anotherCareWorker)).toEqual([toSurgery.json().id]);
    // The export, for those who answer for the log, holds every share.
    const exported = await call('GET', `${base}/shares/export`, await signIn(t.app, staff.manager.email));
    expect(exported.statusCode).toBe(200);
    expect(exported.body).toContain('Further detail of the visitor she is afraid of');
  });
});

describe('how long a safeguarding authorisation lasts', () => {
  it('lasts to the end of the London day 30 days ahead at most', async () => {
    const { staff, mash, base } = await scenario();
    const authorisation = {
      partnerOrganisationIds: [mash.id],
      categories: ['identity', 'safeguarding'],
      rationale: 'Allegation of financial abuse by a family member; the MASH needs to assess it now.',
    };
    // 21 December 2026, 23:59 in London (GMT): the last minute of the thirtieth day.
    const lastMinute = await call('POST', `${base}/safeguarding-authorisations`, staff.manager, {
      ...authorisation,
      expiresAt: '2026-12-21T23:59:00Z',
    });
    expect(lastMinute.statusCode).toBe(201);
    const tooLong = await call('POST', `${base}/safeguarding-authorisations`, staff.manager, {
      ...authorisation,
      expiresAt: '2026-12-22T00:00:01Z',
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors[0].field).toBe('expiresAt');
  });
});

describe('shares queued for sending', () => {
  it('are held when the consent they rest on is withdrawn, and flagged to managers', async () => {
    const { organisation, staff, surgery, base, person } = await scenario();
    const consent = (await call('POST', `${base}/consents`, staff.care_worker, gpConsent(surgery.id))).json();
    const queued = await t.db.transaction().execute((trx) =>
      gateShare(trx, systemContext(organisation.id, 'test'), {
        personId: person.id,
        request: {
          partnerOrganisationId: surgery.id,
          purpose: 'care_coordination',
          categories: ['care_plan'],
          delivery: 'queued',
          moment: 'compose',
          description: 'Weekly update',
        },
        at: t.clock.now(),
      }),
    );
    expect(queued.decision.allowed).toBe(true);

    const withdrawn = await call('POST', `${base}/consents/${consent.id}/withdraw`, staff.care_worker, {
      withdrawnBy: 'person',
    });
    expect(withdrawn.json().heldShares).toBe(1);
    expect((await call('GET', '/api/held-shares', staff.care_worker)).statusCode).toBe(403);
    const held = await call('GET', '/api/held-shares', staff.manager);
    expect(held.json().items).toEqual([
      expect.objectContaining({ shareId: queued.share.id, personId: person.id, status: 'held' }),
    ]);
    expect(held.json().items[0].heldReason).toMatch(/^Consent withdrawn on 21 November 2026/);
    expect(await auditEntries(organisation.id, 'share.hold')).toHaveLength(1);

    const cancelled = await call('POST', `/api/held-shares/${queued.share.id}/cancel`, staff.manager, {
      note: 'Spoke to the practice; no update will be sent.',
    });
    expect(cancelled.statusCode).toBe(204);
    expect((await call('GET', '/api/held-shares', staff.manager)).json().items).toEqual([]);
  });
});

describe('who may see and record what', () => {
  it('keeps admin out, keeps the auditor read-only, and hides other organisations’ people', async () => {
    const { staff, surgery, base } = await scenario();
    const other = await createStaffedOrganisation(t.app, t.db, t.clock);
    expect((await call('GET', `${base}/sharing-records`, staff.admin)).statusCode).toBe(403);
    expect((await call('GET', `${base}/sharing-records`, staff.auditor)).statusCode).toBe(200);
    expect((await call('POST', `${base}/consents`, staff.auditor, gpConsent(surgery.id))).statusCode).toBe(
      403,
    );
    expect((await call('GET', `${base}/sharing-records`, other.staff.care_worker)).statusCode).toBe(404);
    const probe = await call('POST', `${base}/share-checks`, other.staff.care_worker, {
      partnerOrganisationId: surgery.id,
      purpose: 'care_coordination',
      categories: ['health'],
    });
    expect(probe.statusCode).toBe(404);
  });

  it('refuses a partner from another organisation’s register, unknown fields and missing categories', async () => {
    const { organisation, staff, base } = await scenario();
    const other = await createStaffedOrganisation(t.app, t.db, t.clock);
    const foreign = await createTestPartnerOrganisation(t.db, t.clock, other.organisation.id);
    const foreignScope = await call('POST', `${base}/consents`, staff.care_worker, gpConsent(foreign.id));
    expect(foreignScope.statusCode).toBe(400);
    expect(foreignScope.json().errors[0].field).toBe('partnerOrganisationIds.0');
    const unknown = await call('POST', `${base}/consents`, staff.care_worker, {
      ...gpConsent(foreign.id),
      orgId: organisation.id,
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].field).toContain('orgId');
    const noCategories = await call('POST', `${base}/share-checks`, staff.care_worker, {
      partnerOrganisationId: foreign.id,
      purpose: 'care_coordination',
      categories: [],
    });
    expect(noCategories.statusCode).toBe(400);
    expect(noCategories.json().errors[0].field).toBe('categories');
    expect(
      await t.db.selectFrom('consent_records').select('id').where('org_id', '=', organisation.id).execute(),
    ).toEqual([]);
  });
});

describe('records that are never edited away', () => {
  it('refuse changes other than one withdrawal, and the share log refuses any change', async () => {
    const { staff, surgery, base } = await scenario();
    const consent = (await call('POST', `${base}/consents`, staff.care_worker, gpConsent(surgery.id))).json();
    await expect(
      sql`update consent_records set categories = '{identity}' where id = ${consent.id}`.execute(t.db),
    ).rejects.toThrow(/can only be withdrawn/);
    await expect(sql`delete from consent_records where id = ${consent.id}`.execute(t.db)).rejects.toThrow(
      /can only be withdrawn/,
    );
    await call('POST', `${base}/shares`, staff.care_worker, {
      partnerOrganisationId: surgery.id,
      purpose: 'care_coordination',
      categories: ['health'],
      description: 'Discussed at the multidisciplinary meeting',
    });
    await expect(sql`delete from share_log`.execute(t.db)).rejects.toThrow(/cannot be changed or deleted/);
    await expect(sql`update share_log set outcome = 'refused'`.execute(t.db)).rejects.toThrow(
      /cannot be changed or deleted/,
    );
  });
});

describe('lawful basis and agreements', () => {
  it('records the organisation’s chosen conditions with each share, and shows the agreement that covers it', async () => {
    const { staff, surgery, base } = await scenario();
    await call('POST', `${base}/consents`, staff.care_worker, gpConsent(surgery.id));
    expect(
      (
        await call('PUT', '/api/lawful-bases/care_coordination', staff.care_worker, {
          article6: '6(1)(f) legitimate interests',
          article9: '9(2)(h) health or social care',
        })
      ).statusCode,
    ).toBe(403);
    const set = await call('PUT', '/api/lawful-bases/care_coordination', staff.registered_manager, {
      article6: '6(1)(f) legitimate interests',
      article9: '9(2)(h) health or social care',
    });
    expect(set.statusCode).toBe(200);
    const agreement = await call('POST', '/api/sharing-agreements', staff.manager, {
      partnerOrganisationId: surgery.id,
      title: 'Riverside PCN data sharing agreement',
      reference: 'ISA-2026-04',
      purposes: ['care_coordination', 'health_monitoring'],
      categories: ['identity', 'health', 'care_plan'],
      startsOn: '2026-04-01',
    });
    expect(agreement.statusCode).toBe(201);
    expect(agreement.json()).toMatchObject({ inForce: true, partnerOrganisationName: 'Riverside Surgery' });
    const check = (
      await call('POST', `${base}/share-checks`, staff.care_worker, {
        partnerOrganisationId: surgery.id,
        purpose: 'care_coordination',
        categories: ['health'],
      })
    ).json();
    expect(check).toMatchObject({
      lawfulBasis: { article6: '6(1)(f) legitimate interests' },
      agreement: { id: agreement.json().id, reference: 'ISA-2026-04' },
    });
    const url = `/api/sharing-agreements/${agreement.json().id}`;
    expect((await call('GET', url, staff.manager)).headers.etag).toBe('"1"');
    const ended = await call('PATCH', url, staff.manager, { endsOn: '2026-11-01' }, 1);
    expect(ended.json()).toMatchObject({ inForce: false, version: 2 });
    expect(ended.headers.etag).toBe('"2"');
    const stale = await call('PATCH', url, staff.manager, { notes: 'x' }, 1);
    expect(stale.statusCode).toBe(412);
    const withVersionInBody = await call('PATCH', url, staff.manager, { notes: 'x', version: 2 }, 2);
    expect(withVersionInBody.statusCode).toBe(400);
    expect(withVersionInBody.json().errors[0].field).toBe('version');
  });
});
