import { describe, expect, it } from 'vitest';
import { stratify } from './risk.ts';

const at = new Date('2026-12-01T09:00:00Z');
const person = (overrides: Partial<Parameters<typeof stratify>[0]> = {}) => ({
  clinicalFlags: [],
  dateOfBirth: null,
  communicationNeeds: null,
  hasRepresentative: false,
  ...overrides,
});

describe('risk stratification', () => {
  it('ranks by what the kind of incident does to each condition, and says why', () => {
    const insulin = stratify(person({ clinicalFlags: ['insulin_dependent'] }), 'staffing', at);
    expect(insulin).toMatchObject({ level: 'high', score: 6 });
    expect(insulin.reasons.map((reason) => reason.reason)).toEqual([
      'Depends on insulin.',
      'Depends on insulin: insulin doses and checks may be missed.',
    ]);
    // The same person in a heating failure: the condition counts, the incident does not add to it.
    expect(stratify(person({ clinicalFlags: ['insulin_dependent'] }), 'heating', at)).toMatchObject({
      level: 'medium',
      score: 3,
    });
    expect(stratify(person({ clinicalFlags: ['oxygen_dependent'] }), 'power', at)).toMatchObject({
      level: 'high',
      score: 8,
    });
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
});
