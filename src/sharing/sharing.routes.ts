import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext } from '../auth/access.ts';
import {
  managers as deciders,
  careRecordReaders as readers,
  registeredManagers,
  careRecordWriters as writers,
} from '../auth/role-groups.ts';
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
import { idParams, pageQuery, problemResponses, problemSchema } from '../http/schemas.ts';
import {
  agreementListQuery,
  agreementSchema,
  bestInterestsSchema,
  cancelHeldShareBody,
  capacityAssessmentSchema,
  consentSchema,
  createAgreementBody,
  createBestInterestsBody,
  createCapacityAssessmentBody,
  createConsentBody,
  createSafeguardingAuthorisationBody,
  heldShareSchema,
  lawfulBasisDefaultSchema,
  recordShareBody,
  revokeBody,
  safeguardingAuthorisationSchema,
  setLawfulBasisBody,
  shareDecisionSchema,
  shareLogEntrySchema,
  shareLogQuery,
  shareQuestionBody,
  shareRefusedProblemSchema,
  sharingPurposeSchema,
  sharingRecordsSchema,
  updateAgreementBody,
  withdrawConsentBody,
} from './sharing.schemas.ts';
import {
  authoriseSafeguardingShare,
  cancelHeldShare,
  checkShare,
  createAgreement,
  getAgreement,
  listAgreements,
  listHeldShares,
  listLawfulBases,
  presentConsentWithNames,
  recordBestInterestsDecision,
  recordCapacityAssessment,
  recordConsent,
  recordShare,
  revokeSafeguardingAuthorisation,
  setLawfulBasis,
  toAgreementResponse,
  updateAgreement,
  viewShareLog,
  viewSharingRecords,
  withdrawConsent,
} from './sharing.service.ts';

// Consent and capacity are care records: care staff read and record them, the auditor reads, admin
// (IT) does not see them. Decisions made for a person — best interests, sharing without consent for
// safeguarding — and what happens to a share held after withdrawal are for managers.
const tags = ['Consent and sharing'];
const writeProblems = { ...problemResponses, 409: problemSchema, 412: problemSchema };
const updateProblems = { ...writeProblems, ...ifMatchProblems };
const recordParams = z.strictObject({ id: z.uuid(), recordId: z.uuid() });

export function sharingRoutes({ db, clock }: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/people/:id/sharing-records',
      {
        config: { access: readers },
        schema: {
          tags,
          summary:
            'A person’s consent, capacity, best-interests and safeguarding records (the view is audited)',
          params: idParams,
          response: { 200: sharingRecordsSchema, ...problemResponses },
        },
      },
      async (request) => viewSharingRecords(db, requestContext(request), request.params.id, clock),
    );

    app.post(
      '/api/people/:id/consents',
      {
        config: { access: writers },
        schema: {
          tags,
          summary: 'Record consent to share, given by the person or their attorney or deputy',
          description:
            'Consent is never edited: to change it, record a new consent and withdraw the old one.',
          params: idParams,
          body: createConsentBody,
          response: { 201: consentSchema, ...writeProblems },
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
        config: { access: writers },
        schema: {
          tags,
          summary: 'Withdraw consent: the gate refuses from now on, and shares queued on it are held',
          params: recordParams,
          body: withdrawConsentBody,
          response: {
            200: z.object({ consent: consentSchema, heldShares: z.number().int() }),
            ...writeProblems,
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

    app.post(
      '/api/people/:id/capacity-assessments',
      {
        config: { access: writers },
        schema: {
          tags,
          summary:
            'Record a decision-specific capacity assessment (the outcome follows from the two-stage test)',
          params: idParams,
          body: createCapacityAssessmentBody,
          response: { 201: capacityAssessmentSchema, ...writeProblems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await recordCapacityAssessment(
              db,
              requestContext(request),
              request.params.id,
              request.body,
              clock,
            ),
          ),
    );

    app.post(
      '/api/people/:id/best-interests-decisions',
      {
        config: { access: deciders },
        schema: {
          tags,
          summary: 'Record a best-interests decision about sharing, for a person who lacks capacity for it',
          params: idParams,
          body: createBestInterestsBody,
          response: { 201: bestInterestsSchema, ...writeProblems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await recordBestInterestsDecision(
              db,
              requestContext(request),
              request.params.id,
              request.body,
              clock,
            ),
          ),
    );

    app.post(
      '/api/people/:id/safeguarding-authorisations',
      {
        // Sharing without consent is a person's decision, taken after confirming who they are.
        config: { access: deciders, freshAuthentication: true },
        schema: {
          tags,
          summary:
            'Authorise sharing without consent for safeguarding, with a written rationale (minimum necessary)',
          params: idParams,
          body: createSafeguardingAuthorisationBody,
          response: { 201: safeguardingAuthorisationSchema, ...writeProblems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await authoriseSafeguardingShare(
              db,
              requestContext(request),
              request.params.id,
              request.body,
              clock,
            ),
          ),
    );

    app.post(
      '/api/people/:id/safeguarding-authorisations/:recordId/revoke',
      {
        config: { access: deciders },
        schema: {
          tags,
          summary: 'Revoke a safeguarding authorisation; shares queued on it are held',
          params: recordParams,
          body: revokeBody,
          response: { 200: safeguardingAuthorisationSchema, ...writeProblems },
        },
      },
      async (request) =>
        revokeSafeguardingAuthorisation(
          db,
          requestContext(request),
          request.params.id,
          request.params.recordId,
          request.body.reason,
          clock,
        ),
    );

    app.post(
      '/api/people/:id/share-checks',
      {
        config: { access: readers },
        schema: {
          tags,
          summary: 'Can I share this? The gate’s answer and its reasons, without sharing anything',
          description: 'Nothing is shared. The question and its answer are audited.',
          params: idParams,
          body: shareQuestionBody,
          response: { 200: shareDecisionSchema, ...problemResponses },
        },
      },
      async (request) => checkShare(db, requestContext(request), request.params.id, request.body, clock),
    );

    app.post(
      '/api/people/:id/shares',
      {
        config: { access: writers },
        schema: {
          tags,
          summary: 'Record information shared outside Liaison (a call, a meeting), through the sharing gate',
          description:
            'The gate decides first. Allowed: the share is logged with its basis and lawful basis (201). Refused: the attempt is logged and the answer is 403 with every reason.',
          params: idParams,
          body: recordShareBody,
          response: { 201: shareLogEntrySchema, ...problemResponses, 403: shareRefusedProblemSchema },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await recordShare(db, requestContext(request), request.params.id, request.body, clock)),
    );

    app.get(
      '/api/people/:id/shares',
      {
        config: { access: readers },
        schema: {
          tags,
          summary: 'The share log: every share and refused attempt for the person, newest first',
          params: idParams,
          querystring: shareLogQuery,
          response: { 200: z.object({ items: z.array(shareLogEntrySchema) }), ...problemResponses },
        },
      },
      async (request) => ({
        items: await viewShareLog(db, requestContext(request), request.params.id, request.query, clock),
      }),
    );

    app.get(
      '/api/held-shares',
      {
        config: { access: deciders },
        schema: {
          tags,
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
        config: { access: deciders },
        schema: {
          tags,
          summary: 'Cancel a held share: it will not be sent',
          params: idParams,
          body: cancelHeldShareBody,
          response: { 204: z.null(), ...writeProblems },
        },
      },
      async (request, reply) => {
        await cancelHeldShare(db, requestContext(request), request.params.id, request.body.note, clock);
        return reply.code(204).send(null);
      },
    );

    // ---- information sharing agreements ----

    app.get(
      '/api/sharing-agreements',
      {
        config: { access: readers },
        schema: {
          tags,
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
        config: { access: deciders },
        schema: {
          tags,
          summary: 'Record an information sharing agreement with a partner organisation',
          body: createAgreementBody,
          response: { 201: agreementSchema, ...writeProblems },
        },
      },
      async (request, reply) => {
        const agreement = await createAgreement(db, requestContext(request), request.body, clock);
        return reply.code(201).send(toAgreementResponse(agreement, clock.now()));
      },
    );

    app.get(
      '/api/sharing-agreements/:id',
      {
        config: { access: readers },
        schema: {
          tags,
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
      {
        config: { access: deciders },
        preValidation: requireIfMatch,
        schema: {
          tags,
          summary: 'Change an information sharing agreement (for example, record its end date)',
          description: ifMatchDescription,
          params: idParams,
          headers: ifMatchHeaders,
          body: updateAgreementBody,
          response: { 200: agreementSchema, ...updateProblems },
        },
      },
      async (request, reply) =>
        withETag(
          reply,
          toAgreementResponse(
            await updateAgreement(
              db,
              requestContext(request),
              request.params.id,
              expectedVersion(request),
              request.body,
              clock,
            ),
            clock.now(),
          ),
        ),
    );

    // ---- lawful basis ----

    app.get(
      '/api/lawful-bases',
      {
        config: { access: readers },
        schema: {
          tags,
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
          tags,
          summary: 'Set the UK GDPR conditions recorded with shares for a purpose',
          description:
            'Replaces the whole setting for the purpose. Unlike changes to records, this takes no `If-Match`: the setting has no version, and a PUT sends all of it, so there is no partial change that a concurrent one could undo. When two managers set it at once, the later setting stands in full; each is in the audit trail with who made it and when.',
          params: z.strictObject({ purpose: sharingPurposeSchema }),
          body: setLawfulBasisBody,
          response: { 200: lawfulBasisDefaultSchema, ...writeProblems },
        },
      },
      async (request) => {
        const basis = await setLawfulBasis(
          db,
          requestContext(request),
          request.params.purpose,
          request.body,
          clock,
        );
        if (!basis) throw new Error('The lawful basis just set could not be read back.');
        return basis;
      },
    );
  };
}
