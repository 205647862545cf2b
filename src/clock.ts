/** Everything that reads the time takes a clock, so tests can set it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to: for tests and the benchmark of deadline work. */
export class ManualClock implements Clock {
  #current: number;

  constructor(start: Date | string = '2026-11-21T09:00:00Z') {
    this.#current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.#current);
  }

  set(to: Date | string): void {
    this.#current = new Date(to).getTime();
  }

  advance(milliseconds: number): void {
    this.#current += milliseconds;
  }
}
