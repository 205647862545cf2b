// The baselines for audited writes: the same framework and the same pg pool inserting the same
// row, with no authentication, no validation and no audit. Started by bench/run.ts.
//
// With BENCH_WRITE=with-audit-entry it runs instead the statement Liaison runs for this write: the
// row and its audit entry in one prepared statement (as audit.repository.ts writes it), still with
// no authentication, validation or sealing. No server that keeps the audit trail in the same
// transaction can do better than this: it is the floor the database sets.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 20),
});
pool.on('error', () => {});
const orgId = process.env.BENCH_ORG_ID;
const withAuditEntry = process.env.BENCH_WRITE === 'with-audit-entry';
const app = Fastify({ logger: false });

const auditedInsert = `with "change" as (insert into "partner_organisations" ("org_id", "id", "name", "type", "ods_code", "address", "notes", "created_at", "updated_at") values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning *),
"event" as (
  insert into "audit_events" ("org_id", "occurred_at", "actor_type", "actor_id", "actor_role", "action",
    "entity_type", "entity_id", "changed_fields", "outcome", "request_id", "ip", "details", "xact_id")
  select $10::uuid, $11::timestamptz, $12::text, $13::text, $14::text, $15::text,
    $16::text, $17::text, $18::text[], $19::text, $20::text, $21::text, $22::jsonb,
    pg_current_xact_id()
  from "change" limit 1
)
select "id", "name", "type", "created_at" from "change"`;

app.get('/healthz', async () => ({ status: 'ok' }));
app.post('/api/partner-organisations', async (request, reply) => {
  const body = request.body as { name: string; type: string };
  const now = new Date();
  const id = randomUUID();
  const result = withAuditEntry
    ? await pool.query({
        name: 'audited-insert',
        text: auditedInsert,
        values: [
          orgId,
          id,
          body.name,
          body.type,
          null,
          null,
          null,
          now,
          now,
          orgId,
          now,
          'api_token',
          process.env.BENCH_ACTOR_ID ?? 'bench',
          'manager',
          'partner_organisation.create',
          'partner_organisation',
          id,
          ['name', 'type', 'ods_code', 'address', 'notes'],
          'success',
          randomUUID(),
          '127.0.0.1',
          '{}',
        ],
      })
    : await pool.query(
        `insert into partner_organisations (org_id, id, name, type, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $5) returning id, name, type, created_at`,
        [orgId, id, body.name, body.type, now],
      );
  return reply.code(201).send(result.rows[0]);
});

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
// Exit normally when stopped, so a CPU profile (BENCH_CPU_PROFILE=1) is written.
process.once('SIGTERM', () => process.exit(0));
