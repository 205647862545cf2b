import Fastify from 'fastify';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startScheduler } from './scheduler.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the job scheduler', () => {
  it('runs a job at start and then on its interval, or first after its interval when asked', async () => {
    const runs: string[] = [];
    const job = (name: string, firstRunAfterInterval?: boolean) => ({
      name,
      intervalMs: 1_000,
      ...(firstRunAfterInterval === undefined ? {} : { firstRunAfterInterval }),
      run: async () => {
        runs.push(name);
        return 1;
      },
    });
    const scheduler = startScheduler([job('at-start'), job('later', true)], Fastify({ logger: false }).log);
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toEqual(['at-start']);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs.sort()).toEqual(['at-start', 'at-start', 'later']);
    await scheduler.stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runs).toHaveLength(3);
  });

  it('follows a run that outlasted its interval with the next at once, never two at a time', async () => {
    const started: number[] = [];
    let running = 0;
    let most = 0;
    const scheduler = startScheduler(
      [
        {
          name: 'slow',
          intervalMs: 200,
          run: async () => {
            started.push(Date.now());
            running += 1;
            most = Math.max(most, running);
            // The first run takes 500 ms: two ticks fall due while it runs.
            await new Promise((resolve) => setTimeout(resolve, started.length === 1 ? 500 : 10));
            running -= 1;
            return 1;
          },
        },
      ],
      Fastify({ logger: false }).log,
    );
    const start = Date.now();
    await vi.advanceTimersByTimeAsync(700);
    await scheduler.stop();
    // At start; at once when the first ended (500 ms), not at the next tick (600 ms); then 600.
    expect(started.map((at) => at - start)).toEqual([0, 500, 600]);
    expect(most).toBe(1);
  });
});
