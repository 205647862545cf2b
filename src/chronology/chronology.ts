import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { AppError } from '../errors.ts';

/**
 * A person's chronology: every source that knows something about them (partner messages,
 * incidents, consent and capacity decisions, advice, safeguarding concerns…) registers a reader
 * (a line in `src/capabilities.ts`); the chronology asks each for its newest entries in a window
 * and merges them in time order, a page at a time.
 */
export type ChronologyEntry = {
  /** The registered source it came from, e.g. `partner_messages`. */
  source: string;
  /** Unique within the source (a uuid). */
  id: string;
  occurredAt: Date;
  recordedAt: Date;
  /** The agency the entry's information came from: the provider itself or a partner organisation. */
  agency: string;
  /** What kind of entry it is, in words: "Partner acknowledged", "Blocked access". */
  kindLabel: string;
  text: string;
  recordedBy: string | null;
  /** The record it belongs to, for a link: a message, an incident, a concern… */
  subject: { type: string; id: string; title: string } | null;
};

/** The newest-first position a page continues from, as each source sees it. */
export type SourceBound = { at: Date; mode: 'inclusive' | 'exclusive' } | { at: Date; idBelow: string };

export type SourceQuery = {
  orgId: string;
  /** What the chronology is of: a person's id for the person's chronology, a concern's for a concern's. */
  key: string;
  /** The provider's own name, for entries it recorded itself. */
  ownAgency: string;
  from: Date | null;
  to: Date | null;
  before: SourceBound | null;
  /** At most this many entries, newest first. */
  limit: number;
};

export type ChronologySource = {
  name: string;
  read: (executor: Executor, query: SourceQuery) => Promise<ChronologyEntry[]>;
};

const personSources = new Map<string, ChronologySource>();

/** Adds a source to every person's chronology; once per name. */
export function registerChronologySource(name: string, read: ChronologySource['read']): void {
  personSources.set(name, { name, read });
}

export function registeredChronologySources(): ChronologySource[] {
  return [...personSources.values()];
}

/**
 * The condition a source's query adds so it returns only entries in the window and after the
 * page's position: `occurred` and `id` are its time and uuid columns. With the order
 * `occurred desc, id desc`, an index on (org_id, <key>, occurred) serves it.
 */
export function chronologyWindow(occurred: string, id: string, query: SourceQuery): RawBuilder<SqlBool> {
  const occurredAt = sql.ref(occurred);
  const conditions: RawBuilder<unknown>[] = [sql`true`];
  if (query.from) conditions.push(sql`${occurredAt} >= ${query.from}`);
  if (query.to) conditions.push(sql`${occurredAt} < ${query.to}`);
  const before = query.before;
  if (before) {
    if ('idBelow' in before) {
      conditions.push(
        sql`(${occurredAt} < ${before.at} or (${occurredAt} = ${before.at} and ${sql.ref(id)} < ${before.idBelow}::uuid))`,
      );
    } else {
      conditions.push(
        before.mode === 'inclusive' ? sql`${occurredAt} <= ${before.at}` : sql`${occurredAt} < ${before.at}`,
      );
    }
  }
  return sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;
}

type Cursor = { at: string; source: string; id: string };

export function encodeCursor(entry: ChronologyEntry): string {
  const cursor: Cursor = { at: entry.occurredAt.toISOString(), source: entry.source, id: entry.id };
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  try {
    const cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (
      typeof cursor.at === 'string' &&
      !Number.isNaN(Date.parse(cursor.at)) &&
      typeof cursor.source === 'string' &&
      typeof cursor.id === 'string' &&
      /^[0-9a-f-]{36}$/i.test(cursor.id)
    ) {
      return cursor as Cursor;
    }
  } catch {}
  throw new AppError('validation', 'Use the `nextBefore` of an earlier page.', { field: 'before' });
}

/** Entries in the order of the chronology: newest first; at the same moment, by source then id. */
function compareNewestFirst(a: ChronologyEntry, b: ChronologyEntry): number {
  return (
    b.occurredAt.getTime() - a.occurredAt.getTime() ||
    (a.source < b.source ? 1 : a.source > b.source ? -1 : 0) ||
    (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)
  );
}

/** Where a source resumes after the cursor, so that the sources' entries interleave exactly once. */
function boundFor(source: string, cursor: Cursor): SourceBound {
  const at = new Date(cursor.at);
  if (source === cursor.source) return { at, idBelow: cursor.id };
  // Entries of a source that sorts before the cursor's at the same moment come after it.
  return { at, mode: source < cursor.source ? 'inclusive' : 'exclusive' };
}

export type ChronologyPage = { items: ChronologyEntry[]; nextBefore: string | null };

/**
 * Merges the sources' entries for one key, newest first, a page of `limit` at a time. Each
 * source is asked for at most `limit + 1` entries after the page's position, each with its own
 * indexed query, so a page costs the same however long the chronology is.
 */
export async function mergeChronology(
  executor: Executor,
  sources: readonly ChronologySource[],
  query: Omit<SourceQuery, 'before' | 'limit'> & { before: string | null; limit: number },
): Promise<ChronologyPage> {
  const cursor = query.before ? decodeCursor(query.before) : null;
  const perSource = await Promise.all(
    sources.map((source) =>
      source.read(executor, {
        ...query,
        before: cursor ? boundFor(source.name, cursor) : null,
        limit: query.limit + 1,
      }),
    ),
  );
  const merged = perSource.flat().sort(compareNewestFirst);
  const items = merged.slice(0, query.limit);
  const last = items.at(-1);
  return { items, nextBefore: merged.length > query.limit && last ? encodeCursor(last) : null };
}

/**
 * An entry of a record the provider itself keeps about the person (consent, capacity,
 * authorisations): recorded when it was made, linked to the person's consent and sharing records.
 */
export function ownRecordEntry(
  source: string,
  query: SourceQuery,
  row: { id: string; occurred_at: Date; label: string; text: string },
): ChronologyEntry {
  return {
    source,
    id: row.id,
    occurredAt: row.occurred_at,
    recordedAt: row.occurred_at,
    agency: query.ownAgency,
    kindLabel: row.label,
    text: row.text,
    recordedBy: null,
    subject: { type: 'person', id: query.key, title: 'Consent and sharing records' },
  };
}
