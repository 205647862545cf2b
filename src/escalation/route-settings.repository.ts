import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { RequestUrgency } from '../partners/channel-choice.ts';
import type { EscalationRoute, EscalationTemplate } from './escalation-routes.ts';

type RouteKey = { template: EscalationTemplate; urgency: RequestUrgency };

export async function listRouteSettings(executor: Executor, orgId: string) {
  return executor.selectFrom('escalation_route_settings').selectAll().where('org_id', '=', orgId).execute();
}

export async function findRoute(executor: Executor, orgId: string, key: RouteKey) {
  return executor
    .selectFrom('escalation_route_settings')
    .select('route')
    .where('org_id', '=', orgId)
    .where('template', '=', key.template)
    .where('urgency', '=', key.urgency)
    .executeTakeFirst();
}

/** Locks the organisation's setting, if it has one, so two changes are applied one after the other. */
export async function lockRouteVersion(executor: Executor, orgId: string, key: RouteKey) {
  return executor
    .selectFrom('escalation_route_settings')
    .select('version')
    .where('org_id', '=', orgId)
    .where('template', '=', key.template)
    .where('urgency', '=', key.urgency)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * Compare and set: writes the route if the setting is still at `expected` (version 1 being the
 * default as first seen, with no row yet). Returns nothing when another change won.
 */
export async function writeRoute(
  executor: Executor,
  orgId: string,
  key: RouteKey,
  change: { route: EscalationRoute | null; by: string | null; at: Date; expected: number; exists: boolean },
) {
  const values = {
    route: change.route ? JSON.stringify(change.route) : null,
    updated_by: change.by,
    updated_at: change.at,
  };
  return change.exists
    ? executor
        .updateTable('escalation_route_settings')
        .set({ ...values, version: sql`version + 1` })
        .where('org_id', '=', orgId)
        .where('template', '=', key.template)
        .where('urgency', '=', key.urgency)
        .where('version', '=', change.expected)
        .returning('version')
        .executeTakeFirst()
    : executor
        .insertInto('escalation_route_settings')
        .values({ org_id: orgId, template: key.template, urgency: key.urgency, ...values, version: 2 })
        .onConflict((conflict) => conflict.columns(['org_id', 'template', 'urgency']).doNothing())
        .returning('version')
        .executeTakeFirst();
}
