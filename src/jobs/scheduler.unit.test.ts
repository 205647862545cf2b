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
});
