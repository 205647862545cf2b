import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { anyStaff, requestContext } from '../auth/access.ts';
import type { AppDependencies } from '../dependencies.ts';
import { problemResponses } from '../http/schemas.ts';
import { homeWorkSchema } from './home.schemas.ts';
import { viewHomeWork } from './home.service.ts';

export function homeRoutes({ db, clock }: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/home/work',
      {
        // A person's own list: an API token has no work of its own.
        config: { access: anyStaff, personOnly: true },
        schema: {
          tags: ['Home'],
          summary: 'What needs you: each kind of work with how many, and the most urgent few (audited)',
          description:
            'Gathered for your organisation and role. A care worker sees the messages they sent, the actions ' +
            'they lead, open incidents and consent and capacity reviews; managers and the registered manager ' +
            'see the whole organisation, with safeguarding (concerns overdue for a decision or with a review ' +
            'trigger met, interim restrictions and authorisations to review) and partner contacts to check; ' +
            'the auditor sees what a manager sees, read-only; an admin, the partner contacts to check. ' +
            'Reviews show 14 days before they are due, actions 7.',
          response: { 200: homeWorkSchema, ...problemResponses },
        },
      },
      async (request) => viewHomeWork(db, requestContext(request), { clock }),
    );
  };
}
