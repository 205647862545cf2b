import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestContext } from '../auth/access.ts';
import type { AppDependencies } from '../dependencies.ts';
import { idParams } from '../http/schemas.ts';
import {
  personRecordParams,
  sharingDeciders,
  sharingTags,
  sharingWriteProblems,
} from '../sharing/sharing-access.ts';
import {
  createSafeguardingAuthorisationBody,
  revokeBody,
  safeguardingAuthorisationSchema,
} from './safeguarding-authorisations.schemas.ts';
import {
  authoriseSafeguardingShare,
  revokeSafeguardingAuthorisation,
} from './safeguarding-authorisations.service.ts';

export function safeguardingAuthorisationRoutes({ db, clock }: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/people/:id/safeguarding-authorisations',
      {
        // Sharing without consent is a person's decision, taken after confirming who they are.
        config: { access: sharingDeciders, freshAuthentication: true },
        schema: {
          tags: sharingTags,
          summary:
            'Authorise sharing without consent for safeguarding, with a written rationale (minimum necessary)',
          params: idParams,
          body: createSafeguardingAuthorisationBody,
          response: { 201: safeguardingAuthorisationSchema, ...sharingWriteProblems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await authoriseSafeguardingShare(
              db,
              requestContext(request),
              request.params.id,
              request.body,
              clock,
            ),
          ),
    );

    app.post(
      '/api/people/:id/safeguarding-authorisations/:recordId/revoke',
      {
        config: { access: sharingDeciders },
        schema: {
          tags: sharingTags,
          summary: 'Revoke a safeguarding authorisation; shares queued on it are held',
          params: personRecordParams,
          body: revokeBody,
          response: { 200: safeguardingAuthorisationSchema, ...sharingWriteProblems },
        },
      },
      async (request) =>
        revokeSafeguardingAuthorisation(
          db,
          requestContext(request),
          request.params.id,
          request.params.recordId,
          request.body.reason,
          clock,
        ),
    );
  };
}
