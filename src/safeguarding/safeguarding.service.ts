import { randomUUID } from 'node:crypto';
import { type SqlBool, sql } from 'kysely';
import { recordAdviceFromMessage } from '../advice/advice.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { addWorkingDays, londonDateOf } from '../calendar/working-days.ts';
import { type ChronologySource, mergeChronology } from '../chronology/chronology.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import { type RequestContext, systemContext } from '../context.ts';
import type { Db, DbTransaction, Executor } from '../db/database.ts';
import { AppError, changedElsewhere, checkVersion, notFound } from '../errors.ts';
import { appendLogEntry } from '../logs/logs.service.ts';
import { getOrganisation } from '../organisations/organisations.service.ts';
import { logContact } from '../partner-messages/message-lifecycle.service.ts';
import { readMessageEventsOfMessages } from '../partner-messages/partner-messages.chronology.ts';
import { sendMessage } from '../partner-messages/partner-messages.service.ts';
import { getPerson } from '../people/people.service.ts';
import { readSharesOfSubjects } from '../sharing/sharing.chronology.ts';
import { readConcernAdvice, readConcernEntriesOfConcern } from './safeguarding.chronology.ts';
import * as safeguardingRepository from './safeguarding.repository.ts';
import type {
  AddEntryInput,
  AddPlanInput,
  AddRestrictionInput,
  AddTriggerInput,
  AdvocacyInput,
  ChangeStatusInput,
  CloseConcernInput,
  DecisionInput,
  RaiseConcernInput,
  RecordAdviceInput,
  RequestAdviceInput,
  ReviewRestrictionInput,
  SendReferralInput,
  SettingsInput,
  UpdateConcernInput,
} from './safeguarding.schemas.ts';
import type { ConcernRow, ConcernTriggerRow } from './safeguarding.table.ts';
import {
  advocacyStatusLabels,
  concernLevelLabels,
  concernStatusLabels,
  type EntryKind,
  entryKindLabels,
  localAuthorityDecisionLabels,
  nextStatuses,
  otherRouteLabels,
  riskOutcomeLabels,
  safeContactMeasureLabels,
} from './safeguarding.vocabulary.ts';
import {
  emailManagersAboutConcern,
  raiseConcernAttention,
  resolveConcernAttention,
} from './safeguarding-alerts.ts';

export type Settings = { clock: Clock; config: Pick<Config, 'publicUrl' | 'mfaKeyFile' | 'smtp'> };

/** The subject type concerns go by in the shared mechanisms (shares, attention, the chronology). */
export const CONCERN_SUBJECT = 'concern';
const DEFAULT_DECISION_WORKING_DAYS = 2;

const withIdentity = <Category extends string>(categories: readonly Category[]) => [
  ...new Set(['identity' as Category, ...categories]),
];

const concernNotFound = () => notFound('The safeguarding concern');

export async function getConcern(
  executor: Executor,
  context: RequestContext,
  id: string,
): Promise<ConcernRow> {
  const concern = await safeguardingRepository.findConcern(executor, context.orgId, id);
  if (!concern) throw concernNotFound();
  return concern;
}

async function lockOpenConcern(trx: DbTransaction, context: RequestContext, id: string): Promise<ConcernRow> {
  const concern = await safeguardingRepository.lockConcern(trx, context.orgId, id);
  if (!concern) throw concernNotFound();
  if (concern.status === 'closed') throw new AppError('conflict', 'This concern is closed.');
  return concern;
}

/** Writes an entry into the concern's chronology, with its audit entry. */
function appendConcernEntry(
  trx: DbTransaction,
  context: RequestContext,
  concern: ConcernRow,
  entry: {
    kind: EntryKind;
    occurredAt: Date;
    text: string;
    details?: Record<string, unknown>;
    corrects?: string | null;
    action?: string;
  },
  at: Date,
) {
  return appendLogEntry(
    trx,
    context,
    'concern_entries',
    {
      subject: { concern_id: concern.id, person_id: concern.person_id },
      kind: entry.kind,
      occurredAt: entry.occurredAt,
      text: entry.text,
      details: entry.details ?? {},
      corrects: entry.corrects ?? null,
      audit: {
        action: entry.action ?? 'concern_entry.add',
        entityType: 'concern',
        entityId: concern.id,
        changedFields: ['concern_entries'],
      },
    },
    at,
  );
}

// ---- raising, reading, changing ----

/** Any member of staff who writes may raise a concern; what happened is its first chronology entry. */
export async function raiseConcern(db: Db, context: RequestContext, input: RaiseConcernInput, clock: Clock) {
  const at = clock.now();
  const occurredAt = new Date(input.occurredAt);
  if (occurredAt.getTime() > at.getTime() + 60_000) {
    throw new AppError('validation', 'What happened cannot be in the future.', { field: 'occurredAt' });
  }
  if (input.sourcePersonId === input.personId) {
    throw new AppError('validation', 'The alleged source cannot be the adult at risk.', {
      field: 'sourcePersonId',
    });
  }
  return db.transaction().execute(async (trx) => {
    await getPerson(trx, context, input.personId);
    if (input.sourcePersonId) await getPerson(trx, context, input.sourcePersonId);
    if (context.actor.type === 'partner')
      throw new AppError('forbidden', 'Partners cannot raise concerns here.');
    const concern = await safeguardingRepository.insertConcern(trx, {
      org_id: context.orgId,
      id: randomUUID(),
      person_id: input.personId,
      occurred_at: occurredAt,
      what_happened: input.whatHappened,
      category: input.category,
      location_of_risk: input.locationOfRisk,
      location_detail: input.locationDetail?.trim() || null,
      source_kind: input.sourceKind,
      source_person_id: input.sourcePersonId ?? null,
      source_description: input.sourceDescription?.trim() || null,
      others_present: input.othersPresent?.trim() || null,
      others_at_risk: input.othersAtRisk?.trim() || null,
      children_at_risk: input.childrenAtRisk,
      immediate_actions: input.immediateActions,
      level: input.level,
      status: 'raised',
      not_referred_reason: null,
      need_to_know: null,
      advocacy_status: 'not_offered',
      advocate_name: null,
      decision_due_at: null,
      decision_overdue_flagged_at: null,
      la_decision: null,
      la_decision_reason: null,
      la_other_route: null,
      la_feedback: null,
      la_decided_at: null,
      outcome: null,
      lessons_learnt: null,
      signed_off_by: null,
      closed_at: null,
      raised_by_type: context.actor.type,
      raised_by: context.actor.id,
      raised_at: at,
      updated_at: at,
    });
    await appendConcernEntry(
      trx,
      context,
      concern,
      {
        kind: 'raised',
        occurredAt,
        text: `${input.whatHappened}\nImmediate actions: ${input.immediateActions}\nLevel: ${concernLevelLabels[input.level]}`,
        details: { othersPresent: concern.others_present },
        action: 'concern.raise',
      },
      at,
    );
    return concern;
  });
}

async function personName(executor: Executor, context: RequestContext, personId: string): Promise<string> {
  const person = await getPerson(executor, context, personId);
  return `${person.preferred_name ?? person.given_name} ${person.family_name}`;
}

/** The summary everyone who may see it gets; the view is audited. */
export async function viewConcernSummary(db: Db, context: RequestContext, id: string, clock: Clock) {
  const concern = await getConcern(db, context, id);
  const name = await personName(db, context, concern.person_id);
  await recordAudit(db, context, clock.now(), {
    action: 'concern.view_summary',
    entityType: 'concern',
    entityId: id,
  });
  return { ...concern, person_name: name };
}

export async function listConcernSummaries(
  db: Db,
  context: RequestContext,
  options: { limit: number; offset: number; personId?: string | undefined },
  clock: Clock,
) {
  const now = clock.now();
  const concerns = await safeguardingRepository.listConcerns(db, context.orgId, {
    view: 'open',
    personId: options.personId,
    now,
    today: londonDateOf(now),
    limit: options.limit,
    offset: options.offset,
  });
  await recordAudit(db, context, now, {
    action: 'concern.list_summaries',
    entityType: 'concern',
    entityId: null,
    details: { count: concerns.length },
  });
  return concerns;
}

export async function listConcerns(
  db: Db,
  context: RequestContext,
  options: {
    view: safeguardingRepository.ConcernListView;
    personId?: string | undefined;
    limit: number;
    offset: number;
  },
  clock: Clock,
) {
  const now = clock.now();
  const concerns = await safeguardingRepository.listConcerns(db, context.orgId, {
    ...options,
    now,
    today: londonDateOf(now),
  });
  await recordAudit(db, context, now, {
    action: 'concern.list',
    entityType: 'concern',
    entityId: null,
    details: { view: options.view, count: concerns.length },
  });
  return concerns;
}

/** The concern in full, with its messages, advice, plans, triggers and restrictions (audited). */
export async function viewConcern(db: Db, context: RequestContext, id: string, clock: Clock) {
  const now = clock.now();
  const concern = await getConcern(db, context, id);
  const [name, alerts, messages, advice, plans, triggers, restrictions] = await Promise.all([
    personName(db, context, concern.person_id),
    safeguardingRepository.listOpenAlerts(db, context.orgId, id),
    safeguardingRepository.listConcernMessages(db, context.orgId, id),
    safeguardingRepository.listAdvice(db, context.orgId, id),
    safeguardingRepository.listPlans(db, context.orgId, id),
    safeguardingRepository.listTriggers(db, context.orgId, id),
    safeguardingRepository.listRestrictions(db, context.orgId, {
      concernId: id,
      view: 'all',
      today: londonDateOf(now),
      limit: 100,
      offset: 0,
    }),
  ]);
  const reviews = await safeguardingRepository.listReviews(
    db,
    context.orgId,
    restrictions.map((restriction) => restriction.id),
  );
  await recordAudit(db, context, now, { action: 'concern.view', entityType: 'concern', entityId: id });
  return {
    concern: { ...concern, person_name: name, open_alerts: alerts.length },
    alerts,
    messages,
    advice,
    plans,
    triggers,
    restrictions,
    reviews,
    now,
  };
}

/** Changes the level (with its reason, into the chronology), the need-to-know summary or details. */
export async function updateConcern(
  db: Db,
  context: RequestContext,
  id: string,
  expectedVersion: number,
  input: UpdateConcernInput,
  clock: Clock,
) {
  const at = clock.now();
  return db.transaction().execute(async (trx) => {
    const existing = await safeguardingRepository.lockConcern(trx, context.orgId, id);
    if (!existing) throw concernNotFound();
    checkVersion(expectedVersion, existing.version, 'The safeguarding concern');
    if (existing.status === 'closed') throw new AppError('conflict', 'This concern is closed.');
    const changes: Parameters<typeof safeguardingRepository.updateConcern>[3] = { updated_at: at };
    if (input.level !== undefined && input.level !== existing.level) changes.level = input.level;
    if (input.needToKnow !== undefined) changes.need_to_know = input.needToKnow?.trim() || null;
    if (input.locationDetail !== undefined) changes.location_detail = input.locationDetail?.trim() || null;
    if (input.othersAtRisk !== undefined) changes.others_at_risk = input.othersAtRisk?.trim() || null;
    if (input.childrenAtRisk !== undefined) changes.children_at_risk = input.childrenAtRisk;
    const updated = await safeguardingRepository.updateConcern(
      trx,
      context.orgId,
      id,
      changes,
      expectedVersion,
    );
    if (!updated) throw changedElsewhere('The safeguarding concern');
    if (changes.level) {
      await appendConcernEntry(
        trx,
        context,
        updated,
        {
          kind: 'level_changed',
          occurredAt: at,
          text: `Level changed from ${concernLevelLabels[existing.level]} to ${concernLevelLabels[changes.level]}: ${input.levelReason}`,
          details: { from: existing.level, to: changes.level },
          action: 'concern.change_level',
        },
        at,
      );
    }
    await recordAudit(trx, context, at, {
      action: 'concern.update',
      entityType: 'concern',
      entityId: id,
      changedFields: Object.keys(changes),
    });
    return updated;
  });
}

/** Moves the concern along its lifecycle; the reason goes into the chronology. */
export async function changeConcernStatus(
  db: Db,
  context: RequestContext,
  id: string,
  input: ChangeStatusInput,
  clock: Clock,
) {
  const at = clock.now();
  return db.transaction().execute(async (trx) => {
    const existing = await lockOpenConcern(trx, context, id);
    const updated = await moveTo(trx, context, existing, input.status, input.reason, at);
    return updated;
  });
}

async function moveTo(
  trx: DbTransaction,
  context: RequestContext,
  existing: ConcernRow,
  status: ConcernRow['status'],
  reason: string,
  at: Date,
  extra: Parameters<typeof safeguardingRepository.updateConcern>[3] = {},
) {
  if (status !== existing.status && !nextStatuses[existing.status].includes(status)) {
    throw new AppError(
      'conflict',
      `A concern that is “${concernStatusLabels[existing.status]}” cannot move to “${concernStatusLabels[status]}”.`,
      { field: 'status' },
    );
  }
  const updated = await safeguardingRepository.updateConcern(
    trx,
    context.orgId,
    existing.id,
    {
      ...extra,
      status,
      ...(status === 'not_referred' ? { not_referred_reason: reason } : {}),
      updated_at: at,
    },
    null,
  );
  if (!updated) throw concernNotFound();
  if (status !== existing.status) {
    await appendConcernEntry(
      trx,
      context,
      updated,
      {
        kind: 'status_changed',
        occurredAt: at,
        text: `${concernStatusLabels[status]}: ${reason}`,
        details: { from: existing.status, to: status },
        action: 'concern.change_status',
      },
      at,
    );
  }
  return updated;
}

/** Closes with the risk outcome and the manager's sign-off with lessons learnt. */
export async function closeConcern(
  db: Db,
  context: RequestContext,
  id: string,
  input: CloseConcernInput,
  clock: Clock,
) {
  const at = clock.now();
  if (context.actor.type !== 'user') {
    throw new AppError('forbidden', 'A manager signs a concern off: close it signed in as yourself.');
  }
  return db.transaction().execute(async (trx) => {
    const existing = await lockOpenConcern(trx, context, id);
    const updated = await safeguardingRepository.updateConcern(
      trx,
      context.orgId,
      id,
      {
        status: 'closed',
        outcome: input.outcome,
        lessons_learnt: input.lessonsLearnt,
        signed_off_by: context.actor.id,
        closed_at: at,
        updated_at: at,
      },
      null,
    );
    if (!updated) throw concernNotFound();
    await appendConcernEntry(
      trx,
      context,
      existing,
      {
        kind: 'closed',
        occurredAt: at,
        text: `Closed: ${riskOutcomeLabels[input.outcome]}. Lessons learnt: ${input.lessonsLearnt}`,
        details: { outcome: input.outcome },
        action: 'concern.close',
      },
      at,
    );
    return updated;
  });
}

export async function recordAdvocacy(
  db: Db,
  context: RequestContext,
  id: string,
  input: AdvocacyInput,
  clock: Clock,
) {
  const at = clock.now();
  return db.transaction().execute(async (trx) => {
    const existing = await lockOpenConcern(trx, context, id);
    const updated = await safeguardingRepository.updateConcern(
      trx,
      context.orgId,
      id,
      { advocacy_status: input.status, advocate_name: input.advocateName?.trim() || null, updated_at: at },
      null,
    );
    await appendConcernEntry(
      trx,
      context,
      existing,
      {
        kind: 'advocacy',
        occurredAt: at,
        text: `Advocacy: ${advocacyStatusLabels[input.status]}${input.advocateName ? ` (${input.advocateName})` : ''}${input.note ? `. ${input.note}` : ''}`,
        details: { status: input.status },
        action: 'concern.record_advocacy',
      },
      at,
    );
    return updated!;
  });
}

// ---- the chronology ----

/** Records an entry; then checks the concern's review triggers against it. */
export async function addConcernEntry(
  db: Db,
  context: RequestContext,
  concernId: string,
  input: AddEntryInput,
  settings: Settings,
) {
  const at = settings.clock.now();
  const occurredAt = new Date(input.occurredAt);
  if (occurredAt.getTime() > at.getTime() + 60_000) {
    throw new AppError('validation', 'An entry cannot be about the future.', { field: 'occurredAt' });
  }
  return db.transaction().execute(async (trx) => {
    const concern = await lockOpenConcern(trx, context, concernId);
    const lines = [input.facts];
    for (const quote of input.quotes) lines.push(`${quote.speaker} said: “${quote.words}”`);
    if (input.present.length > 0) lines.push(`Present: ${input.present.join(', ')}`);
    lines.push(input.actionTaken ? `Action: ${input.actionTaken}` : `No action: ${input.noActionReason}`);
    if (input.corrects) lines.push(`Correction: ${input.correctionReason}`);
    const entry = await appendConcernEntry(
      trx,
      context,
      concern,
      {
        kind: input.kind,
        occurredAt,
        text: lines.join('\n'),
        details: {
          facts: input.facts,
          present: input.present,
          quotes: input.quotes,
          source: input.source,
          sourceDetail: input.sourceDetail ?? null,
          actionTaken: input.actionTaken ?? null,
          noActionReason: input.noActionReason ?? null,
          correctionReason: input.correctionReason ?? null,
        },
        corrects: input.corrects ?? null,
      },
      at,
    );
    // A correction puts a record right; it is not a new event for a trigger to count.
    const met = input.corrects
      ? []
      : await checkTriggers(trx, context, concern, { kind: input.kind, occurredAt }, settings, at);
    return { entry, triggersMet: met };
  });
}

function triggerInWords(trigger: Pick<ConcernTriggerRow, 'kinds' | 'threshold' | 'window_days'>): string {
  const kinds = trigger.kinds.map((kind) => entryKindLabels[kind].toLowerCase()).join(' or ');
  return trigger.window_days === null
    ? `any ${kinds} entry`
    : `${trigger.threshold} ${kinds} ${trigger.threshold === 1 ? 'entry' : 'entries'} within ${trigger.window_days} days`;
}

export { triggerInWords };

const DAY_MS = 24 * 60 * 60_000;

async function checkTriggers(
  trx: DbTransaction,
  context: RequestContext,
  concern: ConcernRow,
  entry: { kind: EntryKind; occurredAt: Date },
  settings: Settings,
  at: Date,
): Promise<string[]> {
  const triggers = await safeguardingRepository.lockActiveTriggers(trx, context.orgId, concern.id);
  const met: string[] = [];
  for (const trigger of triggers) {
    if (!trigger.kinds.includes(entry.kind)) continue;
    const windowStart =
      trigger.window_days === null
        ? null
        : new Date(entry.occurredAt.getTime() - trigger.window_days * DAY_MS);
    if (windowStart) {
      // Met once per run of entries: not again until the entry that last met it is out of the window.
      if (trigger.last_met_at && trigger.last_met_at.getTime() > windowStart.getTime()) continue;
      const count = await safeguardingRepository.countEntriesOfKinds(trx, context.orgId, {
        concernId: concern.id,
        kinds: trigger.kinds,
        from: windowStart,
        to: entry.occurredAt,
      });
      if (count < trigger.threshold) continue;
    }
    await safeguardingRepository.markTriggerMet(trx, context.orgId, trigger.id, entry.occurredAt);
    const words = triggerInWords(trigger);
    await appendConcernEntry(
      trx,
      systemContext(context.orgId, 'review-trigger'),
      concern,
      {
        kind: 'trigger_met',
        occurredAt: entry.occurredAt,
        text: `Review trigger met: ${words}. Consider escalating.`,
        details: { triggerId: trigger.id },
        action: 'concern.trigger_met',
      },
      at,
    );
    const raised = await raiseConcernAttention(trx, {
      orgId: context.orgId,
      concernId: concern.id,
      kind: 'trigger_met',
      causeId: trigger.id,
      title: 'A safeguarding review trigger was met',
      detail: `Trigger: ${words}.`,
      at,
    });
    if (raised) {
      await emailManagersAboutConcern(trx, {
        orgId: context.orgId,
        concernId: concern.id,
        publicUrl: settings.config.publicUrl,
        at,
      });
    }
    met.push(trigger.id);
  }
  return met;
}

/** The concern's sources: its entries and advice, its messages' threads, and their shares. */
async function concernSources(executor: Executor, context: RequestContext, concern: ConcernRow) {
  const messages = await safeguardingRepository.listConcernMessages(executor, context.orgId, concern.id);
  const messageIds = messages.map((message) => message.message_id);
  const sources: ChronologySource[] = [
    { name: 'concern_entries', read: readConcernEntriesOfConcern },
    { name: 'concern_advice', read: (executor, query) => readConcernAdvice(executor, query, 'concern_id') },
    {
      name: 'partner_messages',
      read: (executor, query) => readMessageEventsOfMessages(executor, { ...query, messageIds }),
    },
    {
      name: 'safeguarding_shares',
      read: (executor, query) =>
        readSharesOfSubjects(executor, {
          ...query,
          personId: concern.person_id,
          subjectIds: [...messageIds, concern.id],
        }),
    },
  ];
  return sources;
}

export async function concernChronology(
  db: Db,
  context: RequestContext,
  options: {
    concernId: string;
    from?: Date | undefined;
    to?: Date | undefined;
    before?: string | undefined;
    limit: number;
  },
  clock: Clock,
) {
  const concern = await getConcern(db, context, options.concernId);
  const organisation = await getOrganisation(db, context);
  const page = await mergeChronology(db, await concernSources(db, context, concern), {
    orgId: context.orgId,
    key: concern.id,
    ownAgency: organisation.name,
    from: options.from ?? null,
    to: options.to ?? null,
    before: options.before ?? null,
    limit: options.limit,
  });
  await recordAudit(db, context, clock.now(), {
    action: 'concern.view_chronology',
    entityType: 'concern',
    entityId: concern.id,
    details: { entries: page.items.length },
  });
  return page;
}

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
      const contact = await trx
        .selectFrom('partner_contacts')
        .select('id')
        .where('org_id', '=', context.orgId)
        .where('id', '=', input.safeguardingLinkContactId)
        .executeTakeFirst();
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
        occurredAt: at,
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
      ? await db
          .selectFrom('partner_contacts')
          .select(['id', 'partner_organisation_id'])
          .where('org_id', '=', context.orgId)
          .where('id', '=', safeguardingLinkContactId)
          .executeTakeFirst()
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
  const [circle, representatives, capacity, consents, entries, config] = await Promise.all([
    db
      .selectFrom('person_circle_members as m')
      .innerJoin('partner_contacts as c', (join) =>
        join.onRef('c.org_id', '=', 'm.org_id').onRef('c.id', '=', 'm.partner_contact_id'),
      )
      .innerJoin('partner_organisations as o', (join) =>
        join.onRef('o.org_id', '=', 'c.org_id').onRef('o.id', '=', 'c.partner_organisation_id'),
      )
      .select(['c.name', 'o.name as organisation'])
      .where('m.org_id', '=', context.orgId)
      .where('m.person_id', '=', person.id)
      .where('m.role', '=', 'gp')
      .where('m.ended_on', 'is', null)
      .execute(),
    db
      .selectFrom('person_representatives')
      .select(['kind', 'name'])
      .where('org_id', '=', context.orgId)
      .where('person_id', '=', person.id)
      .where('ended_at', 'is', null)
      .execute(),
    db
      .selectFrom('capacity_assessments')
      .select(['decision', 'outcome', 'assessed_on'])
      .where('org_id', '=', context.orgId)
      .where('person_id', '=', person.id)
      .orderBy('assessed_on', 'desc')
      .limit(10)
      .execute(),
    db
      .selectFrom('consent_records')
      .select(['given_on', 'review_on', 'withdrawn_at'])
      .where('org_id', '=', context.orgId)
      .where('person_id', '=', person.id)
      .where(sql<SqlBool>`'safeguarding' = any(purposes)`)
      .execute(),
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
  const gp = circle[0] ? { name: circle[0].name, organisation: circle[0].organisation } : null;
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
    `Capacity for relevant decisions: ${draft.capacity.map((each) => `${each.decision} — ${each.outcome.replace('_', ' ')} (${each.assessedOn})`).join('; ') || 'no assessment recorded'}`,
    `Representatives: ${draft.representatives.map((each) => `${each.name} (${each.kind.replaceAll('_', ' ')})`).join('; ') || 'none recorded'}`,
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
      : `Referred without consent (${input.consentToReferral.replaceAll('_', ' ')}): ${input.basisWithoutConsent}`;
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
        text: `Section 42 referral sent to ${message.partnerOrganisationName}. ${consentLine} Decision expected by ${decisionDueAt.toISOString()}.`,
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

// ---- plans, triggers, restrictions ----

function checkReviewDate(field: string, reviewOn: string, from: string, allowedDays: number): void {
  const days = (Date.parse(reviewOn) - Date.parse(from)) / DAY_MS;
  if (days < 0) throw new AppError('validation', 'The review date cannot be before the start.', { field });
  if (days > allowedDays) {
    throw new AppError(
      'validation',
      `Review within ${allowedDays} days: a restriction is reviewed at least monthly.`,
      {
        field,
      },
    );
  }
}

export async function addPlan(
  db: Db,
  context: RequestContext,
  concernId: string,
  input: AddPlanInput,
  clock: Clock,
) {
  const at = clock.now();
  if (input.reviewOn < londonDateOf(at)) {
    throw new AppError('validation', 'The review date cannot be in the past.', { field: 'reviewOn' });
  }
  return db.transaction().execute(async (trx) => {
    const concern = await lockOpenConcern(trx, context, concernId);
    const plan = {
      org_id: context.orgId,
      id: randomUUID(),
      concern_id: concernId,
      measures: input.measures,
      arrangements: input.arrangements,
      review_on: input.reviewOn,
      created_by: context.actor.id,
      created_at: at,
      ended_at: null,
      ended_reason: null,
    };
    await safeguardingRepository.insertPlan(trx, plan);
    await appendConcernEntry(
      trx,
      context,
      concern,
      {
        kind: 'plan',
        occurredAt: at,
        text: `Safe-contact plan: ${input.measures.map((measure) => safeContactMeasureLabels[measure]).join(', ')}. ${input.arrangements} Review on ${input.reviewOn}.`,
        details: { planId: plan.id },
        action: 'concern.add_plan',
      },
      at,
    );
    return plan;
  });
}

export async function endPlan(
  db: Db,
  context: RequestContext,
  concernId: string,
  planId: string,
  reason: string,
  clock: Clock,
) {
  const at = clock.now();
  return db.transaction().execute(async (trx) => {
    const concern = await getConcern(trx, context, concernId);
    const plan = await safeguardingRepository.endPlan(trx, context.orgId, concernId, planId, at, reason);
    if (!plan) throw notFound('A current plan with this id on this concern');
    await appendConcernEntry(
      trx,
      context,
      concern,
      {
        kind: 'plan',
        occurredAt: at,
        text: `Safe-contact plan ended: ${reason}`,
        details: { planId },
        action: 'concern.end_plan',
      },
      at,
    );
    return plan;
  });
}

export async function addTrigger(
  db: Db,
  context: RequestContext,
  concernId: string,
  input: AddTriggerInput,
  clock: Clock,
) {
  const at = clock.now();
  return db.transaction().execute(async (trx) => {
    const concern = await lockOpenConcern(trx, context, concernId);
    const trigger = {
      org_id: context.orgId,
      id: randomUUID(),
      concern_id: concernId,
      kinds: [...new Set(input.kinds)],
      threshold: input.threshold,
      window_days: input.windowDays,
      description: input.description?.trim() || null,
      created_by: context.actor.id,
      created_at: at,
      ended_at: null,
      last_met_at: null,
    };
    await safeguardingRepository.insertTrigger(trx, trigger);
    await recordAudit(trx, context, at, {
      action: 'concern.add_trigger',
      entityType: 'concern',
      entityId: concern.id,
      details: { triggerId: trigger.id },
    });
    return { ...trigger, times_met: 0 };
  });
}

export async function endTrigger(
  db: Db,
  context: RequestContext,
  concernId: string,
  triggerId: string,
  clock: Clock,
) {
  const at = clock.now();
  return db.transaction().execute(async (trx) => {
    await getConcern(trx, context, concernId);
    const trigger = await safeguardingRepository.endTrigger(trx, context.orgId, concernId, triggerId, at);
    if (!trigger) throw notFound('A live trigger with this id on this concern');
    await recordAudit(trx, context, at, {
      action: 'concern.end_trigger',
      entityType: 'concern',
      entityId: concernId,
      details: { triggerId },
    });
    return trigger;
  });
}

async function checkLegalBasisRecord(
  trx: DbTransaction,
  context: RequestContext,
  input: AddRestrictionInput,
) {
  if (input.legalBasis === 'other') {
    if (!input.legalBasisNote?.trim()) {
      throw new AppError('validation', 'Describe the legal basis.', { field: 'legalBasisNote' });
    }
    return;
  }
  if (!input.legalBasisRecordId) {
    throw new AppError('validation', 'Choose the consent or best-interests decision it rests on.', {
      field: 'legalBasisRecordId',
    });
  }
  const table = input.legalBasis === 'consent' ? 'consent_records' : 'best_interests_decisions';
  const record = await trx
    .selectFrom(table)
    .select('id')
    .where('org_id', '=', context.orgId)
    .where('person_id', '=', input.personId)
    .where('id', '=', input.legalBasisRecordId)
    .executeTakeFirst();
  if (!record) {
    throw new AppError('validation', 'That record is not about the person restricted.', {
      field: 'legalBasisRecordId',
    });
  }
}

/** Records an interim restriction: its legal basis, the less restrictive options, and a review within a month. */
export async function addRestriction(
  db: Db,
  context: RequestContext,
  concernId: string,
  input: AddRestrictionInput,
  clock: Clock,
) {
  const at = clock.now();
  checkReviewDate('reviewOn', input.reviewOn, input.startsOn, 31);
  return db.transaction().execute(async (trx) => {
    const concern = await lockOpenConcern(trx, context, concernId);
    await getPerson(trx, context, input.personId);
    await checkLegalBasisRecord(trx, context, input);
    const restriction = await safeguardingRepository.insertRestriction(trx, {
      org_id: context.orgId,
      id: randomUUID(),
      concern_id: concernId,
      person_id: input.personId,
      restriction: input.restriction,
      reason: input.reason,
      legal_basis: input.legalBasis,
      legal_basis_record_id: input.legalBasis === 'other' ? null : input.legalBasisRecordId!,
      legal_basis_note: input.legalBasisNote?.trim() || null,
      least_restrictive_considered: input.leastRestrictiveConsidered,
      starts_on: input.startsOn,
      review_on: input.reviewOn,
      flagged_review_on: null,
      ended_on: null,
      end_reason: null,
      created_by: context.actor.id,
      created_at: at,
      updated_at: at,
    });
    await appendConcernEntry(
      trx,
      context,
      concern,
      {
        kind: 'restriction',
        occurredAt: at,
        text: `Interim restriction from ${input.startsOn}: ${input.restriction}. Why: ${input.reason}. Review on ${input.reviewOn}.`,
        details: { restrictionId: restriction.id },
        action: 'concern.add_restriction',
      },
      at,
    );
    return restriction;
  });
}

/** The monthly review, recorded even when the restriction was not used; the only way to extend one. */
export async function reviewRestriction(
  db: Db,
  context: RequestContext,
  concernId: string,
  restrictionId: string,
  input: ReviewRestrictionInput,
  clock: Clock,
) {
  const at = clock.now();
  if (input.reviewedOn > londonDateOf(at)) {
    throw new AppError('validation', 'A review cannot be dated in the future.', { field: 'reviewedOn' });
  }
  if (input.nextReviewOn) checkReviewDate('nextReviewOn', input.nextReviewOn, input.reviewedOn, 31);
  return db.transaction().execute(async (trx) => {
    const concern = await getConcern(trx, context, concernId);
    const restriction = await safeguardingRepository.lockRestriction(
      trx,
      context.orgId,
      concernId,
      restrictionId,
    );
    if (!restriction) throw notFound('The restriction');
    if (restriction.ended_on) throw new AppError('conflict', 'This restriction has ended.');
    await safeguardingRepository.insertReview(trx, {
      org_id: context.orgId,
      id: randomUUID(),
      restriction_id: restrictionId,
      reviewed_on: input.reviewedOn,
      used_since_last_review: input.usedSinceLastReview,
      findings: input.findings,
      outcome: input.outcome,
      next_review_on: input.nextReviewOn ?? null,
      reviewed_by: context.actor.id,
      recorded_at: at,
    });
    const updated = await safeguardingRepository.updateRestriction(
      trx,
      context.orgId,
      restrictionId,
      input.outcome === 'end'
        ? { ended_on: input.reviewedOn, end_reason: `Ended at review: ${input.findings}`, updated_at: at }
        : { review_on: input.nextReviewOn!, updated_at: at },
    );
    await resolveConcernAttention(trx, {
      orgId: context.orgId,
      concernId,
      kind: 'restriction_past_review',
      note: 'The restriction was reviewed.',
      at,
    });
    await appendConcernEntry(
      trx,
      context,
      concern,
      {
        kind: 'restriction',
        occurredAt: at,
        text: `Restriction reviewed (${input.usedSinceLastReview ? 'used' : 'not used'} since the last review): ${input.findings}. ${input.outcome === 'end' ? 'Ended.' : `Continues; next review on ${input.nextReviewOn}.`}`,
        details: { restrictionId },
        action: 'concern.review_restriction',
      },
      at,
    );
    return updated;
  });
}

export async function endRestriction(
  db: Db,
  context: RequestContext,
  concernId: string,
  restrictionId: string,
  reason: string,
  clock: Clock,
) {
  const at = clock.now();
  return db.transaction().execute(async (trx) => {
    const concern = await getConcern(trx, context, concernId);
    const restriction = await safeguardingRepository.lockRestriction(
      trx,
      context.orgId,
      concernId,
      restrictionId,
    );
    if (!restriction) throw notFound('The restriction');
    if (restriction.ended_on) throw new AppError('conflict', 'This restriction has already ended.');
    const updated = await safeguardingRepository.updateRestriction(trx, context.orgId, restrictionId, {
      ended_on: londonDateOf(at),
      end_reason: reason,
      updated_at: at,
    });
    await appendConcernEntry(
      trx,
      context,
      concern,
      {
        kind: 'restriction',
        occurredAt: at,
        text: `Restriction ended: ${reason}`,
        details: { restrictionId },
        action: 'concern.end_restriction',
      },
      at,
    );
    return updated;
  });
}

export async function listRestrictionRegister(
  db: Db,
  context: RequestContext,
  options: { view: 'current' | 'past_review' | 'all'; limit: number; offset: number },
  clock: Clock,
) {
  const now = clock.now();
  const restrictions = await safeguardingRepository.listRestrictions(db, context.orgId, {
    ...options,
    today: londonDateOf(now),
  });
  const reviews = await safeguardingRepository.listReviews(
    db,
    context.orgId,
    restrictions.map((each) => each.id),
  );
  await recordAudit(db, context, now, {
    action: 'restriction_register.view',
    entityType: 'concern',
    entityId: null,
    details: { view: options.view, count: restrictions.length },
  });
  return { restrictions, reviews, now };
}

// ---- related concerns, patterns, counts, attention ----

export async function relatedConcerns(db: Db, context: RequestContext, concernId: string, clock: Clock) {
  const concern = await getConcern(db, context, concernId);
  const related = await safeguardingRepository.listRelatedConcerns(db, context.orgId, concern);
  await recordAudit(db, context, clock.now(), {
    action: 'concern.view_related',
    entityType: 'concern',
    entityId: concernId,
    details: { count: related.length },
  });
  const same = (a: string | null, b: string | null) =>
    a !== null && b !== null && a.toLowerCase() === b.toLowerCase();
  return related.map((other) => ({
    ...other,
    related_by: [
      ...(other.person_id === concern.person_id ? (['same_person'] as const) : []),
      ...((concern.source_person_id &&
        (other.source_person_id === concern.source_person_id ||
          other.person_id === concern.source_person_id)) ||
      (other.source_person_id !== null && other.source_person_id === concern.person_id) ||
      same(other.source_description, concern.source_description)
        ? (['same_source'] as const)
        : []),
      ...(same(other.location_detail, concern.location_detail) ? (['same_location'] as const) : []),
    ],
  }));
}

export async function concernPatterns(
  db: Db,
  context: RequestContext,
  options: { sinceDays: number; minimum: number },
  clock: Clock,
) {
  const now = clock.now();
  const patterns = await safeguardingRepository.listPatterns(db, context.orgId, {
    since: new Date(now.getTime() - options.sinceDays * DAY_MS),
    minimum: options.minimum,
  });
  await recordAudit(db, context, now, {
    action: 'concern.view_patterns',
    entityType: 'concern',
    entityId: null,
  });
  return patterns;
}

export async function concernCounts(db: Db, context: RequestContext, clock: Clock) {
  const now = clock.now();
  return safeguardingRepository.countConcerns(db, context.orgId, { now, today: londonDateOf(now) });
}

export async function resolveConcernAlert(
  db: Db,
  context: RequestContext,
  concernId: string,
  alertId: string,
  note: string | null,
  clock: Clock,
) {
  const at = clock.now();
  await db.transaction().execute(async (trx) => {
    await getConcern(trx, context, concernId);
    const resolved = await safeguardingRepository.resolveAlert(trx, context.orgId, concernId, alertId, {
      at,
      by: context.actor.type === 'user' ? context.actor.id : null,
      note: note?.trim() || null,
    });
    if (!resolved) throw notFound('An open item with this id on this concern');
    await recordAudit(trx, context, at, {
      action: 'concern_alert.resolve',
      entityType: 'concern',
      entityId: concernId,
      details: { alertId, kind: resolved.kind },
    });
  });
}

/** Every entry of the concern's merged chronology, newest first, for an export (at most 20,000). */
export async function concernChronologyForExport(db: Db, context: RequestContext, concern: ConcernRow) {
  const organisation = await getOrganisation(db, context);
  const sources = await concernSources(db, context, concern);
  const entries: Awaited<ReturnType<typeof mergeChronology>>['items'] = [];
  let before: string | null = null;
  for (let page = 0; page < 40; page += 1) {
    const result: Awaited<ReturnType<typeof mergeChronology>> = await mergeChronology(db, sources, {
      orgId: context.orgId,
      key: concern.id,
      ownAgency: organisation.name,
      from: null,
      to: null,
      before,
      limit: 500,
    });
    entries.push(...result.items);
    before = result.nextBefore;
    if (!before) break;
  }
  return { entries, ownAgency: organisation.name };
}
