import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestContext } from '../auth/access.ts';
import type { AppDependencies } from '../dependencies.ts';
import { idParams } from '../http/schemas.ts';
import {
  sharingDeciders,
  sharingTags,
  sharingWriteProblems,
  sharingWriters,
} from '../sharing/sharing-access.ts';
import {
  bestInterestsSchema,
  capacityAssessmentSchema,
  createBestInterestsBody,
  createCapacityAssessmentBody,
} from './mental-capacity.schemas.ts';
import { recordBestInterestsDecision, recordCapacityAssessment } from './mental-capacity.service.ts';

export function mentalCapacityRoutes({ db, clock }: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/people/:id/capacity-assessments',
      {
        config: { access: sharingWriters },
        schema: {
          tags: sharingTags,
          summary:
            'Record a decision-specific capacity assessment (the outcome follows from the two-stage test)',
          params: idParams,
          body: createCapacityAssessmentBody,
          response: { 201: capacityAssessmentSchema, ...sharingWriteProblems },
        },
      },
      async (request, reply) =>
        reply.code(201).send(
          await recordCapacityAssessment(db, requestContext(request), {
            personId: request.params.id,
            input: request.body,
            clock,
          }),
        ),
    );

    app.post(
      '/api/people/:id/best-interests-decisions',
      {
        config: { access: sharingDeciders },
        schema: {
          tags: sharingTags,
          summary: 'Record a best-interests decision about sharing, for a person who lacks capacity for it',
          params: idParams,
          body: createBestInterestsBody,
          response: { 201: bestInterestsSchema, ...sharingWriteProblems },
        },
      },
      async (request, reply) =>
        reply.code(201).send(
          await recordBestInterestsDecision(db, requestContext(request), {
            personId: request.params.id,
            input: request.body,
            clock,
          }),
        ),
    );
  };
}
