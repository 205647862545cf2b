import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext } from '../auth/access.ts';
// Staff who act on items; a care worker sees the items addressed to them.
import { careRecordWriters as actors } from '../auth/role-groups.ts';
import type { AppDependencies } from '../dependencies.ts';
import { idParams, pageQuery, problemResponses, writeProblems } from '../http/schemas.ts';
import { attentionItemSchema, listAttentionQuery, resolveAttentionBody } from './attention.schemas.ts';
import { listAttention, resolveAttention } from './attention.service.ts';

const tags = ['Needs attention'];

export function attentionRoutes({ db, clock }: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/attention',
      {
        config: { access: actors },
        schema: {
          tags,
          summary:
            '"Needs attention": escalations to managers, calls to make, emails that failed, triggers met',
          description:
            'The registered manager and managers see every item; a care worker sees the items addressed to them ' +
            '(on messages they sent). An item names what it is about; opening that record is decided by its own page.',
          querystring: pageQuery.extend(listAttentionQuery.shape),
          response: { 200: z.object({ items: z.array(attentionItemSchema) }), ...problemResponses },
        },
      },
      async (request) => ({
        items: await listAttention(db, requestContext(request), {
          open: request.query.open === 'true',
          limit: request.query.limit,
          offset: request.query.offset,
        }),
      }),
    );

    app.post(
      '/api/attention/:id/resolve',
      {
        config: { access: actors },
        schema: {
          tags,
          summary: 'Mark an item dealt with',
          params: idParams,
          body: resolveAttentionBody,
          response: { 204: z.null(), ...writeProblems },
        },
      },
      async (request, reply) => {
        await resolveAttention(
          db,
          requestContext(request),
          { id: request.params.id, note: request.body.note ?? null },
          clock,
        );
        return reply.code(204).send(null);
      },
    );
  };
}
