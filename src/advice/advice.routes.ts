import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext } from '../auth/access.ts';
import { careRecordReaders as readers, careRecordWriters as writers } from '../auth/role-groups.ts';
import type { AppDependencies } from '../dependencies.ts';
import { idParams, pageQuery, problemResponses, writeProblems } from '../http/schemas.ts';
import { adviceSchema, amendmentSchema, confirmBody, createAmendmentBody } from './advice.schemas.ts';
import {
  confirmAdvice,
  getAdvice,
  listAdviceAwaitingConfirmation,
  listCarePlanAmendments,
  listPersonAdvice,
  recordCarePlanAmendment,
  toAdviceResponse,
} from './advice.service.ts';

const tags = ['Advice and care-plan amendments'];

export function adviceRoutes({ db, clock }: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/people/:id/advice',
      {
        config: { access: readers },
        schema: {
          tags,
          summary: 'Advice about the person, with how it was confirmed and applied (audited)',
          params: idParams,
          response: { 200: z.object({ items: z.array(adviceSchema) }), ...problemResponses },
        },
      },
      async (request) => ({
        items: (
          await listPersonAdvice(db, requestContext(request), { personId: request.params.id, clock })
        ).map(toAdviceResponse),
      }),
    );

    app.get(
      '/api/advice/awaiting-confirmation',
      {
        config: { access: readers },
        schema: {
          tags,
          summary: 'Advice not yet confirmed in writing, oldest first',
          querystring: pageQuery,
          response: { 200: z.object({ items: z.array(adviceSchema) }), ...problemResponses },
        },
      },
      async (request) => ({
        items: (await listAdviceAwaitingConfirmation(db, requestContext(request), request.query)).map(
          toAdviceResponse,
        ),
      }),
    );

    app.post(
      '/api/advice/:id/confirmation',
      {
        config: { access: writers },
        schema: {
          tags,
          summary: 'Record written confirmation that arrived another way (a letter, an email)',
          params: idParams,
          body: confirmBody,
          response: { 200: adviceSchema, ...writeProblems },
        },
      },
      async (request) =>
        toAdviceResponse(
          await confirmAdvice(db, requestContext(request), {
            adviceId: request.params.id,
            ...request.body,
            clock,
          }),
        ),
    );

    app.get(
      '/api/advice/:id',
      {
        config: { access: readers },
        schema: {
          tags,
          summary: 'One piece of advice',
          params: idParams,
          response: { 200: adviceSchema, ...problemResponses },
        },
      },
      async (request) =>
        toAdviceResponse(await getAdvice(db, requestContext(request), { adviceId: request.params.id })),
    );

    app.get(
      '/api/people/:id/care-plan-amendments',
      {
        config: { access: readers },
        schema: {
          tags,
          summary: "Changes to the person's care plan and why (audited)",
          params: idParams,
          response: { 200: z.object({ items: z.array(amendmentSchema) }), ...problemResponses },
        },
      },
      async (request) => ({
        items: (
          await listCarePlanAmendments(db, requestContext(request), { personId: request.params.id, clock })
        ).map((amendment) => ({
          id: amendment.id,
          personId: amendment.person_id,
          adviceId: amendment.advice_id,
          adviceGivenBy: amendment.advice_given_by,
          advice: amendment.advice_text,
          whatChanged: amendment.what_changed,
          why: amendment.why,
          madeBy:
            amendment.made_by_name ??
            (amendment.made_by_type === 'api_token' ? 'A connected system' : 'Former member of staff'),
          madeAt: amendment.made_at.toISOString(),
        })),
      }),
    );

    app.post(
      '/api/people/:id/care-plan-amendments',
      {
        config: { access: writers },
        schema: {
          tags,
          summary: "Record a change to the person's care plan, and the advice it applies",
          params: idParams,
          body: createAmendmentBody,
          response: { 201: z.object({ id: z.uuid() }), ...problemResponses },
        },
      },
      async (request, reply) => {
        const amendment = await recordCarePlanAmendment(db, requestContext(request), {
          personId: request.params.id,
          amendment: request.body,
          clock,
        });
        return reply.code(201).send({ id: amendment.id });
      },
    );
  };
}
