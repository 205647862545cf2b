import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestContext } from '../auth/access.ts';
import { chronologyReaders } from '../auth/role-groups.ts';
import type { AppDependencies } from '../dependencies.ts';
import { idParams, problemResponses } from '../http/schemas.ts';
import {
  chronologyOptions,
  chronologyPageSchema,
  chronologyQuery,
  toChronologyPageResponse,
} from './chronology.schemas.ts';
import { personChronology } from './chronology.service.ts';

export function chronologyRoutes({ db, clock }: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/people/:id/chronology',
      {
        config: { access: chronologyReaders },
        schema: {
          tags: ['Chronology'],
          summary: 'The person’s chronology from every record, newest first (audited)',
          description:
            'Partner message threads about the person, incidents they were affected by, consent and ' +
            'capacity decisions, advice, safeguarding shares and safeguarding concern entries, merged in ' +
            'time order. Paged: pass `nextBefore` as `before` for older entries.',
          params: idParams,
          querystring: chronologyQuery,
          response: { 200: chronologyPageSchema, ...problemResponses },
        },
      },
      async (request) =>
        toChronologyPageResponse(
          await personChronology(
            db,
            requestContext(request),
            { personId: request.params.id, ...chronologyOptions(request.query) },
            clock,
          ),
        ),
    );
  };
}
