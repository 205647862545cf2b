import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { anyStaff, requestContext, userAdministrators } from '../auth/access.ts';
import type { AppDependencies } from '../dependencies.ts';
import {
  eTagDescription,
  expectedVersion,
  ifMatchDescription,
  ifMatchHeaders,
  ifMatchProblems,
  requireIfMatch,
  withETag,
} from '../http/conditional.ts';
import { idParams, problemResponses } from '../http/schemas.ts';
import {
  createUserBody,
  listUsersQuery,
  toUserResponse,
  updateUserBody,
  userSchema,
} from './users.schemas.ts';
import { createUser, getUser, listUsers, updateUser } from './users.service.ts';

export function usersRoutes({ db, clock }: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/users',
      {
        config: { access: ['admin', 'registered_manager', 'manager', 'auditor'] },
        schema: {
          tags: ['Staff'],
          summary: 'List the staff of your organisation',
          querystring: listUsersQuery,
          response: { 200: z.object({ items: z.array(userSchema) }), ...problemResponses },
        },
      },
      async (request) => {
        const users = await listUsers(db, requestContext(request), request.query);
        return { items: users.map(toUserResponse) };
      },
    );

    app.get(
      '/api/users/:id',
      {
        config: { access: anyStaff },
        schema: {
          tags: ['Staff'],
          summary: 'One staff member',
          description: eTagDescription,
          params: idParams,
          response: { 200: userSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        withETag(reply, toUserResponse(await getUser(db, requestContext(request), request.params.id))),
    );

    app.post(
      '/api/users',
      {
        config: { access: userAdministrators },
        schema: {
          tags: ['Staff'],
          summary: 'Add a staff member',
          body: createUserBody,
          response: { 201: userSchema, ...problemResponses, 409: problemResponses[400] },
        },
      },
      async (request, reply) => {
        const user = await createUser(db, requestContext(request), request.body, clock);
        return reply.code(201).send(toUserResponse(user));
      },
    );

    app.patch(
      '/api/users/:id',
      {
        config: { access: userAdministrators },
        preValidation: requireIfMatch,
        schema: {
          tags: ['Staff'],
          summary: 'Change a staff member’s name or role, or disable their account',
          description: `${ifMatchDescription} In the staff list, the version is each member’s \`version\`.`,
          params: idParams,
          headers: ifMatchHeaders,
          body: updateUserBody,
          response: { 200: userSchema, ...problemResponses, ...ifMatchProblems },
        },
      },
      async (request, reply) =>
        withETag(
          reply,
          toUserResponse(
            await updateUser(
              db,
              requestContext(request),
              request.params.id,
              expectedVersion(request),
              request.body,
              clock,
            ),
          ),
        ),
    );
  };
}
