import { z } from 'zod';
import {
  MAX_RISK_POINTS,
  MAX_RISK_THRESHOLD,
  type RiskPointKey,
  riskPointKeys,
  riskPointRules,
} from './risk-points.vocabulary.ts';

const pointsOf = (key: RiskPointKey) =>
  z
    .number()
    .int('Enter a whole number of points.')
    .min(0, 'Points cannot be below 0.')
    .max(MAX_RISK_POINTS, `Points can be at most ${MAX_RISK_POINTS}.`)
    .describe(riskPointRules[key].label);

const threshold = (what: string) =>
  z
    .number()
    .int('Enter a whole number of points.')
    .min(1, 'Enter at least 1 point.')
    .max(MAX_RISK_THRESHOLD, `Enter at most ${MAX_RISK_THRESHOLD} points.`)
    .describe(what);

const pointsShape = Object.fromEntries(riskPointKeys.map((key) => [key, pointsOf(key)])) as Record<
  RiskPointKey,
  ReturnType<typeof pointsOf>
>;

export const setRiskPointsBody = z
  .strictObject({
    highFrom: threshold('A person is at high risk from this score'),
    mediumFrom: threshold('A person is at medium risk from this score, below the high one'),
    points: z.strictObject(pointsShape).describe('Every line of the table, with its points'),
  })
  .meta({ id: 'SetIncidentRiskPoints' });
export type SetRiskPointsInput = z.infer<typeof setRiskPointsBody>;

export const riskPointsQuery = z.strictObject({
  version: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .describe('An earlier version of the table; left out, the one in force'),
});

export const riskPointsSchema = z
  .object({
    version: z.number().int().describe('Version 1 is Liaison’s standard table; each change adds one'),
    isStandard: z.boolean().describe('The organisation has not changed the table'),
    isInForce: z.boolean().describe('The version that ranks people added to an incident now'),
    setBy: z.string().nullable().describe('Who set this version; null for the standard table'),
    setAt: z.string().nullable(),
    highFrom: z.number().int(),
    mediumFrom: z.number().int(),
    points: z.object(pointsShape),
  })
  .meta({ id: 'IncidentRiskPoints' });
