import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never changes once released, and imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`
-- The sequencer no longer needs a queue row for every entry. Each entry records the transaction
-- that wrote it; every transaction older than the oldest one still running has ended, so its
-- entries are all visible or were rolled back. The sequencer seals entries in (transaction, id)
-- order up to that point and keeps one cursor: where it stopped. This saves every audited write a
-- second row, and the sequencer the deletes (and vacuums) that emptied the queue.
-- Not part of any entry's hash; written only by the application, so an entry inserted around it
-- has none and is reported as outside the chain.
alter table audit_events add column xact_id xid8;
create index audit_events_sealing_order_idx on audit_events (xact_id, id);

create table audit_seal_cursor (
  only_row boolean primary key default true check (only_row),
  xact_id xid8 not null,
  event_id bigint not null
);
insert into audit_seal_cursor (xact_id, event_id) values ('0', 0);

-- Entries still waiting in the old queue are handed to the sequencer as if this migration had
-- written them: the append-only trigger is set aside for this one statement, in this migration's
-- transaction, to fill the new column, which no hash covers.
alter table audit_events disable trigger audit_events_append_only;
update audit_events as event set xact_id = pg_current_xact_id()
from audit_pending as pending
where event.org_id = pending.org_id and event.id = pending.event_id;
alter table audit_events enable trigger audit_events_append_only;
drop table audit_pending;

-- Entries can never be deleted (append-only triggers), so this key could refuse nothing: it only
-- cost the sequencer a lookup and a row lock on every entry it sealed.
alter table audit_chain drop constraint audit_chain_org_id_event_id_fkey;
`)
    .execute(db);
}
