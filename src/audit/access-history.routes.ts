import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestContext } from '../auth/access.ts';
import type { AppDependencies } from '../dependencies.ts';
import { problemResponses } from '../http/schemas.ts';
import type { StaffRole } from '../users/users.table.ts';
import {
  accessHistoryQuery,
  accessHistorySchema,
  toAccessHistoryResponse,
} from './access-history.schemas.ts';
import { viewAccessHistory } from './access-history.service.ts';

/** Those who answer to inspectors for who saw what. Admin is IT, not care: not among them. */
export const accessHistoryReaders: readonly StaffRole[] = ['manager', 'registered_manager', 'auditor'];

export function accessHistoryRoutes({ db, clock }: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/audit/access',
      {
        config: { access: accessHistoryReaders },
        schema: {
          tags: ['Audit'],
          summary:
            'Who accessed a record (entityType and entityId), or what a staff member or API token accessed (actorId); newest first, and the look-up is audited',
          querystring: accessHistoryQuery,
          response: { 200: accessHistorySchema, ...problemResponses },
        },
      },
      async (request) =>
        toAccessHistoryResponse(await viewAccessHistory(db, requestContext(request), request.query, clock)),
    );
  };
}
