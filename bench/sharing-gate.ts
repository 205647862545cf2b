import { randomUUID } from 'node:crypto';
import type { ConsentRecordRow } from '../src/consent/consent.table.ts';
import type {
  BestInterestsDecisionRow,
  CapacityAssessmentRow,
} from '../src/mental-capacity/mental-capacity.table.ts';
import type { PartnerType } from '../src/partners/partners.table.ts';
import type { SafeguardingAuthorisationRow } from '../src/safeguarding-authorisations/safeguarding-authorisations.table.ts';
import {
  type InformationCategory,
  informationCategories,
  type SharingPurpose,
  sharingPurposes,
} from '../src/sharing/sharing.table.ts';
import { decideShare, type PersonSharingRecords, type ShareQuestion } from '../src/sharing/sharing-gate.ts';
import { percentile } from './channel-choice.ts';
import { median, printFigure } from './support.ts';

const orgId = randomUUID();
const personId = randomUUID();
const partners = Array.from({ length: 12 }, () => randomUUID());
const contacts = Array.from({ length: 12 }, () => randomUUID());
const types: PartnerType[] = [
  'gp',
  'district_nurse',
  'social_worker',
  'housing',
  'safeguarding_team',
  'advocate',
];
const representativeId = randomUUID();

function pick<T>(list: readonly T[], index: number): T {
  return list[index % list.length]!;
}
function some<T>(list: readonly T[], index: number, count: number): T[] {
  return [...new Set(Array.from({ length: count }, (_, offset) => pick(list, index + offset * 3)))];
}
function isoDate(year: number, dayOfYear: number): string {
  return new Date(Date.UTC(year, 0, 1 + dayOfYear)).toISOString().slice(0, 10);
}
const scope = (index: number) => ({
  partner_organisation_ids: index % 3 === 0 ? some(partners, index, 2) : [],
  partner_contact_ids: index % 3 === 1 ? some(contacts, index, 2) : [],
  partner_types: index % 3 === 2 ? some(types, index, 2) : [],
});

/** A person with a long history: 100 consent, capacity, best-interests and safeguarding records. */
function history(): PersonSharingRecords {
  const consents: ConsentRecordRow[] = Array.from({ length: 40 }, (_, index) => ({
    org_id: orgId,
    id: randomUUID(),
    person_id: personId,
    given_by: index % 5 === 0 ? 'representative' : 'person',
    representative_id: index % 5 === 0 ? representativeId : null,
    ...scope(index),
    purposes: some(sharingPurposes, index, 3),
    categories: some(informationCategories, index, 4),
    recorded_how: 'signed_form',
    notes: null,
    given_on: isoDate(2024, index * 9),
    review_on: isoDate(2025, index * 9 + 200),
    recorded_by: null,
    created_at: new Date(Date.UTC(2024, 0, 1 + index * 9)),
    withdrawn_at: index % 4 === 0 ? new Date(Date.UTC(2025, 5, index)) : null,
    withdrawn_by: index % 4 === 0 ? 'person' : null,
    withdrawn_by_representative_id: null,
    withdrawal_reason: null,
    withdrawal_recorded_by: null,
  }));
  const capacityAssessments: CapacityAssessmentRow[] = Array.from({ length: 30 }, (_, index) => {
    const lacks = index % 2 === 0;
    return {
      org_id: orgId,
      id: randomUUID(),
      person_id: personId,
      decision: 'Sharing information with partners',
      purposes: some(sharingPurposes, index, 3),
      categories: some(informationCategories, index, 4),
      impairment: lacks,
      impairment_note: null,
      can_understand: !lacks,
      can_retain: true,
      can_use_or_weigh: true,
      can_communicate: true,
      outcome: lacks ? 'lacks_capacity' : 'has_capacity',
      reasons: 'Assessed with the person',
      assessor_user_id: null,
      assessor_name: 'Assessor',
      assessor_role: null,
      assessed_on: isoDate(2024, index * 12),
      review_on: isoDate(2025, index * 12 + 100),
      created_at: new Date(Date.UTC(2024, 0, 1 + index * 12)),
    };
  });
  const bestInterestsDecisions: BestInterestsDecisionRow[] = Array.from({ length: 15 }, (_, index) => ({
    org_id: orgId,
    id: randomUUID(),
    person_id: personId,
    capacity_assessment_id: capacityAssessments[index * 2]!.id,
    decision: 'Share with the team',
    ...scope(index + 1),
    purposes: some(sharingPurposes, index, 2),
    categories: some(informationCategories, index, 3),
    consulted: 'Family and advocate',
    wishes_and_feelings: 'Wants to be kept safe',
    outcome: index % 3 === 0 ? 'do_not_share' : 'share',
    rationale: 'Supports an assessment',
    decision_maker_user_id: randomUUID(),
    decided_on: isoDate(2024, index * 20 + 5),
    review_on: isoDate(2025, index * 20 + 150),
    created_at: new Date(Date.UTC(2024, 0, 6 + index * 20)),
  }));
  const safeguardingAuthorisations: SafeguardingAuthorisationRow[] = Array.from(
    { length: 15 },
    (_, index) => ({
      org_id: orgId,
      id: randomUUID(),
      person_id: personId,
      ...scope(index + 2),
      categories: some(informationCategories, index, 2),
      rationale: 'Concerns about possible financial abuse by a visitor',
      authorised_by: randomUUID(),
      authorised_at: new Date(Date.UTC(2024, index, 10)),
      expires_at: new Date(Date.UTC(2024, index, 17)),
      revoked_at: null,
      revoked_by: null,
      revoked_reason: null,
    }),
  );
  return {
    consents,
    capacityAssessments,
    bestInterestsDecisions,
    safeguardingAuthorisations,
    representatives: [
      {
        id: representativeId,
        kind: 'lpa_health_and_welfare',
        name: 'Attorney',
        deputy_decisions: [],
        registered_on: '2023-01-01',
        ended_at: null,
      },
    ],
  };
}

/**
 * The sharing gate in-process, for a person with 100 records: p99 of single decisions over varied
 * recipients, purposes, categories and moments across two years. The baseline is the same loop
 * building the question without deciding, so the figure is the decision's own cost.
 */
export async function benchmarkSharingGate(options: { rounds: number }) {
  const records = history();
  const start = Date.parse('2024-01-01T00:00:00Z');
  const questions: ShareQuestion[] = Array.from({ length: 20_000 }, (_, index) => ({
    recipient: {
      partnerOrganisationId: pick(partners, index),
      partnerContactId: index % 2 === 0 ? pick(contacts, index * 7) : null,
      organisationType: pick(types, index * 5),
      contactType: index % 2 === 0 ? pick(types, index * 11) : null,
    },
    purpose: pick<SharingPurpose>(sharingPurposes, index * 13),
    categories: some<InformationCategory>(informationCategories, index * 17, 1 + (index % 3)),
    at: new Date(start + ((index * 7_919_993) % (730 * 86_400_000))),
  }));
  const p99s: number[] = [];
  const baselineP99s: number[] = [];
  let allowed = 0;
  for (let round = 0; round < options.rounds; round += 1) {
    const decide: number[] = [];
    const baseline: number[] = [];
    allowed = 0;
    for (const question of questions) {
      let began = performance.now();
      const copy = { ...question };
      baseline.push(performance.now() - began);
      began = performance.now();
      const decision = decideShare(records, copy);
      decide.push(performance.now() - began);
      if (decision.allowed) allowed += 1;
    }
    p99s.push(percentile(decide, 0.99));
    baselineP99s.push(percentile(baseline, 0.99));
  }
  const p99Ms = median(p99s);
  printFigure({
    figure: 'sharing_gate_p99_ms',
    value: Number(p99Ms.toFixed(4)),
    target: '< 1',
    met: p99Ms < 1,
    baseline_p99_ms: Number(median(baselineP99s).toFixed(4)),
    records_per_person: 100,
    decisions_per_round: questions.length,
    allowed_share: Number((allowed / questions.length).toFixed(2)),
    rounds: options.rounds,
  });
}
