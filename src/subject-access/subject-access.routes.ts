import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestContext } from '../auth/access.ts';
import { subjectAccessExporters } from '../auth/role-groups.ts';
import type { AppDependencies } from '../dependencies.ts';
import { asAttachment } from '../http/attachment.ts';
import { idParams, problemResponses } from '../http/schemas.ts';
import { subjectAccessExportSchema } from './subject-access.schemas.ts';
import { exportSubjectAccess } from './subject-access.service.ts';

export function subjectAccessRoutes({ db, clock }: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/people/:id/subject-access-export',
      {
        // Everything about a person in one file that leaves Liaison: a manager who has just
        // confirmed their password, never an API token.
        config: { access: subjectAccessExporters, freshAuthentication: true },
        schema: {
          tags: ['People supported'],
          summary: 'A copy of everything held about a person, for a subject access request (audited)',
          description:
            'Their record, representatives, circle of support, whole chronology, every share with a partner and every visit to their records, read at one moment, in words (no codes or ids) and as JSON. Sent as a file to save (Content-Disposition: attachment). Check it before sending: see `about.reviewBeforeSending`.',
          params: idParams,
          response: { 200: subjectAccessExportSchema, ...problemResponses },
        },
      },
      async (request, reply) => {
        const { copy, fileName } = await exportSubjectAccess(
          db,
          requestContext(request),
          request.params.id,
          clock,
        );
        return asAttachment(reply, fileName).send(copy);
      },
    );
  };
}
