import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import autocannon from 'autocannon';
import pg from 'pg';

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 0 ? (sorted[middle - 1]! + sorted[middle]!) / 2 : sorted[middle]!;
}

/** One figure on one line, so results can be collected by anything that reads JSON lines. */
export function printFigure(figure: Record<string, unknown>): void {
  console.log(JSON.stringify(figure));
}

export type Server = { process: ChildProcess; url: string; stop(): Promise<void> };

/** Starts a server script as a child process and waits until GET /healthz answers 200. */
/**
 * What `npm start` runs, read from package.json: its environment settings, and the arguments
 * after `node`. Benchmarks of the server start it exactly so.
 */
export function startCommand(): { env: Record<string, string>; args: string[] } {
  const scripts = (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> })
    .scripts;
  const words = (scripts.start ?? '').trim().split(/\s+/);
  const env: Record<string, string> = {};
  while (words[0]?.includes('=')) {
    const [name, ...value] = (words.shift() ?? '').split('=');
    env[name ?? ''] = value.join('=');
  }
  if (words.shift() !== 'node') throw new Error('npm start is expected to run node');
  return { env, args: words };
}

export async function startServerProcess(
  args: string[],
  options: { port: number; env: Record<string, string>; logFile: string; timeoutMs?: number },
): Promise<Server & { startedInMs: number }> {
  const log = fs.openSync(options.logFile, 'a');
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...options.env, PORT: String(options.port) },
    stdio: ['ignore', log, log],
  });
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`${args.join(' ')} exited with ${child.exitCode}; see ${options.logFile}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${args.join(' ')} did not answer /healthz in time; see ${options.logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const startedInMs = performance.now() - started;
  return {
    process: child,
    url,
    startedInMs,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

/** Load on loopback only, bounded in time. */
export async function load(options: {
  url: string;
  method?: 'GET' | 'POST';
  body?: unknown;
  headers?: Record<string, string>;
  connections: number;
  durationSeconds: number;
}) {
  const result = await autocannon({
    url: options.url,
    method: options.method ?? 'GET',
    connections: options.connections,
    duration: options.durationSeconds,
    headers: { 'content-type': 'application/json', ...options.headers },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  return {
    requestsPerSecond: result.requests.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    total: result.requests.total,
  };
}

/**
 * CPU time (user + system) a process has used, in milliseconds, from /proc (Linux; clock ticks
 * of 10 ms). NaN where it cannot be read, so a figure built on it shows as missing, not as zero.
 */
export function cpuTimeMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: count fields after its end.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

export function residentMemoryMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** Drops and creates a database for one benchmark on the PostgreSQL server; returns its URL. */
export async function createBenchDatabase(adminUrl: string, databaseName: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${databaseName} with (force)`);
  await admin.query(`create database ${databaseName}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
}
