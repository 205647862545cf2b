import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { anyStaff, requestContext } from '../auth/access.ts';
import { userAdministrators } from '../auth/role-groups.ts';
import type { AppDependencies } from '../dependencies.ts';
import { eTagDescription, expectedVersion, versionedUpdate, withETag } from '../http/conditional.ts';
import { problemResponses } from '../http/schemas.ts';
import {
  organisationSchema,
  toOrganisationResponse,
  updateOrganisationBody,
} from './organisations.schemas.ts';
import { getOrganisation, updateOrganisation } from './organisations.service.ts';

export function organisationsRoutes({ db, clock }: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/organisation',
      {
        config: { access: anyStaff },
        schema: {
          tags: ['Organisation'],
          summary: 'Your organisation',
          description: eTagDescription,
          response: { 200: organisationSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        withETag(reply, toOrganisationResponse(await getOrganisation(db, requestContext(request)))),
    );

    app.patch(
      '/api/organisation',
      versionedUpdate({
        access: userAdministrators,
        tags: ['Organisation'],
        summary: 'Change your organisation’s details (used in its policies and evidence)',
        body: updateOrganisationBody,
        answer: organisationSchema,
        problems: problemResponses,
      }),
      async (request, reply) =>
        withETag(
          reply,
          toOrganisationResponse(
            await updateOrganisation(db, requestContext(request), {
              expectedVersion: expectedVersion(request),
              input: request.body,
              clock,
            }),
          ),
        ),
    );
  };
}
