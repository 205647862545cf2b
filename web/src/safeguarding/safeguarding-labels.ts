import * as vocabulary from '../../../src/safeguarding/safeguarding.vocabulary.ts';
import type {
  AbuseCategory,
  AdvocacyStatus,
  ConcernEntryKind,
  ConcernLevel,
  ConcernStatus,
  ConsentToReferral,
  EntrySource,
  LocalAuthorityDecision,
  OtherRoute,
  RestrictionBasis,
  RiskLocation,
  RiskOutcome,
  SafeContactMeasure,
  SourceOfRisk,
  StaffConcernEntryKind,
} from '../api.ts';

// The words are the server's (src/safeguarding/safeguarding.vocabulary.ts), so that pages, emails
// and the exported chronology say the same; the compiler checks they name every code the API sends.

export const categoryLabels = vocabulary.abuseCategoryLabels satisfies Record<AbuseCategory, string>;
export const categories = vocabulary.abuseCategories satisfies readonly AbuseCategory[];

export const locationLabels = vocabulary.riskLocationLabels satisfies Record<RiskLocation, string>;
export const locations = vocabulary.riskLocations satisfies readonly RiskLocation[];

export const sourceLabels = vocabulary.sourceOfRiskLabels satisfies Record<SourceOfRisk, string>;
export const sourceKinds = vocabulary.sourceOfRiskKinds satisfies readonly SourceOfRisk[];

export const levelLabels = vocabulary.concernLevelLabels satisfies Record<ConcernLevel, string>;
export const levels = vocabulary.concernLevels satisfies readonly ConcernLevel[];

export const levelHints = {
  low: 'A worry to record and watch: no one is at immediate risk.',
  medium: 'Harm may be happening: talk to your manager today.',
  high: 'Someone is at risk of serious harm now: tell your manager straight away.',
} as const satisfies Record<ConcernLevel, string>;

export const statusLabels = vocabulary.concernStatusLabels satisfies Record<ConcernStatus, string>;
export const nextStatuses = vocabulary.nextStatuses satisfies Record<ConcernStatus, readonly ConcernStatus[]>;

export const outcomeLabels = vocabulary.riskOutcomeLabels satisfies Record<RiskOutcome, string>;
export const outcomes = vocabulary.riskOutcomes satisfies readonly RiskOutcome[];

export const entryKindLabels = vocabulary.entryKindLabels satisfies Record<ConcernEntryKind, string>;
export const staffEntryKinds = vocabulary.staffEntryKinds satisfies readonly StaffConcernEntryKind[];

export const entryKindHints = {
  observation: 'Something seen or heard.',
  blocked_access: 'Staff could not get in, or someone stopped them seeing the person alone.',
  visible_injury: 'A mark, bruise, cut or burn.',
  threat: 'Someone threatened the person, staff or others.',
  distress: 'The person was upset, frightened or anxious.',
  disclosure: 'The person told someone about harm.',
  change_in_presentation: 'A change in how the person seems: weight, mood, self-care.',
  contact_with_partner: 'A call, email or meeting with another agency.',
  decision: 'Something decided about the concern.',
} as const satisfies Record<StaffConcernEntryKind, string>;

export const entrySourceLabels = vocabulary.entrySourceLabels satisfies Record<EntrySource, string>;
export const entrySources = vocabulary.entrySources satisfies readonly EntrySource[];

export const measureLabels = vocabulary.safeContactMeasureLabels satisfies Record<SafeContactMeasure, string>;
export const measures = vocabulary.safeContactMeasures satisfies readonly SafeContactMeasure[];

export const basisLabels = vocabulary.restrictionBasisLabels satisfies Record<RestrictionBasis, string>;
export const bases = vocabulary.restrictionBases satisfies readonly RestrictionBasis[];

export const decisionLabels = vocabulary.localAuthorityDecisionLabels satisfies Record<
  LocalAuthorityDecision,
  string
>;
export const decisions = vocabulary.localAuthorityDecisions satisfies readonly LocalAuthorityDecision[];

export const otherRouteLabels = vocabulary.otherRouteLabels satisfies Record<OtherRoute, string>;
export const otherRoutes = vocabulary.otherRoutes satisfies readonly OtherRoute[];

export const advocacyLabels = vocabulary.advocacyStatusLabels satisfies Record<AdvocacyStatus, string>;

export const consentLabels = vocabulary.consentToReferralLabels satisfies Record<ConsentToReferral, string>;
export const consentToReferral = vocabulary.consentToReferral satisfies readonly ConsentToReferral[];

const levelTagClasses = {
  high: 'nhsuk-tag--red',
  medium: 'nhsuk-tag--orange',
  low: 'nhsuk-tag--grey',
} as const satisfies Record<ConcernLevel, string>;

export function levelTagClass(level: ConcernLevel): string {
  return `nhsuk-tag ${levelTagClasses[level]}`;
}

export function statusTagClass(status: ConcernStatus): string {
  if (status === 'closed') return 'nhsuk-tag nhsuk-tag--grey';
  if (status === 'referred' || status === 'enquiry') return 'nhsuk-tag nhsuk-tag--purple';
  return 'nhsuk-tag nhsuk-tag--blue';
}
