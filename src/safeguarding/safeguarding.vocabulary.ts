// The safeguarding vocabularies, each a list of codes and its English labels, defined once: the
// zod enums, the API, the chronology export and the migration's check constraints (written out
// there as literals, since migrations import nothing) all follow these lists.

/**
 * A closed list of codes and their words, from one table: the codes in the table's order (the
 * order the pages list them in) and the words for each. Defined here, not imported, as the browser
 * app bundles this file.
 */
function vocabulary<const Labels extends Record<string, string>>(labels: Labels) {
  type Code = Extract<keyof Labels, string>;
  const codes = Object.keys(labels) as [Code, ...Code[]];
  return [codes as Readonly<typeof codes>, labels as Record<Code, string>] as const;
}

/** Care Act 2014 categories of abuse and neglect, coded as the Safeguarding Adults Collection types. */
export const [abuseCategories, abuseCategoryLabels] = vocabulary({
  physical: 'Physical abuse',
  sexual: 'Sexual abuse',
  psychological: 'Psychological or emotional abuse',
  financial_or_material: 'Financial or material abuse',
  discriminatory: 'Discriminatory abuse',
  organisational: 'Organisational or institutional abuse',
  neglect_and_acts_of_omission: 'Neglect and acts of omission',
  domestic_abuse: 'Domestic abuse',
  sexual_exploitation: 'Sexual exploitation',
  modern_slavery: 'Modern slavery',
  self_neglect: 'Self-neglect',
});
export type AbuseCategory = (typeof abuseCategories)[number];

/** Location of risk, as the Safeguarding Adults Collection records it. */
export const [riskLocations, riskLocationLabels] = vocabulary({
  own_home: 'Own home',
  in_the_community: 'In the community (excluding community services)',
  in_a_community_service: 'In a community service',
  care_home_nursing: 'Care home (nursing)',
  care_home_residential: 'Care home (residential)',
  hospital_acute: 'Hospital (acute)',
  hospital_mental_health: 'Hospital (mental health)',
  hospital_community: 'Hospital (community)',
  other: 'Other',
});
export type RiskLocation = (typeof riskLocations)[number];

/** Who the alleged source of risk is, in the collection's terms, plus another person supported. */
export const [sourceOfRiskKinds, sourceOfRiskLabels] = vocabulary({
  person_supported: 'Another person we support',
  service_provider: 'Service provider',
  known_to_individual: 'Someone known to the person',
  unknown_to_individual: 'Someone unknown to the person',
  not_known: 'Not known yet',
});
export type SourceOfRiskKind = (typeof sourceOfRiskKinds)[number];

export const [concernLevels, concernLevelLabels] = vocabulary({
  low: 'Low',
  medium: 'Medium',
  high: 'High',
});
export type ConcernLevel = (typeof concernLevels)[number];

/**
 * raised → triage → advice sought → referred (a section 42 concern to the local authority) or not
 * referred (with the reason) → enquiry or plan → closed with its outcome and a manager's sign-off.
 */
export const [concernStatuses, concernStatusLabels] = vocabulary({
  raised: 'Raised',
  triage: 'Triage',
  advice_sought: 'Advice sought',
  referred: 'Referred to the local authority',
  not_referred: 'Not referred',
  enquiry: 'Enquiry under way',
  plan: 'Managed under a plan',
  closed: 'Closed',
});
export type ConcernStatus = (typeof concernStatuses)[number];

/** Where a concern may go next; closing has its own route (outcome and sign-off). */
export const nextStatuses: Record<ConcernStatus, readonly ConcernStatus[]> = {
  raised: ['triage', 'advice_sought', 'referred', 'not_referred'],
  triage: ['advice_sought', 'referred', 'not_referred'],
  advice_sought: ['triage', 'referred', 'not_referred'],
  referred: ['enquiry', 'plan', 'not_referred'],
  not_referred: ['triage', 'plan', 'referred'],
  enquiry: ['plan'],
  plan: ['enquiry', 'referred'],
  closed: [],
};

/** The Safeguarding Adults Collection's risk outcome, recorded when a concern closes. */
export const [riskOutcomes, riskOutcomeLabels] = vocabulary({
  risk_remained: 'Risk remained',
  risk_reduced: 'Risk reduced',
  risk_removed: 'Risk removed',
});
export type RiskOutcome = (typeof riskOutcomes)[number];

/** What a chronology entry records. Entries Liaison writes itself are marked so in `entryKindsBySystem`. */
export const [entryKinds, entryKindLabels] = vocabulary({
  observation: 'Observation',
  blocked_access: 'Blocked access',
  visible_injury: 'Visible injury',
  threat: 'Threat',
  distress: 'Distress',
  disclosure: 'Disclosure',
  change_in_presentation: 'Change in presentation',
  contact_with_partner: 'Contact with a partner',
  decision: 'Decision',
  raised: 'Concern raised',
  level_changed: 'Level changed',
  status_changed: 'Status changed',
  trigger_met: 'Review trigger met',
  advice_recorded: 'Threshold advice recorded',
  referral_sent: 'Section 42 referral sent',
  advice_requested: 'Threshold advice sought',
  local_authority_decision: 'Local authority decision',
  advocacy: 'Advocacy',
  plan: 'Safe-contact plan',
  restriction: 'Interim restriction',
  closed: 'Concern closed',
});
export type EntryKind = (typeof entryKinds)[number];
/** The kinds staff record by hand; the rest are written by Liaison as things happen. */
export const staffEntryKinds = [
  'observation',
  'blocked_access',
  'visible_injury',
  'threat',
  'distress',
  'disclosure',
  'change_in_presentation',
  'contact_with_partner',
  'decision',
] as const satisfies readonly EntryKind[];
export type StaffEntryKind = (typeof staffEntryKinds)[number];

/** Where what an entry says came from. */
export const [entrySources, entrySourceLabels] = vocabulary({
  staff: 'Staff',
  person: 'The person',
  partner: 'A partner',
  document: 'A document',
});
export type EntrySource = (typeof entrySources)[number];

/** Measures a safe-contact plan can set. */
export const [safeContactMeasures, safeContactMeasureLabels] = vocabulary({
  varied_visit_times: 'Varied visit times',
  two_person_visits: 'Two-person visits',
  manager_led_welfare_calls: 'Manager-led welfare calls',
  no_discussion_in_the_home: 'No discussion of the concern in the home',
  private_check_ins: 'Private check-ins before and after visits',
  agreed_visiting_times: 'Agreed visiting times with staff present',
  other: 'Other (described in the plan)',
});
export type SafeContactMeasure = (typeof safeContactMeasures)[number];

/** What an interim restriction rests on in law. */
export const [restrictionBases, restrictionBasisLabels] = vocabulary({
  consent: 'The person’s consent',
  best_interests_decision: 'A best-interests decision',
  other: 'Another legal basis (described)',
});
export type RestrictionBasis = (typeof restrictionBases)[number];

/** What the local authority decided on a section 42 referral, in its own terms. */
export const [localAuthorityDecisions, localAuthorityDecisionLabels] = vocabulary({
  s42_duty_met: 'Section 42 duty met: an enquiry will be made',
  s42_duty_not_met: 'Section 42 duty not met',
});
export type LocalAuthorityDecision = (typeof localAuthorityDecisions)[number];
export const [otherRoutes, otherRouteLabels] = vocabulary({
  advice: 'Advice and information',
  care_act_assessment: 'Care Act assessment',
  review_of_care: 'Review of care and support',
  other: 'Other route (described)',
});
export type OtherRoute = (typeof otherRoutes)[number];

export const [advocacyStatuses, advocacyStatusLabels] = vocabulary({
  not_offered: 'Not yet offered',
  offered: 'Offered, no answer yet',
  accepted: 'Accepted',
  declined: 'Declined',
});
export type AdvocacyStatus = (typeof advocacyStatuses)[number];

export const [consentToReferral, consentToReferralLabels] = vocabulary({
  given: 'The person consented to the referral',
  refused: 'The person refused consent; referred without it',
  not_asked: 'Not asked: asking could increase the risk',
  lacks_capacity: 'The person lacks capacity to consent to the referral',
});
export type ConsentToReferral = (typeof consentToReferral)[number];

/** The links between a concern and its messages to partners. */
export const concernMessagePurposes = ['threshold_advice', 's42_referral'] as const;
export type ConcernMessagePurpose = (typeof concernMessagePurposes)[number];

/** What a concern's "needs attention" items are about. */
export const concernAlertKinds = ['trigger_met', 'decision_overdue', 'restriction_past_review'] as const;
export type ConcernAlertKind = (typeof concernAlertKinds)[number];
