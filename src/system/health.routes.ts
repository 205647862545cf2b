import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppDependencies } from '../dependencies.ts';

const healthSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z.object({ backend: z.enum(['pglite', 'postgres']), reachable: z.boolean() }),
});

export function healthRoutes({ db, backend }: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/healthz',
      {
        config: { access: 'public' },
        schema: {
          tags: ['System'],
          summary: 'Whether Liaison and its database are reachable',
          response: { 200: healthSchema, 503: healthSchema },
        },
      },
      async (_request, reply) => {
        let reachable = false;
        try {
          await sql`select 1`.execute(db);
          reachable = true;
        } catch {
          reachable = false;
        }
        return reply
          .code(reachable ? 200 : 503)
          .send({ status: reachable ? 'ok' : 'unavailable', database: { backend, reachable } });
      },
    );
  };
}
