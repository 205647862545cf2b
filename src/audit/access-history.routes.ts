import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestContext } from '../auth/access.ts';
import { accountableReaders as accessHistoryReaders } from '../auth/role-groups.ts';
import type { AppDependencies } from '../dependencies.ts';
import { problemResponses } from '../http/schemas.ts';
import {
  accessHistoryQuery,
  accessHistorySchema,
  auditActionsSchema,
  toAccessHistoryResponse,
} from './access-history.schemas.ts';
import { viewAccessHistory } from './access-history.service.ts';
import { actionLabel, actionPhrases } from './audit-labels.ts';

export function accessHistoryRoutes({ db, clock }: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/audit/access',
      {
        config: { access: accessHistoryReaders },
        schema: {
          tags: ['Audit'],
          summary:
            'Who accessed a record (entityType and entityId), what a staff member, API token or partner accessed (actorId), or both; by visit, newest first, with actions in words; the look-up is audited',
          querystring: accessHistoryQuery,
          response: { 200: accessHistorySchema, ...problemResponses },
        },
      },
      async (request) =>
        toAccessHistoryResponse(await viewAccessHistory(db, requestContext(request), request.query, clock)),
    );

    app.get(
      '/api/audit/actions',
      {
        config: { access: accessHistoryReaders },
        schema: {
          tags: ['Audit'],
          summary: 'Every kind of action the audit trail records, with its label in words (to filter by)',
          response: { 200: auditActionsSchema, ...problemResponses },
        },
      },
      async () => ({
        items: Object.keys(actionPhrases)
          .map((action) => ({ action, label: actionLabel(action, 'success') }))
          .sort((a, b) => a.label.localeCompare(b.label, 'en-GB')),
      }),
    );
  };
}
