import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext } from '../auth/access.ts';
import {
  managers as leaders,
  careRecordReaders as readers,
  careRecordWriters as recorders,
} from '../auth/role-groups.ts';
import type { AppDependencies } from '../dependencies.ts';
import { AppError } from '../errors.ts';
import { asAttachment } from '../http/attachment.ts';
import { eTagDescription, expectedVersion, versionedUpdate, withETag } from '../http/conditional.ts';
import { idParams, problemResponses, writeProblems } from '../http/schemas.ts';
import { sendMessageBody, sentMessageSchema } from '../partner-messages/partner-messages.schemas.ts';
import { organisationName } from '../partner-messages/partner-messages.service.ts';
import { shareRefusedProblemSchema } from '../sharing/sharing.schemas.ts';
import { closeIncident, reviewForExport, setFindings, viewReview } from './incident-closing.service.ts';
import { addLearningAction, completeLearningAction } from './incident-learning-actions.service.ts';
import { addMeasure, endMeasure, listMeasures } from './incident-measures.service.ts';
import { proposeMessages, sendIncidentMessage } from './incident-messages.service.ts';
import { addAffectedPeople, adjustAffectedPerson, viewAffectedPeople } from './incident-people.service.ts';
import { addRecord, listRecords } from './incident-records.service.ts';
import { incidentTimeline } from './incident-timeline.service.ts';
import {
  addMeasureBody,
  addPeopleBody,
  addRecordBody,
  adjustPersonBody,
  affectedPersonSchema,
  closeIncidentBody,
  createIncidentBody,
  earlierReviewFiguresSchema,
  endMeasureBody,
  findingsBody,
  incidentListQuery,
  incidentSchema,
  learningActionBody,
  learningActionParams,
  measureParams,
  measureSchema,
  personParams,
  proposalSchema,
  recordSchema,
  reviewFiguresSchema,
  timelineEntrySchema,
  timelineQuery,
  updateIncidentBody,
} from './incidents.schemas.ts';
import { createIncident, getIncident, listIncidents, updateIncident } from './incidents.service.ts';
import { reviewHtml, reviewPdf } from './review-export.ts';

const tags = ['Incidents'];

const reviewSchema = z
  .object({
    status: z.enum(['open', 'closed']),
    final: z.boolean().describe('False while the incident is open: the figures are a preview'),
    closedAt: z.string().nullable(),
    findings: z.string().nullable(),
    figures: z.union([reviewFiguresSchema, earlierReviewFiguresSchema]),
    learningActions: z.array(
      z.object({
        id: z.uuid(),
        action: z.string(),
        owner: z.string(),
        ownerId: z.uuid(),
        dueOn: z.string(),
        doneAt: z.string().nullable(),
      }),
    ),
    sinceClosing: z
      .array(timelineEntrySchema)
      .describe(
        'What happened after the incident closed (replies to its messages, measures recorded as ended), oldest first. The figures, kept as they stood at closing, do not count it',
      ),
  })
  .meta({ id: 'IncidentReview' });

export function incidentsRoutes({ db, clock, config }: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/incidents',
      {
        config: { access: readers },
        schema: {
          tags,
          summary: 'Incidents, newest first',
          querystring: incidentListQuery,
          response: { 200: z.object({ items: z.array(incidentSchema) }), ...problemResponses },
        },
      },
      async (request) => ({ items: await listIncidents(db, requestContext(request), request.query) }),
    );

    app.post(
      '/api/incidents',
      {
        config: { access: leaders },
        schema: {
          tags,
          summary: 'Open an incident',
          body: createIncidentBody,
          response: { 201: incidentSchema, ...writeProblems },
        },
      },
      async (request, reply) => {
        const incident = await createIncident(db, requestContext(request), { incident: request.body, clock });
        return reply.code(201).send(withETag(reply, incident));
      },
    );

    app.get(
      '/api/incidents/:id',
      {
        config: { access: readers },
        schema: {
          tags,
          summary: 'One incident',
          description: eTagDescription,
          params: idParams,
          response: { 200: incidentSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        withETag(reply, await getIncident(db, requestContext(request), { incidentId: request.params.id })),
    );

    app.patch(
      '/api/incidents/:id',
      versionedUpdate({
        access: leaders,
        tags,
        summary: 'Change the incident (title, summary, severity, end, lead, partner liaison, route)',
        params: idParams,
        body: updateIncidentBody,
        answer: incidentSchema,
        problems: writeProblems,
      }),
      async (request, reply) =>
        withETag(
          reply,
          await updateIncident(db, requestContext(request), {
            incidentId: request.params.id,
            changes: request.body,
            expectedVersion: expectedVersion(request),
            clock,
          }),
        ),
    );

    // ---- affected people ----

    app.get(
      '/api/incidents/:id/people',
      {
        config: { access: readers },
        schema: {
          tags,
          summary: 'The people affected, highest risk first, with the reasons',
          params: idParams,
          response: { 200: z.object({ items: z.array(affectedPersonSchema) }), ...problemResponses },
        },
      },
      async (request) => ({
        items: await viewAffectedPeople(db, requestContext(request), {
          incidentId: request.params.id,
          clock,
        }),
      }),
    );

    app.post(
      '/api/incidents/:id/people',
      {
        config: { access: leaders },
        schema: {
          tags,
          summary: 'Add the people at services or locations, or people one by one; each is ranked by risk',
          params: idParams,
          body: addPeopleBody,
          response: {
            200: z.object({ added: z.number().int(), people: z.array(affectedPersonSchema) }),
            ...writeProblems,
          },
        },
      },
      async (request) =>
        addAffectedPeople(db, requestContext(request), {
          incidentId: request.params.id,
          ...request.body,
          clock,
        }),
    );

    app.post(
      '/api/incidents/:id/people/:personId/adjustment',
      {
        config: { access: leaders },
        schema: {
          tags,
          summary: "Adjust a person's risk level (with a reason) or set their interim observation plan",
          params: personParams,
          body: adjustPersonBody,
          response: { 200: z.object({ items: z.array(affectedPersonSchema) }), ...writeProblems },
        },
      },
      async (request) => ({
        items: await adjustAffectedPerson(db, requestContext(request), {
          incidentId: request.params.id,
          personId: request.params.personId,
          ...request.body,
          clock,
        }),
      }),
    );

    // ---- interim measures ----

    app.get(
      '/api/incidents/:id/measures',
      {
        config: { access: readers },
        schema: {
          tags,
          summary: 'Interim measures, with owner and times',
          params: idParams,
          response: { 200: z.object({ items: z.array(measureSchema) }), ...problemResponses },
        },
      },
      async (request) => ({
        items: await listMeasures(db, requestContext(request), { incidentId: request.params.id }),
      }),
    );

    app.post(
      '/api/incidents/:id/measures',
      {
        config: { access: recorders },
        schema: {
          tags,
          summary:
            'Record an interim measure (room move, extra checks, equipment, alternative accommodation…)',
          params: idParams,
          body: addMeasureBody,
          response: { 201: measureSchema, ...writeProblems },
        },
      },
      async (request, reply) =>
        reply.code(201).send(
          await addMeasure(db, requestContext(request), {
            incidentId: request.params.id,
            measure: request.body,
            clock,
          }),
        ),
    );

    app.post(
      '/api/incidents/:id/measures/:measureId/end',
      {
        config: { access: recorders },
        schema: {
          tags,
          summary: 'Record when an interim measure ended',
          params: measureParams,
          body: endMeasureBody,
          response: { 200: measureSchema, ...writeProblems },
        },
      },
      async (request) =>
        endMeasure(db, requestContext(request), {
          incidentId: request.params.id,
          measureId: request.params.measureId,
          endedAt: request.body.endedAt,
          clock,
        }),
    );

    // ---- decision log, readings, hazards, notes ----

    app.get(
      '/api/incidents/:id/records',
      {
        config: { access: readers },
        schema: {
          tags,
          summary: 'The decision log, readings, hazards and notes',
          params: idParams,
          response: { 200: z.object({ items: z.array(recordSchema) }), ...problemResponses },
        },
      },
      async (request) => ({
        items: await listRecords(db, requestContext(request), { incidentId: request.params.id }),
      }),
    );

    app.post(
      '/api/incidents/:id/records',
      {
        config: { access: recorders },
        schema: {
          tags,
          summary: 'Record a decision (managers), or a reading, hazard or note',
          description:
            'Decisions record who and when (from the session), the evidence, the rationale and the advice relied on. Records are never edited: record a new one.',
          params: idParams,
          body: addRecordBody,
          response: { 201: recordSchema, ...writeProblems },
        },
      },
      async (request, reply) => {
        const context = requestContext(request);
        if (request.body.kind === 'decision' && !leaders.includes(context.actor.role!)) {
          throw new AppError(
            'forbidden',
            'Decisions on an incident are recorded by a manager or the registered manager.',
          );
        }
        return reply
          .code(201)
          .send(await addRecord(db, context, { incidentId: request.params.id, record: request.body, clock }));
      },
    );

    // ---- partner fan-out ----

    app.get(
      '/api/incidents/:id/proposed-messages',
      {
        config: { access: leaders },
        schema: {
          tags,
          summary:
            'The partner updates and requests the incident needs, prefilled, for review before sending',
          params: idParams,
          response: { 200: z.object({ items: z.array(proposalSchema) }), ...problemResponses },
        },
      },
      async (request) => ({
        items: await proposeMessages(db, requestContext(request), { incidentId: request.params.id, clock }),
      }),
    );

    app.post(
      '/api/incidents/:id/messages',
      {
        config: { access: leaders },
        schema: {
          tags,
          summary:
            "Send a message from the incident: the gate, the message rules and the incident's route apply",
          params: idParams,
          body: sendMessageBody,
          response: { 201: sentMessageSchema, ...writeProblems, 403: shareRefusedProblemSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(
          await sendIncidentMessage(db, requestContext(request), {
            incidentId: request.params.id,
            message: request.body,
            clock,
            config,
          }),
        ),
    );

    // ---- timeline and review ----

    app.get(
      '/api/incidents/:id/timeline',
      {
        config: { access: readers },
        schema: {
          tags,
          summary:
            'Everything on the incident in order: records, measures, messages, replies, escalations, decisions',
          params: idParams,
          querystring: timelineQuery,
          response: { 200: z.object({ items: z.array(timelineEntrySchema) }), ...problemResponses },
        },
      },
      async (request) => ({
        items: await incidentTimeline(db, requestContext(request), {
          incidentId: request.params.id,
          ...request.query,
          clock,
        }),
      }),
    );

    app.post(
      '/api/incidents/:id/close',
      {
        config: { access: leaders },
        schema: {
          tags,
          summary: 'Close the incident; its review is generated from the records',
          params: idParams,
          body: closeIncidentBody,
          response: { 200: reviewSchema, ...writeProblems },
        },
      },
      async (request) =>
        closeIncident(db, requestContext(request), { incidentId: request.params.id, ...request.body, clock }),
    );

    app.get(
      '/api/incidents/:id/review',
      {
        config: { access: readers },
        schema: {
          tags,
          summary: 'The post-incident review (a preview while the incident is open)',
          params: idParams,
          response: { 200: reviewSchema, ...problemResponses },
        },
      },
      async (request) => viewReview(db, requestContext(request), { incidentId: request.params.id, clock }),
    );

    app.post(
      '/api/incidents/:id/findings',
      {
        config: { access: leaders },
        schema: {
          tags,
          summary: "Record the lead's findings",
          params: idParams,
          body: findingsBody,
          response: { 200: reviewSchema, ...writeProblems },
        },
      },
      async (request) =>
        setFindings(db, requestContext(request), {
          incidentId: request.params.id,
          findings: request.body.findings,
          clock,
        }),
    );

    app.post(
      '/api/incidents/:id/learning-actions',
      {
        config: { access: leaders },
        schema: {
          tags,
          summary: 'Add a learning action with an owner and due date',
          params: idParams,
          body: learningActionBody,
          response: { 201: reviewSchema.shape.learningActions, ...writeProblems },
        },
      },
      async (request, reply) =>
        reply.code(201).send(
          await addLearningAction(db, requestContext(request), {
            incidentId: request.params.id,
            action: request.body,
            clock,
          }),
        ),
    );

    app.post(
      '/api/incidents/:id/learning-actions/:actionId/done',
      {
        config: { access: leaders },
        schema: {
          tags,
          summary: 'Mark a learning action done',
          params: learningActionParams,
          response: { 200: reviewSchema.shape.learningActions, ...writeProblems },
        },
      },
      async (request) =>
        completeLearningAction(db, requestContext(request), {
          incidentId: request.params.id,
          actionId: request.params.actionId,
          clock,
        }),
    );

    for (const format of ['html', 'pdf'] as const) {
      app.get(
        `/api/incidents/:id/review.${format}`,
        {
          config: { access: readers },
          schema: {
            tags,
            summary: `The review as ${format === 'html' ? 'a web page' : 'a PDF'}, for governance meetings (audited)`,
            params: idParams,
            response: { 200: z.any(), ...problemResponses },
          },
        },
        async (request, reply) => {
          const context = requestContext(request);
          const review = await reviewForExport(db, context, { incidentId: request.params.id, format, clock });
          const data = {
            organisationName: await organisationName(db, context.orgId),
            ...review,
            messageUrl: (messageId: string) =>
              `${config.publicUrl.replace(/\/$/, '')}/messages/${encodeURIComponent(messageId)}`,
          };
          const filename = `post-incident-review-${request.params.id}.${format}`;
          asAttachment(reply, filename);
          if (format === 'html') return reply.type('text/html; charset=utf-8').send(reviewHtml(data));
          return reply.type('application/pdf').send(await reviewPdf(data));
        },
      );
    }
  };
}
