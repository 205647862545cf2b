import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import { changeVersioned } from '../db/versioned-change.ts';
import { invalid, notFound } from '../errors.ts';
import { staffNames } from '../users/users.service.ts';
import type { IncidentRiskPointsRow } from './incidents.table.ts';
import * as riskPointsRepository from './risk-points.repository.ts';
import type { SetRiskPointsInput } from './risk-points.schemas.ts';
import { type RiskPoints, riskPointKeys, standardRiskPoints } from './risk-points.vocabulary.ts';

// The risk points table each organisation ranks the people an incident affects with. Liaison's
// standard points are a starting point, not a clinically validated tool: the registered manager
// reviews them and sets their own. Every version is kept, and each ranking names the version it
// was made with.

/** A version of the table as the ranking reads it. A line added to Liaison since it was set counts its standard points. */
function tableOf(row: IncidentRiskPointsRow | undefined): RiskPoints {
  if (!row) return standardRiskPoints;
  return {
    highFrom: row.high_from,
    mediumFrom: row.medium_from,
    points: Object.fromEntries(
      riskPointKeys.map((key) => [key, row.points[key] ?? standardRiskPoints.points[key]]),
    ) as RiskPoints['points'],
  };
}

/** The table that ranks people now, and its version (1: the standard table). */
export async function riskPointsInForce(
  executor: Executor,
  orgId: string,
): Promise<{ version: number; table: RiskPoints }> {
  const latest = await riskPointsRepository.findLatestRiskPoints(executor, orgId);
  return { version: latest?.version ?? 1, table: tableOf(latest) };
}

async function present(
  executor: Executor,
  orgId: string,
  row: IncidentRiskPointsRow | undefined,
  latest: number,
) {
  const table = tableOf(row);
  const setBy = row?.set_by
    ? ((await staffNames(executor, { orgId }, [row.set_by])).get(row.set_by) ?? 'Former member of staff')
    : null;
  const version = row?.version ?? 1;
  return {
    version,
    isStandard: row === undefined,
    isInForce: version === latest,
    setBy,
    setAt: row?.set_at.toISOString() ?? null,
    highFrom: table.highFrom,
    mediumFrom: table.mediumFrom,
    points: table.points,
  };
}

/** The table in force, or an earlier version of it. */
export async function viewRiskPoints(
  executor: Executor,
  context: RequestContext,
  options: { version?: number | undefined },
) {
  const latest = await riskPointsRepository.findLatestRiskPoints(executor, context.orgId);
  const latestVersion = latest?.version ?? 1;
  const wanted = options.version ?? latestVersion;
  if (wanted === 1) return present(executor, context.orgId, undefined, latestVersion);
  const row =
    wanted === latestVersion
      ? latest
      : await riskPointsRepository.findRiskPointsVersion(executor, context.orgId, wanted);
  if (!row) throw notFound('That version of the risk points table');
  return present(executor, context.orgId, row, latestVersion);
}

/**
 * Sets the organisation's table, if it is still at the version the caller loaded, as a new
 * version. People already on an incident keep the ranking they were given, and the version it
 * was made with; people added from now on are ranked with the new one.
 */
export async function setRiskPoints(
  db: Db,
  context: RequestContext,
  options: { table: SetRiskPointsInput; expectedVersion: number; clock: Clock },
) {
  const { table, expectedVersion } = options;
  const at = options.clock.now();
  if (table.mediumFrom >= table.highFrom) {
    throw invalid('mediumFrom', 'The medium risk score must be lower than the high risk score.');
  }
  return db.transaction().execute(async (trx) => {
    const latest = await riskPointsRepository.findLatestRiskPoints(trx, context.orgId);
    const before = tableOf(latest);
    const changedFields = [
      ...(['highFrom', 'mediumFrom'] as const).filter((field) => table[field] !== before[field]),
      ...riskPointKeys
        .filter((key) => table.points[key] !== before.points[key])
        .map((key) => `points.${key}`),
    ];
    const saved = await changeVersioned(trx, context, at, {
      what: 'The risk points table',
      existing: latest ?? { version: 1 },
      expectedVersion,
      write: async (existing) => {
        // Nothing changed: no new version, and no audit entry.
        if (changedFields.length === 0) return existing;
        return riskPointsRepository.insertRiskPoints(trx, {
          orgId: context.orgId,
          version: expectedVersion + 1,
          highFrom: table.highFrom,
          mediumFrom: table.mediumFrom,
          points: table.points,
          setBy: context.actor.type === 'user' ? context.actor.id : null,
          setAt: at,
        });
      },
      audit: (updated) =>
        changedFields.length === 0
          ? null
          : {
              action: 'incident_risk_points.set',
              entityType: 'incident_risk_points',
              entityId: null,
              changedFields,
              details: { version: updated.version },
            },
    });
    return viewRiskPoints(trx, context, { version: saved.version });
  });
}
