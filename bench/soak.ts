// `npm run soak`: the server as `npm start` runs it, on PostgreSQL, under a steady mixed load for
// SOAK_MINUTES (30 by default) at SOAK_RATE requests a second (100: twice the expected peak, below).
// It samples the server's memory, the database connections and each window's answers, then checks
// the audit trail after a clean stop. One JSON line per figure, as `npm run bench` prints them.
//
// The expected peak: a provider of several services with about 200 staff signed in at once, each
// opening a page that makes a request or two every ten seconds or so, is about 50 requests a second.
import fs from 'node:fs';
import autocannon from 'autocannon';
import pg from 'pg';
import { verifyAuditChain } from '../src/audit/audit.service.ts';
import { createApiToken } from '../src/auth/auth.service.ts';
import { systemClock } from '../src/clock.ts';
import { systemContext } from '../src/context.ts';
import { createDatabase } from '../src/db/create-db.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { loadDemo } from '../src/demo/demo.ts';
import { createBenchDatabase, median, printFigure, residentMemoryMb, startServerProcess } from './support.ts';

const minutes = Number(process.env.SOAK_MINUTES ?? 30);
const rate = Number(process.env.SOAK_RATE ?? 100);
const sampleSeconds = Number(process.env.SOAK_SAMPLE_SECONDS ?? 15);
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** The slowest answer, at the 99th percentile of any window, that the soak accepts. */
const p99BudgetMs = 500;
/** The server's pool, the sequencer's connection and the API token cache's listener; more would be a leak. */
const poolSize = 20;
const serverConnections = poolSize + 2;

fs.mkdirSync('.bench', { recursive: true });
const logFile = '.bench/soak-server.log';
const samplesFile = '.bench/soak-samples.csv';

type Sample = {
  atSeconds: number;
  rssMb: number;
  connections: number;
  answers: number;
  failures: number;
  p50Ms: number;
  p99Ms: number;
};

function percentile(values: number[], fraction: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

const databaseUrl = await createBenchDatabase(adminUrl, 'liaison_soak');
const handle = await createDatabase({ backend: 'postgres', url: databaseUrl });
await migrateToLatest(handle.db);
const demo = await loadDemo(handle.db, { clock: systemClock });
const manager = await handle.db
  .selectFrom('users')
  .select(['id'])
  .where('org_id', '=', demo.orgId)
  .where('role', '=', 'registered_manager')
  .executeTakeFirstOrThrow();
const { token } = await createApiToken(
  handle.db,
  {
    ...systemContext(demo.orgId, 'soak'),
    actor: { type: 'user', id: manager.id, role: 'registered_manager' },
  },
  { name: 'soak', role: 'manager', expiresAt: null, clock: systemClock },
);
const people = await handle.db.selectFrom('people').select('id').where('org_id', '=', demo.orgId).execute();
if (people.length === 0) throw new Error('The demo organisation has no people');
await handle.close();
// One connection of the soak's own watches the server's, and leaves itself out of the count.
const watcher = new pg.Client({ connectionString: databaseUrl });
await watcher.connect();

const server = await startServerProcess(['dist/server/main.js'], {
  port: 3910,
  env: {
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: String(poolSize),
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    MALLOC_ARENA_MAX: '1',
  },
  logFile,
});
const pid = server.process.pid ?? 0;

const connectionCount = async () =>
  Number(
    (
      await watcher.query<{ count: string }>(
        `select count(*) as count from pg_stat_activity where datname = 'liaison_soak' and pid <> pg_backend_pid()`,
      )
    ).rows[0]?.count ?? 0,
  );

// What staff do most: find people, open a person and their chronology (both audited reads), read
// the messages list, and add to the register (an audited write); and the health check.
let next = 0;
const personPath = () => `/api/people/${people[next++ % people.length]!.id}`;
const requests: autocannon.Request[] = [
  { method: 'GET', path: '/api/people?limit=20' },
  { method: 'GET', setupRequest: (request) => ({ ...request, path: personPath() }) },
  { method: 'GET', setupRequest: (request) => ({ ...request, path: `${personPath()}/chronology?limit=50` }) },
  { method: 'GET', path: '/api/messages?limit=20' },
  {
    method: 'POST',
    path: '/api/partner-organisations',
    body: JSON.stringify({ name: 'Soak Test Surgery', type: 'gp' }),
  },
  { method: 'GET', path: '/healthz' },
];

const samples: Sample[] = [];
let windowLatencies: number[] = [];
let windowFailures = 0;
const allLatencies: number[] = [];
let failures = 0;
let answers = 0;
const failuresByStatus = new Map<number, number>();
const startedAt = performance.now();

let finished: (result: autocannon.Result) => void = () => {};
let failed: (error: Error) => void = () => {};
const done = new Promise<autocannon.Result>((resolve, reject) => {
  finished = resolve;
  failed = reject;
});
const instance = autocannon(
  {
    url: server.url,
    connections: 10,
    overallRate: rate,
    duration: minutes * 60,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    requests,
  },
  (error, result) => (error ? failed(error) : finished(result)),
);
instance.on('response', (_client, statusCode, _bytes, responseTime) => {
  answers += 1;
  windowLatencies.push(responseTime);
  allLatencies.push(responseTime);
  if (statusCode >= 400) {
    failures += 1;
    windowFailures += 1;
    failuresByStatus.set(statusCode, (failuresByStatus.get(statusCode) ?? 0) + 1);
  }
});
instance.on('reqError', () => {
  failures += 1;
  windowFailures += 1;
});

const sampler = setInterval(() => {
  void (async () => {
    const latencies = windowLatencies;
    const windowFailed = windowFailures;
    windowLatencies = [];
    windowFailures = 0;
    samples.push({
      atSeconds: Math.round((performance.now() - startedAt) / 1000),
      rssMb: Math.round(residentMemoryMb(pid)),
      connections: await connectionCount(),
      answers: latencies.length,
      failures: windowFailed,
      p50Ms: percentile(latencies, 0.5),
      p99Ms: percentile(latencies, 0.99),
    });
  })();
}, sampleSeconds * 1000);

const result = await done;
clearInterval(sampler);
await watcher.end();
// A clean stop seals what the last requests wrote.
await server.stop();
const checking = await createDatabase({ backend: 'postgres', url: databaseUrl });
const reports = await verifyAuditChain(checking.db, { clock: systemClock });
const sealedEntries = reports.reduce((total, report) => total + report.sealedEntries, 0);
const unsealedEntries = reports.reduce((total, report) => total + report.unsealedEntries, 0);
await checking.close();

fs.writeFileSync(
  samplesFile,
  [
    'seconds,rss_mb,connections,answers,failures,p50_ms,p99_ms',
    ...samples.map((s) =>
      [s.atSeconds, s.rssMb, s.connections, s.answers, s.failures, s.p50Ms, s.p99Ms].join(','),
    ),
  ].join('\n'),
);

// Memory is bounded if, once warm (the first fifth left out), the last third of the run holds no
// more than the middle third: a leak grows steadily through both.
const warm = samples.slice(Math.floor(samples.length / 5));
const third = Math.floor(warm.length / 3);
const middleRss = median(warm.slice(third, 2 * third).map((s) => s.rssMb));
const lastRss = median(warm.slice(2 * third).map((s) => s.rssMb));
const errorRate = failures / Math.max(1, answers);
const worstWindowP99 = Math.max(...samples.map((s) => s.p99Ms));
const connections = samples.map((s) => s.connections);

printFigure({
  figure: 'soak_errors',
  value: Number((errorRate * 100).toFixed(4)),
  unit: '% of answers',
  target: '< 0.1',
  met: errorRate < 0.001,
  answers,
  failures,
  failures_by_status: Object.fromEntries(failuresByStatus),
  minutes,
  requests_per_second: Math.round(result.requests.average),
  target_rate: rate,
});
printFigure({
  figure: 'soak_latency_ms',
  p50: percentile(allLatencies, 0.5),
  p99: percentile(allLatencies, 0.99),
  worst_window_p99: worstWindowP99,
  target: `p99 of every ${sampleSeconds} s window < ${p99BudgetMs}`,
  met: worstWindowP99 < p99BudgetMs,
});
printFigure({
  figure: 'soak_memory_mb',
  first_sample: samples[0]?.rssMb,
  middle_third_median: middleRss,
  last_third_median: lastRss,
  max: Math.max(...samples.map((s) => s.rssMb)),
  target: 'last third no more than 10% above the middle third',
  met: lastRss <= middleRss * 1.1,
});
printFigure({
  figure: 'soak_database_connections',
  min: Math.min(...connections),
  max: Math.max(...connections),
  target: `never above the pool (${poolSize}), the sequencer's and the token cache's own connections`,
  met: Math.max(...connections) <= serverConnections,
});
printFigure({
  figure: 'soak_audit_trail',
  verified: reports.every((report) => report.verified),
  sealed_entries: sealedEntries,
  unsealed_after_stop: unsealedEntries,
  met: reports.every((report) => report.verified) && unsealedEntries === 0,
  samples_file: samplesFile,
});
