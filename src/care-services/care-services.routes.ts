import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { anyStaff, requestContext } from '../auth/access.ts';
import { registerKeepers as serviceKeepers } from '../auth/role-groups.ts';
import type { AppDependencies } from '../dependencies.ts';
import { versionedChange, versionedUpdate, withETag } from '../http/conditional.ts';
import { idParams, pageQuery, problemResponses, writeProblems } from '../http/schemas.ts';
import {
  careServiceSchema,
  createCareServiceBody,
  toCareServiceResponse,
  updateCareServiceBody,
} from './care-services.schemas.ts';
import { createCareService, listCareServices, updateCareService } from './care-services.service.ts';

const tags = ['Services'];

export function careServicesRoutes({ db, clock }: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/care-services',
      {
        config: { access: anyStaff },
        schema: {
          tags,
          summary: 'The services and locations your organisation runs',
          querystring: pageQuery,
          response: { 200: z.object({ items: z.array(careServiceSchema) }), ...problemResponses },
        },
      },
      async (request) => {
        const services = await listCareServices(db, requestContext(request), request.query);
        return { items: services.map(toCareServiceResponse) };
      },
    );

    app.post(
      '/api/care-services',
      {
        config: { access: serviceKeepers },
        schema: {
          tags,
          summary: 'Add a service or location',
          body: createCareServiceBody,
          response: { 201: careServiceSchema, ...writeProblems },
        },
      },
      async (request, reply) => {
        const service = await createCareService(db, requestContext(request), request.body, clock);
        return reply.code(201).send(toCareServiceResponse(service));
      },
    );

    app.patch(
      '/api/care-services/:id',
      versionedUpdate({
        access: serviceKeepers,
        tags,
        summary: 'Rename a service or change its address',
        description: `The version is the service’s \`version\` in the list.`,
        params: idParams,
        body: updateCareServiceBody,
        answer: careServiceSchema,
        problems: writeProblems,
      }),
      async (request, reply) =>
        withETag(
          reply,
          toCareServiceResponse(
            await updateCareService(db, requestContext(request), versionedChange(request, clock)),
          ),
        ),
    );
  };
}
