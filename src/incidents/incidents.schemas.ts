import { z } from 'zod';
import { confirmationStatuses } from '../advice/advice.table.ts';
import { escalationRouteSchema, escalationTargetSchema } from '../escalation/escalation.schemas.ts';
import { pageQuery } from '../http/schemas.ts';
import { askTypeSchema, messageTemplateSchema } from '../partner-messages/partner-messages.schemas.ts';
import { messageTemplates, receivedHow } from '../partner-messages/partner-messages.table.ts';
import { requestUrgencySchema } from '../partners/partners.schemas.ts';
import { informationCategorySchema, sharingPurposeSchema } from '../sharing/sharing.schemas.ts';
import { sharingPurposes } from '../sharing/sharing.table.ts';
import { timelineEntryKinds } from './incident-timeline.vocabulary.ts';
import { incidentTypes, measureKinds, recordKinds, riskLevels, severities } from './incidents.table.ts';

const uniqueList = <T>(list: T[]) => new Set(list).size === list.length;
const requiredText = (max: number) => z.string().trim().min(1, 'Enter this.').max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const moment = z.iso.datetime({ offset: true });

export const incidentTypeSchema = z.enum(incidentTypes).meta({ id: 'IncidentType' });
export const severitySchema = z.enum(severities).meta({ id: 'IncidentSeverity' });
export const riskLevelSchema = z.enum(riskLevels).meta({ id: 'RiskLevel' });

export const createIncidentBody = z
  .strictObject({
    type: incidentTypeSchema,
    title: requiredText(200).describe('A short name, without personal details: it goes in partner emails'),
    summary: requiredText(5000),
    severity: severitySchema,
    startedAt: moment,
    careServiceIds: z.array(z.uuid()).max(50).refine(uniqueList, 'List each service once.').default([]),
    locations: z.array(requiredText(200)).max(50).default([]),
    leadId: z.uuid().describe('The member of staff leading the response'),
    partnerLiaisonId: z.uuid().describe('The member of staff who owns communication with partners'),
    escalationRoute: escalationRouteSchema
      .nullable()
      .optional()
      .describe("The route the incident's messages carry; left out, each kind of message keeps its own"),
  })
  .meta({ id: 'CreateIncident' });
export type CreateIncidentInput = z.infer<typeof createIncidentBody>;

export const updateIncidentBody = z
  .strictObject({
    title: requiredText(200).optional(),
    summary: requiredText(5000).optional(),
    severity: severitySchema.optional(),
    endedAt: moment.nullable().optional(),
    locations: z.array(requiredText(200)).max(50).optional(),
    leadId: z.uuid().optional(),
    partnerLiaisonId: z.uuid().optional(),
    escalationRoute: escalationRouteSchema.nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'Send at least one field to change.');
export type UpdateIncidentInput = z.infer<typeof updateIncidentBody>;

export const incidentListQuery = pageQuery.extend({
  status: z.enum(['open', 'closed', 'all']).default('open'),
  personId: z.uuid().optional().meta({ description: 'Only incidents that affect this person' }),
});

export const incidentSchema = z
  .object({
    id: z.uuid(),
    type: incidentTypeSchema,
    title: z.string(),
    summary: z.string(),
    severity: severitySchema,
    status: z.enum(['open', 'closed']),
    startedAt: z.string(),
    endedAt: z.string().nullable(),
    careServices: z.array(z.object({ id: z.uuid(), name: z.string() })),
    locations: z.array(z.string()),
    lead: z.object({ id: z.uuid(), name: z.string() }),
    partnerLiaison: z.object({ id: z.uuid(), name: z.string() }),
    escalationRoute: z.unknown().nullable(),
    affectedPeople: z.number().int(),
    closedAt: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Incident' });

export const addPeopleBody = z
  .strictObject({
    careServiceIds: z.array(z.uuid()).max(50).refine(uniqueList, 'List each service once.').default([]),
    personIds: z.array(z.uuid()).max(1000).refine(uniqueList, 'List each person once.').default([]),
  })
  .refine((body) => body.careServiceIds.length + body.personIds.length > 0, {
    message: 'Choose a service or location, or at least one person.',
    path: ['careServiceIds'],
  });

export const affectedPersonSchema = z
  .object({
    personId: z.uuid(),
    name: z.string(),
    careServiceName: z.string().nullable(),
    level: riskLevelSchema.describe('The level in force: the lead’s adjustment if any, else the ranking'),
    rankedLevel: riskLevelSchema,
    score: z.number().int(),
    reasons: z.array(z.object({ points: z.number().int(), reason: z.string() })),
    rankedWith: z
      .number()
      .int()
      .describe('The version of the risk points table the ranking was made with (1: the standard table)'),
    adjustment: z
      .object({ level: riskLevelSchema, reason: z.string(), by: z.string().nullable(), at: z.string() })
      .nullable(),
    observationPlan: z.string().nullable(),
    addedAt: z.string(),
  })
  .meta({ id: 'AffectedPerson' });

export const adjustPersonBody = z
  .strictObject({
    level: riskLevelSchema.optional(),
    reason: optionalText(2000),
    observationPlan: optionalText(5000).describe(
      'Interim observation and escalation thresholds, e.g. "check blood glucose at each visit; call the district nurse if above 15"',
    ),
  })
  .refine((body) => !body.level || Boolean(body.reason?.trim()), {
    message: 'Say why you are changing the risk level.',
    path: ['reason'],
  })
  .refine(
    (body) => body.level !== undefined || body.observationPlan !== undefined,
    'Send a level or a plan.',
  );
export const personParams = z.strictObject({ id: z.uuid(), personId: z.uuid() });

export const addMeasureBody = z.strictObject({
  kind: z.enum(measureKinds),
  description: requiredText(2000),
  personId: z.uuid().nullable().optional(),
  ownerId: z.uuid().describe('The member of staff responsible'),
  startsAt: moment,
});
export const endMeasureBody = z.strictObject({ endedAt: moment });
export const measureParams = z.strictObject({ id: z.uuid(), measureId: z.uuid() });

export const measureSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(measureKinds),
    description: z.string(),
    personId: z.uuid().nullable(),
    owner: z.string(),
    startsAt: z.string(),
    endedAt: z.string().nullable(),
  })
  .meta({ id: 'InterimMeasure' });

export const addRecordBody = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('decision'),
    occurredAt: moment,
    decision: requiredText(5000),
    evidence: requiredText(5000),
    rationale: requiredText(5000),
    adviceIds: z.array(z.uuid()).max(20).refine(uniqueList, 'List each advice once.').default([]),
  }),
  z.strictObject({
    kind: z.enum(['reading', 'hazard']),
    occurredAt: moment,
    location: requiredText(200),
    measure: optionalText(100).describe('What was measured, e.g. "room temperature"'),
    value: z.number().finite().nullable().optional(),
    unit: optionalText(20).describe('e.g. "°C"'),
    note: optionalText(5000),
  }),
  z.strictObject({ kind: z.literal('note'), occurredAt: moment, note: requiredText(5000) }),
]);
export type AddRecordInput = z.infer<typeof addRecordBody>;

export const recordSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(recordKinds),
    occurredAt: z.string(),
    recordedAt: z.string(),
    recordedBy: z.string(),
    decision: z.string().nullable(),
    evidence: z.string().nullable(),
    rationale: z.string().nullable(),
    advice: z.array(z.object({ id: z.uuid(), givenBy: z.string(), advice: z.string() })),
    location: z.string().nullable(),
    measure: z.string().nullable(),
    value: z.number().nullable(),
    unit: z.string().nullable(),
    note: z.string().nullable(),
    shareId: z
      .uuid()
      .nullable()
      .describe('A gate refusal: the share log entry naming the recipient and every reason'),
  })
  .meta({ id: 'IncidentRecord' });

/**
 * A prefilled body for POST /api/incidents/{id}/messages, described for the page that shows it.
 * The send body's checks (lengths, the deadline's offset) are made when it is sent: a long
 * incident summary is proposed as it is, for the lead to shorten.
 */
const proposedDraftSchema = z.object({
  template: messageTemplateSchema,
  askType: askTypeSchema.nullable().optional(),
  urgency: requestUrgencySchema,
  partnerOrganisationId: z.string(),
  partnerContactId: z.string(),
  nextContactId: z.string().nullable().optional(),
  seniorContactId: z.string().nullable().optional(),
  personId: z.string().nullable().optional(),
  purpose: sharingPurposeSchema.nullable().optional(),
  categories: z.array(informationCategorySchema),
  subject: z.string(),
  summary: z.string(),
  impact: z.string().nullable().optional(),
  mitigations: z.string().nullable().optional(),
  ask: z.string().nullable().optional(),
  body: z.string().nullable().optional(),
  deadline: z.string().nullable().optional(),
  escalationRoute: escalationRouteSchema.nullable().optional(),
});

export const proposalSchema = z
  .object({
    key: z.string(),
    headline: z.string().describe('What is asked, in a few words: "Repair needed", "Advice needed"'),
    why: z.string(),
    alreadySent: z.boolean(),
    sentMessageId: z.uuid().nullable().describe('The message already sent for this proposal, if any'),
    personName: z.string().nullable(),
    partnerOrganisationName: z.string(),
    partnerContactName: z.string(),
    draft: proposedDraftSchema.describe('A body for POST /api/incidents/{id}/messages'),
  })
  .meta({ id: 'ProposedMessage' });

/** Paged like every other list: at most 100 entries at a time, oldest first. */
export const timelineQuery = pageQuery.extend({
  kind: z.enum(timelineEntryKinds).optional().describe('Only entries of this kind, e.g. message.sent'),
});

export const timelineEntrySchema = z
  .object({
    at: z.string(),
    kind: z.enum(timelineEntryKinds),
    text: z.string(),
    who: z.string().nullable(),
    messageId: z.uuid().nullable(),
    personId: z.uuid().nullable(),
  })
  .meta({ id: 'IncidentTimelineEntry' });

export const closeIncidentBody = z.strictObject({
  endedAt: moment.optional().describe('When the disruption ended; defaults to the recorded end, or now'),
  findings: optionalText(20000),
  confirmOutstanding: z
    .boolean()
    .optional()
    .describe(
      'True to close while interim measures are still in place or proposed partner updates are unsent; without it such a close is refused (400) saying what is outstanding',
    ),
});

export const findingsBody = z.strictObject({ findings: requiredText(20000) });

export const learningActionBody = z.strictObject({
  action: requiredText(2000),
  ownerId: z.uuid(),
  dueOn: z.iso.date(),
});
export const learningActionParams = z.strictObject({ id: z.uuid(), actionId: z.uuid() });

// ---- the post-incident review ----

const ids = (what: string) => z.array(z.uuid()).describe(`The ${what} counted`);
const minutes = (what: string) =>
  z.number().int().nullable().describe(`${what}, in minutes; null when there is none to measure`);
const deadlineOutcomeSchema = z
  .enum(['met', 'missed', 'not_yet_due', 'no_deadline'])
  .describe('Judged on the response (a request) or on receipt (an incident update), at the review’s time');

const reviewRequestSchema = z
  .object({
    messageId: z.uuid(),
    subject: z.string(),
    template: z.enum(messageTemplates),
    partnerOrganisationId: z.uuid(),
    partner: z.string(),
    contact: z.string(),
    sentAt: z.string(),
    sentEventId: z.uuid().nullable(),
    deadline: z.string().nullable(),
    awaits: z.enum(['response', 'acknowledgement', 'nothing']),
    acknowledgement: z
      .object({ at: z.string(), minutes: z.number().int(), eventId: z.uuid() })
      .nullable()
      .describe('The first acknowledgement entry on the thread; a reply does not stand in for one'),
    response: z
      .object({
        at: z.string(),
        minutes: z.number().int(),
        kind: z.enum(['responded', 'done', 'declined']),
        eventId: z.uuid(),
      })
      .nullable(),
    answered: z.boolean().describe('What the message waits for has come'),
    deadlineOutcome: deadlineOutcomeSchema,
    deadlineMinutes: minutes('How far before (met) or after (missed) the deadline'),
    escalation: z.object({
      steps: z.number().int(),
      furthestTarget: escalationTargetSchema.nullable(),
      reachedManagers: z.boolean(),
      eventIds: ids('escalation entries'),
    }),
  })
  .meta({ id: 'ReviewRequest' });

export const reviewFiguresSchema = z
  .object({
    figuresVersion: z.literal(2),
    generatedAt: z.string(),
    incident: z.object({
      title: z.string(),
      type: incidentTypeSchema,
      severity: severitySchema,
      startedAt: z.string(),
      endedAt: z.string().nullable(),
      durationMinutes: z.number().int().nullable(),
    }),
    people: z.object({
      total: z.number().int(),
      high: z.number().int(),
      medium: z.number().int(),
      low: z.number().int(),
    }),
    firstPartnerContact: z
      .object({
        at: z.string(),
        minutesFromStart: z.number().int(),
        partner: z.string(),
        messageId: z.uuid(),
      })
      .nullable(),
    messagesSent: z
      .number()
      .int()
      .describe(
        "Messages to partners: not Liaison's own requests for written confirmation, nor withdrawn ones",
      ),
    messages: z.object({
      toPartners: z.object({ count: z.number().int(), messageIds: ids('messages') }),
      confirmationRequests: z.object({ count: z.number().int(), messageIds: ids('messages') }),
      withdrawn: z.object({ count: z.number().int(), messageIds: ids('messages') }),
    }),
    requests: z.array(reviewRequestSchema),
    partners: z.array(
      z.object({
        partnerOrganisationId: z.uuid(),
        name: z.string(),
        messages: z.number().int(),
        messageIds: ids('messages'),
        firstContactAt: z.string(),
        acknowledged: z.number().int(),
        acknowledgementEventIds: ids('acknowledgement entries'),
        notAcknowledgedMessageIds: ids('messages never acknowledged'),
        firstAcknowledgementMinutes: minutes('The quickest acknowledgement'),
        medianMinutesToAcknowledge: minutes('The median time to acknowledge'),
        responded: z.number().int(),
        responseEventIds: ids('response entries'),
        medianMinutesToRespond: minutes('The median time to respond'),
        slowestMinutesToRespond: minutes('The slowest response'),
        notResponded: z.number().int(),
        notRespondedMessageIds: ids('messages still waiting for what they asked'),
        deadlinesMetMessageIds: ids('messages answered by their deadline'),
        deadlinesMissedMessageIds: ids('messages answered late, or not by their deadline'),
        notYetDueMessageIds: ids('messages unanswered whose deadline had not passed'),
        furthestEscalation: escalationTargetSchema.nullable(),
      }),
    ),
    escalated: z.array(
      z.object({
        messageId: z.uuid(),
        subject: z.string(),
        partner: z.string(),
        stepsFired: z.number().int(),
        furthestTarget: escalationTargetSchema,
        reachedManagers: z.boolean(),
        answered: z.boolean(),
        eventIds: ids('escalation entries'),
      }),
    ),
    nonResponses: z.array(
      z.object({
        messageId: z.uuid(),
        subject: z.string(),
        partner: z.string(),
        contact: z.string(),
        sentAt: z.string(),
        deadline: z.string().nullable(),
        acknowledged: z.boolean(),
        deadlineOutcome: deadlineOutcomeSchema,
        deadlineMinutes: minutes('How far past the deadline'),
      }),
    ),
    writtenConfirmation: z.array(
      z.object({
        adviceId: z.uuid(),
        givenBy: z.string(),
        partner: z.string().nullable(),
        givenAt: z.string(),
        receivedHow: z.enum(receivedHow),
        status: z.enum(confirmationStatuses),
        confirmedAt: z.string().nullable(),
        minutesToConfirm: minutes('From the advice to its written confirmation'),
        messageId: z.uuid().nullable(),
        confirmationMessageId: z.uuid().nullable(),
        eventIds: ids('advice entries on the thread'),
      }),
    ),
    medianMinutesToWrittenConfirmation: minutes('The median time from advice to written confirmation'),
    gateRefusals: z.array(
      z.object({
        recordId: z.uuid(),
        shareId: z.uuid(),
        at: z.string(),
        by: z.string(),
        person: z.string(),
        partner: z.string(),
        contact: z.string().nullable(),
        purpose: z.enum(sharingPurposes),
        reasons: z.array(z.object({ code: z.string(), message: z.string() })),
      }),
    ),
    decisions: z.array(
      z.object({
        recordId: z.uuid(),
        at: z.string(),
        by: z.string(),
        decision: z.string(),
        evidence: z.string(),
        rationale: z.string(),
        advice: z.array(
          z.object({
            adviceId: z.uuid(),
            givenBy: z.string(),
            advice: z.string(),
            receivedHow: z.enum(receivedHow),
            confirmation: z.enum(confirmationStatuses),
          }),
        ),
      }),
    ),
    measures: z.array(
      z.object({
        kind: z.enum(measureKinds),
        description: z.string(),
        owner: z.string(),
        startsAt: z.string(),
        endedAt: z.string().nullable(),
        minutesInPlace: z.number().int().nullable(),
      }),
    ),
  })
  .meta({ id: 'ReviewFigures' });

/** A review closed before the figures came from the threads: kept as it was, in its own shape. */
export const earlierReviewFiguresSchema = z
  .record(z.string(), z.unknown())
  .describe('A review closed before figuresVersion 2, kept as it was worked out then')
  .meta({ id: 'EarlierReviewFigures' });
