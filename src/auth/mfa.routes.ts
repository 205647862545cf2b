import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDependencies } from '../dependencies.ts';
import { AppError } from '../errors.ts';
import { idParams, problemResponses, writeProblems } from '../http/schemas.ts';
import {
  accessProblemCodes,
  requestContext,
  requireFreshAuthentication,
  userAdministrators,
} from './access.ts';
import { sessionBody, setSessionCookie } from './auth.routes.ts';
import {
  confirmEnrolmentBody,
  mfaEnrolmentSchema,
  mfaStatusSchema,
  reauthenticationBody,
  recoveryCodesSchema,
  secondFactorBody,
  sessionSchema,
} from './auth.schemas.ts';
import type { Authentication } from './auth.service.ts';
import {
  confirmMfaEnrolment,
  disableMfa,
  getMfaStatus,
  type RotatedSession,
  reauthenticate,
  regenerateRecoveryCodes,
  resetMfa,
  startMfaEnrolment,
  verifySecondFactor,
} from './mfa.service.ts';
import { registerRateLimits } from './rate-limit-store.ts';
import { loadOrCreateSecretKey, SecretBox } from './secret-box.ts';
import { hashToken } from './secrets.ts';

const tags = ['Sessions'];
const limitedProblems = { ...writeProblems, 429: problemResponses[400] };

/** The signed-in person behind a cookie session; API tokens have no authenticator or account. */
function personSession(request: FastifyRequest): Authentication & { sessionTokenHash: string } {
  const authentication = request.authentication;
  if (!authentication) throw new AppError('unauthenticated', 'Sign in to continue.');
  if (authentication.kind !== 'session' || !authentication.sessionTokenHash) {
    throw new AppError('forbidden', 'Only a person signed in to Liaison can do this, not an API token.', {
      extensions: { code: accessProblemCodes.personRequired },
    });
  }
  return authentication as Authentication & { sessionTokenHash: string };
}

export function mfaRoutes({ db, clock, config }: AppDependencies): FastifyPluginAsyncZod {
  const secretBox = new SecretBox(loadOrCreateSecretKey(config.mfaKeyFile));
  const options = { clock, secretBox };
  // Per-address limit on code guesses, beside the per-account throttle in the service.
  const perAddress = {
    max: config.signInAttemptsPerMinute,
    timeWindow: '1 minute',
    keyGenerator: (request: FastifyRequest) => request.ip,
  };

  /** The answer after the session was replaced: the new cookie, and the new session's body. */
  const rotatedAnswer = (authentication: Authentication, rotated: RotatedSession) =>
    sessionBody(db, {
      ...authentication,
      sessionTokenHash: hashToken(rotated.token),
      csrfToken: rotated.csrfToken,
      signInStep: 'complete',
      authenticatedAt: clock.now(),
    });

  return async (app) => {
    await registerRateLimits(app, { db, clock });

    app.post(
      '/api/session/second-factor',
      {
        config: { access: 'signed_in', partOfSignIn: true, rateLimit: perAddress },
        schema: {
          tags,
          summary: 'Finish signing in with the code from your authenticator app, or a recovery code',
          description:
            'Each code is accepted once, and only within 30 seconds either side of its time. The session ' +
            'is replaced (a new cookie and CSRF token). Repeated wrong codes make the account wait (429).',
          body: secondFactorBody,
          response: { 200: sessionSchema, ...limitedProblems },
        },
      },
      async (request, reply) => {
        const authentication = personSession(request);
        if (authentication.signInStep !== 'second_factor') {
          throw new AppError(
            'conflict',
            authentication.signInStep === 'complete'
              ? 'You have already finished signing in.'
              : 'Set up your authenticator app first.',
          );
        }
        const rotated = await verifySecondFactor(db, requestContext(request), {
          ...options,
          factor: request.body,
          sessionTokenHash: authentication.sessionTokenHash,
        });
        setSessionCookie(reply, config, rotated.token);
        return rotatedAnswer(authentication, rotated);
      },
    );

    app.post(
      '/api/session/reauthentication',
      {
        config: { access: 'signed_in', rateLimit: perAddress },
        schema: {
          tags,
          summary: 'Confirm your password (and code) again before a sensitive action',
          description:
            'Routes marked "needs re-authentication" answer 403 with code "reauthentication_required" unless ' +
            `this was done (or you signed in) in the last ${config.reauthenticationMs / 60_000} minutes. ` +
            'A person with an authenticator app sends its code (or a recovery code) too. The session is replaced.',
          body: reauthenticationBody,
          response: { 200: sessionSchema, ...limitedProblems },
        },
      },
      async (request, reply) => {
        const authentication = personSession(request);
        const rotated = await reauthenticate(db, requestContext(request), {
          ...options,
          password: request.body.password,
          factor: { code: request.body.code, recoveryCode: request.body.recoveryCode },
          sessionTokenHash: authentication.sessionTokenHash,
        });
        setSessionCookie(reply, config, rotated.token);
        return rotatedAnswer(authentication, rotated);
      },
    );

    app.get(
      '/api/account/mfa',
      {
        config: { access: 'signed_in' },
        schema: {
          tags,
          summary: 'Whether your authenticator app is set up, and how many recovery codes are left',
          response: { 200: mfaStatusSchema, ...problemResponses },
        },
      },
      async (request) => {
        const authentication = personSession(request);
        const status = await getMfaStatus(db, requestContext(request), { role: authentication.role });
        return { ...status, enabledAt: status.enabledAt?.toISOString() ?? null };
      },
    );

    app.post(
      '/api/account/mfa/enrolment',
      {
        config: { access: 'signed_in', partOfSignIn: true },
        schema: {
          tags,
          summary: 'Start setting up an authenticator app: a new secret, as a QR code and as text',
          description:
            'During sign-in (signInStep "enrolment") or, from a signed-in session, after re-authenticating. ' +
            'Nothing changes until the app’s first code is confirmed.',
          response: { 201: mfaEnrolmentSchema, ...limitedProblems },
        },
      },
      async (request, reply) => {
        const authentication = personSession(request);
        if (authentication.signInStep === 'second_factor') {
          throw new AppError('conflict', 'Your authenticator app is already set up: enter its code.');
        }
        // Outside sign-in, adding a second factor is a change to how the account is protected.
        if (authentication.signInStep === 'complete') {
          requireFreshAuthentication(authentication, clock.now(), config.reauthenticationMs);
        }
        const enrolment = await startMfaEnrolment(db, requestContext(request), {
          ...options,
          account: authentication.email ?? authentication.displayName,
        });
        return reply.code(201).send(enrolment);
      },
    );

    app.post(
      '/api/account/mfa/enrolment/confirm',
      {
        config: { access: 'signed_in', partOfSignIn: true, rateLimit: perAddress },
        schema: {
          tags,
          summary: 'Confirm the new authenticator app with its code; answers the recovery codes, once',
          body: confirmEnrolmentBody,
          response: {
            200: sessionSchema.extend({ recoveryCodes: z.array(z.string()) }),
            ...limitedProblems,
          },
        },
      },
      async (request, reply) => {
        const authentication = personSession(request);
        const { recoveryCodes, ...rotated } = await confirmMfaEnrolment(db, requestContext(request), {
          ...options,
          code: request.body.code,
          sessionTokenHash: authentication.sessionTokenHash,
        });
        setSessionCookie(reply, config, rotated.token);
        return { ...(await rotatedAnswer(authentication, rotated)), recoveryCodes };
      },
    );

    app.post(
      '/api/account/mfa/recovery-codes',
      {
        config: { access: 'signed_in', freshAuthentication: true },
        schema: {
          tags,
          summary: 'New recovery codes (needs re-authentication); the old ones stop working',
          response: { 200: recoveryCodesSchema, ...limitedProblems },
        },
      },
      async (request) => {
        personSession(request);
        return regenerateRecoveryCodes(db, requestContext(request), options);
      },
    );

    app.delete(
      '/api/account/mfa',
      {
        config: { access: 'signed_in', freshAuthentication: true },
        schema: {
          tags,
          summary: 'Turn your authenticator app off (needs re-authentication; not for roles that require it)',
          response: { 204: z.null(), ...limitedProblems },
        },
      },
      async (request, reply) => {
        const authentication = personSession(request);
        await disableMfa(db, requestContext(request), { clock, role: authentication.role });
        return reply.code(204).send(null);
      },
    );

    app.delete(
      '/api/users/:id/mfa',
      {
        config: { access: userAdministrators, freshAuthentication: true },
        schema: {
          tags: ['Users'],
          summary: 'Reset a staff member’s authenticator app (needs re-authentication)',
          description:
            'For a lost or replaced phone: their authenticator and recovery codes are removed and their ' +
            'sessions end. They set up a new authenticator at their next sign-in.',
          params: idParams,
          response: { 204: z.null(), ...problemResponses },
        },
      },
      async (request, reply) => {
        await resetMfa(db, requestContext(request), { clock, userId: request.params.id });
        return reply.code(204).send(null);
      },
    );
  };
}
