import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext } from '../auth/access.ts';
import { registeredManagers } from '../auth/role-groups.ts';
import type { AppDependencies } from '../dependencies.ts';
import { eTagDescription, versionedChange, versionedUpdate, withETag } from '../http/conditional.ts';
import { idParams, pageQuery, problemResponses } from '../http/schemas.ts';
import { listLawfulBases, setLawfulBasis } from './lawful-basis.ts';
import {
  agreementListQuery,
  agreementSchema,
  cancelHeldShareBody,
  createAgreementBody,
  heldShareSchema,
  lawfulBasisDefaultSchema,
  recordShareBody,
  setLawfulBasisBody,
  shareDecisionSchema,
  shareLogEntrySchema,
  shareLogQuery,
  shareQuestionBody,
  shareRefusedProblemSchema,
  sharingPurposeSchema,
  updateAgreementBody,
} from './sharing.schemas.ts';
import { cancelHeldShare, checkShare, listHeldShares, recordShare, viewShareLog } from './sharing.service.ts';
import {
  sharingDeciders,
  sharingReaders,
  sharingTags,
  sharingWriteProblems,
  sharingWriters,
} from './sharing-access.ts';
import {
  createAgreement,
  getAgreement,
  listAgreements,
  toAgreementResponse,
  updateAgreement,
} from './sharing-agreements.service.ts';

export function sharingRoutes({ db, clock }: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/people/:id/share-checks',
      {
        config: { access: sharingReaders },
        schema: {
          tags: sharingTags,
          summary: 'Can I share this? The gate’s answer and its reasons, without sharing anything',
          description: 'Nothing is shared. The question and its answer are audited.',
          params: idParams,
          body: shareQuestionBody,
          response: { 200: shareDecisionSchema, ...problemResponses },
        },
      },
      async (request) =>
        checkShare(db, requestContext(request), { personId: request.params.id, input: request.body, clock }),
    );

    app.post(
      '/api/people/:id/shares',
      {
        config: { access: sharingWriters },
        schema: {
          tags: sharingTags,
          summary: 'Record information shared outside Liaison (a call, a meeting), through the sharing gate',
          description:
            'The gate decides first. Allowed: the share is logged with its basis and lawful basis (201). Refused: the attempt is logged and the answer is 403 with every reason.',
          params: idParams,
          body: recordShareBody,
          response: { 201: shareLogEntrySchema, ...problemResponses, 403: shareRefusedProblemSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(
          await recordShare(db, requestContext(request), {
            personId: request.params.id,
            input: request.body,
            clock,
          }),
        ),
    );

    app.get(
      '/api/people/:id/shares',
      {
        config: { access: sharingReaders },
        schema: {
          tags: sharingTags,
          summary: 'The share log: every share and refused attempt for the person, newest first',
          description:
            'Shares for safeguarding are need-to-know: they are listed for managers, the registered manager and the auditor, and for whoever made them; anyone else is not shown them.',
          params: idParams,
          querystring: shareLogQuery,
          response: { 200: z.object({ items: z.array(shareLogEntrySchema) }), ...problemResponses },
        },
      },
      async (request) => ({
        items: await viewShareLog(db, requestContext(request), {
          personId: request.params.id,
          ...request.query,
          clock,
        }),
      }),
    );

    app.get(
      '/api/held-shares',
      {
        config: { access: sharingDeciders },
        schema: {
          tags: sharingTags,
          summary: 'Shares held because the consent or authorisation they rested on was withdrawn',
          querystring: pageQuery.extend({ personId: z.uuid().optional() }),
          response: { 200: z.object({ items: z.array(heldShareSchema) }), ...problemResponses },
        },
      },
      async (request) => ({ items: await listHeldShares(db, requestContext(request), request.query) }),
    );

    app.post(
      '/api/held-shares/:id/cancel',
      {
        config: { access: sharingDeciders },
        schema: {
          tags: sharingTags,
          summary: 'Cancel a held share: it will not be sent',
          params: idParams,
          body: cancelHeldShareBody,
          response: { 204: z.null(), ...sharingWriteProblems },
        },
      },
      async (request, reply) => {
        await cancelHeldShare(db, requestContext(request), {
          shareId: request.params.id,
          note: request.body.note,
          clock,
        });
        return reply.code(204).send(null);
      },
    );

    // ---- information sharing agreements ----

    app.get(
      '/api/sharing-agreements',
      {
        config: { access: sharingReaders },
        schema: {
          tags: sharingTags,
          summary: 'Information sharing agreements with partner organisations',
          querystring: agreementListQuery,
          response: { 200: z.object({ items: z.array(agreementSchema) }), ...problemResponses },
        },
      },
      async (request) => {
        const agreements = await listAgreements(db, requestContext(request), request.query);
        const now = clock.now();
        return { items: agreements.map((agreement) => toAgreementResponse(agreement, now)) };
      },
    );

    app.post(
      '/api/sharing-agreements',
      {
        config: { access: sharingDeciders },
        schema: {
          tags: sharingTags,
          summary: 'Record an information sharing agreement with a partner organisation',
          body: createAgreementBody,
          response: { 201: agreementSchema, ...sharingWriteProblems },
        },
      },
      async (request, reply) => {
        const agreement = await createAgreement(db, requestContext(request), { input: request.body, clock });
        return reply.code(201).send(toAgreementResponse(agreement, clock.now()));
      },
    );

    app.get(
      '/api/sharing-agreements/:id',
      {
        config: { access: sharingReaders },
        schema: {
          tags: sharingTags,
          summary: 'One information sharing agreement',
          description: eTagDescription,
          params: idParams,
          response: { 200: agreementSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        withETag(
          reply,
          toAgreementResponse(
            await getAgreement(db, requestContext(request), request.params.id),
            clock.now(),
          ),
        ),
    );

    app.patch(
      '/api/sharing-agreements/:id',
      versionedUpdate({
        access: sharingDeciders,
        tags: sharingTags,
        summary: 'Change an information sharing agreement (for example, record its end date)',
        params: idParams,
        body: updateAgreementBody,
        answer: agreementSchema,
        problems: sharingWriteProblems,
      }),
      async (request, reply) =>
        withETag(
          reply,
          toAgreementResponse(
            await updateAgreement(db, requestContext(request), versionedChange(request, clock)),
            clock.now(),
          ),
        ),
    );

    // ---- lawful basis ----

    app.get(
      '/api/lawful-bases',
      {
        config: { access: sharingReaders },
        schema: {
          tags: sharingTags,
          summary: 'The UK GDPR conditions each share records, by purpose',
          response: { 200: z.object({ items: z.array(lawfulBasisDefaultSchema) }), ...problemResponses },
        },
      },
      async (request) => ({ items: await listLawfulBases(db, requestContext(request)) }),
    );

    app.put(
      '/api/lawful-bases/:purpose',
      {
        config: { access: registeredManagers },
        schema: {
          tags: sharingTags,
          summary: 'Set the UK GDPR conditions recorded with shares for a purpose',
          description:
            'Replaces the whole setting for the purpose. Unlike changes to records, this takes no `If-Match`: the setting has no version, and a PUT sends all of it, so there is no partial change that a concurrent one could undo. When two managers set it at once, the later setting stands in full; each is in the audit trail with who made it and when.',
          params: z.strictObject({ purpose: sharingPurposeSchema }),
          body: setLawfulBasisBody,
          response: { 200: lawfulBasisDefaultSchema, ...sharingWriteProblems },
        },
      },
      async (request) => {
        const basis = await setLawfulBasis(db, requestContext(request), {
          purpose: request.params.purpose,
          input: request.body,
          clock,
        });
        if (!basis) throw new Error('The lawful basis just set could not be read back.');
        return basis;
      },
    );
  };
}
