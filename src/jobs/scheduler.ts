import type { FastifyBaseLogger } from 'fastify';

/** A piece of background work run on an interval. Jobs are data: see jobs.ts for the list. */
export type Job = {
  name: string;
  intervalMs: number;
  /**
   * Whether the first run waits for the interval. By default a job runs once at start, so work
   * that fell due while the server was down is done straight away.
   */
  firstRunAfterInterval?: boolean;
  /** Does one bounded sweep; returns how many things it handled (for the log). */
  run(): Promise<number>;
};

/**
 * Runs each job on its interval, never two runs of the same job at once in this process. A run
 * that outlasts the interval is followed at once by the next, not at the tick after: otherwise a
 * run slowed by load leaves twice the interval between runs (the audit sequencer's blocks were
 * 400 ms apart under load instead of 200, and the entries waiting for them with them).
 * Jobs must be safe to run in several processes at once (they lock what they take).
 */
export function startScheduler(jobs: Job[], logger: FastifyBaseLogger): { stop(): Promise<void> } {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<unknown>>();
  let stopped = false;

  for (const job of jobs) {
    let busy = false;
    let due = false;
    const tick = () => {
      if (stopped) return;
      if (busy) {
        due = true;
        return;
      }
      busy = true;
      due = false;
      const run = job
        .run()
        .then((handled) => {
          if (handled > 0) logger.debug({ job: job.name, handled }, 'job ran');
        })
        .catch((error: unknown) =>
          logger.error({ err: error, job: job.name }, 'job failed; it will run again'),
        )
        .finally(() => {
          busy = false;
          running.delete(run);
          if (due) tick();
        });
      running.add(run);
    };
    if (!job.firstRunAfterInterval) tick();
    timers.push(setInterval(tick, job.intervalMs));
  }

  return {
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await Promise.allSettled([...running]);
    },
  };
}
