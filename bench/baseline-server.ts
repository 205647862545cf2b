// The baseline for audited writes: the same framework and the same pg pool inserting the same
// row, with no authentication, no validation and no audit. Started by bench/run.ts.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 20),
});
pool.on('error', () => {});
const orgId = process.env.BENCH_ORG_ID;
const app = Fastify({ logger: false });

app.get('/healthz', async () => ({ status: 'ok' }));
app.post('/api/partner-organisations', async (request, reply) => {
  const body = request.body as { name: string; type: string };
  const now = new Date();
  const result = await pool.query(
    `insert into partner_organisations (org_id, id, name, type, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $5) returning id, name, type, created_at`,
    [orgId, randomUUID(), body.name, body.type, now],
  );
  return reply.code(201).send(result.rows[0]);
});

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
// Exit normally when stopped, so a CPU profile (BENCH_CPU_PROFILE=1) is written.
process.once('SIGTERM', () => process.exit(0));
