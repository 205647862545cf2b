import { DateTime } from 'luxon';
import type { ClinicalFlag } from '../people/people.table.ts';
import type { IncidentType, RiskLevel, RiskReason } from './incidents.table.ts';

/** What the ranking knows about a person: their clinical flags and circumstances. */
export type PersonForRisk = {
  clinicalFlags: readonly ClinicalFlag[];
  /** 'YYYY-MM-DD' */
  dateOfBirth: string | null;
  communicationNeeds: string | null;
  /** Whether the person has an attorney, deputy or advocate: decisions may need them. */
  hasRepresentative: boolean;
};

export const HIGH_RISK_POINTS = 5;
export const MEDIUM_RISK_POINTS = 2;

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

// Points a condition carries in any disruption, and more where this kind of incident bears on it
// directly: missed monitoring when staff are short, cold for heart and lungs, no power for oxygen,
// late medicines for insulin and anticoagulants.
const basePoints: Record<ClinicalFlag, number> = {
  diabetes: 2,
  epilepsy: 2,
  respiratory_condition: 2,
  dysphagia: 2,
  anticoagulants: 1,
  insulin_dependent: 3,
  heart_condition: 2,
  dementia: 1,
  mobility_risk: 1,
  pressure_ulcer_risk: 1,
  oxygen_dependent: 3,
  other: 0,
};

const cold: IncidentType[] = ['heating', 'power', 'environmental'];
const property: IncidentType[] = ['heating', 'flood', 'power', 'environmental'];

const incidentPoints: Partial<
  Record<ClinicalFlag, { types: IncidentType[]; points: number; why: string }[]>
> = {
  diabetes: [
    {
      types: ['staffing', 'medication_supply', 'transport'],
      points: 2,
      why: 'monitoring or medicines may be missed',
    },
  ],
  insulin_dependent: [
    {
      types: ['staffing', 'medication_supply', 'transport'],
      points: 3,
      why: 'insulin doses and checks may be missed',
    },
    { types: ['power'], points: 2, why: 'insulin needs to be kept cold' },
  ],
  epilepsy: [
    { types: ['staffing', 'medication_supply'], points: 3, why: 'medicines and seizure watch may be missed' },
  ],
  respiratory_condition: [{ types: cold, points: 3, why: 'cold and damp worsen breathing' }],
  heart_condition: [{ types: cold, points: 2, why: 'cold strains the heart' }],
  oxygen_dependent: [{ types: ['power', 'equipment'], points: 5, why: 'oxygen equipment needs power' }],
  anticoagulants: [{ types: ['medication_supply', 'staffing'], points: 2, why: 'doses must not be missed' }],
  dysphagia: [{ types: ['staffing'], points: 2, why: 'meals need trained support' }],
  mobility_risk: [
    { types: ['flood', 'power', 'heating'], points: 2, why: 'moving them to safety needs help' },
  ],
  pressure_ulcer_risk: [{ types: ['staffing', 'equipment'], points: 2, why: 'repositioning may be missed' }],
  dementia: [
    { types: ['staffing', ...property], points: 1, why: 'changes to routine and place cause distress' },
  ],
};

/**
 * Ranks how much an incident of this type puts a person at risk, and says why, so the lead can
 * check the ranking and adjust it with a reason. High from 5 points, medium from 2.
 */
export function stratify(
  person: PersonForRisk,
  incidentType: IncidentType,
  at: Date,
): { level: RiskLevel; score: number; reasons: RiskReason[] } {
  const reasons: RiskReason[] = [];
  for (const flag of person.clinicalFlags) {
    const base = basePoints[flag];
    if (base > 0) reasons.push({ points: base, reason: `${capitalise(flagWords[flag])}.` });
    for (const rule of incidentPoints[flag] ?? []) {
      if (rule.types.includes(incidentType)) {
        reasons.push({ points: rule.points, reason: `${capitalise(flagWords[flag])}: ${rule.why}.` });
      }
    }
  }
  if (person.dateOfBirth) {
    const age = Math.floor(
      DateTime.fromJSDate(at, { zone: 'Europe/London' }).diff(DateTime.fromISO(person.dateOfBirth), 'years')
        .years,
    );
    if (age >= 85) {
      reasons.push({
        points: cold.includes(incidentType) ? 3 : 1,
        reason: cold.includes(incidentType) ? `Aged ${age}: at risk from the cold.` : `Aged ${age}.`,
      });
    } else if (age >= 75 && cold.includes(incidentType)) {
      reasons.push({ points: 1, reason: `Aged ${age}: at risk from the cold.` });
    }
  }
  if (person.communicationNeeds?.trim()) {
    reasons.push({ points: 1, reason: 'Has communication needs: may not be able to say they are unwell.' });
  }
  if (person.hasRepresentative && property.includes(incidentType)) {
    reasons.push({ points: 0, reason: 'Has an attorney, deputy or advocate: involve them in any move.' });
  }
  const score = reasons.reduce((total, each) => total + each.points, 0);
  const level: RiskLevel =
    score >= HIGH_RISK_POINTS ? 'high' : score >= MEDIUM_RISK_POINTS ? 'medium' : 'low';
  if (reasons.length === 0)
    reasons.push({ points: 0, reason: 'No clinical flags or circumstances recorded.' });
  return { level, score, reasons: reasons.sort((a, b) => b.points - a.points) };
}

function capitalise(text: string): string {
  return `${text[0]!.toUpperCase()}${text.slice(1)}`;
}

/** Partner contact types worth asking about a person with this flag. */
export const clinicalPartners: Partial<Record<ClinicalFlag, readonly string[]>> = {
  diabetes: ['district_nurse', 'community_nurse', 'gp'],
  insulin_dependent: ['district_nurse', 'community_nurse', 'gp'],
  epilepsy: ['gp', 'consultant', 'community_nurse'],
  respiratory_condition: ['gp', 'community_nurse'],
  heart_condition: ['gp'],
  oxygen_dependent: ['community_nurse', 'gp'],
  anticoagulants: ['gp', 'district_nurse'],
  dysphagia: ['speech_and_language_therapist', 'gp'],
  pressure_ulcer_risk: ['district_nurse', 'community_nurse'],
  mobility_risk: ['occupational_therapist', 'physiotherapist'],
  dementia: ['gp', 'social_worker'],
};

export function isPropertyIncident(type: IncidentType): boolean {
  return property.includes(type);
}
