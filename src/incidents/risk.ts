import { ageOn } from '../calendar/london-time.ts';
import type { ClinicalFlag } from '../people/people.table.ts';
import type { IncidentType, RiskLevel, RiskReason } from './incidents.table.ts';
import {
  coldIncidentTypes,
  propertyIncidentTypes,
  type RiskPointKey,
  type RiskPoints,
  riskPointKeys,
  riskPointRules,
  standardRiskPoints,
} from './risk-points.vocabulary.ts';

/** What the ranking knows about a person: their clinical flags and circumstances. */
export type PersonForRisk = {
  clinicalFlags: readonly ClinicalFlag[];
  /** 'YYYY-MM-DD' */
  dateOfBirth: string | null;
  communicationNeeds: string | null;
  /** Whether the person has an attorney, deputy or advocate: decisions may need them. */
  hasRepresentative: boolean;
};

const flagWords: Record<ClinicalFlag, string> = {
  diabetes: 'has diabetes',
  epilepsy: 'has epilepsy',
  respiratory_condition: 'has a respiratory condition',
  dysphagia: 'has swallowing difficulties (dysphagia)',
  anticoagulants: 'takes anticoagulants',
  insulin_dependent: 'depends on insulin',
  heart_condition: 'has a heart condition',
  dementia: 'lives with dementia',
  mobility_risk: 'has limited mobility',
  pressure_ulcer_risk: 'is at risk of pressure ulcers',
  oxygen_dependent: 'depends on oxygen',
  other: 'has another recorded condition',
};

const counts = (key: RiskPointKey, incidentType: IncidentType) => {
  const types: readonly IncidentType[] | null = riskPointRules[key].types;
  return types === null || types.includes(incidentType);
};

/**
 * Ranks how much an incident of this type puts a person at risk, with the organisation's points
 * table, and says why in one reason per condition (its points in any disruption and what this
 * kind of incident adds, together), so the lead can check the ranking and adjust it with a reason.
 */
export function stratify(
  person: PersonForRisk,
  incidentType: IncidentType,
  at: Date,
  table: RiskPoints = standardRiskPoints,
): { level: RiskLevel; score: number; reasons: RiskReason[] } {
  const reasons: RiskReason[] = [];
  for (const flag of new Set(person.clinicalFlags)) {
    const lines = riskPointKeys.filter(
      (key) => riskPointRules[key].flag === flag && counts(key, incidentType) && table.points[key] > 0,
    );
    if (lines.length === 0) continue;
    const whys = lines.flatMap((key) => {
      const why: string | null = riskPointRules[key].why;
      return why ? [why] : [];
    });
    reasons.push({
      points: lines.reduce((total, key) => total + table.points[key], 0),
      reason: `${capitalise(flagWords[flag])}${whys.length > 0 ? `: ${whys.join('; ')}` : ''}.`,
    });
  }
  if (person.dateOfBirth) {
    const age = ageOn(person.dateOfBirth, at);
    const isCold = coldIncidentTypes.includes(incidentType);
    const key: RiskPointKey | null =
      age >= 85 ? (isCold ? 'aged_85_cold' : 'aged_85') : age >= 75 && isCold ? 'aged_75_cold' : null;
    if (key && table.points[key] > 0) {
      reasons.push({
        points: table.points[key],
        reason: isCold ? `Aged ${age}: at risk from the cold.` : `Aged ${age}.`,
      });
    }
  }
  if (person.communicationNeeds?.trim() && table.points.communication_needs > 0) {
    reasons.push({
      points: table.points.communication_needs,
      reason: 'Has communication needs: may not be able to say they are unwell.',
    });
  }
  if (person.hasRepresentative && propertyIncidentTypes.includes(incidentType)) {
    reasons.push({ points: 0, reason: 'Has an attorney, deputy or advocate: involve them in any move.' });
  }
  const score = reasons.reduce((total, each) => total + each.points, 0);
  const level: RiskLevel = score >= table.highFrom ? 'high' : score >= table.mediumFrom ? 'medium' : 'low';
  if (reasons.length === 0)
    reasons.push({ points: 0, reason: 'No clinical flags or circumstances recorded.' });
  return { level, score, reasons: reasons.sort((a, b) => b.points - a.points) };
}

/**
 * The reasons as a person reads them, one per condition. Rankings made before the reasons were
 * merged list a condition twice ("Has a heart condition." and "Has a heart condition: cold
 * strains the heart."): the bare one is folded into the first that says why, points added.
 */
export function mergeReasons(reasons: readonly RiskReason[]): RiskReason[] {
  const stem = (reason: RiskReason) =>
    reason.reason.endsWith('.') ? reason.reason.slice(0, -1) : reason.reason;
  const fullerOf = (bare: RiskReason) =>
    reasons.find((other) => other !== bare && other.reason.startsWith(`${stem(bare)}: `));
  return reasons
    .filter((reason) => fullerOf(reason) === undefined)
    .map((reason) => ({
      points: reasons
        .filter((bare) => fullerOf(bare) === reason)
        .reduce((total, bare) => total + bare.points, reason.points),
      reason: reason.reason,
    }))
    .sort((a, b) => b.points - a.points);
}

function capitalise(text: string): string {
  return `${text[0]!.toUpperCase()}${text.slice(1)}`;
}

/** Partner contact types worth asking about a person with this flag, by their type in the register. */
export const clinicalPartners: Partial<Record<ClinicalFlag, readonly string[]>> = {
  diabetes: ['district_nurse', 'community_nurse', 'gp'],
  insulin_dependent: ['district_nurse', 'community_nurse', 'gp'],
  epilepsy: ['gp', 'consultant', 'community_nurse'],
  respiratory_condition: ['gp', 'community_nurse', 'district_nurse'],
  heart_condition: ['gp'],
  oxygen_dependent: ['community_nurse', 'district_nurse', 'gp'],
  anticoagulants: ['gp', 'district_nurse'],
  dysphagia: ['speech_and_language_therapist', 'gp'],
  pressure_ulcer_risk: ['district_nurse', 'community_nurse'],
  mobility_risk: ['occupational_therapist', 'physiotherapist'],
  dementia: ['gp', 'social_worker'],
};

export function isPropertyIncident(type: IncidentType): boolean {
  return propertyIncidentTypes.includes(type);
}
