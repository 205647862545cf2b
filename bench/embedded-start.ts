import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { median, printFigure, residentMemoryMb, startCommand, startServerProcess } from './support.ts';

/**
 * `npm start` on an existing embedded data directory: time until the first request is answered,
 * and resident memory once idle. The baseline is a bare Node.js process started the same way.
 */
export async function benchmarkEmbeddedStart(options: { rounds: number; logFile: string }) {
  // Exactly what `npm start` runs: the compiled server (built by `npm run build`).
  const start = startCommand();
  const serverArgs = start.args;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-bench-data-'));
  const env = { ...start.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', HOST: '127.0.0.1' };
  const first = await startServerProcess(serverArgs, {
    port: 3903,
    env,
    logFile: options.logFile,
    timeoutMs: 60_000,
  });
  await first.stop();

  const startMs: number[] = [];
  const idleRssMb: number[] = [];
  const bareStartMs: number[] = [];
  for (let round = 0; round < options.rounds; round += 1) {
    const server = await startServerProcess(serverArgs, { port: 3903, env, logFile: options.logFile });
    startMs.push(server.startedInMs);
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    idleRssMb.push(residentMemoryMb(server.process.pid!));
    await server.stop();

    const bare = await startServerProcess(['bench/bare-server.mjs'], {
      port: 3904,
      env: {},
      logFile: options.logFile,
    });
    bareStartMs.push(bare.startedInMs);
    await bare.stop();
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  printFigure({
    figure: 'embedded_first_request_ms',
    value: Math.round(median(startMs)),
    target: '< 3000',
    met: median(startMs) < 3000,
    bare_node_http_ms: Math.round(median(bareStartMs)),
    ratio_to_bare_node: Number((median(startMs) / median(bareStartMs)).toFixed(1)),
    runs: startMs.map(Math.round),
  });
  printFigure({
    figure: 'embedded_idle_rss_mb',
    value: Math.round(median(idleRssMb)),
    target: '< 250',
    met: median(idleRssMb) < 250,
    runs: idleRssMb.map(Math.round),
  });
}
