import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import { changeVersioned } from '../db/versioned-change.ts';
import { AppError } from '../errors.ts';
import type { RequestUrgency } from '../partners/channel-choice.ts';
import {
  checkRoute,
  defaultRouteFor,
  type EscalationRoute,
  type EscalationTemplate,
  mutableRoute,
} from './escalation-routes.ts';
import * as settingsRepository from './route-settings.repository.ts';

type RouteKey = { template: EscalationTemplate; urgency: RequestUrgency };

/** The organisation's route for this kind of message and urgency, or the default. */
export async function routeFor(executor: Executor, orgId: string, key: RouteKey): Promise<EscalationRoute> {
  const setting = await settingsRepository.findRoute(executor, orgId, key);
  return setting?.route ?? defaultRouteFor(key.template, key.urgency);
}

const listedOrder: readonly EscalationTemplate[] = [
  'request_decision',
  'request_resource',
  'request_advice',
  'request_action',
  'safeguarding',
  'meeting_request',
  'incident_update',
];

/** Every kind of message and urgency with the route the organisation uses for it. */
export async function listRouteSettings(executor: Executor, context: RequestContext) {
  const saved = await settingsRepository.listRouteSettings(executor, context.orgId);
  return listedOrder.flatMap((template) =>
    (['urgent', 'routine'] as const).map((urgency) => {
      const own = saved.find((setting) => setting.template === template && setting.urgency === urgency);
      return {
        template,
        urgency,
        route: mutableRoute(own?.route ?? defaultRouteFor(template, urgency)),
        isDefault: !own?.route,
        // Version 1 is the default as first seen; every change, going back to it included, adds one.
        version: own?.version ?? 1,
      };
    }),
  );
}

/**
 * Sets the organisation's route for one kind of message and urgency, or goes back to the default
 * (null), if it is still at the version the caller loaded. Messages already sent keep theirs.
 */
export async function setRouteSetting(
  db: Db,
  context: RequestContext,
  options: { key: RouteKey; route: EscalationRoute | null; expectedVersion: number },
  clock: Clock,
) {
  const { key, route, expectedVersion } = options;
  const at = clock.now();
  if (route) {
    const problems = checkRoute(route);
    if (problems.length > 0) throw new AppError('validation', problems.join(' '), { field: 'route' });
  }
  return db.transaction().execute(async (trx) => {
    const current = await settingsRepository.lockRouteVersion(trx, context.orgId, key);
    await changeVersioned(trx, context, at, {
      what: 'The escalation route',
      existing: current ?? { version: 1 },
      expectedVersion,
      write: () =>
        settingsRepository.writeRoute(trx, context.orgId, key, {
          route,
          by: context.actor.type === 'user' ? context.actor.id : null,
          at,
          expected: expectedVersion,
          exists: current !== undefined,
        }),
      audit: () => ({
        action: route ? 'escalation_route.set' : 'escalation_route.reset',
        entityType: 'escalation_route',
        entityId: `${key.template}:${key.urgency}`,
        changedFields: ['route'],
      }),
    });
    return (await listRouteSettings(trx, context)).find(
      (setting) => setting.template === key.template && setting.urgency === key.urgency,
    )!;
  });
}
