import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never changes once released, and imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`
-- The sharing gate is asked at every moment information about a person leaves, not only when a
-- message is written. Each answer is a share log row naming the moment it was asked at.
alter table share_log add column moment text check (moment in ('compose', 'email', 'escalation',
  'link_view', 'link_reply', 'link_handover', 'recorded', 'export'));
alter table share_log drop constraint share_log_delivery_check;
alter table share_log add constraint share_log_delivery_check
  check (delivery in ('recorded', 'queued', 'emailed', 'link', 'handed_over', 'exported'));

-- An email about a person names the share it carries and who it goes to, so it can be asked
-- again at the moment it is handed to the mail server. The token of the link it carries is kept
-- encrypted with a key outside the database until then, and blanked with the body once sent.
alter table email_outbox add column share_id uuid;
alter table email_outbox add column link_id uuid;
alter table email_outbox add column link_token_sealed text check (length(link_token_sealed) <= 500);
alter table email_outbox add column partner_organisation_id uuid;
alter table email_outbox add column partner_contact_id uuid;
alter table email_outbox add column held_reason text check (length(held_reason) <= 2000);
alter table email_outbox drop constraint email_outbox_status_check;
alter table email_outbox add constraint email_outbox_status_check
  check (status in ('pending', 'sending', 'sent', 'failed', 'held'));
alter table email_outbox add constraint email_outbox_share_fk
  foreign key (org_id, share_id) references share_log (org_id, id);
create index email_outbox_share_idx on email_outbox (org_id, share_id) where share_id is not null;

-- When the basis a delivered message rested on ends (withdrawn, expired, revoked), its links stop
-- showing anything about the person, and the partner and staff are told once.
alter table partner_messages add column sharing_ended_at timestamptz;
alter table partner_messages add column sharing_ended_reason text check (length(sharing_ended_reason) <= 1000);

-- Records whose end has been acted on, so the sweep that notices lapsed records does it once.
create table sharing_basis_endings (
  org_id uuid not null,
  record_id uuid not null,
  record_type text not null check (record_type in ('consent_record', 'best_interests_decision',
    'safeguarding_authorisation')),
  ended_at timestamptz not null,
  reason text not null check (length(reason) between 1 and 500),
  noticed_at timestamptz not null,
  primary key (org_id, record_id)
);

alter table message_events drop constraint message_events_kind_check;
alter table message_events add constraint message_events_kind_check
  check (kind in ('sent', 'emailed', 'email_failed', 'acknowledged', 'accepted', 'declined',
    'responded', 'done', 'call_logged', 'reply_logged', 'note', 'escalated', 'link_issued', 'link_revoked',
    'withdrawn', 'closed', 'advice_recorded', 'confirmation_requested', 'confirmation_received',
    'email_held', 'link_handed_over', 'sharing_ended', 'share_refused'));

alter table attention_items drop constraint attention_items_kind_check;
alter table attention_items add constraint attention_items_kind_check
  check (kind in ('escalated_to_manager', 'escalated_to_registered_manager',
    'call_partner', 'email_failed', 'no_route', 'share_refused', 'share_held'));
`)
    .execute(db);
}
