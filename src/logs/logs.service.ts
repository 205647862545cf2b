import { randomUUID } from 'node:crypto';
import { type AuditRecord, recordAudit } from '../audit/audit.service.ts';
import type { RequestContext } from '../context.ts';
import type { DbTransaction } from '../db/database.ts';
import { AppError } from '../errors.ts';
import * as logsRepository from './logs.repository.ts';
import type { AppendOnlyLog, LogEntryRow } from './logs.table.ts';

export type LogEntryInput = {
  /** What the entry is about, as the log's own columns: `{ concern_id, person_id }`. */
  subject: Record<string, string>;
  kind: string;
  occurredAt: Date;
  text: string;
  details?: Record<string, unknown>;
  /** The entry this one corrects: it must be in the same log and about the same subject. */
  corrects?: string | null;
  /** The audit entry written with it; its entity id defaults to the new entry's. */
  audit: Omit<AuditRecord, 'entityId'> & { entityId?: string };
};

/**
 * Appends an entry to an append-only log, with its audit entry, in the caller's transaction.
 * The database refuses any change or deletion afterwards (`refuse_change_to_append_only`), so a
 * mistake is put right by a new entry that names the one it corrects.
 */
export async function appendLogEntry(
  trx: DbTransaction,
  context: RequestContext,
  log: AppendOnlyLog,
  input: LogEntryInput,
  at: Date,
): Promise<LogEntryRow> {
  if (input.corrects) {
    const corrected = await logsRepository.findLogEntry(trx, log, context.orgId, input.corrects);
    const sameSubject =
      corrected !== undefined &&
      Object.entries(input.subject).every(([column, value]) => corrected[column] === value);
    if (!sameSubject) {
      throw new AppError('validation', 'The entry to correct is not in this record.', { field: 'corrects' });
    }
  }
  if (context.actor.type === 'partner') throw new Error('Partners do not write to logs directly.');
  const entry: LogEntryRow = {
    org_id: context.orgId,
    id: randomUUID(),
    kind: input.kind,
    occurred_at: input.occurredAt,
    recorded_at: at,
    recorded_by_type: context.actor.type,
    recorded_by_id: context.actor.id,
    recorded_by_name: await logsRepository.recorderName(trx, context.orgId, context.actor),
    text: input.text,
    details: input.details ?? {},
    corrects: input.corrects ?? null,
  };
  await logsRepository.insertLogEntry(trx, log, { ...entry, details: entry.details, subject: input.subject });
  const { entityId, ...audit } = input.audit;
  await recordAudit(trx, context, at, {
    ...audit,
    entityId: entityId ?? entry.id,
    details: { ...audit.details, entryId: entry.id, kind: entry.kind, corrects: entry.corrects },
  });
  return entry;
}
