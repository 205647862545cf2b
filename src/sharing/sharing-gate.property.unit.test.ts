import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConsentRecordRow } from '../consent/consent.table.ts';
import type {
  BestInterestsDecisionRow,
  CapacityAssessmentRow,
} from '../mental-capacity/mental-capacity.table.ts';
import { type PartnerType, partnerTypes } from '../partners/partners.table.ts';
import {
  type DeputyDecisionArea,
  deputyDecisionAreas,
  type RepresentativeKind,
  representativeKinds,
} from '../people/people.table.ts';
import type { SafeguardingAuthorisationRow } from '../safeguarding-authorisations/safeguarding-authorisations.table.ts';
import {
  type InformationCategory,
  informationCategories,
  type RecipientScope,
  type SharingPurpose,
  sharingPurposes,
} from './sharing.table.ts';
import {
  decideShare,
  type GateDecision,
  type GateRepresentative,
  type PersonSharingRecords,
  type Recipient,
  type RefusalCode,
  refusalCodes,
  type ShareQuestion,
} from './sharing-gate.ts';

// Histories are generated around a moment `at` in 2026 (both GMT and BST), from a small pool of
// partners, purposes and representatives so that scopes match often.

const DAY = 86_400_000;
const EPOCH = Date.UTC(2026, 0, 1);
const PROVIDER = 'org-provider-meadowbank-care';
const PERSON = 'person-elsie-marlow';

const organisationIds = ['org-riverside-surgery', 'org-northvale-council', 'org-brookside-housing'] as const;
const contactIds = ['contact-dr-okafor', 'contact-sw-kowalski'] as const;
const typePool = [
  'gp',
  'social_worker',
  'housing',
  'safeguarding_team',
] as const satisfies readonly PartnerType[];
const purposePool = [
  'care_coordination',
  'health_monitoring',
  'safeguarding',
  'housing',
] as const satisfies readonly SharingPurpose[];
const representativeIds = ['rep-0', 'rep-1', 'rep-2'] as const;
const legalRepresentativeKinds = [
  'lpa_health_and_welfare',
  'lpa_property_and_financial_affairs',
  'court_appointed_deputy',
] as const satisfies readonly RepresentativeKind[];

/** London calendar date of an instant, worked out independently of the gate's calendar code. */
const londonFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
function londonDate(at: Date): string {
  const parts = Object.fromEntries(londonFormat.formatToParts(at).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

function isoDay(dayIndex: number): string {
  return new Date(EPOCH + dayIndex * DAY).toISOString().slice(0, 10);
}

// ---- Generators -------------------------------------------------------------------------------

const atArb: fc.Arbitrary<Date> = fc
  .tuple(
    fc.integer({ min: 20, max: 340 }),
    fc.oneof(
      fc.integer({ min: 0, max: DAY - 1 }),
      // Around London midnight in summer (23:00 UTC) and in winter (00:00 UTC).
      fc.constantFrom(0, 1, 23 * 3_600_000 - 1, 23 * 3_600_000, 23.5 * 3_600_000, DAY - 1),
    ),
  )
  .map(([day, ms]) => new Date(EPOCH + day * DAY + ms));

/** An instant at, just around, or some time before or after `at`. */
function instantNear(at: Date): fc.Arbitrary<Date> {
  const t = at.getTime();
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(at) },
    { weight: 1, arbitrary: fc.integer({ min: -2, max: 2 }).map((delta) => new Date(t + delta)) },
    {
      weight: 4,
      arbitrary: fc.integer({ min: -200 * DAY, max: 60 * DAY }).map((delta) => new Date(t + delta)),
    },
  );
}

/** An instant at or before `at`. */
function instantNotAfter(at: Date): fc.Arbitrary<Date> {
  return fc.oneof(
    fc.constant(at),
    fc.integer({ min: 1, max: 200 * DAY }).map((lead) => new Date(at.getTime() - lead)),
  );
}

/** A start date (London) near `at`'s London date, and a review date on or after it. */
function periodNear(at: Date): fc.Arbitrary<{ start: string; review: string }> {
  const today = Date.parse(`${londonDate(at)}T00:00:00Z`);
  const todayIndex = Math.round((today - EPOCH) / DAY);
  return fc
    .tuple(
      fc.oneof(
        { weight: 1, arbitrary: fc.integer({ min: -1, max: 1 }) },
        { weight: 4, arbitrary: fc.integer({ min: -150, max: 10 }) },
      ),
      fc.oneof(
        { weight: 1, arbitrary: fc.integer({ min: 0, max: 2 }) },
        { weight: 4, arbitrary: fc.integer({ min: 0, max: 365 }) },
      ),
    )
    .map(([startOffset, length]) => ({
      start: isoDay(todayIndex + startOffset),
      review: isoDay(todayIndex + startOffset + length),
    }));
}

/** Null most of the time; a value from `arb` about one time in `oneIn`. */
function rarely<T>(arb: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });
}

function subsetOrAll<T>(all: readonly T[]): fc.Arbitrary<T[]> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant<T[]>([...all]) },
    { weight: 1, arbitrary: fc.subarray([...all], { minLength: 1 }) },
  );
}

const scopeArb: fc.Arbitrary<RecipientScope> = fc.record({
  partner_organisation_ids: fc.subarray([...organisationIds]),
  partner_contact_ids: fc.subarray([...contactIds]),
  partner_types: fc.subarray<PartnerType>([...typePool]),
});

const recordCategories = subsetOrAll(informationCategories);
const recordPurposes = fc.oneof(subsetOrAll(purposePool), subsetOrAll(sharingPurposes));

function withIds<T extends { id: string }>(prefix: string, rows: T[]): T[] {
  return rows.map((row, index) => ({ ...row, id: `${prefix}-${index}` }));
}

function consentArb(at: Date): fc.Arbitrary<ConsentRecordRow> {
  return fc
    .record({
      scope: scopeArb,
      givenBy: fc.constantFrom('person' as const, 'representative' as const),
      representativeId: fc.oneof(
        { weight: 3, arbitrary: fc.constant(representativeIds[0]) },
        { weight: 1, arbitrary: fc.constantFrom(...representativeIds, 'rep-not-on-record') },
      ),
      purposes: recordPurposes,
      categories: recordCategories,
      period: periodNear(at),
      createdAt: instantNear(at),
      withdrawnAt: rarely(instantNear(at), 4),
    })
    .map(({ scope, givenBy, representativeId, purposes, categories, period, createdAt, withdrawnAt }) => ({
      org_id: PROVIDER,
      id: 'consent',
      person_id: PERSON,
      given_by: givenBy,
      representative_id: givenBy === 'representative' ? representativeId : null,
      ...scope,
      purposes,
      categories,
      recorded_how: 'signed_form' as const,
      notes: null,
      given_on: period.start,
      review_on: period.review,
      recorded_by: 'user-manager-lena',
      created_at: createdAt,
      withdrawn_at: withdrawnAt,
      withdrawn_by: withdrawnAt === null ? null : givenBy,
      withdrawn_by_representative_id:
        withdrawnAt !== null && givenBy === 'representative' ? representativeId : null,
      withdrawal_reason: withdrawnAt === null ? null : 'Withdrawn',
      withdrawal_recorded_by: withdrawnAt === null ? null : 'user-manager-lena',
    }));
}

function assessmentArb(at: Date): fc.Arbitrary<CapacityAssessmentRow> {
  return fc
    .record({
      // Assessments are usually of a broad decision, so that they often cover the question.
      purposes: fc.oneof(
        { weight: 2, arbitrary: fc.constant<SharingPurpose[]>([...sharingPurposes]) },
        recordPurposes,
      ),
      categories: fc.oneof(
        { weight: 2, arbitrary: fc.constant<InformationCategory[]>([...informationCategories]) },
        recordCategories,
      ),
      impairment: fc.oneof(
        { weight: 3, arbitrary: fc.constant(true) },
        { weight: 1, arbitrary: fc.constant(false) },
      ),
      abilities: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean()),
      period: periodNear(at),
      createdAt: instantNear(at),
    })
    .map(({ purposes, categories, impairment, abilities, period, createdAt }) => {
      const [canUnderstand, canRetain, canUseOrWeigh, canCommunicate] = abilities;
      // Two-stage test: an impairment, and unable to do any one of the four.
      const lacks = impairment && !(canUnderstand && canRetain && canUseOrWeigh && canCommunicate);
      return {
        org_id: PROVIDER,
        id: 'capacity',
        person_id: PERSON,
        decision: 'Sharing information with partners',
        purposes,
        categories,
        impairment,
        impairment_note: impairment ? 'Dementia' : null,
        can_understand: canUnderstand,
        can_retain: canRetain,
        can_use_or_weigh: canUseOrWeigh,
        can_communicate: canCommunicate,
        outcome: lacks ? ('lacks_capacity' as const) : ('has_capacity' as const),
        reasons: 'Assessed at a home visit.',
        assessor_user_id: 'user-nurse-priti',
        assessor_name: 'Priti Anand',
        assessor_role: 'Registered nurse',
        assessed_on: period.start,
        review_on: period.review,
        created_at: createdAt,
      };
    });
}

function bestInterestsArb(at: Date): fc.Arbitrary<BestInterestsDecisionRow> {
  return fc
    .record({
      scope: scopeArb,
      purposes: recordPurposes,
      categories: recordCategories,
      outcome: fc.constantFrom('share' as const, 'share' as const, 'do_not_share' as const),
      period: periodNear(at),
      createdAt: instantNear(at),
    })
    .map(({ scope, purposes, categories, outcome, period, createdAt }) => ({
      org_id: PROVIDER,
      id: 'bi',
      person_id: PERSON,
      capacity_assessment_id: 'capacity-0',
      decision: 'Sharing information with partners',
      ...scope,
      purposes,
      categories,
      consulted: 'Daughter, key worker',
      wishes_and_feelings: 'Trusts her GP.',
      outcome,
      rationale: 'Needed to keep her safe and well.',
      decision_maker_user_id: 'user-manager-lena',
      decided_on: period.start,
      review_on: period.review,
      created_at: createdAt,
    }));
}

function safeguardingArb(at: Date): fc.Arbitrary<SafeguardingAuthorisationRow> {
  return fc
    .record({
      scope: scopeArb,
      categories: recordCategories,
      authorisedAt: instantNear(at),
      lasts: fc.oneof(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 60 * DAY })),
      revokedAt: rarely(instantNear(at), 4),
    })
    .map(({ scope, categories, authorisedAt, lasts, revokedAt }) => ({
      org_id: PROVIDER,
      id: 'sg',
      person_id: PERSON,
      ...scope,
      categories,
      rationale: 'Risk of harm; referral to the MASH.',
      authorised_by: 'user-registered-manager-dev',
      authorised_at: authorisedAt,
      expires_at: new Date(authorisedAt.getTime() + lasts),
      revoked_at: revokedAt,
      revoked_by: revokedAt === null ? null : 'user-registered-manager-dev',
      revoked_reason: revokedAt === null ? null : 'Concern resolved',
    }));
}

function representativesArb(at: Date): fc.Arbitrary<GateRepresentative[]> {
  const one = fc.record({
    id: fc.constant('rep'),
    kind: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...legalRepresentativeKinds) },
      { weight: 1, arbitrary: fc.constantFrom(...representativeKinds) },
    ),
    name: fc.constantFrom('Rosa Marlow', 'Colin Marlow', 'Hollins Solicitors LLP', 'Ola Bright'),
    deputy_decisions: fc.subarray<DeputyDecisionArea>([...deputyDecisionAreas]),
    registered_on: fc.option(fc.constantFrom('2023-05-04', '2025-11-20'), { freq: 4 }),
    ended_at: rarely(instantNear(at), 4),
  });
  return fc
    .oneof(
      fc.array(one, { maxLength: representativeIds.length }),
      fc.array(one, { minLength: 1, maxLength: 1 }),
    )
    .map((rows) => withIds('rep', rows));
}

function historyArb(at: Date): fc.Arbitrary<PersonSharingRecords> {
  return fc.record({
    consents: fc.array(consentArb(at), { maxLength: 4 }).map((rows) => withIds('consent', rows)),
    capacityAssessments: fc
      .array(assessmentArb(at), { maxLength: 3 })
      .map((rows) => withIds('capacity', rows)),
    bestInterestsDecisions: fc
      .array(bestInterestsArb(at), { maxLength: 2 })
      .map((rows) => withIds('bi', rows)),
    safeguardingAuthorisations: fc
      .array(safeguardingArb(at), { maxLength: 2 })
      .map((rows) => withIds('sg', rows)),
    representatives: representativesArb(at),
  });
}

const recipientArb: fc.Arbitrary<Recipient> = fc.record({
  partnerOrganisationId: fc.constantFrom(...organisationIds),
  partnerContactId: fc.option(fc.constantFrom(...contactIds)),
  organisationType: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...typePool) },
    { weight: 1, arbitrary: fc.constantFrom(...partnerTypes) },
  ),
  contactType: fc.option(fc.constantFrom(...typePool)),
});

function questionArb(at: Date): fc.Arbitrary<ShareQuestion> {
  return fc.record({
    recipient: recipientArb,
    purpose: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...purposePool) },
      { weight: 1, arbitrary: fc.constantFrom(...sharingPurposes) },
    ),
    categories: fc.uniqueArray(fc.constantFrom(...informationCategories), { minLength: 1, maxLength: 2 }),
    at: fc.constant(at),
  });
}

type Scenario = { records: PersonSharingRecords; question: ShareQuestion };

const scenarioArb: fc.Arbitrary<Scenario> = atArb.chain((at) =>
  fc.record({ records: historyArb(at), question: questionArb(at) }),
);

// ---- Independent statements of the rules ---------------------------------------------------------

function covers(scope: RecipientScope, recipient: Recipient): boolean {
  return (
    scope.partner_organisation_ids.includes(recipient.partnerOrganisationId) ||
    (recipient.partnerContactId !== null && scope.partner_contact_ids.includes(recipient.partnerContactId)) ||
    scope.partner_types.includes(recipient.organisationType) ||
    (recipient.contactType !== null && scope.partner_types.includes(recipient.contactType))
  );
}

function includesAll(held: readonly InformationCategory[], asked: readonly InformationCategory[]): boolean {
  return asked.every((category) => held.includes(category));
}

function isActing(representative: GateRepresentative, at: Date): boolean {
  return representative.ended_at === null || representative.ended_at > at;
}

/** Whether an attorney or deputy can decide about sharing this category. */
function hasAuthorityFor(representative: GateRepresentative, category: InformationCategory): boolean {
  const welfare =
    representative.kind === 'lpa_health_and_welfare' ||
    (representative.kind === 'court_appointed_deputy' &&
      representative.deputy_decisions.includes('personal_welfare'));
  const financial =
    representative.kind === 'lpa_property_and_financial_affairs' ||
    (representative.kind === 'court_appointed_deputy' &&
      representative.deputy_decisions.includes('property_and_financial_affairs'));
  if (category === 'identity') return welfare || financial;
  if (category === 'finances') return financial;
  return welfare;
}

/** The named assessment says lacks capacity for this decision, is in force today, and nothing newer covers it. */
/**
 * Capacity is decision-specific and judged per category shared: for every category, the latest
 * assessment of this purpose and category made by `at` is one of the supporting records, says the
 * person lacks capacity, and is in force.
 */
function expectLacksCapacityInForce(
  records: PersonSharingRecords,
  question: ShareQuestion,
  assessmentIds: readonly string[],
) {
  const today = londonDate(question.at);
  for (const category of question.categories) {
    const latest = records.capacityAssessments
      .filter(
        (each) =>
          each.purposes.includes(question.purpose) &&
          each.categories.includes(category) &&
          each.assessed_on <= today,
      )
      .sort((a, b) =>
        a.assessed_on !== b.assessed_on
          ? a.assessed_on < b.assessed_on
            ? 1
            : -1
          : b.created_at.getTime() - a.created_at.getTime(),
      )[0];
    expect(latest, `an assessment covers ${category}`).toBeDefined();
    if (!latest) return;
    expect(assessmentIds, `the latest assessment for ${category} supports the share`).toContain(latest.id);
    expect(latest.outcome).toBe('lacks_capacity');
    expect(latest.review_on >= today).toBe(true);
  }
}

/** Property (a): the record an allowed share rests on covers it and is in force at `at`. */
function expectAllowedIsJustified(
  records: PersonSharingRecords,
  question: ShareQuestion,
  decision: GateDecision,
) {
  if (!decision.allowed) return;
  const today = londonDate(question.at);
  expect(decision.reasons).toEqual([]);
  switch (decision.basis) {
    case 'consent':
    case 'representative_consent': {
      expect(decision.record.type).toBe('consent_record');
      const consent = records.consents.find((each) => each.id === decision.record.id);
      expect(consent, 'the consent exists').toBeDefined();
      if (!consent) return;
      expect(covers(consent, question.recipient)).toBe(true);
      expect(consent.purposes).toContain(question.purpose);
      expect(includesAll(consent.categories, question.categories)).toBe(true);
      expect(consent.given_on <= today).toBe(true);
      expect(consent.review_on >= today).toBe(true);
      expect(consent.withdrawn_at === null || consent.withdrawn_at > question.at).toBe(true);
      if (decision.basis === 'consent') {
        expect(consent.given_by).toBe('person');
        expect(decision.supportingRecords).toEqual([]);
        return;
      }
      expect(consent.given_by).toBe('representative');
      const representative = records.representatives.find((each) => each.id === consent.representative_id);
      expect(representative, 'the representative exists').toBeDefined();
      if (!representative) return;
      expect(isActing(representative, question.at)).toBe(true);
      expect([
        'lpa_health_and_welfare',
        'lpa_property_and_financial_affairs',
        'court_appointed_deputy',
      ]).toContain(representative.kind);
      if (representative.kind.startsWith('lpa_')) expect(representative.registered_on).not.toBeNull();
      for (const category of question.categories)
        expect(hasAuthorityFor(representative, category)).toBe(true);
      expect(decision.supportingRecords).toContainEqual({ type: 'representative', id: representative.id });
      const capacity = decision.supportingRecords
        .filter((each) => each.type === 'capacity_assessment')
        .map((each) => each.id);
      expect(capacity.length).toBeGreaterThan(0);
      expectLacksCapacityInForce(records, question, capacity);
      return;
    }
    case 'best_interests': {
      expect(decision.record.type).toBe('best_interests_decision');
      const bi = records.bestInterestsDecisions.find((each) => each.id === decision.record.id);
      expect(bi, 'the best-interests decision exists').toBeDefined();
      if (!bi) return;
      expect(bi.outcome).toBe('share');
      expect(covers(bi, question.recipient)).toBe(true);
      expect(bi.purposes).toContain(question.purpose);
      expect(includesAll(bi.categories, question.categories)).toBe(true);
      expect(bi.decided_on <= today).toBe(true);
      expect(bi.review_on >= today).toBe(true);
      const capacity = decision.supportingRecords
        .filter((each) => each.type === 'capacity_assessment')
        .map((each) => each.id);
      expect(capacity.length).toBeGreaterThan(0);
      expectLacksCapacityInForce(records, question, capacity);
      // No acting attorney or deputy holds authority for the whole decision (identity goes with
      // whatever it is shared alongside, so it alone makes nobody the decider).
      const substantive = question.categories.filter((category) => category !== 'identity');
      const deciders = records.representatives.filter(
        (representative) =>
          isActing(representative, question.at) &&
          (representative.kind !== 'lpa_health_and_welfare' &&
          representative.kind !== 'lpa_property_and_financial_affairs'
            ? true
            : representative.registered_on !== null) &&
          substantive.length > 0 &&
          substantive.every((category) => hasAuthorityFor(representative, category)),
      );
      expect(deciders).toEqual([]);
      return;
    }
    case 'safeguarding': {
      expect(decision.record.type).toBe('safeguarding_authorisation');
      expect(question.purpose).toBe('safeguarding');
      const authorisation = records.safeguardingAuthorisations.find((each) => each.id === decision.record.id);
      expect(authorisation, 'the authorisation exists').toBeDefined();
      if (!authorisation) return;
      expect(covers(authorisation, question.recipient)).toBe(true);
      expect(includesAll(authorisation.categories, question.categories)).toBe(true);
      expect(authorisation.authorised_at <= question.at).toBe(true);
      expect(authorisation.expires_at > question.at).toBe(true);
      expect(authorisation.revoked_at === null || authorisation.revoked_at > question.at).toBe(true);
      expect(decision.supportingRecords).toEqual([]);
      return;
    }
  }
}

// ---- Properties --------------------------------------------------------------------------------

const runs = { numRuns: 1_000 };

describe('sharing gate properties', () => {
  it('generates histories in which every basis is reached and every refusal code fires', () => {
    const sample = fc.sample(scenarioArb, { numRuns: 2_000, seed: 20_260_610 });
    const bases = new Map<string, number>();
    const seenCodes = new Set<RefusalCode>();
    for (const { records, question } of sample) {
      const decision = decideShare(records, question);
      const key = decision.allowed ? decision.basis : 'refused';
      bases.set(key, (bases.get(key) ?? 0) + 1);
      for (const reason of decision.reasons) seenCodes.add(reason.code);
    }
    const allowed = sample.length - (bases.get('refused') ?? 0);
    expect(allowed / sample.length).toBeGreaterThan(0.15);
    expect(allowed / sample.length).toBeLessThan(0.85);
    for (const basis of ['consent', 'representative_consent', 'best_interests', 'safeguarding']) {
      expect(bases.get(basis) ?? 0, `${basis} reached`).toBeGreaterThan(sample.length / 200);
    }
    expect([...refusalCodes].filter((code) => !seenCodes.has(code))).toEqual([]);
  });

  it('(a) an allowed share rests on a record that exists, covers it, and is in force', () => {
    fc.assert(
      fc.property(scenarioArb, ({ records, question }) => {
        expectAllowedIsJustified(records, question, decideShare(records, question));
      }),
      runs,
    );
  });

  it('(b) when every consent is the person’s and withdrawn by `at`, with no best-interests or safeguarding records, it refuses', () => {
    const arb = atArb.chain((at) =>
      fc.record({
        records: historyArb(at),
        question: questionArb(at),
        withdrawals: fc.array(instantNotAfter(at), { minLength: 4, maxLength: 4 }),
      }),
    );
    fc.assert(
      fc.property(arb, ({ records, question, withdrawals }) => {
        const withdrawnHistory: PersonSharingRecords = {
          ...records,
          consents: records.consents.map((consent, index) => ({
            ...consent,
            given_by: 'person',
            representative_id: null,
            withdrawn_at: withdrawals[index] ?? question.at,
            withdrawn_by: 'person',
            withdrawn_by_representative_id: null,
          })),
          bestInterestsDecisions: [],
          safeguardingAuthorisations: [],
        };
        const decision = decideShare(withdrawnHistory, question);
        expect(decision.allowed).toBe(false);
        expect(decision.reasons.length).toBeGreaterThan(0);
      }),
      runs,
    );
  });

  it('(c) withdrawing the consent an allowed share rests on stops it being the basis', () => {
    const arb = atArb.chain((at) =>
      fc.record({ records: historyArb(at), question: questionArb(at), withdrawal: instantNotAfter(at) }),
    );
    fc.assert(
      fc.property(arb, ({ records, question, withdrawal }) => {
        const before = decideShare(records, question);
        fc.pre(before.allowed && (before.basis === 'consent' || before.basis === 'representative_consent'));
        if (!before.allowed) return;
        const basisId = before.record.id;
        const withdrawn: PersonSharingRecords = {
          ...records,
          consents: records.consents.map((consent) =>
            consent.id === basisId ? { ...consent, withdrawn_at: withdrawal } : consent,
          ),
        };
        const after = decideShare(withdrawn, question);
        if (after.allowed) expect(after.record.id).not.toBe(basisId);
        if (!after.allowed)
          expect(after.reasons).toContainEqual(
            expect.objectContaining({ code: 'consent_withdrawn', recordId: basisId }),
          );
      }),
      { numRuns: 300 },
    );
  });

  it('(d) is deterministic, never throws, and does not change the records it is given', () => {
    fc.assert(
      fc.property(scenarioArb, ({ records, question }) => {
        const snapshot = structuredClone({ records, question });
        const first = decideShare(records, question);
        const second = decideShare(records, question);
        const onCopy = decideShare(structuredClone(records), structuredClone(question));
        expect(second).toEqual(first);
        expect(onCopy).toEqual(first);
        expect({ records, question }).toEqual(snapshot);
      }),
      runs,
    );
  });

  it('(e) a refusal always carries at least one known reason, each in the explanation', () => {
    fc.assert(
      fc.property(scenarioArb, ({ records, question }) => {
        const decision = decideShare(records, question);
        if (decision.allowed) return;
        expect(decision.reasons.length).toBeGreaterThan(0);
        for (const reason of decision.reasons) {
          expect(refusalCodes).toContain(reason.code);
          expect(reason.message.length).toBeGreaterThan(0);
          expect(decision.explanation).toContain(reason.message);
        }
      }),
      runs,
    );
  });

  // Asking to share more information is never easier than sharing less: capacity assessments,
  // do-not-share decisions and attorneys' authority cannot be stepped around by adding a category.
  it('asking for one more category never turns a refusal into an allowance', () => {
    const arb = atArb.chain((at) =>
      fc.record({
        records: historyArb(at),
        question: questionArb(at),
        extra: fc.constantFrom(...informationCategories),
      }),
    );
    fc.assert(
      fc.property(arb, ({ records, question, extra }) => {
        fc.pre(!question.categories.includes(extra));
        const narrower = decideShare(records, question);
        const wider = decideShare(records, { ...question, categories: [...question.categories, extra] });
        if (!narrower.allowed) expect(wider.allowed).toBe(false);
      }),
      { numRuns: 5_000 },
    );
  });
});
