import { type Selectable, type SqlBool, sql, type Updateable } from 'kysely';
import { countRows } from '../db/count-rows.ts';
import type { Database, Executor } from '../db/database.ts';
import { sameOrganisation } from '../db/same-organisation.ts';
import { lockForChange } from '../db/versioned-change.ts';
import type {
  ConcernAdviceRow,
  ConcernAlertRow,
  ConcernRestrictionRow,
  ConcernRow,
  ConcernTriggerRow,
  NewConcernRow,
  RestrictionReviewRow,
  SafeContactPlanRow,
  SafeguardingConcernsTable,
} from './safeguarding.table.ts';
import type { ConcernAlertKind, ConcernMessagePurpose, EntryKind } from './safeguarding.vocabulary.ts';

// ---- concerns ----

export async function insertConcern(executor: Executor, concern: NewConcernRow): Promise<ConcernRow> {
  return executor
    .insertInto('safeguarding_concerns')
    .values(concern)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findConcern(executor: Executor, orgId: string, id: string): Promise<ConcernRow | undefined> {
  return executor
    .selectFrom('safeguarding_concerns')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Locks the concern for a change: its level, status and decision change one writer at a time. */
export function lockConcern(executor: Executor, orgId: string, id: string): Promise<ConcernRow | undefined> {
  return lockForChange(executor, 'safeguarding_concerns', { orgId, id });
}

type ConcernChanges = Partial<Omit<SafeguardingConcernsTable, 'org_id' | 'id' | 'version'>>;

/** Compare-and-set on the version when one is given; always bumps it. */
export function updateConcern(
  executor: Executor,
  orgId: string,
  id: string,
  changes: ConcernChanges,
  expectedVersion: number | null,
): Promise<ConcernRow | undefined> {
  let query = executor
    .updateTable('safeguarding_concerns')
    .set({ ...changes, version: sql`version + 1` })
    .where('org_id', '=', orgId)
    .where('id', '=', id);
  if (expectedVersion !== null) query = query.where('version', '=', expectedVersion);
  return query.returningAll().executeTakeFirst();
}

export type ConcernListView =
  | 'open'
  | 'overdue_for_decision'
  | 'triggers_met'
  | 'restrictions_past_review'
  | 'not_referred'
  | 'all';

export type ConcernWithNames = ConcernRow & { person_name: string; open_alerts: number };

export async function listConcerns(
  executor: Executor,
  orgId: string,
  options: {
    view: ConcernListView;
    personId?: string | undefined;
    now: Date;
    today: string;
    limit: number;
    offset: number;
  },
): Promise<ConcernWithNames[]> {
  let query = executor
    .selectFrom('safeguarding_concerns as c')
    .innerJoin('people as p', (join) => sameOrganisation(join, 'p.id', 'c.person_id'))
    .selectAll('c')
    .select([
      sql<string>`coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name`.as('person_name'),
      (eb) =>
        eb
          .selectFrom('concern_alerts as a')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('a.org_id', '=', 'c.org_id')
          .whereRef('a.concern_id', '=', 'c.id')
          .where('a.resolved_at', 'is', null)
          .as('open_alerts'),
    ])
    .where('c.org_id', '=', orgId);
  if (options.personId) query = query.where('c.person_id', '=', options.personId);
  switch (options.view) {
    case 'open':
      query = query.where('c.status', '<>', 'closed');
      break;
    case 'not_referred':
      query = query.where('c.status', '=', 'not_referred');
      break;
    case 'overdue_for_decision':
      query = query
        .where('c.decision_due_at', '<', options.now)
        .where('c.la_decided_at', 'is', null)
        .where('c.status', '=', 'referred');
      break;
    case 'triggers_met':
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('concern_alerts as a')
            .select('a.id')
            .whereRef('a.org_id', '=', 'c.org_id')
            .whereRef('a.concern_id', '=', 'c.id')
            .where('a.kind', '=', 'trigger_met')
            .where('a.resolved_at', 'is', null),
        ),
      );
      break;
    case 'restrictions_past_review':
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('concern_restrictions as r')
            .select('r.id')
            .whereRef('r.org_id', '=', 'c.org_id')
            .whereRef('r.concern_id', '=', 'c.id')
            .where('r.ended_on', 'is', null)
            .where('r.review_on', '<', options.today),
        ),
      );
      break;
    case 'all':
      break;
  }
  return (await query
    .orderBy('c.raised_at', 'desc')
    .orderBy('c.id')
    .limit(options.limit)
    .offset(options.offset)
    .execute()) as ConcernWithNames[];
}

/** Other concerns about the same adult, the same alleged source or the same place. */
export async function listRelatedConcerns(executor: Executor, orgId: string, concern: ConcernRow) {
  const people = [concern.person_id, concern.source_person_id].filter((id): id is string => id !== null);
  return executor
    .selectFrom('safeguarding_concerns as c')
    .innerJoin('people as p', (join) => sameOrganisation(join, 'p.id', 'c.person_id'))
    .selectAll('c')
    .select(sql<string>`coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name`.as('person_name'))
    .where('c.org_id', '=', orgId)
    .where('c.id', '<>', concern.id)
    .where((eb) => {
      const same: ReturnType<typeof eb.and>[] = [];
      same.push(eb.and([eb('c.person_id', '=', concern.person_id)]));
      if (concern.source_person_id) {
        same.push(eb.and([eb('c.source_person_id', '=', concern.source_person_id)]));
        same.push(eb.and([eb('c.person_id', '=', concern.source_person_id)]));
      }
      same.push(eb.and([eb('c.source_person_id', 'in', people)]));
      if (concern.source_description) {
        same.push(eb.and([sql<SqlBool>`lower(c.source_description) = lower(${concern.source_description})`]));
      }
      if (concern.location_detail) {
        same.push(eb.and([sql<SqlBool>`lower(c.location_detail) = lower(${concern.location_detail})`]));
      }
      return eb.or(same);
    })
    .orderBy('c.raised_at', 'desc')
    .limit(100)
    .execute();
}

/**
 * Concerns not referred (or low-level) since `since`, grouped by the person they are about and
 * by the alleged source, where a group has at least `minimum`: the patterns a manager reviews.
 */
export async function listPatterns(
  executor: Executor,
  orgId: string,
  options: { since: Date; minimum: number },
) {
  const base = executor
    .selectFrom('safeguarding_concerns as c')
    .where('c.org_id', '=', orgId)
    .where('c.raised_at', '>=', options.since)
    .where((eb) => eb.or([eb('c.status', '=', 'not_referred'), eb('c.level', '=', 'low')]));
  const byPerson = await base
    .innerJoin('people as p', (join) => sameOrganisation(join, 'p.id', 'c.person_id'))
    .select([
      'c.person_id as key',
      sql<string>`coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name`.as('label'),
      sql<string[]>`array_agg(c.id order by c.raised_at)`.as('concern_ids'),
      sql<number>`count(*)::int`.as('count'),
    ])
    .groupBy(['c.person_id', 'p.preferred_name', 'p.given_name', 'p.family_name'])
    .having(sql<number>`count(*)`, '>=', options.minimum)
    .execute();
  const bySource = await base
    .leftJoin('people as p', (join) => sameOrganisation(join, 'p.id', 'c.source_person_id'))
    .where((eb) =>
      eb.or([eb('c.source_person_id', 'is not', null), eb('c.source_description', 'is not', null)]),
    )
    .select([
      sql<string>`coalesce(c.source_person_id::text, lower(c.source_description))`.as('key'),
      sql<string>`coalesce(min(coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name), min(c.source_description))`.as(
        'label',
      ),
      sql<string[]>`array_agg(c.id order by c.raised_at)`.as('concern_ids'),
      sql<number>`count(*)::int`.as('count'),
    ])
    .groupBy(sql`coalesce(c.source_person_id::text, lower(c.source_description))`)
    .having(sql<number>`count(*)`, '>=', options.minimum)
    .execute();
  return { byPerson, bySource };
}

/** What a list of concerns names each by: its category, level, status and when it was raised. */
export function describeConcerns(executor: Executor, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return executor
    .selectFrom('safeguarding_concerns')
    .select(['id', 'category', 'level', 'status', 'raised_at'])
    .where('org_id', '=', orgId)
    .where('id', 'in', ids)
    .execute();
}

export async function countConcerns(
  executor: Executor,
  orgId: string,
  options: { now: Date; today: string },
) {
  const row = await executor
    .selectFrom('safeguarding_concerns as c')
    .select([
      sql<number>`count(*) filter (where c.status <> 'closed')::int`.as('open'),
      sql<number>`count(*) filter (where c.status = 'referred' and c.la_decided_at is null and c.decision_due_at < ${options.now})::int`.as(
        'overdue_for_decision',
      ),
      sql<number>`count(*) filter (where exists (select 1 from concern_alerts a where a.org_id = c.org_id and a.concern_id = c.id and a.kind = 'trigger_met' and a.resolved_at is null))::int`.as(
        'triggers_met',
      ),
      sql<number>`count(*) filter (where exists (select 1 from concern_restrictions r where r.org_id = c.org_id and r.concern_id = c.id and r.ended_on is null and r.review_on < ${options.today}::date))::int`.as(
        'restrictions_past_review',
      ),
    ])
    .where('c.org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  return row;
}

// ---- what waits for managers ----

/**
 * Open concerns that wait for a manager: `decision_overdue`, referred and the local authority's
 * decision is past due (the longest overdue first); `trigger_met`, a review trigger was met and
 * nobody has dealt with it (the earliest first). Only what names them: the category and the person.
 */
function concernsWaiting(
  executor: Executor,
  orgId: string,
  options: { kind: 'decision_overdue' | 'trigger_met'; now: Date },
) {
  const query = executor
    .selectFrom('safeguarding_concerns as c')
    .innerJoin('people as p', (join) => sameOrganisation(join, 'p.id', 'c.person_id'))
    .where('c.org_id', '=', orgId)
    .where('c.status', '<>', 'closed');
  return options.kind === 'decision_overdue'
    ? query
        .where('c.status', '=', 'referred')
        .where('c.la_decided_at', 'is', null)
        .where('c.decision_due_at', '<', options.now)
    : query.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('concern_alerts as a')
            .select('a.id')
            .whereRef('a.org_id', '=', 'c.org_id')
            .whereRef('a.concern_id', '=', 'c.id')
            .where('a.kind', '=', 'trigger_met')
            .where('a.resolved_at', 'is', null),
        ),
      );
}

export async function listConcernsWaiting(
  executor: Executor,
  orgId: string,
  options: { kind: 'decision_overdue' | 'trigger_met'; now: Date; limit: number },
) {
  const since = sql<Date | null>`(select min(a.created_at) from concern_alerts a where a.org_id = c.org_id
    and a.concern_id = c.id and a.kind = 'trigger_met' and a.resolved_at is null)`;
  return concernsWaiting(executor, orgId, options)
    .select([
      'c.id',
      'c.category',
      'c.decision_due_at',
      since.as('trigger_met_at'),
      sql<string>`coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name`.as('person_name'),
    ])
    .orderBy(options.kind === 'decision_overdue' ? sql`c.decision_due_at` : sql`trigger_met_at`)
    .orderBy('c.id')
    .limit(options.limit)
    .execute();
}

export async function countConcernsWaiting(
  executor: Executor,
  orgId: string,
  options: { kind: 'decision_overdue' | 'trigger_met'; now: Date },
): Promise<number> {
  return countRows(concernsWaiting(executor, orgId, options));
}

/** Restrictions in force whose review date is on or before `reviewBy` (a London day), earliest first. */
function restrictionsDueForReview(executor: Executor, orgId: string, reviewBy: string) {
  return executor
    .selectFrom('concern_restrictions as r')
    .innerJoin('people as p', (join) => sameOrganisation(join, 'p.id', 'r.person_id'))
    .where('r.org_id', '=', orgId)
    .where('r.ended_on', 'is', null)
    .where('r.review_on', '<=', reviewBy);
}

export async function listRestrictionsDueForReview(
  executor: Executor,
  orgId: string,
  options: { reviewBy: string; limit: number },
) {
  return restrictionsDueForReview(executor, orgId, options.reviewBy)
    .select([
      'r.id',
      'r.concern_id',
      'r.review_on',
      sql<string>`coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name`.as('person_name'),
    ])
    .orderBy('r.review_on')
    .orderBy('r.id')
    .limit(options.limit)
    .execute();
}

export async function countRestrictionsDueForReview(
  executor: Executor,
  orgId: string,
  options: { reviewBy: string },
): Promise<number> {
  return countRows(restrictionsDueForReview(executor, orgId, options.reviewBy));
}

// ---- the chronology ----

/** How many entries of the kinds happened in [from, to]: what a review trigger counts. */
export async function countEntriesOfKinds(
  executor: Executor,
  orgId: string,
  options: { concernId: string; kinds: readonly EntryKind[]; from: Date | null; to: Date },
): Promise<number> {
  let query = executor
    .selectFrom('concern_entries')
    .select(sql<number>`count(*)::int`.as('count'))
    .where('org_id', '=', orgId)
    .where('concern_id', '=', options.concernId)
    .where('kind', 'in', options.kinds)
    .where('occurred_at', '<=', options.to)
    // A corrected entry still counts once: its correction is not a second event.
    .where('corrects', 'is', null);
  if (options.from) query = query.where('occurred_at', '>', options.from);
  return (await query.executeTakeFirstOrThrow()).count;
}

export function listEntriesOfConcern(executor: Executor, orgId: string, concernId: string, limit: number) {
  return executor
    .selectFrom('concern_entries')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('concern_id', '=', concernId)
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** The concern's entries with these ids, for the details a chronology page shows beside them. */
export function findEntriesOfConcern(
  executor: Executor,
  orgId: string,
  concernId: string,
  ids: readonly string[],
) {
  if (ids.length === 0) return Promise.resolve([]);
  return executor
    .selectFrom('concern_entries')
    .select(['id', 'kind', 'details', 'corrects'])
    .where('org_id', '=', orgId)
    .where('concern_id', '=', concernId)
    .where('id', 'in', ids)
    .execute();
}

/** The later entries that correct any of these, wherever they are in the chronology. */
export function findCorrectionsOf(
  executor: Executor,
  orgId: string,
  concernId: string,
  ids: readonly string[],
) {
  if (ids.length === 0) return Promise.resolve([]);
  return executor
    .selectFrom('concern_entries')
    .select(['id', 'corrects', 'recorded_at'])
    .where('org_id', '=', orgId)
    .where('concern_id', '=', concernId)
    .where('corrects', 'in', ids)
    .orderBy('recorded_at')
    .execute();
}

// ---- what a concern keeps beside it ----

/** The tables of records that belong to one concern (advice, plans, triggers), keyed by concern. */
type RecordsOfConcern = 'concern_advice' | 'safe_contact_plans' | 'concern_triggers';

/** A concern's records of one kind, oldest first. */
export function listOfConcern<Table extends RecordsOfConcern>(
  executor: Executor,
  table: Table,
  key: { orgId: string; concernId: string },
) {
  return executor
    .selectFrom(table as RecordsOfConcern)
    .selectAll()
    .where('org_id', '=', key.orgId)
    .where('concern_id', '=', key.concernId)
    .orderBy(table === 'concern_advice' ? 'given_at' : 'created_at')
    .execute() as Promise<Selectable<Database[Table]>[]>;
}

/** Ends one of a concern's plans or triggers; undefined when there is no such one still in force. */
export function endOfConcern<Table extends 'safe_contact_plans' | 'concern_triggers'>(
  executor: Executor,
  table: Table,
  key: { orgId: string; concernId: string; id: string },
  ending: Updateable<Database[Table]>,
) {
  return executor
    .updateTable(table as 'safe_contact_plans' | 'concern_triggers')
    .set(ending as Updateable<Database['concern_triggers']>)
    .where('org_id', '=', key.orgId)
    .where('concern_id', '=', key.concernId)
    .where('id', '=', key.id)
    .where('ended_at', 'is', null)
    .returningAll()
    .executeTakeFirst() as Promise<Selectable<Database[Table]> | undefined>;
}

// ---- messages, advice ----

export async function linkMessage(
  executor: Executor,
  link: { orgId: string; concernId: string; messageId: string; purpose: ConcernMessagePurpose; at: Date },
) {
  await executor
    .insertInto('concern_messages')
    .values({
      org_id: link.orgId,
      concern_id: link.concernId,
      message_id: link.messageId,
      purpose: link.purpose,
      created_at: link.at,
    })
    .execute();
}

/** The concern a message was sent from (an advice request or a referral), if any. */
export async function findConcernOfMessage(
  executor: Executor,
  orgId: string,
  messageId: string,
): Promise<string | undefined> {
  const row = await executor
    .selectFrom('concern_messages')
    .select('concern_id')
    .where('org_id', '=', orgId)
    .where('message_id', '=', messageId)
    .executeTakeFirst();
  return row?.concern_id;
}

export function listConcernMessages(executor: Executor, orgId: string, concernId: string) {
  return executor
    .selectFrom('concern_messages as cm')
    .innerJoin('partner_messages as m', (join) => sameOrganisation(join, 'm.id', 'cm.message_id'))
    .innerJoin('partner_organisations as p', (join) =>
      sameOrganisation(join, 'p.id', 'm.partner_organisation_id'),
    )
    .select([
      'cm.message_id',
      'cm.purpose',
      'cm.created_at',
      'm.subject',
      'm.status',
      'm.deadline',
      'm.partner_contact_id',
      'p.name as partner_name',
    ])
    .where('cm.org_id', '=', orgId)
    .where('cm.concern_id', '=', concernId)
    .orderBy('cm.created_at')
    .execute();
}

export async function insertAdvice(executor: Executor, advice: ConcernAdviceRow) {
  await executor.insertInto('concern_advice').values(advice).execute();
}

// ---- plans, triggers, restrictions ----

export async function insertPlan(executor: Executor, plan: SafeContactPlanRow) {
  await executor.insertInto('safe_contact_plans').values(plan).execute();
}

export async function insertTrigger(executor: Executor, trigger: Omit<ConcernTriggerRow, 'times_met'>) {
  await executor.insertInto('concern_triggers').values(trigger).execute();
}

/** The concern's live triggers, locked: two entries added at once must not both miss or both fire one. */
export function lockActiveTriggers(executor: Executor, orgId: string, concernId: string) {
  return executor
    .selectFrom('concern_triggers')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('concern_id', '=', concernId)
    .where('ended_at', 'is', null)
    .orderBy('created_at')
    .forUpdate()
    .execute();
}

export async function markTriggerMet(executor: Executor, orgId: string, id: string, metAt: Date) {
  await executor
    .updateTable('concern_triggers')
    .set({ last_met_at: metAt, times_met: sql`times_met + 1` })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}

export async function insertRestriction(
  executor: Executor,
  restriction: Omit<ConcernRestrictionRow, 'version'>,
) {
  return executor
    .insertInto('concern_restrictions')
    .values(restriction)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function lockRestriction(executor: Executor, orgId: string, concernId: string, id: string) {
  return executor
    .selectFrom('concern_restrictions')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('concern_id', '=', concernId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export function updateRestriction(
  executor: Executor,
  orgId: string,
  id: string,
  changes: Partial<Pick<ConcernRestrictionRow, 'review_on' | 'ended_on' | 'end_reason' | 'updated_at'>>,
) {
  return executor
    .updateTable('concern_restrictions')
    .set({ ...changes, version: sql`version + 1` })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export type RestrictionWithNames = ConcernRestrictionRow & { person_name: string };

export function listRestrictions(
  executor: Executor,
  orgId: string,
  options: {
    concernId?: string | undefined;
    view: 'current' | 'past_review' | 'all';
    today: string;
    limit: number;
    offset: number;
  },
): Promise<RestrictionWithNames[]> {
  let query = executor
    .selectFrom('concern_restrictions as r')
    .innerJoin('people as p', (join) => sameOrganisation(join, 'p.id', 'r.person_id'))
    .selectAll('r')
    .select(sql<string>`coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name`.as('person_name'))
    .where('r.org_id', '=', orgId);
  if (options.concernId) query = query.where('r.concern_id', '=', options.concernId);
  if (options.view !== 'all') query = query.where('r.ended_on', 'is', null);
  if (options.view === 'past_review') query = query.where('r.review_on', '<', options.today);
  return query.orderBy('r.review_on').orderBy('r.id').limit(options.limit).offset(options.offset).execute();
}

export async function insertReview(executor: Executor, review: RestrictionReviewRow) {
  await executor.insertInto('restriction_reviews').values(review).execute();
}

export function listReviews(executor: Executor, orgId: string, restrictionIds: readonly string[]) {
  if (restrictionIds.length === 0) return Promise.resolve([]);
  return executor
    .selectFrom('restriction_reviews')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('restriction_id', 'in', restrictionIds)
    .orderBy('reviewed_on')
    .execute();
}

/**
 * Restrictions whose review date has passed and that have not been flagged for it, across
 * organisations, locked with SKIP LOCKED so several servers sweeping at once take different rows.
 */
export function claimRestrictionsPastReview(executor: Executor, options: { today: string; limit: number }) {
  return executor
    .selectFrom('concern_restrictions')
    .selectAll()
    .where('ended_on', 'is', null)
    .where('review_on', '<', options.today)
    .where((eb) =>
      eb.or([eb('flagged_review_on', 'is', null), eb('flagged_review_on', '<>', eb.ref('review_on'))]),
    )
    .orderBy('review_on')
    .limit(options.limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function markRestrictionFlagged(
  executor: Executor,
  orgId: string,
  id: string,
  reviewOn: string,
) {
  await executor
    .updateTable('concern_restrictions')
    .set({ flagged_review_on: reviewOn })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}

/** Referred concerns whose decision is overdue and not yet flagged, locked as above. */
export function claimOverdueDecisions(executor: Executor, options: { now: Date; limit: number }) {
  return executor
    .selectFrom('safeguarding_concerns')
    .selectAll()
    .where('decision_due_at', '<', options.now)
    .where('la_decided_at', 'is', null)
    .where('decision_overdue_flagged_at', 'is', null)
    .where('status', '=', 'referred')
    .orderBy('decision_due_at')
    .limit(options.limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

// ---- attention ----

/** Raises an item once: while one for the same concern, kind and cause is open, nothing is added. */
export async function insertAlert(executor: Executor, alert: ConcernAlertRow): Promise<boolean> {
  const inserted = await executor
    .insertInto('concern_alerts')
    .values(alert)
    .onConflict((conflict) =>
      conflict
        .columns(['org_id', 'concern_id', 'kind', 'cause_id'])
        .where('resolved_at', 'is', null)
        .doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export function listOpenAlerts(executor: Executor, orgId: string, concernId: string) {
  return executor
    .selectFrom('concern_alerts')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('concern_id', '=', concernId)
    .where('resolved_at', 'is', null)
    .orderBy('created_at')
    .execute();
}

export function resolveAlert(
  executor: Executor,
  orgId: string,
  concernId: string,
  id: string,
  resolution: { at: Date; by: string | null; note: string | null },
) {
  return executor
    .updateTable('concern_alerts')
    .set({ resolved_at: resolution.at, resolved_by: resolution.by, resolution_note: resolution.note })
    .where('org_id', '=', orgId)
    .where('concern_id', '=', concernId)
    .where('id', '=', id)
    .where('resolved_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export async function resolveAlertsOfKind(
  executor: Executor,
  orgId: string,
  concernId: string,
  kind: ConcernAlertKind,
  resolution: { at: Date; note: string | null; by?: string | null },
): Promise<number> {
  const resolved = await executor
    .updateTable('concern_alerts')
    .set({ resolved_at: resolution.at, resolved_by: resolution.by ?? null, resolution_note: resolution.note })
    .where('org_id', '=', orgId)
    .where('concern_id', '=', concernId)
    .where('kind', '=', kind)
    .where('resolved_at', 'is', null)
    .returning('id')
    .execute();
  return resolved.length;
}

// ---- settings ----

export function findSettings(executor: Executor, orgId: string) {
  return executor
    .selectFrom('safeguarding_settings')
    .selectAll()
    .where('org_id', '=', orgId)
    .executeTakeFirst();
}

export function saveSettings(
  executor: Executor,
  settings: {
    orgId: string;
    decisionWorkingDays: number;
    linkContactId: string | null;
    by: string | null;
    at: Date;
    /** Compare-and-set: the row is changed only while at this version (a first save inserts). */
    expectedVersion: number;
  },
) {
  return executor
    .insertInto('safeguarding_settings')
    .values({
      org_id: settings.orgId,
      decision_working_days: settings.decisionWorkingDays,
      safeguarding_link_contact_id: settings.linkContactId,
      updated_by: settings.by,
      updated_at: settings.at,
      version: settings.expectedVersion + 1,
    })
    .onConflict((conflict) =>
      conflict
        .column('org_id')
        .doUpdateSet({
          decision_working_days: settings.decisionWorkingDays,
          safeguarding_link_contact_id: settings.linkContactId,
          updated_by: settings.by,
          updated_at: settings.at,
          version: sql`safeguarding_settings.version + 1`,
        })
        .where('safeguarding_settings.version', '=', settings.expectedVersion),
    )
    .returningAll()
    .executeTakeFirst();
}
