import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { registerRateLimits } from '../auth/rate-limit-store.ts';
import type { AppDependencies } from '../dependencies.ts';
import { problemResponses } from '../http/schemas.ts';
import { isMailConfigured } from '../mail/mailer.ts';
import {
  completePasswordReset,
  findAccountToReset,
  PASSWORD_RESET_REQUESTED,
  requestPasswordReset,
} from './password-reset.service.ts';
import {
  accountToSetUpSchema,
  completeSetUpBody,
  PASSWORD_RESET_LINK_HEADER,
  passwordResetLinkHeaders,
  passwordResetRequestBody,
  passwordResetRequestedSchema,
} from './users.schemas.ts';

/** Requests for a link from one address: enough for someone who mistypes, too few to flood an inbox. */
export const PASSWORD_RESET_REQUESTS_PER_ADDRESS = 5;

export function passwordResetRoutes({ db, clock, config }: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    await registerRateLimits(app, { db, clock });
    // The answer never waits for the work: whether an account has the address changes what is
    // done (a link made, an email queued), and the time an answer took would otherwise say so.
    // The server waits for work still running when it stops.
    const running = new Set<Promise<void>>();
    app.addHook('onClose', async () => {
      await Promise.allSettled([...running]);
    });

    app.post(
      '/api/password-reset-requests',
      {
        config: {
          access: 'public',
          rateLimit: {
            max: PASSWORD_RESET_REQUESTS_PER_ADDRESS,
            timeWindow: '15 minutes',
            keyGenerator: (request) => request.ip,
          },
        },
        schema: {
          tags: ['Staff'],
          summary: 'Ask for a link to choose a new password, sent to the account’s email address',
          description:
            'The answer is the same whether or not an account has the address, and is given before ' +
            'anything is looked up. A link goes only to an account in use that has a password, at most ' +
            'three an hour; it works once, for 30 minutes. Needs a mail server (SMTP_HOST).',
          body: passwordResetRequestBody,
          response: {
            202: passwordResetRequestedSchema,
            400: problemResponses[400],
            429: problemResponses[400],
          },
        },
      },
      async (request, reply) => {
        const work = requestPasswordReset(db, {
          email: request.body.email,
          clock,
          requestId: request.id,
          ip: request.ip,
          settings: {
            publicUrl: config.publicUrl,
            keyFile: config.mfaKeyFile,
            mailConfigured: isMailConfigured(config.smtp),
          },
        }).catch((error: unknown) => {
          request.log.error({ err: error }, 'A request for a link to choose a new password failed');
        });
        running.add(work);
        void work.finally(() => running.delete(work));
        return reply.code(202).send({ detail: PASSWORD_RESET_REQUESTED });
      },
    );

    app.get(
      '/api/password-reset',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Staff'],
          summary:
            'Whose account a link to choose a new password is for (the token after # in the link, in X-Password-Reset-Link)',
          headers: passwordResetLinkHeaders,
          response: { 200: accountToSetUpSchema, ...problemResponses },
        },
      },
      async (request) => {
        const account = await findAccountToReset(db, {
          token: request.headers[PASSWORD_RESET_LINK_HEADER],
          clock,
        });
        return { ...account, expiresAt: account.expiresAt.toISOString() };
      },
    );

    app.post(
      '/api/password-reset',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Staff'],
          summary:
            'Choose a new password through the link; every session of the account ends, and signing in still needs its authenticator code',
          headers: passwordResetLinkHeaders,
          body: completeSetUpBody,
          response: { 204: z.null(), ...problemResponses },
        },
      },
      async (request, reply) => {
        await completePasswordReset(db, {
          token: request.headers[PASSWORD_RESET_LINK_HEADER],
          password: request.body.password,
          clock,
          requestId: request.id,
          ip: request.ip,
        });
        return reply.code(204).send(null);
      },
    );
  };
}
