import { describe, expect, it } from 'vitest';
import { mergeReasons, stratify } from './risk.ts';
import { riskPointKeys, riskPointRules, standardRiskPoints } from './risk-points.vocabulary.ts';

const at = new Date('2026-12-01T09:00:00Z');
const person = (overrides: Partial<Parameters<typeof stratify>[0]> = {}) => ({
  clinicalFlags: [],
  dateOfBirth: null,
  communicationNeeds: null,
  hasRepresentative: false,
  ...overrides,
});

describe('risk stratification', () => {
  it('ranks by what the kind of incident does to each condition, and says why once per condition', () => {
    const insulin = stratify(person({ clinicalFlags: ['insulin_dependent'] }), 'staffing', at);
    expect(insulin).toEqual({
      level: 'high',
      score: 6,
      reasons: [{ points: 6, reason: 'Depends on insulin: insulin doses and checks may be missed.' }],
    });
    // The same person in a heating failure: the condition counts, the incident does not add to it.
    expect(stratify(person({ clinicalFlags: ['insulin_dependent'] }), 'heating', at)).toEqual({
      level: 'medium',
      score: 3,
      reasons: [{ points: 3, reason: 'Depends on insulin.' }],
    });
    expect(stratify(person({ clinicalFlags: ['oxygen_dependent'] }), 'power', at)).toMatchObject({
      level: 'high',
      score: 8,
    });
  });

  it('never lists a condition twice', () => {
    const heart = stratify(person({ clinicalFlags: ['heart_condition', 'heart_condition'] }), 'heating', at);
    expect(heart.reasons).toEqual([{ points: 4, reason: 'Has a heart condition: cold strains the heart.' }]);
    for (const type of ['staffing', 'heating', 'power', 'flood', 'medication_supply'] as const) {
      const everything = stratify(
        person({ clinicalFlags: ['diabetes', 'insulin_dependent', 'dementia', 'mobility_risk', 'epilepsy'] }),
        type,
        at,
      );
      const stems = everything.reasons.map((reason) => reason.reason.replace(/[:.].*$/, ''));
      expect(new Set(stems).size).toBe(stems.length);
    }
  });

  it('counts age in the cold, and communication needs', () => {
    const old = person({ dateOfBirth: '1938-02-01' });
    expect(stratify(old, 'heating', at)).toMatchObject({
      level: 'medium',
      reasons: [{ points: 3, reason: 'Aged 88: at risk from the cold.' }],
    });
    expect(stratify(old, 'transport', at)).toMatchObject({ level: 'low', score: 1 });
    expect(stratify(person({ communicationNeeds: 'Uses Makaton' }), 'staffing', at).reasons[0]!.reason).toBe(
      'Has communication needs: may not be able to say they are unwell.',
    );
  });

  it('puts a person with nothing recorded at low risk, saying so', () => {
    expect(stratify(person(), 'flood', at)).toEqual({
      level: 'low',
      score: 0,
      reasons: [{ points: 0, reason: 'No clinical flags or circumstances recorded.' }],
    });
  });

  it("ranks with the organisation's own points and thresholds", () => {
    const table = {
      highFrom: 8,
      mediumFrom: 4,
      points: { ...standardRiskPoints.points, heart_cold: 0, respiratory_cold: 6 },
    };
    // A line set to no points drops out of the reason.
    expect(stratify(person({ clinicalFlags: ['heart_condition'] }), 'heating', at, table)).toEqual({
      level: 'low',
      score: 2,
      reasons: [{ points: 2, reason: 'Has a heart condition.' }],
    });
    expect(
      stratify(person({ clinicalFlags: ['respiratory_condition'] }), 'heating', at, table),
    ).toMatchObject({
      level: 'high',
      score: 8,
    });
  });

  it('has words and a standard for every line of the points table', () => {
    for (const key of riskPointKeys) {
      expect(riskPointRules[key].label.length).toBeGreaterThan(3);
      expect(standardRiskPoints.points[key]).toBe(riskPointRules[key].standard);
    }
  });
});

describe('reasons ranked before they were merged', () => {
  it('folds the bare condition into the one that says why', () => {
    expect(
      mergeReasons([
        { points: 2, reason: 'Has a heart condition: cold strains the heart.' },
        { points: 2, reason: 'Has a heart condition.' },
        { points: 1, reason: 'Aged 80: at risk from the cold.' },
      ]),
    ).toEqual([
      { points: 4, reason: 'Has a heart condition: cold strains the heart.' },
      { points: 1, reason: 'Aged 80: at risk from the cold.' },
    ]);
    const merged = [{ points: 6, reason: 'Depends on insulin: insulin doses and checks may be missed.' }];
    expect(mergeReasons(merged)).toEqual(merged);
  });
});
