import type { ColumnType, Selectable } from 'kysely';
import type { ActorType } from '../audit/audit.table.ts';

/**
 * The columns every append-only log shares. A log's table adds the columns naming what it is
 * about (a concern and its person, say), attaches the `refuse_change_to_append_only()` trigger in
 * its migration, and is named in `AppendOnlyLog` below. A correction is a new entry whose
 * `corrects` names the entry it corrects; nothing is ever changed or deleted.
 */
export type LogEntryColumns = {
  org_id: string;
  id: string;
  kind: string;
  /** When what the entry records happened. */
  occurred_at: Date;
  /** When it was written down. */
  recorded_at: Date;
  recorded_by_type: Exclude<ActorType, 'partner'>;
  recorded_by_id: string;
  /** The recorder's name as it was when they wrote the entry. */
  recorded_by_name: string | null;
  text: string;
  details: ColumnType<Record<string, unknown>, string, never>;
  corrects: string | null;
};
export type LogEntryRow = Selectable<LogEntryColumns>;

/** The tables that are append-only logs: a line here when a feature adds one. */
export const appendOnlyLogs = ['concern_entries'] as const;
export type AppendOnlyLog = (typeof appendOnlyLogs)[number];
