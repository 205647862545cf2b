import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never changes once released, and imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`
-- Each organisation's audit trail becomes a Merkle tree (RFC 9162), sealed a batch at a time: one
-- row per batch (a block), not one per entry. An entry's position in the tree (its seq) is its
-- place in event_ids plus the size of the tree before the block.
--   nodes:         the 32-byte hashes of every complete subtree whose last leaf this block
--                  appended: the leaves themselves, then each level up, each in position order.
--                  Proofs and past tree heads are read from these, never recomputed from entries.
--   frontier:      the heads of the complete subtrees the tree of tree_size leaves splits into,
--                  largest first: enough to append the next block without reading the tree.
--   tree_head:     the tree head (MTH) of the first tree_size entries; previous_head: the one
--                  before this block, so the blocks also form a chain of heads.
create table audit_blocks (
  org_id uuid not null references organisations (id),
  tree_size bigint not null check (tree_size >= 1),
  start_size bigint not null check (start_size >= 0 and start_size < tree_size),
  event_ids bigint[] not null check (cardinality(event_ids) = tree_size - start_size),
  nodes bytea not null,
  frontier bytea not null,
  tree_head bytea not null check (length(tree_head) = 32),
  previous_head bytea not null check (length(previous_head) = 32),
  sealed_at timestamptz not null,
  primary key (org_id, tree_size)
);
-- Hashes do not compress: stored as they are, a proof's 32-byte slice is read without the rest.
alter table audit_blocks alter column nodes set storage external;
-- Which block holds an entry: for proofs named by the entry, and for "is it sealed yet", asked of
-- every entry the sequencer examines. Without the pending list (fastupdate) every look-up would
-- scan the entries added since the last clean-up; sealing adds them in batches anyway.
create index audit_blocks_event_ids_idx on audit_blocks using gin (event_ids) with (fastupdate = off);
create trigger audit_blocks_append_only before update or delete on audit_blocks
  for each row execute function refuse_audit_change();
create trigger audit_blocks_no_truncate before truncate on audit_blocks
  for each statement execute function refuse_audit_change();

-- The hash chain sealed so far stays as it is, the verified prefix of each tree: its entries
-- become the tree's first leaves, in chain order, and every later check still recomputes the
-- chain up to the cut-over recorded here. Nothing is added to the chain from now on.
create table audit_chain_cutover (
  org_id uuid primary key references organisations (id),
  size bigint not null check (size >= 1),
  head_hash text not null check (head_hash ~ '^[0-9a-f]{64}$')
);
insert into audit_chain_cutover (org_id, size, head_hash)
select chain.org_id, chain.seq, chain.entry_hash
from audit_chain as chain
where chain.seq = (select max(seq) from audit_chain as later where later.org_id = chain.org_id);
create trigger audit_chain_cutover_append_only before update or delete on audit_chain_cutover
  for each row execute function refuse_audit_change();
create trigger audit_chain_cutover_no_truncate before truncate on audit_chain_cutover
  for each statement execute function refuse_audit_change();
create trigger audit_chain_frozen before insert on audit_chain
  for each row execute function refuse_audit_change();

-- The sequencer turns the chain's entries into leaves before it seals anything new.
alter table audit_seal_cursor add column chain_to_convert boolean not null default false;
update audit_seal_cursor set chain_to_convert = exists (select 1 from audit_chain_cutover);
`)
    .execute(db);
}
