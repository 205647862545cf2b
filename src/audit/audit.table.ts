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
  /** Whether entries of the hash chain sealed before the Merkle tree still wait to become its first leaves. */
  chain_to_convert: ColumnType<boolean, never, boolean>;
};

/**
 * A sealed batch of an organisation's entries: positions start_size + 1 … tree_size of its
 * Merkle tree. Hashes are 32 raw bytes; see the migration that creates it for the layout.
 */
export type AuditBlocksTable = {
  org_id: string;
  tree_size: number;
  start_size: number;
  event_ids: number[];
  nodes: Uint8Array;
  frontier: Uint8Array;
  tree_head: Uint8Array;
  previous_head: Uint8Array;
  sealed_at: Date;
};

/** Where an organisation's hash chain, sealed before the Merkle tree, ends: the tree's verified prefix. */
export type AuditChainCutoverTable = {
  org_id: string;
  size: number;
  head_hash: string;
};

/** The hash chain sealed before the Merkle tree, one row per entry; frozen: nothing is added. */
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
