import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { anyStaff, requestContext, userAdministrators } from '../auth/access.ts';
import { staffViewers } from '../auth/role-groups.ts';
import type { AppDependencies } from '../dependencies.ts';
import { eTagDescription, versionedChange, versionedUpdate, withETag } from '../http/conditional.ts';
import { idParams, pageQuery, problemResponses, writeProblems } from '../http/schemas.ts';
import {
  accountToSetUpSchema,
  colleagueSchema,
  completeSetUpBody,
  createdUserSchema,
  createUserBody,
  listUsersQuery,
  SET_UP_LINK_HEADER,
  setUpLinkHeaders,
  setUpLinkSchema,
  setUpLinkUrl,
  toColleagueResponse,
  toUserResponse,
  updateUserBody,
  userSchema,
} from './users.schemas.ts';
import {
  completeAccountSetUp,
  createUser,
  findAccountToSetUp,
  getColleague,
  getUser,
  listColleagues,
  listUsers,
  renewSetUpLink,
  updateUser,
} from './users.service.ts';

export function usersRoutes({ db, clock, config }: AppDependencies): FastifyPluginAsyncZod {
  const setUpLink = (link: { token: string; expiresAt: Date }) => ({
    url: setUpLinkUrl(config.publicUrl, link.token),
    expiresAt: link.expiresAt.toISOString(),
  });
  return async (app) => {
    app.get(
      '/api/users',
      {
        config: { access: staffViewers },
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
      '/api/colleagues',
      {
        config: { access: anyStaff },
        schema: {
          tags: ['Staff'],
          summary:
            'Your current colleagues who work with people, by name: whom a measure or action can name as owner',
          description:
            'Names and roles only, for every member of staff: no email addresses or other account details ' +
            '(those are in `GET /api/users`, for those who keep the staff list).',
          querystring: pageQuery,
          response: { 200: z.object({ items: z.array(colleagueSchema) }), ...problemResponses },
        },
      },
      async (request) => ({
        items: (await listColleagues(db, requestContext(request), request.query)).map(toColleagueResponse),
      }),
    );

    app.get(
      '/api/colleagues/:id',
      {
        config: { access: anyStaff },
        schema: {
          tags: ['Staff'],
          summary: 'One colleague’s name and role, current or former',
          params: idParams,
          response: { 200: colleagueSchema, ...problemResponses },
        },
      },
      async (request) =>
        toColleagueResponse(await getColleague(db, requestContext(request), request.params.id)),
    );

    app.get(
      '/api/users/:id',
      {
        // The account itself (email address, set-up state): for those who keep the staff list.
        // Anyone else names a colleague through GET /api/colleagues/:id.
        config: { access: staffViewers },
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
          description:
            'The account has no password: the answer carries a one-time set-up link (shown once, ' +
            'working for 72 hours) with which its owner chooses their own.',
          body: createUserBody,
          response: { 201: createdUserSchema, ...writeProblems },
        },
      },
      async (request, reply) => {
        const created = await createUser(db, requestContext(request), request.body, clock);
        return reply
          .code(201)
          .send({ ...toUserResponse(created.user), setUpLink: setUpLink(created.setUpLink) });
      },
    );

    app.post(
      '/api/users/:id/set-up-link',
      {
        config: { access: userAdministrators },
        schema: {
          tags: ['Staff'],
          summary: 'A new set-up link for an account whose owner has not yet chosen a password',
          description: 'Earlier links for the account stop working.',
          params: idParams,
          response: { 201: setUpLinkSchema, ...writeProblems },
        },
      },
      async (request, reply) => {
        const link = await renewSetUpLink(db, requestContext(request), request.params.id, clock);
        return reply.code(201).send(setUpLink(link));
      },
    );

    app.get(
      '/api/account-set-up',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Staff'],
          summary: 'Whose account a set-up link is for (the token after # in the link, in X-Set-Up-Link)',
          headers: setUpLinkHeaders,
          response: { 200: accountToSetUpSchema, ...problemResponses },
        },
      },
      async (request) => {
        const account = await findAccountToSetUp(db, {
          token: request.headers[SET_UP_LINK_HEADER],
          clock,
        });
        return { ...account, expiresAt: account.expiresAt.toISOString() };
      },
    );

    app.post(
      '/api/account-set-up',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Staff'],
          summary: 'Choose your password through your set-up link; then sign in as usual',
          headers: setUpLinkHeaders,
          body: completeSetUpBody,
          response: { 204: z.null(), ...problemResponses },
        },
      },
      async (request, reply) => {
        await completeAccountSetUp(db, {
          token: request.headers[SET_UP_LINK_HEADER],
          password: request.body.password,
          clock,
          requestId: request.id,
          ip: request.ip,
        });
        return reply.code(204).send(null);
      },
    );

    app.patch(
      '/api/users/:id',
      versionedUpdate({
        access: userAdministrators,
        tags: ['Staff'],
        summary: 'Change a staff member’s name or role, or disable their account',
        description: `In the staff list, the version is each member’s \`version\`.`,
        params: idParams,
        body: updateUserBody,
        answer: userSchema,
        problems: problemResponses,
      }),
      async (request, reply) =>
        withETag(
          reply,
          toUserResponse(await updateUser(db, requestContext(request), versionedChange(request, clock))),
        ),
    );
  };
}
