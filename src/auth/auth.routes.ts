import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { AppDependencies } from '../dependencies.ts';
import { AppError } from '../errors.ts';
import { idParams, problemResponses, writeProblems } from '../http/schemas.ts';
import { getOrganisation } from '../organisations/organisations.service.ts';
import { requestContext, sessionCookieName } from './access.ts';
import {
  apiTokenSchema,
  type apiTokenStatuses,
  createApiTokenBody,
  createdApiTokenSchema,
  sessionSchema,
  signInBody,
} from './auth.schemas.ts';
import {
  type Authentication,
  createApiToken,
  decideApiToken,
  listApiTokens,
  revokeApiToken,
  signIn,
  signOut,
} from './auth.service.ts';
import type { ApiTokenApprovalStatus } from './auth.table.ts';
import { registerRateLimits } from './rate-limit-store.ts';
import { registeredManagers, userAdministrators as tokenManagers } from './role-groups.ts';

/** What GET /api/session answers: who is signed in, their CSRF token, and what is left of signing in. */
export async function sessionBody(db: Db, authentication: Authentication) {
  const organisation = await getOrganisation(db, {
    orgId: authentication.orgId,
    actor: { type: 'user', id: authentication.actorId, role: authentication.role },
    requestId: null,
    ip: null,
  });
  return {
    user: {
      id: authentication.actorId,
      displayName: authentication.displayName,
      email: authentication.email,
      role: authentication.role,
    },
    organisation: { id: organisation.id, name: organisation.name },
    csrfToken: authentication.csrfToken,
    signInStep: authentication.signInStep,
  };
}

function apiTokenStatus(
  token: { approval_status: ApiTokenApprovalStatus; revoked_at: Date | null; expires_at: Date | null },
  now: Date,
): (typeof apiTokenStatuses)[number] {
  if (token.revoked_at) return 'revoked';
  if (token.approval_status === 'awaiting') return 'awaiting_approval';
  if (token.approval_status === 'refused') return 'refused';
  if (token.expires_at && token.expires_at <= now) return 'expired';
  return 'active';
}

export function setSessionCookie(reply: FastifyReply, config: Config, token: string): void {
  reply.setCookie(sessionCookieName(config.cookieSecure), token, {
    path: '/',
    httpOnly: true,
    secure: config.cookieSecure,
    sameSite: 'lax',
    maxAge: Math.floor(config.sessionAbsoluteMs / 1000),
  });
}

export function authRoutes({ db, clock, config }: AppDependencies): FastifyPluginAsyncZod {
  const cookieName = sessionCookieName(config.cookieSecure);
  const policy = { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs };

  return async (app) => {
    // Per-address limit on sign-in attempts, beside the per-account throttle in the service:
    // one address cannot try many accounts, and one account cannot be tried from many addresses.
    await registerRateLimits(app, { db, clock });

    app.post(
      '/api/session',
      {
        config: {
          access: 'public',
          rateLimit: {
            max: config.signInAttemptsPerMinute,
            timeWindow: '1 minute',
            keyGenerator: (request) => request.ip,
          },
        },
        schema: {
          tags: ['Sessions'],
          summary: 'Sign in with email and password (starts a cookie session)',
          description:
            'When the answer’s signInStep is not "complete", the session may only finish signing in ' +
            '(POST /api/session/second-factor, or set up an authenticator at /api/account/mfa/enrolment), ' +
            'read GET /api/session, or sign out; anything else answers 401 with code "mfa_required".',
          body: signInBody,
          response: { 200: sessionSchema, ...problemResponses, 429: problemResponses[400] },
        },
      },
      async (request, reply) => {
        const { token, authentication } = await signIn(db, {
          email: request.body.email,
          password: request.body.password,
          clock,
          policy,
          requestId: request.id,
          ip: request.ip,
        });
        setSessionCookie(reply, config, token);
        return sessionBody(db, authentication);
      },
    );

    app.get(
      '/api/session',
      {
        config: { access: 'signed_in', partOfSignIn: true },
        schema: {
          tags: ['Sessions'],
          summary: 'Who is signed in, and what is left of signing in (signInStep)',
          response: { 200: sessionSchema, ...problemResponses },
        },
      },
      async (request) => {
        if (!request.authentication) throw new AppError('unauthenticated', 'Sign in to continue.');
        return sessionBody(db, request.authentication);
      },
    );

    app.delete(
      '/api/session',
      {
        config: { access: 'signed_in', partOfSignIn: true },
        schema: {
          tags: ['Sessions'],
          summary: 'Sign out (ends the session on the server)',
          response: { 204: z.null(), ...problemResponses },
        },
      },
      async (request, reply) => {
        const tokenHash = request.authentication?.sessionTokenHash;
        if (!tokenHash)
          throw new AppError(
            'bad_request',
            'Only a cookie session can be signed out; revoke API tokens instead.',
          );
        await signOut(db, requestContext(request), { tokenHash, clock });
        reply.clearCookie(cookieName, {
          path: '/',
          httpOnly: true,
          secure: config.cookieSecure,
          sameSite: 'lax',
        });
        reply.header('Clear-Site-Data', '"cache", "cookies", "storage"');
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/api-tokens',
      {
        config: { access: tokenManagers },
        schema: {
          tags: ['API tokens'],
          summary: 'API tokens of your organisation (never the token values), with those awaiting approval',
          response: { 200: z.object({ items: z.array(apiTokenSchema) }), ...problemResponses },
        },
      },
      async (request) => {
        const tokens = await listApiTokens(db, requestContext(request));
        const now = clock.now();
        return {
          items: tokens.map((token) => ({
            id: token.id,
            name: token.name,
            role: token.role,
            status: apiTokenStatus(token, now),
            requestedBy: token.created_by_name,
            createdAt: token.created_at.toISOString(),
            expiresAt: token.expires_at?.toISOString() ?? null,
            revokedAt: token.revoked_at?.toISOString() ?? null,
            decidedAt: token.decided_at?.toISOString() ?? null,
          })),
        };
      },
    );

    app.post(
      '/api/api-tokens',
      {
        // A token may not create tokens: each is created by a named person (created_by).
        config: { access: tokenManagers, personOnly: true },
        schema: {
          tags: ['API tokens'],
          summary: 'Create an API token for a system, with the role it acts as',
          description:
            'A token whose role reads people’s records (any role but admin), created by an admin, ' +
            'works only once a registered manager approves it (POST /api/api-tokens/{id}/approval).',
          body: createApiTokenBody,
          response: { 201: createdApiTokenSchema, ...problemResponses },
        },
      },
      async (request, reply) => {
        const created = await createApiToken(db, requestContext(request), {
          name: request.body.name,
          role: request.body.role,
          expiresAt: request.body.expiresAt ? new Date(request.body.expiresAt) : null,
          clock,
        });
        return reply.code(201).send({
          ...created,
          createdAt: created.createdAt.toISOString(),
          expiresAt: created.expiresAt?.toISOString() ?? null,
        });
      },
    );

    app.delete(
      '/api/api-tokens/:id',
      {
        config: { access: tokenManagers },
        schema: {
          tags: ['API tokens'],
          summary: 'Revoke an API token (takes effect on its next request)',
          params: idParams,
          response: { 204: z.null(), ...problemResponses },
        },
      },
      async (request, reply) => {
        await revokeApiToken(db, requestContext(request), { id: request.params.id, clock });
        return reply.code(204).send(null);
      },
    );

    for (const [path, decision, summary] of [
      ['approval', 'approved', 'Approve an API token awaiting approval: it works from its next request'],
      ['refusal', 'refused', 'Refuse an API token awaiting approval: it never works'],
    ] as const) {
      app.post(
        `/api/api-tokens/:id/${path}`,
        {
          // A person's decision to let a system read people's records: fresh sign-in, no tokens.
          config: { access: registeredManagers, freshAuthentication: true },
          schema: {
            tags: ['API tokens'],
            summary,
            params: idParams,
            response: { 204: z.null(), ...writeProblems },
          },
        },
        async (request, reply) => {
          await decideApiToken(db, requestContext(request), { id: request.params.id, decision, clock });
          return reply.code(204).send(null);
        },
      );
    }
  };
}
