import type { ColumnType, Generated, Selectable } from 'kysely';

export type ActorType = 'user' | 'api_token' | 'partner' | 'system';
export type AuditOutcome = 'success' | 'denied' | 'failed';

export type AuditEventsTable = {
  org_id: string;
  id: ColumnType<number, never, never>;
  occurred_at: Date;
  actor_type: ActorType;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  changed_fields: ColumnType<string[], string[] | undefined, never>;
  outcome: Generated<AuditOutcome>;
  request_id: string | null;
  ip: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
  /**
   * The transaction that wrote the entry (xid8, as text), which orders sealing; set by the
   * application with pg_current_xact_id(), never by a caller, and not covered by the hash.
   */
  xact_id: ColumnType<string | null, never, never>;
};

/** Where the sequencer stopped: the last entry sealed, in (transaction, id) order. One row. */
export type AuditSealCursorTable = {
  only_row: ColumnType<boolean, never, never>;
  xact_id: string;
  event_id: number;
};

export type AuditChainTable = {
  org_id: string;
  seq: number;
  event_id: number;
  entry_hash: string;
  sealed_at: Date;
};

/** A record that a checkpoint was signed: the files are the evidence, this says one was made. */
export type AuditCheckpointsTable = {
  org_id: string;
  size: number;
  signed_at: Date;
  head_hash: string;
  digest: string;
  key_id: string;
};

/** An entry as its hash covers it. */
export type AuditEventRow = Omit<Selectable<AuditEventsTable>, 'xact_id'>;
export type AuditChainRow = Selectable<AuditChainTable>;
