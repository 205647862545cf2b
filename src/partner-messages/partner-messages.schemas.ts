import { z } from 'zod';
import { escalationRouteSchema, escalationTargetSchema } from '../escalation/escalation.schemas.ts';
import { pageQuery } from '../http/schemas.ts';
import { emailSchema } from '../outbox/outbox.schemas.ts';
import { requestUrgencySchema } from '../partners/partners.schemas.ts';
import { informationCategorySchema, sharingPurposeSchema } from '../sharing/sharing.schemas.ts';
import { subjectTypes } from '../subjects/subjects.ts';
import {
  askTypes,
  eventKinds,
  messageStatuses,
  messageTemplates,
  receivedHow,
} from './partner-messages.table.ts';

const uniqueList = <T>(list: T[]) => new Set(list).size === list.length;
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const requiredText = (max: number) => z.string().trim().min(1, 'Enter this.').max(max);
const moment = z.iso.datetime({ offset: true });

export const messageTemplateSchema = z.enum(messageTemplates).meta({
  id: 'MessageTemplate',
  description:
    'request (for a decision, resource, advice or action), safeguarding (consultation or referral), ' +
    'meeting_request, incident_update, or update (informs only; no deadline or escalation)',
});
export const askTypeSchema = z.enum(askTypes).meta({ id: 'AskType', description: 'What a request asks for' });
export const messageStatusSchema = z.enum(messageStatuses).meta({
  id: 'MessageStatus',
  description: 'sent → acknowledged → accepted or declined → responded or done → closed; or withdrawn',
});
export const receivedHowSchema = z.enum(receivedHow).meta({ id: 'ReceivedHow' });

/** The parts of a message a person writes, as the message check reads them. */
const draftFields = {
  template: messageTemplateSchema,
  askType: askTypeSchema.nullable().optional(),
  summary: z.string().max(5000).default(''),
  impact: z.string().max(5000).nullable().optional(),
  mitigations: z.string().max(5000).nullable().optional(),
  ask: z.string().max(5000).nullable().optional(),
  body: z.string().max(10000).nullable().optional(),
  deadline: z.string().max(40).nullable().optional().describe('ISO 8601 date-time with offset'),
};

export const checkMessageBody = z.strictObject({
  ...draftFields,
  subject: z
    .string()
    .max(200)
    .nullable()
    .optional()
    .describe('Checked for personal details: it goes in the email'),
  personId: z.uuid().nullable().optional().describe('The person the message is about, if any'),
});
export type CheckMessageInput = z.infer<typeof checkMessageBody>;

export const messageWarningSchema = z
  .object({
    code: z.string(),
    field: z.string(),
    explanation: z.string(),
    span: z.object({ start: z.number(), end: z.number(), text: z.string() }).optional(),
    suggestion: z.string().optional(),
  })
  .meta({
    id: 'MessageWarning',
    description: 'Something the writer may want to change; never refuses a send',
  });

export const sendMessageBody = z
  .strictObject({
    template: messageTemplateSchema,
    askType: askTypeSchema.nullable().optional(),
    urgency: requestUrgencySchema,
    partnerOrganisationId: z.uuid(),
    partnerContactId: z.uuid().describe('Who the message is addressed to; the link is emailed to them'),
    nextContactId: z.uuid().nullable().optional().describe('Who the "next contact" escalation step reaches'),
    seniorContactId: z
      .uuid()
      .nullable()
      .optional()
      .describe('Who the "senior contact" escalation step reaches'),
    personId: z.uuid().nullable().optional().describe('The person the message is about, if any'),
    purpose: sharingPurposeSchema.nullable().optional(),
    categories: z
      .array(informationCategorySchema)
      .max(20)
      .refine(uniqueList, 'List each category once.')
      .default([]),
    subject: requiredText(200).describe('A short title, without personal details: it goes in the email'),
    summary: z.string().trim().max(5000).default(''),
    impact: optionalText(5000),
    mitigations: optionalText(5000),
    ask: optionalText(5000),
    body: optionalText(10000),
    deadline: moment.nullable().optional(),
    escalationRoute: escalationRouteSchema
      .nullable()
      .optional()
      .describe("Leave out to use the organisation's route for this kind of message and urgency"),
  })
  .meta({ id: 'SendMessage' });
export type SendMessageInput = z.infer<typeof sendMessageBody>;

export const messageListQuery = pageQuery.extend({
  view: z
    .enum(['open', 'awaiting_acknowledgement', 'awaiting_response', 'overdue', 'escalated', 'all'])
    .default('open'),
  personId: z.uuid().optional(),
});

const eventSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(eventKinds),
    actorType: z.enum(['user', 'api_token', 'partner', 'system']),
    actorName: z.string().nullable(),
    actorRole: z.string().nullable(),
    how: receivedHowSchema.nullable(),
    text: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    occurredAt: z.string(),
    recordedAt: z.string(),
  })
  .meta({ id: 'MessageEvent' });

export const messageSummarySchema = z
  .object({
    id: z.uuid(),
    template: messageTemplateSchema,
    askType: askTypeSchema.nullable(),
    urgency: requestUrgencySchema,
    subject: z.string(),
    status: messageStatusSchema,
    personId: z.uuid().nullable(),
    personName: z.string().nullable(),
    partnerOrganisationId: z.uuid(),
    partnerOrganisationName: z.string(),
    partnerContactId: z.uuid(),
    partnerContactName: z.string(),
    deadline: z.string().nullable(),
    overdue: z.boolean(),
    escalationStepsFired: z.number().int(),
    sentAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'MessageSummary' });

const stepSchema = z.object({
  id: z.uuid(),
  index: z.number().int(),
  target: escalationTargetSchema,
  stopsOnAcknowledgement: z.boolean(),
  plannedAt: z.string(),
  status: z.enum(['pending', 'fired', 'cancelled']),
  firedAt: z.string().nullable(),
  cancelledReason: z.string().nullable(),
});

export const messageDetailSchema = messageSummarySchema
  .extend({
    purpose: sharingPurposeSchema.nullable(),
    categories: z.array(informationCategorySchema),
    shareId: z.uuid().nullable(),
    summary: z.string(),
    impact: z.string().nullable(),
    mitigations: z.string().nullable(),
    ask: z.string().nullable(),
    body: z.string().nullable(),
    sentBy: z.string(),
    acknowledgedAt: z.string().nullable(),
    acceptedAt: z.string().nullable(),
    declinedAt: z.string().nullable(),
    declineReason: z.string().nullable(),
    respondedAt: z.string().nullable(),
    doneAt: z.string().nullable(),
    outcome: z.string().nullable(),
    closedAt: z.string().nullable(),
    withdrawnAt: z.string().nullable(),
    withdrawnReason: z.string().nullable(),
    confirmsAdviceId: z.uuid().nullable(),
    incidentId: z.uuid().nullable().describe('The incident the message was sent from, if any'),
    sentFrom: z
      .object({ type: z.enum(subjectTypes), title: z.string(), webPath: z.string() })
      .nullable()
      .describe('The record the message was sent from (an incident, a safeguarding concern), if any'),
    escalationRoute: escalationRouteSchema.nullable(),
    steps: z.array(stepSchema),
    links: z.array(
      z.object({
        id: z.uuid(),
        contactName: z.string().nullable(),
        createdAt: z.string(),
        expiresAt: z.string(),
        revokedAt: z.string().nullable(),
        lastUsedAt: z.string().nullable(),
      }),
    ),
    emails: z.array(emailSchema).describe('Every email about this message and where it is'),
    sharingEnded: z
      .object({ at: z.string(), reason: z.string() })
      .nullable()
      .describe(
        'The basis the message rested on ended after it was delivered: its links show nothing any more',
      ),
    events: z.array(eventSchema),
  })
  .meta({ id: 'MessageDetail' });

export const sentMessageSchema = messageDetailSchema
  .extend({
    partnerLink: z
      .string()
      .describe(
        'The secure link for the partner, shown once so it can be given another way when email cannot carry it',
      ),
    partnerLinkId: z.uuid().describe('The link, to record that it was handed to the partner another way'),
    emailState: z
      .enum(['queued', 'no_mail_server'])
      .describe(
        'queued: the email waits for the mail server (the gate is asked again as it leaves); no_mail_server: nothing was emailed, give the partner the link another way and record it',
      ),
  })
  .meta({ id: 'SentMessage' });

export const logContactBody = z
  .strictObject({
    kind: z.enum(['call', 'reply']).describe('A phone call, or a reply that came another way'),
    how: receivedHowSchema.exclude(['partner_link']),
    direction: z.enum(['from_partner', 'to_partner']).default('from_partner'),
    partnerName: requiredText(200).describe('Who you spoke to or heard from'),
    partnerRole: optionalText(200),
    summary: requiredText(10000).describe('What was said'),
    occurredAt: moment.describe('When the call or reply happened'),
    outcome: z
      .enum(['none', 'acknowledged', 'accepted', 'declined', 'responded', 'done'])
      .default('none')
      .describe('What the call or reply amounts to on the request'),
    declineReason: optionalText(2000),
    isAdvice: z.boolean().default(false).describe('The partner gave advice or instructions: record it'),
    advice: optionalText(5000).describe('With isAdvice: the advice itself, in the adviser’s words'),
    adviserContactId: z
      .uuid()
      .nullable()
      .optional()
      .describe(
        'With isAdvice: who gave it, from the register (the same partner organisation). Written confirmation is asked of them; without it, of the contact the message was sent to',
      ),
  })
  .refine((body) => body.outcome !== 'declined' || Boolean(body.declineReason?.trim()), {
    message: 'Say why the partner declined.',
    path: ['declineReason'],
  })
  .refine((body) => !body.isAdvice || Boolean(body.advice?.trim()), {
    message: 'Write the advice as they gave it.',
    path: ['advice'],
  })
  .refine((body) => body.isAdvice || (!body.advice?.trim() && !body.adviserContactId), {
    message: 'Only advice has an adviser and the advice itself: say it was advice, or leave them out.',
    path: ['isAdvice'],
  });
export type LogContactInput = z.infer<typeof logContactBody>;

export const closeMessageBody = z.strictObject({ note: optionalText(2000) });
export const withdrawMessageBody = z.strictObject({ reason: requiredText(2000) });
export const revokeLinkBody = z.strictObject({ reason: requiredText(200) });
export const linkHandedOverBody = z.strictObject({
  how: z
    .enum(['by_phone', 'in_person', 'by_own_secure_email', 'other'])
    .describe('How the link was given to the partner, when email could not carry it'),
});
export type LinkHandedOverInput = z.infer<typeof linkHandedOverBody>;
export const linkParams = z.strictObject({ id: z.uuid(), linkId: z.uuid() });

// ---- the partner's side ----

export const partnerViewSchema = z
  .object({
    organisationName: z.string().describe('The care provider that sent the message'),
    template: messageTemplateSchema,
    askType: askTypeSchema.nullable(),
    urgency: requestUrgencySchema,
    subject: z.string(),
    summary: z.string(),
    impact: z.string().nullable(),
    mitigations: z.string().nullable(),
    ask: z.string().nullable(),
    body: z.string().nullable(),
    personName: z.string().nullable(),
    person: z
      .object({
        fullName: z.string(),
        knownAs: z.string().nullable(),
        dateOfBirth: z.string().nullable().describe('YYYY-MM-DD'),
        nhsNumber: z.string().nullable(),
      })
      .nullable()
      .describe(
        'Who the message is about, so the partner can identify them: shared when identity is among the categories',
      ),
    deadline: z.string().nullable(),
    status: messageStatusSchema,
    sentAt: z.string(),
    sentBy: z.string(),
    addressedTo: z.string(),
    canAcknowledge: z.boolean(),
    canAcceptOrDecline: z.boolean(),
    canRespond: z.boolean(),
    thread: z.array(
      z.object({
        kind: z.enum(eventKinds),
        who: z.string(),
        how: receivedHowSchema.nullable(),
        text: z.string().nullable(),
        at: z.string(),
      }),
    ),
    linkExpiresAt: z.string(),
  })
  .meta({ id: 'PartnerView' });

export const partnerNameFields = {
  name: requiredText(200).describe('Your name'),
  role: optionalText(200).describe('Your job title or role'),
};
export const partnerAcknowledgeBody = z.strictObject({ ...partnerNameFields });
export const partnerDeclineBody = z.strictObject({ ...partnerNameFields, reason: requiredText(2000) });
export const partnerRespondBody = z.strictObject({
  ...partnerNameFields,
  kind: z.enum(['answer', 'decision', 'advice', 'done']).describe('done: the action asked for is done'),
  response: requiredText(10000),
});
export type PartnerRespondInput = z.infer<typeof partnerRespondBody>;
