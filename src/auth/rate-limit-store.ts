import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { type CounterWindow, countOne, forgetEndedCounts, readCount } from './rate-limits.repository.ts';
import { hashToken } from './secrets.ts';

// Limits on requests (sign-in attempts from one address, requests for a new password…) are
// counted in the database, so that every server process in front of it counts together: a client
// spreading its attempts over several servers gets no more than from one. Keys are kept only as
// their SHA-256, as a client address is personal data.

type StoreAnswer = (error: Error | null, state: { current: number; ttl: number }) => void;

/** What a route's limit counts: its method and path, and the client's key within it. */
function counterKey(scope: string, key: string): string {
  return hashToken(`${scope}\n${key}`);
}

/** Answers the plugin with a window's count and what is left of it (none: a clean state). */
function answerWith(counted: Promise<CounterWindow | undefined>, now: Date, answer: StoreAnswer): void {
  counted.then(
    (window) =>
      answer(null, {
        current: window?.count ?? 0,
        ttl: window ? window.window_ends_at.getTime() - now.getTime() : 0,
      }),
    (error: Error) => answer(error, { current: 0, ttl: 0 }),
  );
}

/** A store for @fastify/rate-limit that counts in the database by the app's clock. */
export function databaseRateLimitStore(db: Db, clock: Clock) {
  return class DatabaseRateLimitStore {
    readonly #scope: string;

    constructor(scope?: unknown) {
      this.#scope = typeof scope === 'string' ? scope : '';
    }

    incr(key: string, answer: StoreAnswer, timeWindow: number): void {
      const now = clock.now();
      answerWith(countOne(db, counterKey(this.#scope, key), now, timeWindow), now, answer);
    }

    read(key: string, answer: StoreAnswer): void {
      const now = clock.now();
      answerWith(readCount(db, counterKey(this.#scope, key), now), now, answer);
    }

    // The plugin passes the route's merged settings, with the route itself as `routeInfo`.
    child(routeOptions: object): DatabaseRateLimitStore {
      const route = (routeOptions as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo ?? {};
      return new DatabaseRateLimitStore(`${String(route.method)} ${String(route.url)}`);
    }
  };
}

/** Lets the plugin's routes declare limits (`config.rateLimit`), counted in the database. */
export async function registerRateLimits(
  app: FastifyInstance,
  dependencies: { db: Db; clock: Clock },
): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    store: databaseRateLimitStore(dependencies.db, dependencies.clock),
  });
}

/**
 * Counts failures per key (a client address) in fixed windows, in the database. Once a key has
 * failed `limit` times in a window, it is refused until the window ends. Only failures count, so
 * someone who gets it right is never slowed.
 */
export class FailureThrottle {
  readonly #db: Db;
  readonly #name: string;
  readonly #limit: number;
  readonly #windowMs: number;

  constructor(db: Db, options: { name: string; limit: number; windowMs: number }) {
    this.#db = db;
    this.#name = options.name;
    this.#limit = options.limit;
    this.#windowMs = options.windowMs;
  }

  /** Seconds the key must wait before trying again, or null if it may try now. */
  async retryAfterSeconds(key: string, now: Date): Promise<number | null> {
    const window = await readCount(this.#db, counterKey(this.#name, key), now);
    if (!window || window.count < this.#limit) return null;
    return Math.max(1, Math.ceil((window.window_ends_at.getTime() - now.getTime()) / 1000));
  }

  async recordFailure(key: string, now: Date): Promise<void> {
    await countOne(this.#db, counterKey(this.#name, key), now, this.#windowMs);
  }
}

/** Forgets counts whose window ended over an hour ago: a job, so the table stays small. */
export function forgetEndedRateLimits(db: Db, clock: Clock): Promise<number> {
  return forgetEndedCounts(db, new Date(clock.now().getTime() - 60 * 60_000));
}
