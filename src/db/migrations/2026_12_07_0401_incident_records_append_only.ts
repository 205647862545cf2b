import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never changes once released, and imports nothing from the app.
// Incident records are an append-only log like a concern's chronology: the same trigger function
// refuses a change or deletion of either, with the same words.
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`
drop trigger incident_records_append_only on incident_records;
create trigger incident_records_append_only before update or delete on incident_records
  for each row execute function refuse_change_to_append_only();
`)
    .execute(db);
}
