import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never changes once released, and imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`
-- What the home page's work list reads on every visit: records coming due for review, actions
-- due, and the messages a member of staff sent. Each lookup starts from the organisation.
create index consent_records_review_idx on consent_records (org_id, review_on)
  where withdrawn_at is null;
create index capacity_assessments_review_idx on capacity_assessments (org_id, review_on);
create index best_interests_decisions_review_idx on best_interests_decisions (org_id, review_on);
create index safeguarding_authorisations_expiry_idx on safeguarding_authorisations (org_id, expires_at)
  where revoked_at is null;
create index concern_restrictions_org_review_idx on concern_restrictions (org_id, review_on)
  where ended_on is null;
create index actions_due_idx on actions (org_id, due_on)
  where status in ('proposed', 'accepted', 'in_progress');
create index partner_messages_sender_idx on partner_messages (org_id, sent_by, status)
  where sent_by is not null;
`)
    .execute(db);
}
