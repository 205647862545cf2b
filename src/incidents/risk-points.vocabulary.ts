// The risk points table, defined once: each condition or circumstance that adds to a person's risk
// in a disruption, when it counts, and the points Liaison's standard table gives it. The server
// ranks people with it (risk.ts); the registered manager's settings page shows it and changes the
// points for their organisation. Pure data with no run-time imports, so the browser app can import it.

import type { ClinicalFlag } from '../people/people.vocabulary.ts';
import type { IncidentType } from './incidents.vocabulary.ts';

const cold = ['heating', 'power', 'environmental'] as const satisfies readonly IncidentType[];
const property = ['heating', 'flood', 'power', 'environmental'] as const satisfies readonly IncidentType[];
const missedCare = ['staffing', 'medication_supply', 'transport'] as const satisfies readonly IncidentType[];

/** The kinds of incident in which the cold, and a failed building, bear on people. */
export const coldIncidentTypes: readonly IncidentType[] = cold;
export const propertyIncidentTypes: readonly IncidentType[] = property;

export type RiskPointRule = {
  /** The condition this line is about; none for age and communication needs. */
  flag: ClinicalFlag | null;
  /** The kinds of incident it counts in; every kind when null. */
  types: readonly IncidentType[] | null;
  /** The points in Liaison's standard table. */
  standard: number;
  /** Why it counts in these incidents, in the words added to the person's reason. */
  why: string | null;
  /** The line as the points table shows it. */
  label: string;
};

/**
 * Every line of the table. A condition has a line that counts in any disruption and, where a
 * kind of incident bears on it directly, a line that adds to it then: missed monitoring when
 * staff are short, cold for heart and lungs, no power for oxygen.
 */
export const riskPointRules = {
  diabetes: { flag: 'diabetes', types: null, standard: 2, why: null, label: 'Diabetes' },
  diabetes_missed_care: {
    flag: 'diabetes',
    types: missedCare,
    standard: 2,
    why: 'monitoring or medicines may be missed',
    label: 'Diabetes, when staff are short, medicines are late or transport fails',
  },
  insulin_dependent: {
    flag: 'insulin_dependent',
    types: null,
    standard: 3,
    why: null,
    label: 'Depends on insulin',
  },
  insulin_missed_doses: {
    flag: 'insulin_dependent',
    types: missedCare,
    standard: 3,
    why: 'insulin doses and checks may be missed',
    label: 'Depends on insulin, when staff are short, medicines are late or transport fails',
  },
  insulin_no_power: {
    flag: 'insulin_dependent',
    types: ['power'],
    standard: 2,
    why: 'insulin needs to be kept cold',
    label: 'Depends on insulin, in a power cut',
  },
  epilepsy: { flag: 'epilepsy', types: null, standard: 2, why: null, label: 'Epilepsy' },
  epilepsy_missed_care: {
    flag: 'epilepsy',
    types: ['staffing', 'medication_supply'],
    standard: 3,
    why: 'medicines and seizure watch may be missed',
    label: 'Epilepsy, when staff are short or medicines are late',
  },
  respiratory_condition: {
    flag: 'respiratory_condition',
    types: null,
    standard: 2,
    why: null,
    label: 'A respiratory condition',
  },
  respiratory_cold: {
    flag: 'respiratory_condition',
    types: cold,
    standard: 3,
    why: 'cold and damp worsen breathing',
    label: 'A respiratory condition, when the heating, power or building fails',
  },
  heart_condition: {
    flag: 'heart_condition',
    types: null,
    standard: 2,
    why: null,
    label: 'A heart condition',
  },
  heart_cold: {
    flag: 'heart_condition',
    types: cold,
    standard: 2,
    why: 'cold strains the heart',
    label: 'A heart condition, when the heating, power or building fails',
  },
  oxygen_dependent: {
    flag: 'oxygen_dependent',
    types: null,
    standard: 3,
    why: null,
    label: 'Depends on oxygen',
  },
  oxygen_no_power: {
    flag: 'oxygen_dependent',
    types: ['power', 'equipment'],
    standard: 5,
    why: 'oxygen equipment needs power',
    label: 'Depends on oxygen, in a power cut or equipment failure',
  },
  anticoagulants: {
    flag: 'anticoagulants',
    types: null,
    standard: 1,
    why: null,
    label: 'Takes anticoagulants',
  },
  anticoagulants_missed_doses: {
    flag: 'anticoagulants',
    types: ['medication_supply', 'staffing'],
    standard: 2,
    why: 'doses must not be missed',
    label: 'Takes anticoagulants, when medicines are late or staff are short',
  },
  dysphagia: { flag: 'dysphagia', types: null, standard: 2, why: null, label: 'Swallowing difficulties' },
  dysphagia_meals: {
    flag: 'dysphagia',
    types: ['staffing'],
    standard: 2,
    why: 'meals need trained support',
    label: 'Swallowing difficulties, when staff are short',
  },
  mobility_risk: { flag: 'mobility_risk', types: null, standard: 1, why: null, label: 'Limited mobility' },
  mobility_moving: {
    flag: 'mobility_risk',
    types: ['flood', 'power', 'heating'],
    standard: 2,
    why: 'moving them to safety needs help',
    label: 'Limited mobility, in a flood, power cut or heating failure',
  },
  pressure_ulcer_risk: {
    flag: 'pressure_ulcer_risk',
    types: null,
    standard: 1,
    why: null,
    label: 'At risk of pressure ulcers',
  },
  pressure_ulcer_repositioning: {
    flag: 'pressure_ulcer_risk',
    types: ['staffing', 'equipment'],
    standard: 2,
    why: 'repositioning may be missed',
    label: 'At risk of pressure ulcers, when staff are short or equipment fails',
  },
  dementia: { flag: 'dementia', types: null, standard: 1, why: null, label: 'Dementia' },
  dementia_routine: {
    flag: 'dementia',
    types: ['staffing', ...property],
    standard: 1,
    why: 'changes to routine and place cause distress',
    label: 'Dementia, when staff are short or the building fails',
  },
  other_condition: {
    flag: 'other',
    types: null,
    standard: 0,
    why: null,
    label: 'Another recorded condition',
  },
  aged_85: { flag: null, types: null, standard: 1, why: null, label: 'Aged 85 or over' },
  aged_85_cold: {
    flag: null,
    types: cold,
    standard: 3,
    why: 'at risk from the cold',
    label: 'Aged 85 or over, when the heating, power or building fails (instead of the line above)',
  },
  aged_75_cold: {
    flag: null,
    types: cold,
    standard: 1,
    why: 'at risk from the cold',
    label: 'Aged 75 to 84, when the heating, power or building fails',
  },
  communication_needs: {
    flag: null,
    types: null,
    standard: 1,
    why: 'may not be able to say they are unwell',
    label: 'Has communication needs',
  },
} as const satisfies Record<string, RiskPointRule>;

export type RiskPointKey = keyof typeof riskPointRules;
export const riskPointKeys = Object.keys(riskPointRules) as RiskPointKey[];

/** The table's points and the scores from which a person is at high or medium risk. */
export type RiskPoints = {
  highFrom: number;
  mediumFrom: number;
  points: Record<RiskPointKey, number>;
};

export const standardRiskPoints: RiskPoints = {
  highFrom: 5,
  mediumFrom: 2,
  points: Object.fromEntries(riskPointKeys.map((key) => [key, riskPointRules[key].standard])) as Record<
    RiskPointKey,
    number
  >,
};

/** The most points one line may carry, and the highest threshold: keeps a typing slip from ranking everyone high. */
export const MAX_RISK_POINTS = 20;
export const MAX_RISK_THRESHOLD = 50;
