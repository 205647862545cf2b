import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never changes once released, and imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`
-- Where the person lives, which with their name and date of birth identifies them to partners.
-- Required for new people by the application; people recorded before it have none, and stay valid.
alter table people
  add column address text check (length(address) between 1 and 500),
  add column postcode text check (postcode ~ '^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$');
`)
    .execute(db);
}
