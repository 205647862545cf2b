import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { sealAllPendingEntries } from '../src/audit/audit.service.ts';
import { createApiToken } from '../src/auth/auth.service.ts';
import { systemClock } from '../src/clock.ts';
import { systemContext } from '../src/context.ts';
import { createDatabase } from '../src/db/create-db.ts';
import type { Database } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createOrganisation } from '../src/organisations/organisations.service.ts';
import { cpuTimeMs, load, median, printFigure, startCommand, startServerProcess } from './support.ts';

const connections = 50;
/** Whom the floor server's audit entries name: they are sealed after each run, so their delay is not counted. */
const floorActorId = 'bench-floor';
// BENCH_CPU_PROFILE=1 writes a V8 CPU profile of each server run to .bench/profiles/.
const profileArgs =
  process.env.BENCH_CPU_PROFILE === '1' ? ['--cpu-prof', '--cpu-prof-dir=.bench/profiles'] : [];

type Kind = 'audited' | 'baseline' | 'floor';
type CpuPerRequest = { server: number; postgres: number; loadGenerator: number };

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
      role: 'registered_manager',
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
    actor: { type: 'user' as const, id: creator.id, role: 'registered_manager' as const },
  };
  const { token } = await createApiToken(handle.db, context, {
    name: 'bench',
    role: 'manager',
    expiresAt: null,
    clock: systemClock,
  });

  // The set-up above wrote audit entries with no server running to seal them: seal them now, as
  // the CLI does, or they wait for the first audited server, which starts only after the first
  // baseline run (2 s warm-up, 8 s run, two starts: the 12 s "maximum seal delay" once reported).
  await sealAllPendingEntries(handle.db, { clock: systemClock });

  // The server as `npm start` runs it.
  const start = startCommand();
  const body = { name: 'Riverside Surgery', type: 'gp' };
  const audited: number[] = [];
  const baseline: number[] = [];
  const floor: number[] = [];
  const auditedP99: number[] = [];
  // CPU time per request of each side, from /proc: less sensitive than throughput to what else
  // the machine is doing, and it shows where the difference goes.
  const cpu: Record<Kind, CpuPerRequest[]> = { audited: [], baseline: [], floor: [] };
  const orders: Kind[][] = [
    ['baseline', 'floor', 'audited'],
    ['audited', 'floor', 'baseline'],
    ['floor', 'audited', 'baseline'],
  ];
  for (let round = 0; round < options.rounds; round += 1) {
    for (const kind of orders[round % orders.length] ?? []) {
      const server =
        kind === 'audited'
          ? await startServerProcess([...profileArgs, ...start.args], {
              port: 3902,
              env: { ...start.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', HOST: '127.0.0.1' },
              logFile: options.logFile,
            })
          : await startServerProcess([...profileArgs, '--import', 'tsx', 'bench/baseline-server.ts'], {
              port: 3901,
              env: {
                DATABASE_URL: databaseUrl,
                BENCH_ORG_ID: organisation.id,
                BENCH_WRITE: kind === 'floor' ? 'with-audit-entry' : 'row-only',
                BENCH_ACTOR_ID: floorActorId,
              },
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
        const backends = await postgresBackends(handle.db, databaseName);
        const before = cpuSnapshot(server.process.pid, backends);
        const result = await load({ ...target, durationSeconds: options.seconds });
        const after = cpuSnapshot(server.process.pid, backends);
        if (result.non2xx > 0 || result.errors > 0) {
          throw new Error(`${kind} run had ${result.non2xx} non-2xx answers and ${result.errors} errors`);
        }
        ({ audited, baseline, floor })[kind].push(result.requestsPerSecond);
        if (kind === 'audited') auditedP99.push(result.latencyP99Ms);
        cpu[kind].push({
          server: ((after.server - before.server) * 1000) / result.total,
          postgres: ((after.postgres - before.postgres) * 1000) / result.total,
          loadGenerator: ((after.loadGenerator - before.loadGenerator) * 1000) / result.total,
        });
      } finally {
        await server.stop();
      }
      // The floor server seals nothing: seal its entries now, as the CLI does, so that the next
      // audited server's sequencer does not start the run behind by them.
      if (kind === 'floor') await sealAllPendingEntries(handle.db, { clock: systemClock });
      // Each run leaves the next the same database to work on: its dead rows vacuumed and its
      // writes checkpointed, so autovacuum and a checkpoint do not fall in the next run (the
      // third run of a round was a third slower without this).
      await sql`vacuum (analyze) partner_organisations, audit_events, audit_blocks`.execute(handle.db);
      await sql`checkpoint`.execute(handle.db);
    }
  }

  // Each entry's delay: from the change it records to the block that sealed it.
  const sealing = await sql<{ p50: number; p99: number; max: number; unsealed: number }>`
    with "delay" as (
      select extract(epoch from block.sealed_at - event.occurred_at) * 1000 as ms
      from audit_blocks as block
      cross join unnest(block.event_ids) as sealed (id)
      join audit_events as event on event.org_id = block.org_id and event.id = sealed.id
      where block.org_id = ${organisation.id}
        and event.actor_id is distinct from ${floorActorId}
    )
    select
      percentile_cont(0.5) within group (order by ms) as p50,
      percentile_cont(0.99) within group (order by ms) as p99,
      max(ms) as max,
      (select count(*) from audit_events as waiting
        where waiting.org_id = ${organisation.id}
          and waiting.actor_id is distinct from ${floorActorId}
          and not exists (select 1 from audit_blocks as block
            where block.org_id = waiting.org_id and block.event_ids @> array[waiting.id])) as unsealed
    from "delay"
  `.execute(handle.db);
  await handle.close();

  // Each round measures both servers back to back, so its ratio is the least affected by the
  // machine's speed drifting between rounds (on a shared virtual machine it does, by a fifth).
  const roundRatios = audited.map((value, round) => value / (baseline[round] ?? Number.NaN));
  const ratio = median(roundRatios);
  printFigure({
    figure: 'audited_write_ratio',
    value: Number(ratio.toFixed(3)),
    target: '>= 0.7',
    met: ratio >= 0.7,
    round_ratios: roundRatios.map((value) => Number(value.toFixed(3))),
    ratio_of_medians: Number((median(audited) / median(baseline)).toFixed(3)),
    audited_writes_per_s: Math.round(median(audited)),
    baseline_inserts_per_s: Math.round(median(baseline)),
    audited_p99_ms: median(auditedP99),
    connections,
    rounds: options.rounds,
    seconds_per_run: options.seconds,
    runs_audited: audited.map(Math.round),
    runs_baseline: baseline.map(Math.round),
    cpu_us_per_request: {
      audited: medianCpu(cpu.audited),
      baseline: medianCpu(cpu.baseline),
      floor: medianCpu(cpu.floor),
      note: 'median CPU time per request: the server process, the PostgreSQL backends serving the benchmark database, and the load generator',
    },
  });
  const floorRatios = floor.map((value, round) => value / (baseline[round] ?? Number.NaN));
  printFigure({
    figure: 'audited_write_floor_ratio',
    value: Number(median(floorRatios).toFixed(3)),
    round_ratios: floorRatios.map((value) => Number(value.toFixed(3))),
    audited_to_floor: Number(
      median(audited.map((value, round) => value / (floor[round] ?? Number.NaN))).toFixed(3),
    ),
    floor_writes_per_s: Math.round(median(floor)),
    note: 'the bare server running the statement Liaison runs for this write (the row and its audit entry, one prepared statement) and nothing else, as a ratio to the bare insert: no server that writes its audit entry in the same transaction can exceed it',
  });
  const delays = sealing.rows[0];
  printFigure({
    figure: 'audit_seal_delay_ms',
    p50: Math.round(Number(delays?.p50 ?? 0)),
    p99: Math.round(Number(delays?.p99 ?? 0)),
    max: Math.round(Number(delays?.max ?? 0)),
    target: 'p99 < 500, max < 2000',
    met: Number(delays?.p99 ?? 0) < 500 && Number(delays?.max ?? 0) < 2000,
    unsealed_after_stop: Number(delays?.unsealed ?? 0),
    note: 'time from an audited change to its entry being sealed into a block of the Merkle tree, under the load above',
  });
}

/** The PostgreSQL server processes serving the benchmark database (the server's pool, the sealer, this harness). */
async function postgresBackends(db: Kysely<Database>, databaseName: string): Promise<number[]> {
  const rows = await sql<{ pid: number }>`
    select pid from pg_stat_activity where datname = ${databaseName}
  `.execute(db);
  return rows.rows.map((row) => row.pid);
}

function cpuSnapshot(serverPid: number | undefined, backends: number[]) {
  const usage = process.cpuUsage();
  return {
    server: serverPid === undefined ? Number.NaN : cpuTimeMs(serverPid),
    // A backend that ended during the run loses its time; the pool keeps its connections open.
    postgres: backends.reduce((total, pid) => total + (cpuTimeMs(pid) || 0), 0),
    loadGenerator: (usage.user + usage.system) / 1000,
  };
}

function medianCpu(runs: CpuPerRequest[]) {
  return {
    server: Math.round(median(runs.map((run) => run.server))),
    postgres: Math.round(median(runs.map((run) => run.postgres))),
    load_generator: Math.round(median(runs.map((run) => run.loadGenerator))),
  };
}
