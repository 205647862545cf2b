import type { Executor } from '../db/database.ts';
import type { IncidentRiskPointsRow } from './incidents.table.ts';

// The organisation's risk points table: every version kept, the newest in force.

export async function findLatestRiskPoints(
  executor: Executor,
  orgId: string,
): Promise<IncidentRiskPointsRow | undefined> {
  return executor
    .selectFrom('incident_risk_points')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findRiskPointsVersion(
  executor: Executor,
  orgId: string,
  version: number,
): Promise<IncidentRiskPointsRow | undefined> {
  return executor
    .selectFrom('incident_risk_points')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('version', '=', version)
    .executeTakeFirst();
}

/**
 * Compare and set by adding the next version: the key (organisation, version) lets only one of two
 * changes made from the same version in; the other gets nothing back.
 */
export async function insertRiskPoints(
  executor: Executor,
  row: {
    orgId: string;
    version: number;
    highFrom: number;
    mediumFrom: number;
    points: Record<string, number>;
    setBy: string | null;
    setAt: Date;
  },
): Promise<IncidentRiskPointsRow | undefined> {
  return executor
    .insertInto('incident_risk_points')
    .values({
      org_id: row.orgId,
      version: row.version,
      high_from: row.highFrom,
      medium_from: row.mediumFrom,
      points: JSON.stringify(row.points),
      set_by: row.setBy,
      set_at: row.setAt,
    })
    .onConflict((conflict) => conflict.columns(['org_id', 'version']).doNothing())
    .returningAll()
    .executeTakeFirst();
}
