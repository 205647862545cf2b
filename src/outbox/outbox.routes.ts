import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestContext } from '../auth/access.ts';
// Who sees every email the organisation sends, and why one did not go.
import { managers as outboxReaders } from '../auth/role-groups.ts';
import type { AppDependencies } from '../dependencies.ts';
import { problemResponses } from '../http/schemas.ts';
import { outboxQuery, outboxSchema } from './outbox.schemas.ts';
import { listOutbox } from './outbox.service.ts';

export function outboxRoutes({ db, config }: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/outbox',
      {
        config: { access: outboxReaders },
        schema: {
          tags: ['Outbox'],
          summary:
            "Every email in the organisation's outbox and where it is; whether a mail server is set up",
          description:
            'Newest first. Never the bodies or the links the emails carry. Without a mail server (SMTP_HOST) nothing is sent: emails wait here.',
          querystring: outboxQuery,
          response: { 200: outboxSchema, ...problemResponses },
        },
      },
      async (request) =>
        listOutbox(
          db,
          requestContext(request),
          { state: request.query.state, limit: request.query.limit, offset: request.query.offset },
          config,
        ),
    );
  };
}
