import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext } from '../auth/access.ts';
import type { AppDependencies } from '../dependencies.ts';
import { idParams } from '../http/schemas.ts';
import {
  personRecordParams,
  sharingTags,
  sharingWriteProblems,
  sharingWriters,
} from '../sharing/sharing-access.ts';
import { consentSchema, createConsentBody, withdrawConsentBody } from './consent.schemas.ts';
import { presentConsentWithNames, recordConsent, withdrawConsent } from './consent.service.ts';

export function consentRoutes({ db, clock }: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/people/:id/consents',
      {
        config: { access: sharingWriters },
        schema: {
          tags: sharingTags,
          summary: 'Record consent to share, given by the person or their attorney or deputy',
          description:
            'Consent is never edited: to change it, record a new consent and withdraw the old one.',
          params: idParams,
          body: createConsentBody,
          response: { 201: consentSchema, ...sharingWriteProblems },
        },
      },
      async (request, reply) => {
        const context = requestContext(request);
        const consent = await recordConsent(db, context, request.params.id, request.body, clock);
        return reply.code(201).send(await presentConsentWithNames(db, context, consent, clock.now()));
      },
    );

    app.post(
      '/api/people/:id/consents/:recordId/withdraw',
      {
        config: { access: sharingWriters },
        schema: {
          tags: sharingTags,
          summary: 'Withdraw consent: the gate refuses from now on, and shares queued on it are held',
          params: personRecordParams,
          body: withdrawConsentBody,
          response: {
            200: z.object({ consent: consentSchema, heldShares: z.number().int() }),
            ...sharingWriteProblems,
          },
        },
      },
      async (request) => {
        const context = requestContext(request);
        const { consent, heldShares } = await withdrawConsent(
          db,
          context,
          request.params.id,
          request.params.recordId,
          request.body,
          clock,
        );
        return { consent: await presentConsentWithNames(db, context, consent, clock.now()), heldShares };
      },
    );
  };
}
