import { londonDateOf } from '../calendar/london-time.ts';
import type { ConsentRecordRow } from '../consent/consent.table.ts';
import type {
  BestInterestsDecisionRow,
  CapacityAssessmentRow,
} from '../mental-capacity/mental-capacity.table.ts';
import type { PartnerType } from '../partners/partners.table.ts';
import type { DeputyDecisionArea, RepresentativeKind } from '../people/people.table.ts';
import type { SafeguardingAuthorisationRow } from '../safeguarding-authorisations/safeguarding-authorisations.table.ts';
import type {
  BasisRecordType,
  InformationCategory,
  RecipientScope,
  ShareBasis,
  SharingPurpose,
} from './sharing.table.ts';

/**
 * The sharing gate: decides whether information about a person may go to a partner, for a
 * purpose, containing given categories, at a moment. It is a pure function of the person's records
 * so that the same answer can be reproduced later from the same records, and so that it is fast:
 * it is on the path of every message about a person.
 *
 * The bases, in the order they are tried:
 *  1. consent — the person consented, in scope, not withdrawn, not past its review date, and was not
 *     assessed as lacking capacity for this decision when they gave it;
 *  2. representative_consent — the person lacks capacity for this decision (an assessment in force
 *     says so) and a registered attorney or a deputy with authority for every category consented;
 *  3. best_interests — the person lacks capacity, no attorney or deputy holds authority for this
 *     decision, and a best-interests decision in force supports sharing with this recipient;
 *  4. safeguarding — sharing is for safeguarding, and a manager's written authorisation in force
 *     names this recipient and every category shared (minimum necessary).
 * When none applies the answer is a refusal carrying every reason found.
 */

export type Recipient = {
  partnerOrganisationId: string;
  partnerContactId: string | null;
  /** The partner organisation's type. */
  organisationType: PartnerType;
  /** The contact's type, when the share goes to a named contact. */
  contactType: PartnerType | null;
};

export type ShareQuestion = {
  recipient: Recipient;
  purpose: SharingPurpose;
  categories: readonly InformationCategory[];
  at: Date;
};

export type GateRepresentative = {
  id: string;
  kind: RepresentativeKind;
  name: string;
  deputy_decisions: readonly DeputyDecisionArea[];
  registered_on: string | null;
  ended_at: Date | null;
};

export type PersonSharingRecords = {
  consents: readonly ConsentRecordRow[];
  capacityAssessments: readonly CapacityAssessmentRow[];
  bestInterestsDecisions: readonly BestInterestsDecisionRow[];
  safeguardingAuthorisations: readonly SafeguardingAuthorisationRow[];
  representatives: readonly GateRepresentative[];
};

export const refusalCodes = [
  'no_consent_in_scope',
  'consent_withdrawn',
  'consent_expired',
  'consent_not_yet_given',
  'purpose_out_of_scope',
  'categories_out_of_scope',
  'consent_given_while_lacking_capacity',
  'capacity_not_assessed',
  'capacity_assessment_overdue',
  'person_has_capacity',
  'representative_lacks_authority',
  'representative_ended',
  'lpa_not_registered',
  'no_best_interests_decision',
  'best_interests_against',
  'best_interests_overdue',
  'representative_must_decide',
  'safeguarding_not_authorised',
  'safeguarding_authorisation_expired',
  'safeguarding_authorisation_revoked',
  'safeguarding_categories_not_authorised',
] as const;
export type RefusalCode = (typeof refusalCodes)[number];

export type RefusalReason = {
  code: RefusalCode;
  message: string;
  recordType?: BasisRecordType | 'capacity_assessment' | 'representative';
  recordId?: string;
};

export type GateDecision =
  | {
      allowed: true;
      basis: ShareBasis;
      record: { type: BasisRecordType; id: string };
      /** Further records the basis depends on (the capacity assessment behind a representative's consent). */
      supportingRecords: { type: 'capacity_assessment' | 'representative'; id: string }[];
      explanation: string;
      reasons: [];
    }
  | { allowed: false; reasons: RefusalReason[]; explanation: string };

const categoryWords: Record<InformationCategory, string> = {
  identity: 'identity',
  health: 'health',
  care_plan: 'care plan',
  risk: 'risk',
  safeguarding: 'safeguarding',
  finances: 'finances',
};
const purposeWords: Record<SharingPurpose, string> = {
  care_coordination: 'care coordination',
  health_monitoring: 'health monitoring',
  assessment: 'an assessment',
  safeguarding: 'safeguarding',
  housing: 'housing',
  advocacy: 'advocacy',
};

function listWords(categories: readonly InformationCategory[]): string {
  const words = categories.map((category) => categoryWords[category]);
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

function longDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return `${day} ${monthNames[(month ?? 1) - 1]} ${year}`;
}
const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export function scopeCovers(scope: RecipientScope, recipient: Recipient): boolean {
  return (
    scope.partner_organisation_ids.includes(recipient.partnerOrganisationId) ||
    (recipient.partnerContactId !== null && scope.partner_contact_ids.includes(recipient.partnerContactId)) ||
    scope.partner_types.includes(recipient.organisationType) ||
    (recipient.contactType !== null && scope.partner_types.includes(recipient.contactType))
  );
}

function missingCategories(
  allowed: readonly InformationCategory[],
  asked: readonly InformationCategory[],
): InformationCategory[] {
  return asked.filter((category) => !allowed.includes(category));
}

/** The decision areas an attorney or deputy needs authority in to consent to sharing a category. */
function areasNeeded(category: InformationCategory): readonly DeputyDecisionArea[] {
  if (category === 'finances') return ['property_and_financial_affairs'];
  if (category === 'identity') return []; // Either kind of authority covers who the person is.
  return ['personal_welfare'];
}

function areasHeld(representative: GateRepresentative): readonly DeputyDecisionArea[] {
  switch (representative.kind) {
    case 'lpa_health_and_welfare':
      return ['personal_welfare'];
    case 'lpa_property_and_financial_affairs':
      return ['property_and_financial_affairs'];
    case 'court_appointed_deputy':
      return representative.deputy_decisions;
    default:
      return [];
  }
}

const legallyAuthorised = new Set<RepresentativeKind>([
  'lpa_health_and_welfare',
  'lpa_property_and_financial_affairs',
  'court_appointed_deputy',
]);

/** Categories a representative cannot consent to; null when they are not legally authorised at all. */
function categoriesOutsideAuthority(
  representative: GateRepresentative,
  categories: readonly InformationCategory[],
): InformationCategory[] | null {
  if (!legallyAuthorised.has(representative.kind)) return null;
  const held = areasHeld(representative);
  const outside = categories.filter(
    (category) => !areasNeeded(category).every((area) => held.includes(area)),
  );
  // Identity alone needs no particular area, but the representative must hold some authority.
  return held.length === 0 ? [...categories] : outside;
}

function isActing(representative: GateRepresentative, at: Date): boolean {
  return representative.ended_at === null || representative.ended_at > at;
}

/** A Lasting Power of Attorney can be used only once it is registered with the Office of the Public Guardian. */
function isRegistered(representative: GateRepresentative, today: string): boolean {
  if (!representative.kind.startsWith('lpa_')) return true;
  return representative.registered_on !== null && representative.registered_on <= today;
}

/**
 * Whether an attorney or deputy can decide this share for the person, so a best-interests decision
 * may not be made instead. Authority over any one category is enough: a share cannot get round an
 * attorney by adding information outside their authority. Identity goes with whatever it is shared
 * alongside, so it never makes a representative the decider on its own account.
 */
function holdsAuthorityForDecision(
  representative: GateRepresentative,
  categories: readonly InformationCategory[],
  at: Date,
  today: string,
): boolean {
  if (!legallyAuthorised.has(representative.kind)) return false;
  if (!isActing(representative, at) || !isRegistered(representative, today)) return false;
  const held = areasHeld(representative);
  return categories.some(
    (category) => category !== 'identity' && areasNeeded(category).every((area) => held.includes(area)),
  );
}

/**
 * Whom a refusal tells staff to ask for consent: the person, or, when an assessment in force finds
 * they lack capacity for this share, the attorney or deputy who holds authority for it. Null when
 * the person lacks capacity and nobody holds authority: consent cannot be asked for at all.
 */
function whoToAskForConsent(
  records: PersonSharingRecords,
  question: ShareQuestion,
  today: string,
): string | null {
  const capacity = capacityFor(records.capacityAssessments, question.purpose, question.categories, today);
  if (capacity.state !== 'lacks') return 'the person';
  const decider = records.representatives.find((representative) =>
    holdsAuthorityForDecision(representative, question.categories, question.at, today),
  );
  return decider ? `${decider.name}, who holds authority to decide this for them` : null;
}

type CapacityFinding =
  | { state: 'lacks'; assessments: CapacityAssessmentRow[] }
  | { state: 'has'; assessment: CapacityAssessmentRow }
  | { state: 'overdue'; assessment: CapacityAssessmentRow }
  | { state: 'none' };

/**
 * Capacity is decision-specific: for each category shared, the latest assessment made on or before
 * `onDate` whose decision covers this purpose and that category, in force until its review date.
 */
function latestAssessmentsByCategory(
  assessments: readonly CapacityAssessmentRow[],
  purpose: SharingPurpose,
  categories: readonly InformationCategory[],
  onDate: string,
): (CapacityAssessmentRow | null)[] {
  return categories.map((category) => {
    let latest: CapacityAssessmentRow | null = null;
    for (const assessment of assessments) {
      if (assessment.assessed_on > onDate) continue;
      if (!assessment.purposes.includes(purpose) || !assessment.categories.includes(category)) continue;
      if (
        latest === null ||
        assessment.assessed_on > latest.assessed_on ||
        (assessment.assessed_on === latest.assessed_on && assessment.created_at > latest.created_at)
      ) {
        latest = assessment;
      }
    }
    return latest;
  });
}

/**
 * Whether the person lacks capacity for the whole of this share. Someone else may decide only if
 * they lack it for every category: an assessment that they can decide about any part, an overdue
 * one, or a category never assessed, each stops it (in that order of importance).
 */
function capacityFor(
  assessments: readonly CapacityAssessmentRow[],
  purpose: SharingPurpose,
  categories: readonly InformationCategory[],
  onDate: string,
): CapacityFinding {
  const latest = latestAssessmentsByCategory(assessments, purpose, categories, onDate);
  const has = latest.find(
    (assessment) => assessment && assessment.review_on >= onDate && assessment.outcome === 'has_capacity',
  );
  if (has) return { state: 'has', assessment: has };
  const overdue = latest.find((assessment) => assessment && assessment.review_on < onDate);
  if (overdue) return { state: 'overdue', assessment: overdue };
  if (latest.some((assessment) => assessment === null)) return { state: 'none' };
  return { state: 'lacks', assessments: [...new Set(latest as CapacityAssessmentRow[])] };
}

/** An assessment in force on `onDate` finding the person lacks capacity for any part of this share. */
function lacksCapacityForAnyPart(
  assessments: readonly CapacityAssessmentRow[],
  purpose: SharingPurpose,
  categories: readonly InformationCategory[],
  onDate: string,
): CapacityAssessmentRow | undefined {
  return latestAssessmentsByCategory(assessments, purpose, categories, onDate).find(
    (assessment): assessment is CapacityAssessmentRow =>
      assessment !== null && assessment.review_on >= onDate && assessment.outcome === 'lacks_capacity',
  );
}

/** An assessment in force on `onDate` finding the person could decide some part of this share. */
function hadCapacityForAnyPart(
  assessments: readonly CapacityAssessmentRow[],
  purpose: SharingPurpose,
  categories: readonly InformationCategory[],
  onDate: string,
): CapacityAssessmentRow | undefined {
  return latestAssessmentsByCategory(assessments, purpose, categories, onDate).find(
    (assessment): assessment is CapacityAssessmentRow =>
      assessment !== null && assessment.review_on >= onDate && assessment.outcome === 'has_capacity',
  );
}

function capacityReason(finding: CapacityFinding, decisionWords: string): RefusalReason | null {
  switch (finding.state) {
    case 'lacks':
      return null;
    case 'none':
      return {
        code: 'capacity_not_assessed',
        message: `No capacity assessment covers ${decisionWords}. Someone else can decide for the person only once an assessment shows they lack capacity for this decision.`,
      };
    case 'overdue':
      return {
        code: 'capacity_assessment_overdue',
        message: `The capacity assessment of ${longDate(finding.assessment.assessed_on)} was due for review on ${longDate(finding.assessment.review_on)}. Reassess capacity for this decision.`,
        recordType: 'capacity_assessment',
        recordId: finding.assessment.id,
      };
    case 'has':
      return {
        code: 'person_has_capacity',
        message: `The capacity assessment of ${longDate(finding.assessment.assessed_on)} found the person can make this decision themselves, so only their own consent can allow it.`,
        recordType: 'capacity_assessment',
        recordId: finding.assessment.id,
      };
  }
}

/** Reasons a consent or decision record does not cover this share in time and scope; none when it does. */
function scopeAndTimeReasons(
  record: {
    id: string;
    purposes: readonly SharingPurpose[];
    categories: readonly InformationCategory[];
  },
  recordType: BasisRecordType,
  label: string,
  question: ShareQuestion,
): RefusalReason[] {
  const reasons: RefusalReason[] = [];
  if (!record.purposes.includes(question.purpose)) {
    reasons.push({
      code: 'purpose_out_of_scope',
      message: `${label} does not cover sharing for ${purposeWords[question.purpose]}.`,
      recordType,
      recordId: record.id,
    });
  }
  const missing = missingCategories(record.categories, question.categories);
  if (missing.length > 0) {
    reasons.push({
      code: 'categories_out_of_scope',
      message: `${label} does not cover ${listWords(missing)} information.`,
      recordType,
      recordId: record.id,
    });
  }
  return reasons;
}

function byNewest<T extends { created_at: Date }>(records: readonly T[]): T[] {
  return [...records].sort((a, b) => b.created_at.getTime() - a.created_at.getTime());
}

function consentLabel(consent: ConsentRecordRow): string {
  return `The consent recorded on ${longDate(consent.given_on)}`;
}

/** The person's own, or their representative's, consent records that name this recipient. */
function evaluateConsents(
  records: PersonSharingRecords,
  question: ShareQuestion,
  today: string,
  decisionWords: string,
): { allowed: GateDecision | null; reasons: RefusalReason[]; namedRecipient: boolean } {
  const reasons: RefusalReason[] = [];
  let namedRecipient = false;
  let representativeAllowed: GateDecision | null = null;
  for (const consent of byNewest(records.consents)) {
    if (!scopeCovers(consent, question.recipient)) continue;
    namedRecipient = true;
    const label = consentLabel(consent);
    const found: RefusalReason[] = [];
    if (consent.given_on > today) {
      found.push({
        code: 'consent_not_yet_given',
        message: `${label} takes effect on ${longDate(consent.given_on)}.`,
        recordType: 'consent_record',
        recordId: consent.id,
      });
    }
    if (consent.withdrawn_at !== null && consent.withdrawn_at <= question.at) {
      found.push({
        code: 'consent_withdrawn',
        message: `${label} was withdrawn on ${longDate(londonDateOf(consent.withdrawn_at))}.`,
        recordType: 'consent_record',
        recordId: consent.id,
      });
    }
    if (consent.review_on < today) {
      found.push({
        code: 'consent_expired',
        message: `${label} lapsed after its review date, ${longDate(consent.review_on)}. ${askAgain(records, question, today)}`,
        recordType: 'consent_record',
        recordId: consent.id,
      });
    }
    found.push(...scopeAndTimeReasons(consent, 'consent_record', label, question));

    if (consent.given_by === 'person') {
      const lacking = lacksCapacityForAnyPart(
        records.capacityAssessments,
        question.purpose,
        question.categories,
        consent.given_on,
      );
      if (lacking) {
        found.push({
          code: 'consent_given_while_lacking_capacity',
          message: `${label} was given by the person while an assessment (${longDate(lacking.assessed_on)}) found they lacked capacity for this decision.`,
          recordType: 'capacity_assessment',
          recordId: lacking.id,
        });
      }
      if (found.length === 0) {
        return {
          allowed: {
            allowed: true,
            basis: 'consent',
            record: { type: 'consent_record', id: consent.id },
            supportingRecords: [],
            explanation: `Allowed on the person’s consent, recorded on ${longDate(consent.given_on)}: it covers sharing ${listWords(question.categories)} information with this recipient for ${purposeWords[question.purpose]} until its review on ${longDate(consent.review_on)}.`,
            reasons: [],
          },
          reasons: [],
          namedRecipient,
        };
      }
      reasons.push(...found);
      continue;
    }

    // Consent given by a representative.
    const representative = records.representatives.find((each) => each.id === consent.representative_id);
    const name = representative?.name ?? 'The representative';
    if (!representative || !isActing(representative, question.at)) {
      found.push({
        code: 'representative_ended',
        message: `${name} no longer acts for the person, so the consent they gave on ${longDate(consent.given_on)} cannot be relied on.`,
        recordType: 'representative',
        ...(representative ? { recordId: representative.id } : {}),
      });
    } else {
      const outside = categoriesOutsideAuthority(representative, question.categories);
      if (outside === null || outside.length > 0) {
        found.push({
          code: 'representative_lacks_authority',
          message:
            outside === null
              ? `${name} is not an attorney or deputy, so cannot consent on the person’s behalf.`
              : `${name}’s authority does not extend to ${listWords(outside)} information.`,
          recordType: 'representative',
          recordId: representative.id,
        });
      }
      if (!isRegistered(representative, today)) {
        found.push({
          code: 'lpa_not_registered',
          message: `${name}’s Lasting Power of Attorney is not recorded as registered with the Office of the Public Guardian; an unregistered LPA cannot be used.`,
          recordType: 'representative',
          recordId: representative.id,
        });
      }
    }
    // An attorney or deputy can consent only to what the person could not decide themselves, then and now.
    const capacity = capacityFor(records.capacityAssessments, question.purpose, question.categories, today);
    const capableThen = hadCapacityForAnyPart(
      records.capacityAssessments,
      question.purpose,
      question.categories,
      consent.given_on,
    );
    const sameAsNow = capacity.state === 'has' && capacity.assessment.id === capableThen?.id;
    if (capableThen && !sameAsNow) {
      found.push({
        code: 'person_has_capacity',
        message: `When ${name} consented on ${longDate(consent.given_on)}, the person had been assessed (${longDate(capableThen.assessed_on)}) as able to make this decision themselves, so only their own consent could allow it.`,
        recordType: 'capacity_assessment',
        recordId: capableThen.id,
      });
    }
    const capacityProblem = capacityReason(capacity, decisionWords);
    if (capacityProblem) found.push(capacityProblem);
    if (
      found.length === 0 &&
      representativeAllowed === null &&
      capacity.state === 'lacks' &&
      representative
    ) {
      representativeAllowed = {
        allowed: true,
        basis: 'representative_consent',
        record: { type: 'consent_record', id: consent.id },
        supportingRecords: [
          ...capacity.assessments.map((assessment) => ({
            type: 'capacity_assessment' as const,
            id: assessment.id,
          })),
          { type: 'representative', id: representative.id },
        ],
        explanation: `Allowed on consent given by ${name} on ${longDate(consent.given_on)}, acting for the person, who was assessed on ${assessedOn(capacity.assessments)} as lacking capacity for this decision.`,
        reasons: [],
      };
    } else {
      reasons.push(...found);
    }
  }
  return { allowed: representativeAllowed, reasons, namedRecipient };
}

function askAgain(records: PersonSharingRecords, question: ShareQuestion, today: string): string {
  const who = whoToAskForConsent(records, question, today);
  return who
    ? `Ask ${who} for consent again and record it.`
    : 'The person lacks capacity for this decision and nobody holds authority for it: record a best-interests decision.';
}

function assessedOn(assessments: readonly CapacityAssessmentRow[]): string {
  return [...new Set(assessments.map((assessment) => longDate(assessment.assessed_on)))].join(' and ');
}

function newestDecisionFirst(a: BestInterestsDecisionRow, b: BestInterestsDecisionRow): number {
  if (a.decided_on !== b.decided_on) return a.decided_on < b.decided_on ? 1 : -1;
  return b.created_at.getTime() - a.created_at.getTime();
}

/**
 * Best interests: for each category shared, the newest decision (by the date it was made) that
 * names this recipient and purpose and covers the category settles it. A "do not share" for any
 * part refuses the whole share, even when the decision is due for review: an older decision never
 * comes back into force. Sharing is allowed on one decision that is the newest for every category.
 */
function evaluateBestInterests(
  records: PersonSharingRecords,
  question: ShareQuestion,
  today: string,
  decisionWords: string,
): { allowed: GateDecision | null; reasons: RefusalReason[] } {
  const reasons: RefusalReason[] = [];
  const forRecipient = records.bestInterestsDecisions
    .filter((decision) => scopeCovers(decision, question.recipient) && decision.decided_on <= today)
    .sort(newestDecisionFirst);
  const capacity = capacityFor(records.capacityAssessments, question.purpose, question.categories, today);
  if (forRecipient.length === 0) {
    if (capacity.state === 'lacks') {
      reasons.push({
        code: 'no_best_interests_decision',
        message: `The person was assessed on ${assessedOn(capacity.assessments)} as lacking capacity for ${decisionWords}, and no attorney’s or deputy’s consent or best-interests decision covers this share. ${
          whoToAskForConsent(records, question, today) === null
            ? 'Record a best-interests decision.'
            : `Ask ${whoToAskForConsent(records, question, today)} for consent, and record it.`
        }`,
        recordType: 'capacity_assessment',
        recordId: capacity.assessments[0]!.id,
      });
    }
    return { allowed: null, reasons };
  }
  const label = (decision: BestInterestsDecisionRow) =>
    `The best-interests decision of ${longDate(decision.decided_on)}`;
  const forPurpose = forRecipient.filter((decision) => decision.purposes.includes(question.purpose));
  if (forPurpose.length === 0) {
    const newest = forRecipient[0]!;
    return {
      allowed: null,
      reasons: scopeAndTimeReasons(newest, 'best_interests_decision', label(newest), question),
    };
  }
  const newestByCategory = question.categories.map(
    (category) => forPurpose.find((decision) => decision.categories.includes(category)) ?? null,
  );
  const against = [...new Set(newestByCategory)].filter(
    (decision): decision is BestInterestsDecisionRow => decision?.outcome === 'do_not_share',
  );
  if (against.length > 0) {
    for (const decision of against) {
      reasons.push({
        code: 'best_interests_against',
        message: `${label(decision)} found that sharing ${listWords(decision.categories.filter((category) => question.categories.includes(category)))} information is not in the person’s best interests.`,
        recordType: 'best_interests_decision',
        recordId: decision.id,
      });
    }
    return { allowed: null, reasons };
  }
  const candidate = newestByCategory.find((decision) => decision !== null) ?? forPurpose[0]!;
  const found = scopeAndTimeReasons(candidate, 'best_interests_decision', label(candidate), question);
  if (newestByCategory.some((decision) => decision !== null && decision !== candidate)) {
    found.push({
      code: 'categories_out_of_scope',
      message: `Different best-interests decisions cover different parts of this share; one decision must cover all of it (${listWords(question.categories)}).`,
      recordType: 'best_interests_decision',
      recordId: candidate.id,
    });
  }
  if (candidate.review_on < today) {
    found.push({
      code: 'best_interests_overdue',
      message: `${label(candidate)} was due for review on ${longDate(candidate.review_on)}.`,
      recordType: 'best_interests_decision',
      recordId: candidate.id,
    });
  }
  const capacityProblem = capacityReason(capacity, decisionWords);
  if (capacityProblem) found.push(capacityProblem);
  for (const representative of records.representatives) {
    if (!holdsAuthorityForDecision(representative, question.categories, question.at, today)) continue;
    found.push({
      code: 'representative_must_decide',
      message: `${representative.name} holds authority for this decision, so they decide: record their consent rather than a best-interests decision.`,
      recordType: 'representative',
      recordId: representative.id,
    });
  }
  if (found.length === 0 && capacity.state === 'lacks') {
    return {
      allowed: {
        allowed: true,
        basis: 'best_interests',
        record: { type: 'best_interests_decision', id: candidate.id },
        supportingRecords: capacity.assessments.map((assessment) => ({
          type: 'capacity_assessment' as const,
          id: assessment.id,
        })),
        explanation: `Allowed on the best-interests decision of ${longDate(candidate.decided_on)}: the person lacks capacity for this decision (assessed ${assessedOn(capacity.assessments)}) and has no attorney or deputy for it.`,
        reasons: [],
      },
      reasons: [],
    };
  }
  return { allowed: null, reasons: found };
}

function evaluateSafeguarding(
  records: PersonSharingRecords,
  question: ShareQuestion,
): { allowed: GateDecision | null; reasons: RefusalReason[] } {
  if (question.purpose !== 'safeguarding') return { allowed: null, reasons: [] };
  const reasons: RefusalReason[] = [];
  const authorisations = [...records.safeguardingAuthorisations]
    .filter((each) => scopeCovers(each, question.recipient) && each.authorised_at <= question.at)
    .sort((a, b) => b.authorised_at.getTime() - a.authorised_at.getTime());
  for (const authorisation of authorisations) {
    const label = `The safeguarding authorisation of ${longDate(londonDateOf(authorisation.authorised_at))}`;
    const found: RefusalReason[] = [];
    if (authorisation.revoked_at !== null && authorisation.revoked_at <= question.at) {
      found.push({
        code: 'safeguarding_authorisation_revoked',
        message: `${label} was revoked.`,
        recordType: 'safeguarding_authorisation',
        recordId: authorisation.id,
      });
    }
    if (authorisation.expires_at <= question.at) {
      found.push({
        code: 'safeguarding_authorisation_expired',
        message: `${label} expired on ${longDate(londonDateOf(authorisation.expires_at))}.`,
        recordType: 'safeguarding_authorisation',
        recordId: authorisation.id,
      });
    }
    const missing = missingCategories(authorisation.categories, question.categories);
    if (missing.length > 0) {
      found.push({
        code: 'safeguarding_categories_not_authorised',
        message: `${label} allows only ${listWords(authorisation.categories)} information (the minimum necessary); it does not cover ${listWords(missing)}.`,
        recordType: 'safeguarding_authorisation',
        recordId: authorisation.id,
      });
    }
    if (found.length === 0) {
      return {
        allowed: {
          allowed: true,
          basis: 'safeguarding',
          record: { type: 'safeguarding_authorisation', id: authorisation.id },
          supportingRecords: [],
          explanation: `Allowed without consent for safeguarding, on the written rationale authorised on ${longDate(londonDateOf(authorisation.authorised_at))}, limited to ${listWords(authorisation.categories)} information.`,
          reasons: [],
        },
        reasons: [],
      };
    }
    reasons.push(...found);
  }
  if (authorisations.length === 0) {
    reasons.push({
      code: 'safeguarding_not_authorised',
      message:
        'Sharing for safeguarding without consent needs a written rationale authorised by a manager or registered manager, naming this recipient and the information to share.',
    });
  }
  return { allowed: null, reasons };
}

/** Decides one share. Pure: the same records and question always give the same answer. */
export function decideShare(records: PersonSharingRecords, question: ShareQuestion): GateDecision {
  if (question.categories.length === 0) {
    const reasons: RefusalReason[] = [
      {
        code: 'categories_out_of_scope',
        message: 'Name the categories of information to be shared: the gate cannot allow an unnamed share.',
      },
    ];
    return { allowed: false, reasons, explanation: `Not allowed. ${reasons[0]!.message}` };
  }
  const today = londonDateOf(question.at);
  const decisionWords = `sharing ${listWords(question.categories)} information for ${purposeWords[question.purpose]}`;

  const consents = evaluateConsents(records, question, today, decisionWords);
  if (consents.allowed) return consents.allowed;
  const reasons: RefusalReason[] = [...consents.reasons];
  if (!consents.namedRecipient) {
    reasons.unshift({
      code: 'no_consent_in_scope',
      message: `No consent to share names this recipient, their organisation or their type of partner. ${
        whoToAskForConsent(records, question, today) === null
          ? 'The person lacks capacity for this decision and nobody holds authority for it: a best-interests decision is needed.'
          : `Ask ${whoToAskForConsent(records, question, today)} for consent, and record it.`
      }`,
    });
  }

  const bestInterests = evaluateBestInterests(records, question, today, decisionWords);
  if (bestInterests.allowed) return bestInterests.allowed;
  reasons.push(...bestInterests.reasons);

  const safeguarding = evaluateSafeguarding(records, question);
  if (safeguarding.allowed) return safeguarding.allowed;
  reasons.push(...safeguarding.reasons);

  const distinct = reasons.filter(
    (reason, index) =>
      reasons.findIndex(
        (other) =>
          other.code === reason.code &&
          other.recordId === reason.recordId &&
          other.message === reason.message,
      ) === index,
  );
  return {
    allowed: false,
    reasons: distinct,
    explanation: `Not allowed. ${distinct.map((reason) => reason.message).join(' ')}`,
  };
}

export { listWords as describeCategories, purposeWords };
