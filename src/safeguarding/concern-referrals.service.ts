import { randomUUID } from 'node:crypto';
import { recordAdviceFromMessage } from '../advice/advice.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { inLondon, londonDateOf } from '../calendar/london-time.ts';
import { addWorkingDays } from '../calendar/working-days.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import { consentsCovering } from '../consent/consent.service.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import { AppError, changedElsewhere, checkVersion } from '../errors.ts';
import { latestCapacityAssessmentsOf } from '../mental-capacity/mental-capacity.service.ts';
import { logContact } from '../partner-messages/message-lifecycle.service.ts';
import { sendMessage } from '../partner-messages/partner-messages.service.ts';
import { findPartnerContact } from '../partners/partners.service.ts';
import { currentCircleOf } from '../people/circle-of-support.service.ts';
import { getPerson, listRepresentativesOf } from '../people/people.service.ts';
import { type RepresentativeKind, representativeKindLabels } from '../people/people.vocabulary.ts';
import * as safeguardingRepository from './safeguarding.repository.ts';
import type {
  DecisionInput,
  RecordAdviceInput,
  RequestAdviceInput,
  SendReferralInput,
  SettingsInput,
} from './safeguarding.schemas.ts';
import { appendConcernEntry, getConcern, lockOpenConcern, moveTo } from './safeguarding.service.ts';
import type { ConcernRow } from './safeguarding.table.ts';
import {
  advocacyStatusLabels,
  concernStatusLabels,
  consentToReferralLabels,
  type EntryKind,
  entryKindLabels,
  localAuthorityDecisionLabels,
  nextStatuses,
  otherRouteLabels,
} from './safeguarding.vocabulary.ts';
import { resolveConcernAttention } from './safeguarding-alerts.ts';

const DEFAULT_DECISION_WORKING_DAYS = 2;

const withIdentity = <Category extends string>(categories: readonly Category[]) => [
  ...new Set(['identity' as Category, ...categories]),
];

export type Settings = { clock: Clock; config: Pick<Config, 'publicUrl' | 'mfaKeyFile' | 'smtp'> };

/** The subject type concerns go by in the shared mechanisms (shares, attention, the chronology). */
export const CONCERN_SUBJECT = 'concern';
// ---- advice, referral, decision ----

async function safeguardingSettings(executor: Executor, orgId: string) {
  const saved = await safeguardingRepository.findSettings(executor, orgId);
  return {
    decisionWorkingDays: saved?.decision_working_days ?? DEFAULT_DECISION_WORKING_DAYS,
    safeguardingLinkContactId: saved?.safeguarding_link_contact_id ?? null,
    // The defaults count as the first version, so the first save names version 1 like any other.
    version: saved?.version ?? 1,
  };
}

export function getSettings(db: Db, context: RequestContext) {
  return safeguardingSettings(db, context.orgId);
}

/** Saves the settings if they are still at `expectedVersion` (1, the defaults, before the first save). */
export async function saveSettings(
  db: Db,
  context: RequestContext,
  expectedVersion: number,
  input: SettingsInput,
  clock: Clock,
) {
  const at = clock.now();
  return db.transaction().execute(async (trx) => {
    const current = await safeguardingRepository.findSettings(trx, context.orgId);
    checkVersion(expectedVersion, current?.version ?? 1, 'The safeguarding settings');
    if (input.safeguardingLinkContactId) {
      const contact = await findPartnerContact(trx, context, input.safeguardingLinkContactId);
      if (!contact) {
        throw new AppError('validation', 'Choose a contact from your register.', {
          field: 'safeguardingLinkContactId',
        });
      }
    }
    const saved = await safeguardingRepository.saveSettings(trx, {
      orgId: context.orgId,
      decisionWorkingDays: input.decisionWorkingDays,
      linkContactId: input.safeguardingLinkContactId,
      by: context.actor.type === 'user' ? context.actor.id : null,
      at,
      expectedVersion,
    });
    if (!saved) throw changedElsewhere('The safeguarding settings');
    await recordAudit(trx, context, at, {
      action: 'safeguarding_settings.update',
      entityType: 'safeguarding_settings',
      entityId: null,
      changedFields: ['decision_working_days', 'safeguarding_link_contact_id'],
    });
    return {
      decisionWorkingDays: saved.decision_working_days,
      safeguardingLinkContactId: saved.safeguarding_link_contact_id,
      version: saved.version,
    };
  });
}

async function linkedMessage(
  db: Db,
  context: RequestContext,
  concern: ConcernRow,
  link: {
    messageId: string;
    purpose: 'threshold_advice' | 's42_referral';
    entry: { kind: EntryKind; text: string };
  },
  changes: {
    status?: ConcernRow['status'];
    reason?: string;
    extra?: Parameters<typeof safeguardingRepository.updateConcern>[3];
  },
  at: Date,
) {
  // The message was sent in its own transaction (the gate's answer, the link, the email): the
  // concern records it straight after. Should this step fail, the message stands in the thread
  // list and can be linked by sending the record again.
  return db.transaction().execute(async (trx) => {
    const locked = await lockOpenConcern(trx, context, concern.id);
    await safeguardingRepository.linkMessage(trx, {
      orgId: context.orgId,
      concernId: concern.id,
      messageId: link.messageId,
      purpose: link.purpose,
      at,
    });
    await appendConcernEntry(
      trx,
      context,
      locked,
      {
        kind: link.entry.kind,
        text: link.entry.text,
        details: { messageId: link.messageId },
      },
      at,
    );
    if (changes.status && changes.status !== locked.status) {
      return moveTo(trx, context, locked, changes.status, changes.reason ?? '', at, changes.extra);
    }
    if (changes.extra) {
      return (await safeguardingRepository.updateConcern(
        trx,
        context.orgId,
        concern.id,
        changes.extra,
        null,
      ))!;
    }
    return locked;
  });
}

/**
 * Asks the organisation's named safeguarding link (or another contact) for threshold advice: a
 * safeguarding message through the sharing gate, with its deadline and escalation route.
 */
export async function requestThresholdAdvice(
  db: Db,
  context: RequestContext,
  concernId: string,
  input: RequestAdviceInput,
  settings: Settings,
) {
  const concern = await getConcern(db, context, concernId);
  if (concern.status === 'closed') throw new AppError('conflict', 'This concern is closed.');
  let partnerOrganisationId = input.partnerOrganisationId;
  let partnerContactId = input.partnerContactId;
  if (!partnerContactId) {
    const { safeguardingLinkContactId } = await safeguardingSettings(db, context.orgId);
    const link = safeguardingLinkContactId
      ? await findPartnerContact(db, context, safeguardingLinkContactId)
      : undefined;
    if (!link) {
      throw new AppError(
        'validation',
        'Name the organisation’s safeguarding link in the safeguarding settings, or choose a contact.',
        { field: 'partnerContactId' },
      );
    }
    partnerContactId = link.id;
    partnerOrganisationId = link.partner_organisation_id;
  }
  const message = await sendMessage(
    db,
    context,
    {
      template: 'safeguarding',
      askType: 'advice',
      urgency: input.urgency,
      partnerOrganisationId: partnerOrganisationId!,
      partnerContactId,
      personId: concern.person_id,
      purpose: 'safeguarding',
      // A message about a person tells the partner who they are.
      categories: withIdentity(input.categories),
      subject: input.subject,
      summary: input.summary,
      impact: input.impact,
      mitigations: input.mitigations,
      ask: input.question,
      deadline: input.deadline,
    },
    settings,
  );
  const at = settings.clock.now();
  await linkedMessage(
    db,
    context,
    concern,
    {
      messageId: message.id,
      purpose: 'threshold_advice',
      entry: {
        kind: 'advice_requested',
        text: `Threshold advice sought from ${message.partnerOrganisationName}: ${input.question}`,
      },
    },
    {
      status: concern.status === 'raised' || concern.status === 'triage' ? 'advice_sought' : undefined,
      reason: 'Threshold advice sought',
    },
    at,
  );
  return message;
}

async function concernMessage(
  db: Db,
  context: RequestContext,
  concernId: string,
  messageId: string,
  purpose: 'threshold_advice' | 's42_referral',
) {
  const messages = await safeguardingRepository.listConcernMessages(db, context.orgId, concernId);
  const message = messages.find((each) => each.message_id === messageId && each.purpose === purpose);
  if (!message) {
    throw new AppError('validation', 'Choose a message sent from this concern.', { field: 'messageId' });
  }
  return message;
}

/** Records threshold advice: who gave it, the local guidance applied, the advice and how it was applied. */
export async function recordThresholdAdvice(
  db: Db,
  context: RequestContext,
  concernId: string,
  input: RecordAdviceInput,
  settings: Settings,
) {
  const concern = await getConcern(db, context, concernId);
  if (concern.status === 'closed') throw new AppError('conflict', 'This concern is closed.');
  const givenAt = new Date(input.givenAt);
  if (givenAt.getTime() > settings.clock.now().getTime() + 60_000) {
    throw new AppError('validation', 'Advice cannot be given in the future.', { field: 'givenAt' });
  }
  if (input.messageId) {
    const message = await concernMessage(db, context, concernId, input.messageId, 'threshold_advice');
    // The partner answered: the message is responded and its chasing stops.
    if (['sent', 'acknowledged', 'accepted'].includes(message.status)) {
      await logContact(
        db,
        context,
        input.messageId,
        {
          kind: input.receivedHow === 'phone' ? 'call' : 'reply',
          how: input.receivedHow,
          direction: 'from_partner',
          partnerName: input.adviserName,
          partnerRole: input.adviserRole ?? null,
          summary: input.advice,
          occurredAt: input.givenAt,
          outcome: 'responded',
          isAdvice: true,
          advice: input.advice,
        },
        settings,
        recordAdviceFromMessage,
      );
    }
  }
  const at = settings.clock.now();
  return db.transaction().execute(async (trx) => {
    const locked = await lockOpenConcern(trx, context, concernId);
    const advice = {
      org_id: context.orgId,
      id: randomUUID(),
      concern_id: concernId,
      person_id: locked.person_id,
      message_id: input.messageId ?? null,
      adviser_name: input.adviserName,
      adviser_role: input.adviserRole?.trim() || null,
      guidance_applied: input.guidanceApplied,
      advice: input.advice,
      how_applied: input.howApplied,
      given_at: givenAt,
      recorded_by_type: context.actor.type,
      recorded_by: context.actor.id,
      recorded_at: at,
    };
    await safeguardingRepository.insertAdvice(trx, advice);
    await appendConcernEntry(
      trx,
      context,
      locked,
      {
        kind: 'advice_recorded',
        occurredAt: givenAt,
        text: `Threshold advice from ${input.adviserName} (applying ${input.guidanceApplied}): ${input.advice}\nHow it was applied: ${input.howApplied}`,
        details: { adviceId: advice.id, messageId: advice.message_id },
        action: 'concern.record_advice',
      },
      at,
    );
    return advice;
  });
}

/** The section 42 referral prefilled from the records, for the manager to check (the view is audited). */
export async function referralDraft(db: Db, context: RequestContext, concernId: string, clock: Clock) {
  const now = clock.now();
  const concern = await getConcern(db, context, concernId);
  const person = await getPerson(db, context, concern.person_id);
  const [circle, allRepresentatives, capacity, consents, entries, config] = await Promise.all([
    currentCircleOf(db, context, person.id),
    listRepresentativesOf(db, context, person.id),
    latestCapacityAssessmentsOf(db, context, { personId: person.id, limit: 10 }),
    consentsCovering(db, context, { personId: person.id, purpose: 'safeguarding' }),
    safeguardingRepository.listEntriesOfConcern(db, context.orgId, concernId, 200),
    safeguardingSettings(db, context.orgId),
  ]);
  const name = `${person.given_name} ${person.family_name}`;
  const today = londonDateOf(now);
  const chronologySummary = [...entries]
    .reverse()
    .map(
      (entry) =>
        `${londonDateOf(entry.occurred_at)} ${entryKindLabels[entry.kind]}: ${entry.text.replaceAll('\n', ' — ')}`,
    );
  const currentGp = circle.find((member) => member.role === 'gp');
  const gp = currentGp
    ? { name: currentGp.contact_name, organisation: currentGp.partner_organisation_name }
    : null;
  const representatives = allRepresentatives.filter((each) => each.ended_at === null);
  const draft = {
    person: {
      name,
      dateOfBirth: person.date_of_birth,
      nhsNumber: person.nhs_number,
      address: person.address ? `${person.address}${person.postcode ? `, ${person.postcode}` : ''}` : null,
    },
    gp,
    capacity: capacity.map((each) => ({
      decision: each.decision,
      outcome: each.outcome,
      assessedOn: each.assessed_on,
    })),
    consentsForSafeguarding: consents.map((each) => ({
      givenOn: each.given_on,
      status: each.withdrawn_at ? 'withdrawn' : each.review_on < today ? 'lapsed' : 'in_force',
    })),
    representatives: representatives.map((each) => ({ kind: each.kind, name: each.name })),
    advocacy: { status: concern.advocacy_status, advocateName: concern.advocate_name },
    othersAtRisk: concern.others_at_risk,
    childrenAtRisk: concern.children_at_risk,
    chronologySummary,
    decisionDueAt: addWorkingDays(now, config.decisionWorkingDays).toISOString(),
  };
  const text = [
    `Section 42 safeguarding concern about ${name}`,
    `Date of birth: ${draft.person.dateOfBirth ?? 'not recorded'}; NHS number: ${draft.person.nhsNumber ?? 'not recorded'}`,
    `Address: ${draft.person.address ?? 'not recorded'}`,
    `GP: ${gp ? `${gp.name}, ${gp.organisation}` : 'not recorded'}`,
    `Capacity for relevant decisions: ${draft.capacity.map((each) => `${each.decision} — ${each.outcome === 'lacks_capacity' ? 'lacks capacity' : 'has capacity'} (assessed ${each.assessedOn})`).join('; ') || 'no assessment recorded'}`,
    `Representatives: ${draft.representatives.map((each) => `${each.name} (${representativeKindLabels[each.kind as RepresentativeKind] ?? each.kind})`).join('; ') || 'none recorded'}`,
    `Advocacy: ${advocacyStatusLabels[concern.advocacy_status]}${concern.advocate_name ? ` — ${concern.advocate_name}` : ''}`,
    `Other people at risk: ${concern.others_at_risk ?? 'none known'}${concern.children_at_risk ? ' (children at risk)' : ''}`,
    `What happened: ${concern.what_happened}`,
    `Immediate actions: ${concern.immediate_actions}`,
    'Chronology:',
    ...chronologySummary.map((line) => `- ${line}`),
  ].join('\n');
  await recordAudit(db, context, now, {
    action: 'concern.view_referral_draft',
    entityType: 'concern',
    entityId: concernId,
  });
  return { ...draft, text };
}

/**
 * Sends the section 42 referral the manager checked, through the sharing gate; the local
 * authority's decision is due after the organisation's working days (2 unless set) and the
 * message's escalation chases it when it does not come.
 */
export async function sendReferral(
  db: Db,
  context: RequestContext,
  concernId: string,
  input: SendReferralInput,
  settings: Settings,
) {
  const concern = await getConcern(db, context, concernId);
  if (concern.status === 'closed') throw new AppError('conflict', 'This concern is closed.');
  if (!nextStatuses[concern.status].includes('referred')) {
    throw new AppError(
      'conflict',
      `A concern that is “${concernStatusLabels[concern.status]}” cannot be referred.`,
    );
  }
  const now = settings.clock.now();
  const { decisionWorkingDays } = await safeguardingSettings(db, context.orgId);
  const decisionDueAt = addWorkingDays(now, decisionWorkingDays);
  const consentLine =
    input.consentToReferral === 'given'
      ? 'The person consented to this referral.'
      : `Referred without consent. ${consentToReferralLabels[input.consentToReferral]}. Basis: ${input.basisWithoutConsent}`;
  const message = await sendMessage(
    db,
    context,
    {
      template: 'safeguarding',
      askType: 'decision',
      urgency: input.urgency,
      partnerOrganisationId: input.partnerOrganisationId,
      partnerContactId: input.partnerContactId,
      personId: concern.person_id,
      purpose: 'safeguarding',
      categories: withIdentity(input.categories),
      subject: input.subject,
      summary: `${input.referral}\n\n${consentLine}`,
      impact: input.risk,
      mitigations: input.interimSafeguards,
      ask: 'Please decide whether the section 42 duty to make enquiries is met, and tell us the reason and any other route.',
      deadline: decisionDueAt.toISOString(),
    },
    settings,
  );
  await linkedMessage(
    db,
    context,
    concern,
    {
      messageId: message.id,
      purpose: 's42_referral',
      entry: {
        kind: 'referral_sent',
        text: `Section 42 referral sent to ${message.partnerOrganisationName}. ${consentLine} Decision expected by ${inLondon(decisionDueAt).toFormat("d MMMM yyyy 'at' h:mma").replace('AM', 'am').replace('PM', 'pm')} (UK time).`,
      },
    },
    {
      status: 'referred',
      reason: 'Section 42 referral sent',
      extra: { decision_due_at: decisionDueAt, decision_overdue_flagged_at: null },
    },
    now,
  );
  return { message, decisionDueAt };
}

/** Records the local authority's decision in its own terms; the referral's chasing stops. */
export async function recordLocalAuthorityDecision(
  db: Db,
  context: RequestContext,
  concernId: string,
  input: DecisionInput,
  settings: Settings,
) {
  const concern = await getConcern(db, context, concernId);
  if (concern.status !== 'referred') {
    throw new AppError('conflict', 'Record a decision on a concern that has been referred.');
  }
  const messages = await safeguardingRepository.listConcernMessages(db, context.orgId, concernId);
  const referral = messages.filter((message) => message.purpose === 's42_referral').at(-1);
  const decidedAt = new Date(input.decidedAt);
  if (decidedAt.getTime() > settings.clock.now().getTime() + 60_000) {
    throw new AppError('validation', 'The decision cannot be in the future.', { field: 'decidedAt' });
  }
  const words = `${localAuthorityDecisionLabels[input.decision]}. Reason: ${input.reason}${input.otherRoute ? `. Other route: ${otherRouteLabels[input.otherRoute]}` : ''}${input.feedback ? `. Feedback: ${input.feedback}` : ''}`;
  if (referral && ['sent', 'acknowledged', 'accepted'].includes(referral.status)) {
    await logContact(
      db,
      context,
      referral.message_id,
      {
        kind: input.receivedHow === 'phone' ? 'call' : 'reply',
        how: input.receivedHow,
        direction: 'from_partner',
        partnerName: input.partnerName,
        partnerRole: null,
        summary: words,
        occurredAt: input.decidedAt,
        outcome: 'responded',
        isAdvice: false,
      },
      settings,
      recordAdviceFromMessage,
    );
  }
  const at = settings.clock.now();
  return db.transaction().execute(async (trx) => {
    const locked = await lockOpenConcern(trx, context, concernId);
    await appendConcernEntry(
      trx,
      context,
      locked,
      {
        kind: 'local_authority_decision',
        occurredAt: decidedAt,
        text: `Local authority (${input.partnerName}): ${words}`,
        details: { decision: input.decision, otherRoute: input.otherRoute ?? null },
        action: 'concern.record_decision',
      },
      at,
    );
    await resolveConcernAttention(trx, {
      orgId: context.orgId,
      concernId,
      kind: 'decision_overdue',
      note: 'The local authority’s decision was recorded.',
      at,
    });
    return moveTo(trx, context, locked, input.decision === 's42_duty_met' ? 'enquiry' : 'plan', words, at, {
      la_decision: input.decision,
      la_decision_reason: input.reason,
      la_other_route: input.otherRoute ?? null,
      la_feedback: input.feedback?.trim() || null,
      la_decided_at: decidedAt,
    });
  });
}
