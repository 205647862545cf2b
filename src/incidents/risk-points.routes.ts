import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestContext } from '../auth/access.ts';
// Staff who read incidents, and the auditor, see the table; the registered manager sets it.
import { careRecordReaders as readers, registeredManagers as tableKeepers } from '../auth/role-groups.ts';
import type { AppDependencies } from '../dependencies.ts';
import { eTagDescription, expectedVersion, versionedUpdate, withETag } from '../http/conditional.ts';
import { problemResponses, writeProblems } from '../http/schemas.ts';
import { riskPointsQuery, riskPointsSchema, setRiskPointsBody } from './risk-points.schemas.ts';
import { setRiskPoints, viewRiskPoints } from './risk-points.service.ts';

const tags = ['Incidents'];

export function riskPointsRoutes({ db, clock }: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/incident-risk-points',
      {
        config: { access: readers },
        schema: {
          tags,
          summary: 'The risk points table that ranks the people an incident affects (or an earlier version)',
          description: eTagDescription,
          querystring: riskPointsQuery,
          response: { 200: riskPointsSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        withETag(
          reply,
          await viewRiskPoints(db, requestContext(request), { version: request.query.version }),
        ),
    );

    app.put(
      '/api/incident-risk-points',
      versionedUpdate({
        access: tableKeepers,
        tags,
        summary:
          "Set the organisation's risk points table, as a new version (people already ranked keep theirs)",
        body: setRiskPointsBody,
        answer: riskPointsSchema,
        problems: writeProblems,
      }),
      async (request, reply) =>
        withETag(
          reply,
          await setRiskPoints(db, requestContext(request), {
            table: request.body,
            expectedVersion: expectedVersion(request),
            clock,
          }),
        ),
    );
  };
}
