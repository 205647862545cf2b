import { z } from 'zod';
import { londonDateOf } from '../calendar/london-time.ts';
import { chronologyEntrySchema, toChronologyEntryResponse } from '../chronology/chronology.schemas.ts';
import type { ChronologyPage } from '../chronology/chronology.ts';
import { pageQuery } from '../http/schemas.ts';
import type { LogEntryRow } from '../logs/logs.table.ts';
import { requestUrgencySchema } from '../partners/partners.schemas.ts';
import type { EntryDetails } from './concern-entries.service.ts';
import type {
  ConcernAdviceRow,
  ConcernRestrictionRow,
  ConcernRow,
  ConcernTriggerRow,
  RestrictionReviewRow,
  SafeContactPlanRow,
} from './safeguarding.table.ts';
import {
  abuseCategories,
  abuseCategoryLabels,
  advocacyStatuses,
  concernAlertKinds,
  concernLevels,
  concernMessagePurposes,
  concernStatuses,
  consentToReferral,
  type EntryKind,
  entryKindLabels,
  entryKinds,
  entrySources,
  localAuthorityDecisions,
  otherRoutes,
  restrictionBases,
  restrictionBasisLabels,
  riskLocations,
  riskOutcomes,
  safeContactMeasureLabels,
  safeContactMeasures,
  sourceOfRiskKinds,
  staffEntryKinds,
} from './safeguarding.vocabulary.ts';

const text = (max: number) => z.string().trim().min(1, 'Enter this.').max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const moment = z.iso.datetime({ offset: true });
const date = z.iso.date();

export const concernLevelSchema = z
  .enum(concernLevels)
  .meta({ id: 'ConcernLevel', description: 'low, medium or high; every change needs a reason' });
export const concernStatusSchema = z.enum(concernStatuses).meta({
  id: 'ConcernStatus',
  description:
    'raised → triage → advice_sought → referred (section 42 concern to the local authority) or not_referred → enquiry or plan → closed',
});
export const abuseCategorySchema = z.enum(abuseCategories).meta({
  id: 'AbuseCategory',
  description: 'Care Act 2014 category of abuse or neglect, coded as the Safeguarding Adults Collection type',
});
export const riskLocationSchema = z.enum(riskLocations).meta({
  id: 'RiskLocation',
  description: 'Location of risk, as the Safeguarding Adults Collection records it',
});
export const sourceOfRiskSchema = z.enum(sourceOfRiskKinds).meta({
  id: 'SourceOfRisk',
  description: 'Who the alleged source is; person_supported needs sourcePersonId',
});
export const entryKindSchema = z.enum(entryKinds).meta({ id: 'ConcernEntryKind' });
export const staffEntryKindSchema = z.enum(staffEntryKinds).meta({
  id: 'StaffConcernEntryKind',
  description: 'The kinds of chronology entry staff record; the others Liaison writes as things happen',
});

// ---- raising and changing a concern ----

export const raiseConcernBody = z
  .strictObject({
    personId: z.uuid().describe('The adult at risk'),
    occurredAt: moment.describe('When it happened (or was first noticed)'),
    whatHappened: text(10000).describe('What happened, in facts: what was seen, heard or told'),
    category: abuseCategorySchema,
    locationOfRisk: riskLocationSchema,
    locationDetail: optionalText(200).describe(
      'Where exactly, e.g. "Flat 3 communal lounge": related concerns match it',
    ),
    sourceKind: sourceOfRiskSchema,
    sourcePersonId: z
      .uuid()
      .nullable()
      .optional()
      .describe('The alleged source, when they are a person supported'),
    sourceDescription: optionalText(500).describe(
      'The alleged source when not a person supported, e.g. "new acquaintance, first name Dan"',
    ),
    othersPresent: optionalText(2000).describe('Who else was there'),
    othersAtRisk: optionalText(2000).describe('Other people at risk, children included'),
    childrenAtRisk: z.boolean().default(false).describe('Whether any child is at risk'),
    immediateActions: text(5000).describe('What was done straight away to keep people safe'),
    level: concernLevelSchema,
  })
  .refine((body) => body.sourceKind !== 'person_supported' || Boolean(body.sourcePersonId), {
    message: 'Choose the person supported who is the alleged source.',
    path: ['sourcePersonId'],
  })
  .meta({ id: 'RaiseConcern' });
export type RaiseConcernInput = z.infer<typeof raiseConcernBody>;

export const updateConcernBody = z
  .strictObject({
    level: concernLevelSchema.optional(),
    levelReason: optionalText(2000).describe(
      'Why the level changes: required with level, and written into the chronology',
    ),
    needToKnow: optionalText(1000).describe(
      'The short "need to know" summary staff other than managers see (what they must do or avoid), without details of the concern',
    ),
    locationDetail: optionalText(200),
    othersAtRisk: optionalText(2000),
    childrenAtRisk: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'Send at least one field to change.' })
  .refine((body) => body.level === undefined || Boolean(body.levelReason?.trim()), {
    message: 'Say why the level changes.',
    path: ['levelReason'],
  })
  .meta({ id: 'UpdateConcern' });
export type UpdateConcernInput = z.infer<typeof updateConcernBody>;

export const changeStatusBody = z
  .strictObject({
    status: concernStatusSchema.exclude(['closed']).describe('Close a concern through its close route'),
    reason: text(5000).describe('Why: for not_referred, the reason the concern is not referred'),
  })
  .meta({ id: 'ChangeConcernStatus' });
export type ChangeStatusInput = z.infer<typeof changeStatusBody>;

export const closeConcernBody = z
  .strictObject({
    outcome: z.enum(riskOutcomes).describe('The Safeguarding Adults Collection risk outcome'),
    lessonsLearnt: text(5000).describe('What the organisation learnt, signed off by the manager closing it'),
  })
  .meta({ id: 'CloseConcern' });
export type CloseConcernInput = z.infer<typeof closeConcernBody>;

export const advocacyBody = z
  .strictObject({
    status: z.enum(advocacyStatuses).exclude(['not_offered']).describe('Offered, accepted or declined'),
    advocateName: optionalText(200).describe('The advocate, once accepted'),
    note: optionalText(2000),
  })
  .refine((body) => body.status !== 'accepted' || Boolean(body.advocateName?.trim()), {
    message: 'Name the advocate.',
    path: ['advocateName'],
  })
  .meta({ id: 'RecordAdvocacy' });
export type AdvocacyInput = z.infer<typeof advocacyBody>;

// ---- the chronology ----

export const addEntryBody = z
  .strictObject({
    kind: staffEntryKindSchema,
    occurredAt: moment.describe('When it happened'),
    facts: text(10000).describe('What happened, as facts'),
    present: z.array(text(200)).max(20).default([]).describe('Who was present'),
    quotes: z
      .array(z.strictObject({ speaker: text(200), words: text(2000).describe('Exactly what was said') }))
      .max(20)
      .default([])
      .describe('Direct quotes, each kept and shown as a quote'),
    source: z.enum(entrySources).describe('Where the information came from'),
    sourceDetail: optionalText(500).describe('Which partner or document, when the source is one'),
    actionTaken: optionalText(5000).describe('What was done'),
    noActionReason: optionalText(5000).describe('Why nothing was done, when nothing was'),
    corrects: z
      .uuid()
      .nullable()
      .optional()
      .describe('The entry this one corrects: the original stays as it was'),
    correctionReason: optionalText(2000).describe('With corrects: what was wrong'),
  })
  .refine((body) => Boolean(body.actionTaken?.trim()) !== Boolean(body.noActionReason?.trim()), {
    message: 'Say what action was taken, or why none was.',
    path: ['actionTaken'],
  })
  .refine((body) => !body.corrects || Boolean(body.correctionReason?.trim()), {
    message: 'Say what the correction puts right.',
    path: ['correctionReason'],
  })
  .meta({ id: 'AddConcernEntry' });
export type AddEntryInput = z.infer<typeof addEntryBody>;

// ---- advice, referral, decision ----

export const requestAdviceBody = z
  .strictObject({
    partnerOrganisationId: z
      .uuid()
      .optional()
      .describe("Leave out to use the organisation's named safeguarding link"),
    partnerContactId: z
      .uuid()
      .optional()
      .describe("Leave out to use the organisation's named safeguarding link"),
    urgency: requestUrgencySchema,
    subject: text(200).describe('A short title without personal details: it goes in the email'),
    summary: text(5000).describe('What has happened, minimum necessary'),
    impact: text(5000).describe('The risk to the person and others'),
    mitigations: text(5000).describe('Interim safeguards already in place'),
    question: text(5000).describe('What threshold advice you need'),
    deadline: moment.describe('When you need the advice by'),
    categories: z
      .array(z.enum(['identity', 'health', 'care_plan', 'risk', 'safeguarding', 'finances']))
      .min(1)
      .max(6),
  })
  .refine((body) => Boolean(body.partnerOrganisationId) === Boolean(body.partnerContactId), {
    message: 'Give both the partner organisation and the contact, or neither.',
    path: ['partnerContactId'],
  })
  .meta({ id: 'RequestThresholdAdvice' });
export type RequestAdviceInput = z.infer<typeof requestAdviceBody>;

export const recordAdviceBody = z
  .strictObject({
    messageId: z
      .uuid()
      .nullable()
      .optional()
      .describe('The advice request it answers; its chasing then stops'),
    adviserName: text(200),
    adviserRole: optionalText(200),
    guidanceApplied: text(2000).describe('Which local threshold guidance the adviser applied'),
    advice: text(10000).describe('What they advised, in their words'),
    howApplied: text(5000).describe('How the advice was applied'),
    givenAt: moment,
    receivedHow: z.enum(['email', 'phone', 'in_person', 'letter', 'meeting', 'other']),
  })
  .meta({ id: 'RecordThresholdAdvice' });
export type RecordAdviceInput = z.infer<typeof recordAdviceBody>;

export const sendReferralBody = z
  .strictObject({
    partnerOrganisationId: z.uuid().describe('The local authority'),
    partnerContactId: z.uuid(),
    urgency: requestUrgencySchema,
    subject: text(200).describe('A short title without personal details: it goes in the email'),
    referral: text(10000).describe('The referral as checked by the manager (start from the prefilled draft)'),
    risk: text(5000).describe('The risk to the person and others'),
    interimSafeguards: text(5000).describe('What is in place while the local authority decides'),
    consentToReferral: z.enum(consentToReferral),
    basisWithoutConsent: optionalText(2000).describe(
      'Required unless the person consented: why referring without it',
    ),
    categories: z
      .array(z.enum(['identity', 'health', 'care_plan', 'risk', 'safeguarding', 'finances']))
      .min(1)
      .max(6),
  })
  .refine((body) => body.consentToReferral === 'given' || Boolean(body.basisWithoutConsent?.trim()), {
    message: 'Say on what basis you refer without consent.',
    path: ['basisWithoutConsent'],
  })
  .meta({ id: 'SendSection42Referral' });
export type SendReferralInput = z.infer<typeof sendReferralBody>;

export const decisionBody = z
  .strictObject({
    decision: z.enum(localAuthorityDecisions).describe('Whether the section 42 duty is met'),
    reason: text(5000).describe('The local authority’s reason'),
    otherRoute: z
      .enum(otherRoutes)
      .nullable()
      .optional()
      .describe('Another route it chose, such as advice or an assessment'),
    feedback: optionalText(5000).describe('Feedback the local authority gave'),
    decidedAt: moment,
    receivedHow: z.enum(['email', 'phone', 'in_person', 'letter', 'meeting', 'other']),
    partnerName: text(200).describe('Who at the local authority gave the decision'),
  })
  .meta({ id: 'RecordLocalAuthorityDecision' });
export type DecisionInput = z.infer<typeof decisionBody>;

// ---- plans, triggers, restrictions ----

export const addPlanBody = z
  .strictObject({
    measures: z.array(z.enum(safeContactMeasures)).min(1).max(7),
    arrangements: text(5000).describe('How contact is kept safe: who visits, when, what is not discussed'),
    reviewOn: date.describe('When the plan is reviewed'),
  })
  .meta({ id: 'AddSafeContactPlan' });
export type AddPlanInput = z.infer<typeof addPlanBody>;

export const endBody = z.strictObject({ reason: text(2000) });

export const addTriggerBody = z
  .strictObject({
    kinds: z.array(staffEntryKindSchema).min(1).max(9).describe('The entry kinds it counts'),
    threshold: z.number().int().min(1).max(100).describe('How many entries meet it'),
    windowDays: z
      .number()
      .int()
      .min(1)
      .max(366)
      .nullable()
      .describe('Within how many days; null for any single entry (threshold 1)'),
    description: optionalText(500),
  })
  .refine((body) => body.windowDays !== null || body.threshold === 1, {
    message: 'Without a window, a trigger is met by any single entry: set threshold to 1.',
    path: ['threshold'],
  })
  .meta({ id: 'AddReviewTrigger' });
export type AddTriggerInput = z.infer<typeof addTriggerBody>;

export const addRestrictionBody = z
  .strictObject({
    personId: z.uuid().describe('Whose freedom it restricts'),
    restriction: text(2000).describe('What is restricted'),
    reason: text(5000).describe('Why'),
    legalBasis: z.enum(restrictionBases),
    legalBasisRecordId: z
      .uuid()
      .nullable()
      .optional()
      .describe('The consent or best-interests decision it rests on'),
    legalBasisNote: optionalText(2000).describe('With other: the basis in words'),
    leastRestrictiveConsidered: text(5000).describe(
      'The less restrictive options considered and why they were not enough',
    ),
    startsOn: date,
    reviewOn: date.describe('Within a month of the start: a restriction is reviewed at least monthly'),
  })
  .meta({ id: 'AddInterimRestriction' });
export type AddRestrictionInput = z.infer<typeof addRestrictionBody>;

export const reviewRestrictionBody = z
  .strictObject({
    reviewedOn: date,
    usedSinceLastReview: z
      .boolean()
      .describe('Whether it was used since the last review (recorded either way)'),
    findings: text(5000),
    outcome: z.enum(['continue', 'end']),
    nextReviewOn: date.nullable().optional().describe('With continue: within a month of the review'),
  })
  .refine((body) => (body.outcome === 'continue') === Boolean(body.nextReviewOn), {
    message: 'Continuing needs the next review date; ending needs none.',
    path: ['nextReviewOn'],
  })
  .meta({ id: 'ReviewInterimRestriction' });
export type ReviewRestrictionInput = z.infer<typeof reviewRestrictionBody>;

export const resolveAlertBody = z.strictObject({ note: optionalText(2000) });

export const settingsBody = z
  .strictObject({
    decisionWorkingDays: z
      .number()
      .int()
      .min(1)
      .max(20)
      .describe('Working days the local authority has to decide'),
    safeguardingLinkContactId: z
      .uuid()
      .nullable()
      .describe('The named safeguarding link (MASH) on the register'),
  })
  .meta({ id: 'ChangeSafeguardingSettings' });
export type SettingsInput = z.infer<typeof settingsBody>;

export const exportBody = z
  .strictObject({
    format: z.enum(['html', 'pdf']),
    occasion: z.enum(['multi_agency_meeting', 'safeguarding_adults_review']),
    recipient: z
      .strictObject({ partnerOrganisationId: z.uuid(), partnerContactId: z.uuid().nullable().optional() })
      .nullable()
      .describe('The agency it is for (asked of the sharing gate); null for staff only'),
  })
  .meta({ id: 'ExportConcernChronology' });
export type ExportInput = z.infer<typeof exportBody>;

// ---- queries and params ----

export const concernListQuery = pageQuery.extend({
  view: z
    .enum(['open', 'overdue_for_decision', 'triggers_met', 'restrictions_past_review', 'not_referred', 'all'])
    .default('open'),
  personId: z.uuid().optional(),
});
export const restrictionListQuery = pageQuery.extend({
  view: z.enum(['current', 'past_review', 'all']).default('current'),
});
export const patternsQuery = z.strictObject({
  sinceDays: z.coerce.number().int().min(1).max(1095).default(365),
  minimum: z.coerce.number().int().min(2).max(20).default(2),
});
export const concernChildParams = z.strictObject({ id: z.uuid(), childId: z.uuid() });

// ---- responses ----

export const concernSummarySchema = z
  .object({
    id: z.uuid(),
    personId: z.uuid(),
    personName: z.string(),
    needToKnow: z
      .string()
      .nullable()
      .describe('The short summary a manager wrote for staff who need to know; null until written'),
    status: concernStatusSchema,
    raisedAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    closedAt: z.iso.datetime().nullable(),
  })
  .meta({
    id: 'ConcernSummary',
    description:
      'What staff other than managers see of a concern: the need-to-know summary, status and dates',
  });

const alertSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(concernAlertKinds),
    title: z.string(),
    detail: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'ConcernAlert', description: 'Something about the concern a manager needs to act on' });

export const concernListItemSchema = concernSummarySchema
  .extend({
    category: abuseCategorySchema,
    categoryLabel: z.string(),
    level: concernLevelSchema,
    locationOfRisk: riskLocationSchema,
    decisionDueAt: z.iso.datetime().nullable().describe('When the local authority’s decision is due'),
    overdueForDecision: z.boolean(),
    openAlerts: z.number().int().describe('Items needing a manager’s attention'),
  })
  .meta({ id: 'ConcernListItem' });

const messageLinkSchema = z.object({
  messageId: z.uuid(),
  purpose: z.enum(concernMessagePurposes),
  subject: z.string(),
  status: z.string().describe('The message’s status: sent, acknowledged, … responded, closed'),
  deadline: z.iso.datetime().nullable(),
  partnerName: z.string(),
});
const adviceSchema = z.object({
  id: z.uuid(),
  messageId: z.uuid().nullable(),
  adviserName: z.string(),
  adviserRole: z.string().nullable(),
  guidanceApplied: z.string(),
  advice: z.string(),
  howApplied: z.string(),
  givenAt: z.iso.datetime(),
});
const planSchema = z.object({
  id: z.uuid(),
  measures: z.array(z.enum(safeContactMeasures)),
  measureLabels: z.array(z.string()),
  arrangements: z.string(),
  reviewOn: z.string(),
  createdAt: z.iso.datetime(),
  endedAt: z.iso.datetime().nullable(),
  endedReason: z.string().nullable(),
});
const triggerSchema = z.object({
  id: z.uuid(),
  kinds: z.array(entryKindSchema),
  threshold: z.number().int(),
  windowDays: z.number().int().nullable(),
  description: z.string().nullable(),
  inWords: z.string().describe('e.g. "3 blocked access entries within 14 days"'),
  lastMetAt: z.iso.datetime().nullable(),
  timesMet: z.number().int(),
  endedAt: z.iso.datetime().nullable(),
});
export const restrictionSchema = z
  .object({
    id: z.uuid(),
    concernId: z.uuid(),
    personId: z.uuid(),
    personName: z.string(),
    restriction: z.string(),
    reason: z.string(),
    legalBasis: z.enum(restrictionBases),
    legalBasisLabel: z.string(),
    legalBasisRecordId: z.uuid().nullable(),
    legalBasisNote: z.string().nullable(),
    leastRestrictiveConsidered: z.string(),
    startsOn: z.string(),
    reviewOn: z.string(),
    pastReview: z.boolean().describe('Its review date has passed without a review'),
    endedOn: z.string().nullable(),
    endReason: z.string().nullable(),
    reviews: z.array(
      z.object({
        reviewedOn: z.string(),
        usedSinceLastReview: z.boolean(),
        findings: z.string(),
        outcome: z.enum(['continue', 'end']),
        nextReviewOn: z.string().nullable(),
      }),
    ),
    version: z.number().int(),
  })
  .meta({ id: 'InterimRestriction' });

export const concernSchema = concernListItemSchema
  .extend({
    occurredAt: z.iso.datetime(),
    whatHappened: z.string(),
    locationDetail: z.string().nullable(),
    sourceKind: sourceOfRiskSchema,
    sourcePersonId: z.uuid().nullable(),
    sourceDescription: z.string().nullable(),
    othersPresent: z.string().nullable(),
    othersAtRisk: z.string().nullable(),
    childrenAtRisk: z.boolean(),
    immediateActions: z.string(),
    notReferredReason: z.string().nullable(),
    advocacy: z.object({ status: z.enum(advocacyStatuses), advocateName: z.string().nullable() }),
    localAuthorityDecision: z
      .object({
        decision: z.enum(localAuthorityDecisions),
        reason: z.string().nullable(),
        otherRoute: z.enum(otherRoutes).nullable(),
        feedback: z.string().nullable(),
        decidedAt: z.iso.datetime(),
      })
      .nullable(),
    outcome: z.enum(riskOutcomes).nullable(),
    lessonsLearnt: z.string().nullable(),
    signedOffBy: z.uuid().nullable(),
    escalationPrompt: z
      .string()
      .nullable()
      .describe('Shown on the concern when a review trigger was met: consider escalating'),
    alerts: z.array(alertSchema),
    messages: z.array(messageLinkSchema).describe('Threshold advice requests and section 42 referrals'),
    advice: z.array(adviceSchema),
    plans: z.array(planSchema),
    triggers: z.array(triggerSchema),
    restrictions: z.array(restrictionSchema),
    version: z.number().int(),
  })
  .meta({ id: 'Concern', description: 'A safeguarding concern in full: managers and the auditor only' });

export const entrySchema = z
  .object({
    id: z.uuid(),
    kind: entryKindSchema,
    kindLabel: z.string(),
    occurredAt: z.iso.datetime(),
    recordedAt: z.iso.datetime(),
    recordedBy: z.string().nullable(),
    text: z.string(),
    corrects: z.uuid().nullable(),
  })
  .meta({ id: 'ConcernEntry', description: 'An entry of the concern’s chronology, as recorded' });

const quoteSchema = z.object({ speaker: z.string(), words: z.string() });

export const concernChronologyPageSchema = z
  .object({
    items: z.array(
      chronologyEntrySchema
        .extend({
          entry: z
            .object({
              kind: entryKindSchema,
              facts: z.string().nullable().describe('What happened, as facts (entries staff add)'),
              present: z.array(z.string()),
              quotes: z.array(quoteSchema).describe('Direct quotes, each exactly as it was said'),
              source: z.enum(entrySources).nullable().describe('Where the information came from'),
              sourceDetail: z.string().nullable(),
              actionTaken: z.string().nullable(),
              noActionReason: z.string().nullable(),
              corrects: z.uuid().nullable().describe('The entry this one corrects'),
              correctionReason: z.string().nullable(),
              correctedBy: z.array(z.uuid()).describe('Later entries that correct this one'),
            })
            .nullable()
            .describe('For the concern’s own entries: what was recorded, and its corrections'),
        })
        .meta({ id: 'ConcernChronologyEntry' }),
    ),
    nextBefore: z
      .string()
      .nullable()
      .describe('Pass as `before` for the next (older) page; null on the last page'),
  })
  .meta({ id: 'ConcernChronologyPage', description: 'A concern’s merged chronology, newest first' });

export function toConcernChronologyPage(
  page: ChronologyPage & {
    entryDetails: ReadonlyMap<
      string,
      { kind: EntryKind; details: EntryDetails; corrects: string | null; correctedBy: string[] }
    >;
  },
): z.infer<typeof concernChronologyPageSchema> {
  return {
    items: page.items.map((item) => {
      const recorded = item.source === 'concern_entries' ? page.entryDetails.get(item.id) : undefined;
      const details = recorded?.details;
      const source = entrySources.find((each) => each === details?.source) ?? null;
      return {
        ...toChronologyEntryResponse(item),
        entry: recorded
          ? {
              kind: recorded.kind,
              facts: details?.facts ?? null,
              present: details?.present ?? [],
              quotes: details?.quotes ?? [],
              source,
              sourceDetail: details?.sourceDetail ?? null,
              actionTaken: details?.actionTaken ?? null,
              noActionReason: details?.noActionReason ?? null,
              corrects: recorded.corrects,
              correctionReason: details?.correctionReason ?? null,
              correctedBy: recorded.correctedBy,
            }
          : null,
      };
    }),
    nextBefore: page.nextBefore,
  };
}

export const relatedSchema = z.object({
  items: z.array(
    concernSummarySchema.extend({
      category: abuseCategorySchema,
      level: concernLevelSchema,
      relatedBy: z.array(z.enum(['same_person', 'same_source', 'same_location'])),
    }),
  ),
});

const patternConcernSchema = z
  .object({
    id: z.uuid(),
    category: abuseCategorySchema,
    level: concernLevelSchema,
    status: concernStatusSchema,
    raisedAt: z.iso.datetime(),
  })
  .meta({ id: 'PatternConcern', description: 'One concern of a pattern, oldest first' });

export const patternsSchema = z
  .object({
    byPerson: z.array(
      z.object({
        personId: z.uuid(),
        personName: z.string(),
        concernIds: z.array(z.uuid()),
        concerns: z.array(patternConcernSchema),
      }),
    ),
    bySource: z.array(
      z.object({
        source: z.string(),
        concernIds: z.array(z.uuid()),
        concerns: z.array(patternConcernSchema),
      }),
    ),
  })
  .meta({
    id: 'ConcernPatterns',
    description: 'Low-level or not-referred concerns that recur about one person or one alleged source',
  });

export function toPatternConcern(concern: {
  id: string;
  category: z.infer<typeof abuseCategorySchema>;
  level: z.infer<typeof concernLevelSchema>;
  status: z.infer<typeof concernStatusSchema>;
  raised_at: Date;
}): z.infer<typeof patternConcernSchema> {
  return {
    id: concern.id,
    category: concern.category,
    level: concern.level,
    status: concern.status,
    raisedAt: concern.raised_at.toISOString(),
  };
}

export const countsSchema = z
  .object({
    open: z.number().int(),
    overdueForDecision: z.number().int(),
    triggersMet: z.number().int(),
    restrictionsPastReview: z.number().int(),
  })
  .meta({ id: 'ConcernCounts', description: 'The counts for the home page and the concerns list' });

export const referralDraftSchema = z
  .object({
    person: z.object({
      name: z.string(),
      dateOfBirth: z.string().nullable(),
      nhsNumber: z.string().nullable(),
      address: z.string().nullable(),
    }),
    gp: z.object({ name: z.string(), organisation: z.string() }).nullable(),
    capacity: z.array(z.object({ decision: z.string(), outcome: z.string(), assessedOn: z.string() })),
    consentsForSafeguarding: z.array(z.object({ givenOn: z.string(), status: z.string() })),
    representatives: z.array(z.object({ kind: z.string(), name: z.string() })),
    advocacy: z.object({ status: z.enum(advocacyStatuses), advocateName: z.string().nullable() }),
    othersAtRisk: z.string().nullable(),
    childrenAtRisk: z.boolean(),
    chronologySummary: z.array(z.string()).describe('The concern’s entries, oldest first, one line each'),
    text: z.string().describe('The whole draft as one text to check and edit before sending'),
    decisionDueAt: z.iso.datetime().describe('When the local authority’s decision would be due if sent now'),
  })
  .meta({ id: 'Section42ReferralDraft' });

export const settingsSchema = z
  .object({
    decisionWorkingDays: z.number().int(),
    safeguardingLinkContactId: z.uuid().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'SafeguardingSettings' });

// ---- shaping answers ----

type ConcernWithPerson = ConcernRow & { person_name: string };

export function toConcernSummary(concern: ConcernWithPerson): z.infer<typeof concernSummarySchema> {
  return {
    id: concern.id,
    personId: concern.person_id,
    personName: concern.person_name,
    needToKnow: concern.need_to_know,
    status: concern.status,
    raisedAt: concern.raised_at.toISOString(),
    updatedAt: concern.updated_at.toISOString(),
    closedAt: concern.closed_at?.toISOString() ?? null,
  };
}

export function toConcernListItem(
  concern: ConcernWithPerson & { open_alerts: number },
  now: Date,
): z.infer<typeof concernListItemSchema> {
  return {
    ...toConcernSummary(concern),
    category: concern.category,
    categoryLabel: abuseCategoryLabels[concern.category],
    level: concern.level,
    locationOfRisk: concern.location_of_risk,
    decisionDueAt: concern.decision_due_at?.toISOString() ?? null,
    overdueForDecision:
      concern.status === 'referred' &&
      concern.la_decided_at === null &&
      concern.decision_due_at !== null &&
      concern.decision_due_at.getTime() < now.getTime(),
    openAlerts: concern.open_alerts,
  };
}

export function toRestrictionResponse(
  restriction: ConcernRestrictionRow & { person_name: string },
  reviews: readonly RestrictionReviewRow[],
  now: Date,
): z.infer<typeof restrictionSchema> {
  return {
    id: restriction.id,
    concernId: restriction.concern_id,
    personId: restriction.person_id,
    personName: restriction.person_name,
    restriction: restriction.restriction,
    reason: restriction.reason,
    legalBasis: restriction.legal_basis,
    legalBasisLabel: restrictionBasisLabels[restriction.legal_basis],
    legalBasisRecordId: restriction.legal_basis_record_id,
    legalBasisNote: restriction.legal_basis_note,
    leastRestrictiveConsidered: restriction.least_restrictive_considered,
    startsOn: restriction.starts_on,
    reviewOn: restriction.review_on,
    pastReview: restriction.ended_on === null && restriction.review_on < londonDateOf(now),
    endedOn: restriction.ended_on,
    endReason: restriction.end_reason,
    reviews: reviews
      .filter((review) => review.restriction_id === restriction.id)
      .map((review) => ({
        reviewedOn: review.reviewed_on,
        usedSinceLastReview: review.used_since_last_review,
        findings: review.findings,
        outcome: review.outcome,
        nextReviewOn: review.next_review_on,
      })),
    version: restriction.version,
  };
}

export function toTriggerResponse(
  trigger: ConcernTriggerRow,
  inWords: string,
): z.infer<typeof triggerSchema> {
  return {
    id: trigger.id,
    kinds: trigger.kinds,
    threshold: trigger.threshold,
    windowDays: trigger.window_days,
    description: trigger.description,
    inWords,
    lastMetAt: trigger.last_met_at?.toISOString() ?? null,
    timesMet: trigger.times_met,
    endedAt: trigger.ended_at?.toISOString() ?? null,
  };
}

export function toPlanResponse(plan: SafeContactPlanRow): z.infer<typeof planSchema> {
  return {
    id: plan.id,
    measures: plan.measures,
    measureLabels: plan.measures.map((measure) => safeContactMeasureLabels[measure]),
    arrangements: plan.arrangements,
    reviewOn: plan.review_on,
    createdAt: plan.created_at.toISOString(),
    endedAt: plan.ended_at?.toISOString() ?? null,
    endedReason: plan.ended_reason,
  };
}

export function toAdviceResponse(advice: ConcernAdviceRow): z.infer<typeof adviceSchema> {
  return {
    id: advice.id,
    messageId: advice.message_id,
    adviserName: advice.adviser_name,
    adviserRole: advice.adviser_role,
    guidanceApplied: advice.guidance_applied,
    advice: advice.advice,
    howApplied: advice.how_applied,
    givenAt: advice.given_at.toISOString(),
  };
}

export function toEntryResponse(entry: LogEntryRow & { kind: EntryKind }): z.infer<typeof entrySchema> {
  return {
    id: entry.id,
    kind: entry.kind,
    kindLabel: entryKindLabels[entry.kind],
    occurredAt: entry.occurred_at.toISOString(),
    recordedAt: entry.recorded_at.toISOString(),
    recordedBy: entry.recorded_by_name,
    text: entry.text,
    corrects: entry.corrects,
  };
}
