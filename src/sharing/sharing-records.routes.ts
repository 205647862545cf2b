import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestContext } from '../auth/access.ts';
import type { AppDependencies } from '../dependencies.ts';
import { idParams, problemResponses } from '../http/schemas.ts';
import { sharingReaders, sharingTags } from './sharing-access.ts';
import { sharingRecordsSchema, viewSharingRecords } from './sharing-records.ts';

export function sharingRecordsRoutes({ db, clock }: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/people/:id/sharing-records',
      {
        config: { access: sharingReaders },
        schema: {
          tags: sharingTags,
          summary:
            'A person’s consent, capacity, best-interests and safeguarding records (the view is audited)',
          params: idParams,
          response: { 200: sharingRecordsSchema, ...problemResponses },
        },
      },
      async (request) =>
        viewSharingRecords(db, requestContext(request), { personId: request.params.id, clock }),
    );
  };
}
