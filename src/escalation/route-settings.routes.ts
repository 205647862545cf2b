import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext } from '../auth/access.ts';
// Staff who work with partners, and the auditor, read the routes; the registered manager changes them.
import { careRecordReaders as readers, registeredManagers as routeKeepers } from '../auth/role-groups.ts';
import type { AppDependencies } from '../dependencies.ts';
import { expectedVersion, versionedUpdate, withETag } from '../http/conditional.ts';
import { problemResponses, writeProblems } from '../http/schemas.ts';
import { routeSettingParams, routeSettingSchema, setRouteBody } from './escalation.schemas.ts';
import { listRouteSettings, setRouteSetting } from './route-settings.service.ts';

const tags = ['Partner messages'];

export function routeSettingsRoutes({ db, clock }: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/escalation-routes',
      {
        config: { access: readers },
        schema: {
          tags,
          summary: "The organisation's escalation route for each kind of message and urgency",
          response: { 200: z.object({ items: z.array(routeSettingSchema) }), ...problemResponses },
        },
      },
      async (request) => ({ items: await listRouteSettings(db, requestContext(request)) }),
    );

    app.put(
      '/api/escalation-routes/:template/:urgency',
      versionedUpdate({
        access: routeKeepers,
        tags,
        summary: 'Set the route for one kind of message and urgency (messages already sent keep theirs)',
        params: routeSettingParams,
        body: setRouteBody,
        answer: routeSettingSchema,
        problems: writeProblems,
      }),
      async (request, reply) =>
        withETag(
          reply,
          await setRouteSetting(
            db,
            requestContext(request),
            { key: request.params, route: request.body.route, expectedVersion: expectedVersion(request) },
            clock,
          ),
        ),
    );

    app.delete(
      '/api/escalation-routes/:template/:urgency',
      versionedUpdate({
        access: routeKeepers,
        tags,
        summary: 'Go back to the default route for one kind of message and urgency',
        params: routeSettingParams,
        answer: routeSettingSchema,
        problems: writeProblems,
      }),
      async (request, reply) =>
        withETag(
          reply,
          await setRouteSetting(
            db,
            requestContext(request),
            { key: request.params, route: null, expectedVersion: expectedVersion(request) },
            clock,
          ),
        ),
    );
  };
}
