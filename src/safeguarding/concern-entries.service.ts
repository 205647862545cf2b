import { viewChronology } from '../chronology/chronology.service.ts';
import type { ChronologySource } from '../chronology/chronology.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import { type RequestContext, systemContext } from '../context.ts';
import type { Db, DbTransaction, Executor } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { readMessageEventsOfMessages } from '../partner-messages/partner-messages.chronology.ts';
import { readSharesOfSubjects } from '../sharing/sharing.chronology.ts';
import { readConcernAdvice, readConcernEntriesOfConcern } from './safeguarding.chronology.ts';
import * as safeguardingRepository from './safeguarding.repository.ts';
import type { AddEntryInput } from './safeguarding.schemas.ts';
import { appendConcernEntry, getConcern, lockOpenConcern } from './safeguarding.service.ts';
import type { ConcernRow, ConcernTriggerRow } from './safeguarding.table.ts';
import { type EntryKind, entryKindLabels } from './safeguarding.vocabulary.ts';
import { emailManagersAboutConcern, raiseConcernAttention } from './safeguarding-alerts.ts';

export type Settings = { clock: Clock; config: Pick<Config, 'publicUrl' | 'mfaKeyFile' | 'smtp'> };

/** The subject type concerns go by in the shared mechanisms (shares, attention, the chronology). */
export const CONCERN_SUBJECT = 'concern';
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

export const DAY_MS = 24 * 60 * 60_000;

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
export async function concernSources(executor: Executor, context: RequestContext, concern: ConcernRow) {
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
  const page = await viewChronology(
    db,
    context,
    {
      sources: await concernSources(db, context, concern),
      key: concern.id,
      options,
      audit: { action: 'concern.view_chronology', entityType: 'concern', entityId: concern.id },
    },
    clock,
  );
  const entryIds = page.items.filter((item) => item.source === 'concern_entries').map((item) => item.id);
  const [entries, corrections] = await Promise.all([
    safeguardingRepository.findEntriesOfConcern(db, context.orgId, concern.id, entryIds),
    safeguardingRepository.findCorrectionsOf(db, context.orgId, concern.id, entryIds),
  ]);
  const entryDetails = new Map(
    entries.map((entry) => [
      entry.id,
      {
        kind: entry.kind,
        details: entry.details as EntryDetails,
        corrects: entry.corrects,
        correctedBy: corrections.filter((each) => each.corrects === entry.id).map((each) => each.id),
      },
    ]),
  );
  return { ...page, entryDetails };
}

/** What staff wrote in an entry, kept as they gave it; entries Liaison writes keep other details. */
export type EntryDetails = {
  facts?: string;
  present?: string[];
  quotes?: { speaker: string; words: string }[];
  source?: string;
  sourceDetail?: string | null;
  actionTaken?: string | null;
  noActionReason?: string | null;
  correctionReason?: string | null;
};
