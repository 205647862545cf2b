import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { managers, requestContext } from '../auth/access.ts';
import { accountableReaders, careRecordReaders, careRecordWriters } from '../auth/role-groups.ts';
import { chronologyOptions, chronologyQuery } from '../chronology/chronology.schemas.ts';
import type { AppDependencies } from '../dependencies.ts';
import { asAttachment } from '../http/attachment.ts';
import { eTagDescription, expectedVersion, versionedUpdate, withETag } from '../http/conditional.ts';
import { idParams, problemResponses, writeProblems } from '../http/schemas.ts';
import { addConcernEntry, concernChronology, triggerInWords } from './concern-entries.service.ts';
import {
  concernCounts,
  concernPatterns,
  relatedConcerns,
  resolveConcernAlert,
} from './concern-patterns.service.ts';
import {
  addPlan,
  addRestriction,
  addTrigger,
  endPlan,
  endRestriction,
  endTrigger,
  listRestrictionRegister,
  reviewRestriction,
} from './concern-plans.service.ts';
import {
  getSettings,
  recordLocalAuthorityDecision,
  recordThresholdAdvice,
  referralDraft,
  requestThresholdAdvice,
  saveSettings,
  sendReferral,
} from './concern-referrals.service.ts';
import {
  addEntryBody,
  addPlanBody,
  addRestrictionBody,
  addTriggerBody,
  advocacyBody,
  changeStatusBody,
  closeConcernBody,
  concernChildParams,
  concernChronologyPageSchema,
  concernListItemSchema,
  concernListQuery,
  concernSchema,
  concernSummarySchema,
  countsSchema,
  decisionBody,
  endBody,
  entrySchema,
  exportBody,
  patternsQuery,
  patternsSchema,
  raiseConcernBody,
  recordAdviceBody,
  referralDraftSchema,
  relatedSchema,
  requestAdviceBody,
  resolveAlertBody,
  restrictionListQuery,
  restrictionSchema,
  reviewRestrictionBody,
  sendReferralBody,
  settingsBody,
  settingsSchema,
  toAdviceResponse,
  toConcernChronologyPage,
  toConcernListItem,
  toConcernSummary,
  toEntryResponse,
  toPatternConcern,
  toPlanResponse,
  toRestrictionResponse,
  toTriggerResponse,
  updateConcernBody,
} from './safeguarding.schemas.ts';
import {
  changeConcernStatus,
  closeConcern,
  listConcernSummaries,
  listConcerns,
  raiseConcern,
  recordAdvocacy,
  updateConcern,
  viewConcern,
  viewConcernSummary,
} from './safeguarding.service.ts';
import { exportConcernChronology } from './safeguarding-export.ts';

const tags = ['Safeguarding'];
/** Full detail: managers, the registered manager, and the auditor (read-only). */
const fullReaders = accountableReaders;
/** Raise concerns and add chronology entries. */
const recorders = careRecordWriters;
/** The need-to-know summary. Admin (IT) reads no care records. */
const summaryReaders = careRecordReaders;

export function safeguardingRoutes({ db, clock, config }: AppDependencies): FastifyPluginAsyncZod {
  const settings = { clock, config };
  return async (app) => {
    const fullConcern = async (context: ReturnType<typeof requestContext>, id: string) => {
      const view = await viewConcern(db, context, id, clock);
      const prompt = view.alerts.some((alert) => alert.kind === 'trigger_met')
        ? 'A review trigger was met: consider escalating (threshold advice or a section 42 referral).'
        : null;
      const concern = view.concern;
      return {
        ...toConcernListItem(concern, view.now),
        occurredAt: concern.occurred_at.toISOString(),
        whatHappened: concern.what_happened,
        locationDetail: concern.location_detail,
        sourceKind: concern.source_kind,
        sourcePersonId: concern.source_person_id,
        sourceDescription: concern.source_description,
        othersPresent: concern.others_present,
        othersAtRisk: concern.others_at_risk,
        childrenAtRisk: concern.children_at_risk,
        immediateActions: concern.immediate_actions,
        notReferredReason: concern.not_referred_reason,
        advocacy: { status: concern.advocacy_status, advocateName: concern.advocate_name },
        localAuthorityDecision:
          concern.la_decision && concern.la_decided_at
            ? {
                decision: concern.la_decision,
                reason: concern.la_decision_reason,
                otherRoute: concern.la_other_route,
                feedback: concern.la_feedback,
                decidedAt: concern.la_decided_at.toISOString(),
              }
            : null,
        outcome: concern.outcome,
        lessonsLearnt: concern.lessons_learnt,
        signedOffBy: concern.signed_off_by,
        escalationPrompt: prompt,
        alerts: view.alerts.map((alert) => ({
          id: alert.id,
          kind: alert.kind,
          title: alert.title,
          detail: alert.detail,
          createdAt: alert.created_at.toISOString(),
        })),
        messages: view.messages.map((message) => ({
          messageId: message.message_id,
          purpose: message.purpose,
          subject: message.subject,
          status: message.status,
          deadline: message.deadline?.toISOString() ?? null,
          partnerName: message.partner_name,
        })),
        advice: view.advice.map(toAdviceResponse),
        plans: view.plans.map(toPlanResponse),
        triggers: view.triggers.map((trigger) => toTriggerResponse(trigger, triggerInWords(trigger))),
        restrictions: view.restrictions.map((restriction) =>
          toRestrictionResponse(restriction, view.reviews, view.now),
        ),
        version: concern.version,
      };
    };

    app.get(
      '/api/safeguarding/concerns',
      {
        config: { access: fullReaders },
        schema: {
          tags,
          summary:
            'Concerns in full detail: open, overdue for decision, triggers met, restrictions past review (audited)',
          querystring: concernListQuery,
          response: { 200: z.object({ items: z.array(concernListItemSchema) }), ...problemResponses },
        },
      },
      async (request) => {
        const concerns = await listConcerns(db, requestContext(request), request.query, clock);
        const now = clock.now();
        return { items: concerns.map((concern) => toConcernListItem(concern, now)) };
      },
    );

    app.get(
      '/api/safeguarding/concern-summaries',
      {
        config: { access: summaryReaders },
        schema: {
          tags,
          summary:
            'Open concerns as staff who need to know see them: the summary, status and dates (audited)',
          querystring: z.strictObject({
            limit: z.coerce.number().int().min(1).max(100).default(50),
            offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
            personId: z.uuid().optional(),
          }),
          response: { 200: z.object({ items: z.array(concernSummarySchema) }), ...problemResponses },
        },
      },
      async (request) => ({
        items: (await listConcernSummaries(db, requestContext(request), request.query, clock)).map(
          toConcernSummary,
        ),
      }),
    );

    app.get(
      '/api/safeguarding/counts',
      {
        config: { access: fullReaders },
        schema: {
          tags,
          summary:
            'How many concerns are open, overdue for decision, with a trigger met or a restriction past review',
          response: { 200: countsSchema, ...problemResponses },
        },
      },
      async (request) => {
        const counts = await concernCounts(db, requestContext(request), clock);
        return {
          open: counts.open,
          overdueForDecision: counts.overdue_for_decision,
          triggersMet: counts.triggers_met,
          restrictionsPastReview: counts.restrictions_past_review,
        };
      },
    );

    app.get(
      '/api/safeguarding/patterns',
      {
        config: { access: fullReaders },
        schema: {
          tags,
          summary: 'Low-level and not-referred concerns that recur about one person or one alleged source',
          querystring: patternsQuery,
          response: { 200: patternsSchema, ...problemResponses },
        },
      },
      async (request) => {
        const patterns = await concernPatterns(db, requestContext(request), request.query, clock);
        return {
          byPerson: patterns.byPerson.map((group) => ({
            personId: group.key,
            personName: group.label,
            concernIds: group.concern_ids,
            concerns: group.concerns.map(toPatternConcern),
          })),
          bySource: patterns.bySource.map((group) => ({
            source: group.label,
            concernIds: group.concern_ids,
            concerns: group.concerns.map(toPatternConcern),
          })),
        };
      },
    );

    app.post(
      '/api/safeguarding/concerns',
      {
        config: { access: recorders },
        schema: {
          tags,
          summary: 'Raise a safeguarding concern',
          description: 'Any member of staff who supports people may raise one. The answer is the summary.',
          body: raiseConcernBody,
          response: { 201: concernSummarySchema, ...problemResponses },
        },
      },
      async (request, reply) => {
        const context = requestContext(request);
        const concern = await raiseConcern(db, context, request.body, clock);
        const summary = await viewConcernSummary(db, context, concern.id, clock);
        return reply.code(201).send(toConcernSummary(summary));
      },
    );

    app.get(
      '/api/safeguarding/concerns/:id',
      {
        config: { access: fullReaders },
        schema: {
          tags,
          summary: 'A concern in full: details, advice and referral, plans, triggers, restrictions (audited)',
          description: `Managers, the registered manager and the auditor. Others read the summary. ${eTagDescription}`,
          params: idParams,
          response: { 200: concernSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        withETag(reply, await fullConcern(requestContext(request), request.params.id)),
    );

    app.get(
      '/api/safeguarding/concerns/:id/summary',
      {
        config: { access: summaryReaders },
        schema: {
          tags,
          summary: 'The need-to-know summary of a concern (audited)',
          params: idParams,
          response: { 200: concernSummarySchema, ...problemResponses },
        },
      },
      async (request) =>
        toConcernSummary(await viewConcernSummary(db, requestContext(request), request.params.id, clock)),
    );

    app.patch(
      '/api/safeguarding/concerns/:id',
      versionedUpdate({
        access: managers,
        tags,
        summary: 'Change the level (with a reason, into the chronology), the need-to-know summary or details',
        params: idParams,
        body: updateConcernBody,
        answer: concernSchema,
        problems: writeProblems,
      }),
      async (request, reply) => {
        const context = requestContext(request);
        await updateConcern(db, context, request.params.id, expectedVersion(request), request.body, clock);
        return withETag(reply, await fullConcern(context, request.params.id));
      },
    );

    const concernAction = <Body extends z.ZodType>(
      path: string,
      summary: string,
      body: Body,
      run: (context: ReturnType<typeof requestContext>, id: string, input: z.infer<Body>) => Promise<unknown>,
    ) =>
      app.post(
        `/api/safeguarding/concerns/:id/${path}`,
        {
          config: { access: managers },
          schema: {
            tags,
            summary,
            params: idParams,
            body,
            response: { 200: concernSchema, ...writeProblems },
          },
        },
        async (request) => {
          const context = requestContext(request);
          await run(context, request.params.id, request.body as z.infer<Body>);
          return fullConcern(context, request.params.id);
        },
      );

    concernAction(
      'status',
      'Move the concern on: triage, advice sought, referred, not referred (with the reason), enquiry, plan',
      changeStatusBody,
      (context, id, input) => changeConcernStatus(db, context, id, input, clock),
    );
    concernAction(
      'close',
      'Close with the risk outcome and the manager’s sign-off with lessons learnt',
      closeConcernBody,
      (context, id, input) => closeConcern(db, context, id, input, clock),
    );
    concernAction(
      'advocacy',
      'Record advocacy offered, accepted (with the advocate) or declined',
      advocacyBody,
      (context, id, input) => recordAdvocacy(db, context, id, input, clock),
    );
    concernAction(
      'advice',
      'Record threshold advice: who, the local guidance applied, the advice, how applied',
      recordAdviceBody,
      (context, id, input) => recordThresholdAdvice(db, context, id, input, settings),
    );
    concernAction(
      'decision',
      'Record the local authority’s decision on the section 42 referral, in its terms',
      decisionBody,
      (context, id, input) => recordLocalAuthorityDecision(db, context, id, input, settings),
    );
    concernAction(
      'plans',
      'Add a safe-contact plan with its review date',
      addPlanBody,
      (context, id, input) => addPlan(db, context, id, input, clock),
    );
    concernAction(
      'triggers',
      'Add a review trigger: a count of entries of given kinds within a window, or any single one',
      addTriggerBody,
      (context, id, input) => addTrigger(db, context, id, input, clock),
    );
    concernAction(
      'restrictions',
      'Record an interim restriction with its legal basis and a review date within a month',
      addRestrictionBody,
      (context, id, input) => addRestriction(db, context, id, input, clock),
    );

    app.post(
      '/api/safeguarding/concerns/:id/entries',
      {
        config: { access: recorders },
        schema: {
          tags,
          summary: 'Add an entry to the concern’s chronology',
          description:
            'Entries are never changed or deleted: to put one right, add a new entry naming it in `corrects`. ' +
            'An entry can meet the concern’s review triggers, which then raise an alert for managers.',
          params: idParams,
          body: addEntryBody,
          response: {
            201: z.object({
              entry: entrySchema,
              triggersMet: z.array(z.uuid()).describe('Triggers this entry met'),
            }),
            ...writeProblems,
          },
        },
      },
      async (request, reply) => {
        const added = await addConcernEntry(
          db,
          requestContext(request),
          request.params.id,
          request.body,
          settings,
        );
        return reply
          .code(201)
          .send({ entry: toEntryResponse(added.entry as never), triggersMet: added.triggersMet });
      },
    );

    app.get(
      '/api/safeguarding/concerns/:id/chronology',
      {
        config: { access: fullReaders },
        schema: {
          tags,
          summary:
            'The concern’s chronology: its entries merged with its messages, advice and shares (audited)',
          params: idParams,
          querystring: chronologyQuery,
          response: { 200: concernChronologyPageSchema, ...problemResponses },
        },
      },
      async (request) =>
        toConcernChronologyPage(
          await concernChronology(
            db,
            requestContext(request),
            { concernId: request.params.id, ...chronologyOptions(request.query) },
            clock,
          ),
        ),
    );

    app.get(
      '/api/safeguarding/concerns/:id/related',
      {
        config: { access: fullReaders },
        schema: {
          tags,
          summary: 'Concerns about the same adult, the same alleged source or the same place (audited)',
          params: idParams,
          response: { 200: relatedSchema, ...problemResponses },
        },
      },
      async (request) => ({
        items: (await relatedConcerns(db, requestContext(request), request.params.id, clock)).map(
          (other) => ({
            ...toConcernSummary(other),
            category: other.category,
            level: other.level,
            relatedBy: other.related_by,
          }),
        ),
      }),
    );

    app.get(
      '/api/safeguarding/concerns/:id/referral-draft',
      {
        config: { access: managers },
        schema: {
          tags,
          summary: 'The section 42 referral prefilled from the records, for the manager to check (audited)',
          params: idParams,
          response: { 200: referralDraftSchema, ...problemResponses },
        },
      },
      async (request) => referralDraft(db, requestContext(request), request.params.id, clock),
    );

    const messageSent = z.object({
      messageId: z.uuid(),
      deadline: z.iso.datetime().nullable().describe('When the answer is due; chased after it'),
      partnerLink: z.string().describe('The partner’s secure link, shown once'),
      partnerLinkId: z.uuid().describe('The link, to record that it was handed to the partner another way'),
      partnerContactName: z.string().describe('Who the message went to'),
      emailState: z.enum(['queued', 'no_mail_server']),
    });
    const toMessageSent = (
      message: Awaited<ReturnType<typeof requestThresholdAdvice>>,
      deadline: string | null,
    ) => ({
      messageId: message.id,
      deadline,
      partnerLink: message.partnerLink,
      partnerLinkId: message.partnerLinkId,
      partnerContactName: message.partnerContactName,
      emailState: message.emailState,
    });

    app.post(
      '/api/safeguarding/concerns/:id/advice-requests',
      {
        config: { access: managers },
        schema: {
          tags,
          summary: 'Seek threshold advice from the named safeguarding link, through the sharing gate',
          description:
            'A safeguarding message with a deadline and the escalation route; refused by the gate → 403 with its reasons.',
          params: idParams,
          body: requestAdviceBody,
          response: { 201: messageSent, ...writeProblems },
        },
      },
      async (request, reply) => {
        const message = await requestThresholdAdvice(
          db,
          requestContext(request),
          request.params.id,
          request.body,
          settings,
        );
        return reply.code(201).send(toMessageSent(message, message.deadline));
      },
    );

    app.post(
      '/api/safeguarding/concerns/:id/referral',
      {
        config: { access: managers },
        schema: {
          tags,
          summary: 'Send the checked section 42 referral to the local authority, through the sharing gate',
          description:
            'The decision is due after the organisation’s working days (2 unless set) and is chased when it does not come.',
          params: idParams,
          body: sendReferralBody,
          response: { 201: messageSent, ...writeProblems },
        },
      },
      async (request, reply) => {
        const sent = await sendReferral(
          db,
          requestContext(request),
          request.params.id,
          request.body,
          settings,
        );
        return reply.code(201).send(toMessageSent(sent.message, sent.decisionDueAt.toISOString()));
      },
    );

    app.post(
      '/api/safeguarding/concerns/:id/export',
      {
        // The whole chronology in one file: as with the share log, only after a recent sign-in.
        config: { access: managers, freshAuthentication: true },
        schema: {
          tags,
          summary: 'The chronology for a multi-agency meeting or Safeguarding Adults Review, as HTML or PDF',
          description:
            'For another agency this is a share: the sharing gate is asked (moment export) and a refusal is 403 with ' +
            'its reasons. With no recipient (staff only) it is audited. Needs a recent sign-in (403 ' +
            'reauthentication_required otherwise), and is refused to API tokens.',
          params: idParams,
          body: exportBody,
          response: { 200: z.any(), ...writeProblems },
        },
      },
      async (request, reply) => {
        const file = await exportConcernChronology(
          db,
          requestContext(request),
          request.params.id,
          request.body,
          clock,
        );
        asAttachment(reply, file.filename);
        return reply.type(file.contentType).send(file.body);
      },
    );

    const childAction = (
      path: string,
      summary: string,
      body: z.ZodType,
      run: (
        context: ReturnType<typeof requestContext>,
        id: string,
        childId: string,
        input: never,
      ) => Promise<unknown>,
    ) =>
      app.post(
        `/api/safeguarding/concerns/:id/${path}`,
        {
          config: { access: managers },
          schema: {
            tags,
            summary,
            params: concernChildParams,
            body,
            response: { 200: concernSchema, ...writeProblems },
          },
        },
        async (request) => {
          const context = requestContext(request);
          await run(context, request.params.id, request.params.childId, request.body as never);
          return fullConcern(context, request.params.id);
        },
      );

    childAction(
      'plans/:childId/end',
      'End a safe-contact plan',
      endBody,
      (context, id, childId, input: { reason: string }) =>
        endPlan(db, context, id, childId, input.reason, clock),
    );
    childAction(
      'triggers/:childId/end',
      'Stop a review trigger',
      z.strictObject({}),
      (context, id, childId) => endTrigger(db, context, id, childId, clock),
    );
    childAction(
      'restrictions/:childId/reviews',
      'Record a restriction’s review (monthly, even when unused); continuing sets the next review date',
      reviewRestrictionBody,
      (context, id, childId, input) => reviewRestriction(db, context, id, childId, input, clock),
    );
    childAction(
      'restrictions/:childId/end',
      'End a restriction, with the reason',
      endBody,
      (context, id, childId, input: { reason: string }) =>
        endRestriction(db, context, id, childId, input.reason, clock),
    );
    childAction(
      'alerts/:childId/resolve',
      'Mark an item needing attention as dealt with',
      resolveAlertBody,
      (context, id, childId, input: { note?: string | null }) =>
        resolveConcernAlert(db, context, id, childId, input.note ?? null, clock),
    );

    app.get(
      '/api/safeguarding/restrictions',
      {
        config: { access: fullReaders },
        schema: {
          tags,
          summary: 'The interim restrictions register: current, past their review date, or all (audited)',
          querystring: restrictionListQuery,
          response: { 200: z.object({ items: z.array(restrictionSchema) }), ...problemResponses },
        },
      },
      async (request) => {
        const register = await listRestrictionRegister(db, requestContext(request), request.query, clock);
        return {
          items: register.restrictions.map((restriction) =>
            toRestrictionResponse(restriction, register.reviews, register.now),
          ),
        };
      },
    );

    app.get(
      '/api/safeguarding/settings',
      {
        config: { access: fullReaders },
        schema: {
          tags,
          summary: 'The safeguarding settings',
          response: { 200: settingsSchema, ...problemResponses },
        },
      },
      async (request) => getSettings(db, requestContext(request)),
    );

    app.put(
      '/api/safeguarding/settings',
      versionedUpdate({
        access: ['registered_manager'],
        tags,
        summary: 'Set the local authority’s decision time (working days) and the named safeguarding link',
        description: 'Before the settings are first saved they are the defaults, at version 1.',
        body: settingsBody,
        answer: settingsSchema,
        problems: problemResponses,
      }),
      async (request) =>
        saveSettings(db, requestContext(request), expectedVersion(request), request.body, clock),
    );
  };
}
