import { sql } from 'kysely';
import pg from 'pg';
import { createApiToken } from '../src/auth/auth.service.ts';
import { systemClock } from '../src/clock.ts';
import { systemContext } from '../src/context.ts';
import { createDatabase } from '../src/db/create-db.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createOrganisation } from '../src/organisations/organisations.service.ts';
import { load, median, printFigure, startServerProcess } from './support.ts';

const connections = 50;

/**
 * Audited writes per second through the API (API-token authentication, validation, the change and
 * its audit entry in one transaction, the sequencer sealing the chain in the background) against
 * raw inserts of the same row by a minimal server with the same framework and pool.
 */
export async function benchmarkAuditedWrites(options: {
  adminUrl: string;
  rounds: number;
  seconds: number;
  logFile: string;
}) {
  const databaseName = 'liaison_bench';
  const admin = new pg.Client({ connectionString: options.adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${databaseName} with (force)`);
  await admin.query(`create database ${databaseName}`);
  await admin.end();
  const url = new URL(options.adminUrl);
  url.pathname = `/${databaseName}`;
  const databaseUrl = url.toString();

  const handle = await createDatabase({ backend: 'postgres', url: databaseUrl });
  await migrateToLatest(handle.db);
  const organisation = await createOrganisation(handle.db, { name: 'Benchmark Care' }, systemClock, 'bench');
  const creator = await handle.db
    .insertInto('users')
    .values({
      org_id: organisation.id,
      id: crypto.randomUUID(),
      email: 'bench-admin@example.org',
      display_name: 'Bench Admin',
      role: 'admin',
      password_hash: 'unused',
      throttled_until: null,
      disabled_at: null,
      created_at: new Date(),
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const context = {
    ...systemContext(organisation.id, 'bench'),
    actor: { type: 'user' as const, id: creator.id, role: 'admin' as const },
  };
  const { token } = await createApiToken(handle.db, context, {
    name: 'bench',
    role: 'manager',
    expiresAt: null,
    clock: systemClock,
  });

  const body = { name: 'Riverside Surgery', type: 'gp' };
  const audited: number[] = [];
  const baseline: number[] = [];
  const auditedP99: number[] = [];
  for (let round = 0; round < options.rounds; round += 1) {
    for (const kind of round % 2 === 0
      ? (['baseline', 'audited'] as const)
      : (['audited', 'baseline'] as const)) {
      const server =
        kind === 'baseline'
          ? await startServerProcess(['--import', 'tsx', 'bench/baseline-server.ts'], {
              port: 3901,
              env: { DATABASE_URL: databaseUrl, BENCH_ORG_ID: organisation.id },
              logFile: options.logFile,
            })
          : await startServerProcess(['--enable-source-maps', 'dist/server/main.js'], {
              port: 3902,
              env: { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', HOST: '127.0.0.1' },
              logFile: options.logFile,
            });
      try {
        const target = {
          url: `${server.url}/api/partner-organisations`,
          method: 'POST' as const,
          body,
          headers: (kind === 'audited' ? { authorization: `Bearer ${token}` } : {}) as Record<string, string>,
          connections,
        };
        await load({ ...target, durationSeconds: 2 }); // warm-up
        const result = await load({ ...target, durationSeconds: options.seconds });
        if (result.non2xx > 0 || result.errors > 0) {
          throw new Error(`${kind} run had ${result.non2xx} non-2xx answers and ${result.errors} errors`);
        }
        (kind === 'audited' ? audited : baseline).push(result.requestsPerSecond);
        if (kind === 'audited') auditedP99.push(result.latencyP99Ms);
      } finally {
        await server.stop();
      }
    }
  }

  const sealing = await sql<{ p50: number; p99: number; max: number; unsealed: number }>`
    select
      percentile_cont(0.5) within group (order by extract(epoch from c.sealed_at - e.occurred_at)) * 1000 as p50,
      percentile_cont(0.99) within group (order by extract(epoch from c.sealed_at - e.occurred_at)) * 1000 as p99,
      max(extract(epoch from c.sealed_at - e.occurred_at)) * 1000 as max,
      (select count(*) from audit_pending where org_id = ${organisation.id}) as unsealed
    from audit_chain c join audit_events e on e.org_id = c.org_id and e.id = c.event_id
    where c.org_id = ${organisation.id}
  `.execute(handle.db);
  await handle.close();

  const ratio = median(audited) / median(baseline);
  printFigure({
    figure: 'audited_write_ratio',
    value: Number(ratio.toFixed(3)),
    target: '>= 0.6',
    met: ratio >= 0.6,
    audited_writes_per_s: Math.round(median(audited)),
    baseline_inserts_per_s: Math.round(median(baseline)),
    audited_p99_ms: median(auditedP99),
    connections,
    rounds: options.rounds,
    seconds_per_run: options.seconds,
    runs_audited: audited.map(Math.round),
    runs_baseline: baseline.map(Math.round),
  });
  const delays = sealing.rows[0];
  printFigure({
    figure: 'audit_seal_delay_ms',
    p50: Math.round(Number(delays?.p50 ?? 0)),
    p99: Math.round(Number(delays?.p99 ?? 0)),
    max: Math.round(Number(delays?.max ?? 0)),
    unsealed_after_stop: Number(delays?.unsealed ?? 0),
    note: 'time from an audited change to its entry being sealed into the hash chain, under the load above',
  });
}
