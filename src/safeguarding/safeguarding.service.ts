import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/audit.service.ts';
import { londonDateOf } from '../calendar/london-time.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { RequestContext } from '../context.ts';
import type { Db, DbTransaction, Executor } from '../db/database.ts';
import { AppError, changedElsewhere, checkVersion, notFound } from '../errors.ts';
import { appendLogEntry } from '../logs/logs.service.ts';
import { getPerson } from '../people/people.service.ts';
import * as safeguardingRepository from './safeguarding.repository.ts';
import type {
  AdvocacyInput,
  ChangeStatusInput,
  CloseConcernInput,
  RaiseConcernInput,
  UpdateConcernInput,
} from './safeguarding.schemas.ts';
import type { ConcernRow } from './safeguarding.table.ts';
import {
  advocacyStatusLabels,
  concernLevelLabels,
  concernStatusLabels,
  type EntryKind,
  nextStatuses,
  riskOutcomeLabels,
} from './safeguarding.vocabulary.ts';

export type Settings = { clock: Clock; config: Pick<Config, 'publicUrl' | 'mfaKeyFile' | 'smtp'> };

/** The subject type concerns go by in the shared mechanisms (shares, attention, the chronology). */
export const CONCERN_SUBJECT = 'concern';

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

export async function lockOpenConcern(
  trx: DbTransaction,
  context: RequestContext,
  id: string,
): Promise<ConcernRow> {
  const concern = await safeguardingRepository.lockConcern(trx, context.orgId, id);
  if (!concern) throw concernNotFound();
  if (concern.status === 'closed') throw new AppError('conflict', 'This concern is closed.');
  return concern;
}

/** Writes an entry into the concern's chronology, with its audit entry. */
export function appendConcernEntry(
  trx: DbTransaction,
  context: RequestContext,
  concern: ConcernRow,
  entry: {
    kind: EntryKind;
    /** When it happened; by default `at`, for what is being done now. */
    occurredAt?: Date;
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
      occurredAt: entry.occurredAt ?? at,
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
    safeguardingRepository.listOfConcern(db, 'concern_advice', { orgId: context.orgId, concernId: id }),
    safeguardingRepository.listOfConcern(db, 'safe_contact_plans', { orgId: context.orgId, concernId: id }),
    safeguardingRepository.listOfConcern(db, 'concern_triggers', { orgId: context.orgId, concernId: id }),
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

export async function moveTo(
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
        text: `Advocacy: ${advocacyStatusLabels[input.status]}${input.advocateName ? ` (${input.advocateName})` : ''}${input.note ? `. ${input.note}` : ''}`,
        details: { status: input.status },
        action: 'concern.record_advocacy',
      },
      at,
    );
    return updated!;
  });
}
