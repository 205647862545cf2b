// `npm run bench`: every benchmark, one JSON line per figure. Figures are compared with a
// baseline measured in the same run; quote medians (each figure is the median of several runs).
// Load goes to 127.0.0.1 only and every run is bounded in time.
import fs from 'node:fs';
import { benchmarkAuditProofs } from './audit-proofs.ts';
import { benchmarkAuditedWrites } from './audited-writes.ts';
import { benchmarkChannelChoice } from './channel-choice.ts';
import { benchmarkChronology } from './chronology.ts';
import { benchmarkEmbeddedStart } from './embedded-start.ts';
import { benchmarkEscalationSweep } from './escalation-sweep.ts';
import { benchmarkIncidents } from './incidents.ts';
import { benchmarkRegisterSearch } from './register-search.ts';
import { benchmarkSharingGate } from './sharing-gate.ts';

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const only = process.argv[2];
fs.mkdirSync('.bench', { recursive: true });
const logFile = '.bench/servers.log';

const benchmarks: Record<string, () => Promise<void>> = {
  'audited-writes': () => benchmarkAuditedWrites({ adminUrl, rounds, seconds, logFile }),
  'audit-proofs': () => benchmarkAuditProofs({ adminUrl, rounds }),
  'embedded-start': () => benchmarkEmbeddedStart({ rounds, logFile }),
  'channel-choice': () => benchmarkChannelChoice({ rounds }),
  'register-search': () => benchmarkRegisterSearch({ adminUrl, rounds, logFile }),
  'sharing-gate': () => benchmarkSharingGate({ rounds }),
  'escalation-sweep': () => benchmarkEscalationSweep({ adminUrl, rounds }),
  incidents: () => benchmarkIncidents({ adminUrl, rounds, logFile }),
  chronology: () => benchmarkChronology({ adminUrl, rounds, logFile }),
};

for (const [name, run] of Object.entries(benchmarks)) {
  if (only && only !== name) continue;
  console.error(`running ${name}…`);
  await run();
}
