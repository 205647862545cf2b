import { recordAudit } from '../audit/audit.service.ts';
import { londonDateOf } from '../calendar/london-time.ts';
import { mergeChronology } from '../chronology/chronology.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import { notFound } from '../errors.ts';
import { getOrganisation } from '../organisations/organisations.service.ts';
import { concernSources, DAY_MS } from './concern-entries.service.ts';
import * as safeguardingRepository from './safeguarding.repository.ts';
import { getConcern } from './safeguarding.service.ts';
import type { ConcernRow } from './safeguarding.table.ts';
import { concernFlagsDealtWith } from './safeguarding-alerts.ts';

export type Settings = { clock: Clock; config: Pick<Config, 'publicUrl' | 'mfaKeyFile' | 'smtp'> };

/** The subject type concerns go by in the shared mechanisms (shares, attention, the chronology). */
export const CONCERN_SUBJECT = 'concern';
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
  const named = await safeguardingRepository.describeConcerns(db, context.orgId, [
    ...new Set([...patterns.byPerson, ...patterns.bySource].flatMap((group) => group.concern_ids)),
  ]);
  await recordAudit(db, context, now, {
    action: 'concern.view_patterns',
    entityType: 'concern',
    entityId: null,
  });
  const concernsOf = (ids: readonly string[]) =>
    ids.flatMap((id) => named.filter((concern) => concern.id === id));
  return {
    byPerson: patterns.byPerson.map((group) => ({ ...group, concerns: concernsOf(group.concern_ids) })),
    bySource: patterns.bySource.map((group) => ({ ...group, concerns: concernsOf(group.concern_ids) })),
  };
}

export async function concernCounts(db: Db, context: RequestContext, clock: Clock) {
  const now = clock.now();
  return safeguardingRepository.countConcerns(db, context.orgId, { now, today: londonDateOf(now) });
}

/**
 * What waits for managers in safeguarding: how many concerns are open; those whose local
 * authority decision is overdue, and those with a review trigger met, with the first `limit` of
 * each; and the interim restrictions due for review by `reviewBy` (a London day). Names only the
 * category and the person. Reads only: the caller audits the view, and decides who may see it.
 */
export async function safeguardingWaitingForManagers(
  executor: Executor,
  context: RequestContext,
  options: { now: Date; reviewBy: string; limit: number },
) {
  const { orgId } = context;
  const waiting = async (kind: 'decision_overdue' | 'trigger_met') => ({
    count: await safeguardingRepository.countConcernsWaiting(executor, orgId, { kind, now: options.now }),
    concerns: await safeguardingRepository.listConcernsWaiting(executor, orgId, { ...options, kind }),
  });
  const counts = await safeguardingRepository.countConcerns(executor, orgId, {
    now: options.now,
    today: londonDateOf(options.now),
  });
  return {
    open: counts.open,
    decisionOverdue: await waiting('decision_overdue'),
    triggerMet: await waiting('trigger_met'),
    restrictionsDue: {
      count: await safeguardingRepository.countRestrictionsDueForReview(executor, orgId, options),
      restrictions: await safeguardingRepository.listRestrictionsDueForReview(executor, orgId, options),
    },
  };
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
  const by = context.actor.type === 'user' ? context.actor.id : null;
  await db.transaction().execute(async (trx) => {
    await getConcern(trx, context, concernId);
    const resolved = await safeguardingRepository.resolveAlert(trx, context.orgId, concernId, alertId, {
      at,
      by,
      note: note?.trim() || null,
    });
    if (!resolved) throw notFound('An open item with this id on this concern');
    const attentionItemsResolved = await concernFlagsDealtWith(trx, {
      orgId: context.orgId,
      concernId,
      kind: resolved.kind,
      at,
      by,
    });
    await recordAudit(trx, context, at, {
      action: 'concern_alert.resolve',
      entityType: 'concern',
      entityId: concernId,
      details: { alertId, kind: resolved.kind, attentionItemsResolved },
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
