import type { Clock } from '../clock.ts';
import { listenForNotifications } from '../db/create-db.ts';
import type { Db } from '../db/database.ts';
import type { StaffRole } from '../users/users.table.ts';

/** An API token as authentication needs it; never the token itself. */
export type ActiveApiToken = {
  org_id: string;
  id: string;
  name: string;
  role: StaffRole;
  expires_at: Date | null;
};

/** The channel the api_tokens table notifies on any change to a token (see its migration). */
export const API_TOKENS_CHANNEL = 'liaison_api_tokens';

const cachesByDatabase = new WeakMap<Db, Set<ApiTokenCache>>();

/**
 * Empties every cache of this process that holds tokens of `db`. Call it after committing a
 * change to api_tokens, before answering: the change then applies to the very next request here
 * (other processes hear it through the table's notification).
 */
export function forgetApiTokens(db: Db): void {
  for (const cache of cachesByDatabase.get(db) ?? []) cache.invalidate();
}

/**
 * Recently used API tokens, by the hash of the token, so a system's requests do not each cost a
 * query before their real work. It must never let a revoked token through:
 * - a revocation through this process empties it before the revocation is answered;
 * - any change to a token, from any process or around the application, is announced on
 *   API_TOKENS_CHANNEL when it commits, and empties it here;
 * - while that announcement cannot be heard (the listening connection is down), nothing is kept;
 * - and an entry is trusted for `ttlMs` at most whatever happens (a safety net).
 * Expiry is checked on every use. Unknown tokens are never kept, so guessing fills nothing.
 */
export class ApiTokenCache {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #entries = new Map<string, { token: ActiveApiToken; cachedAt: number }>();
  /** Moves on every invalidation: a lookup that started before it must not store what it read. */
  #generation = 0;
  #isListening = false;
  #stopListening: (() => Promise<void>) | undefined;

  constructor(db: Db, options: { clock: Clock; ttlMs?: number; maxEntries?: number }) {
    this.#db = db;
    this.#clock = options.clock;
    this.#ttlMs = options.ttlMs ?? 5_000;
    this.#maxEntries = options.maxEntries ?? 10_000;
  }

  /** Starts hearing changes made anywhere; until it hears them, nothing is kept. */
  listen(): void {
    let caches = cachesByDatabase.get(this.#db);
    if (!caches) {
      caches = new Set();
      cachesByDatabase.set(this.#db, caches);
    }
    caches.add(this);
    this.#stopListening = listenForNotifications(this.#db, API_TOKENS_CHANNEL, {
      onNotification: () => this.invalidate(),
      onListening: () => {
        // Changes made while not listening were not heard: start from nothing.
        this.invalidate();
        this.#isListening = true;
      },
      onInterrupted: () => {
        this.#isListening = false;
        this.invalidate();
      },
    });
  }

  async close(): Promise<void> {
    this.#isListening = false;
    this.invalidate();
    cachesByDatabase.get(this.#db)?.delete(this);
    await this.#stopListening?.();
  }

  /** Forgets every token: the next request of each is checked against the database again. */
  invalidate(): void {
    this.#generation += 1;
    this.#entries.clear();
  }

  /** The token with this hash if it is active now, from memory or else from `load`. */
  async find(
    tokenHash: string,
    load: (tokenHash: string, now: Date) => Promise<ActiveApiToken | undefined>,
  ): Promise<ActiveApiToken | undefined> {
    const now = this.#clock.now();
    const cached = this.#entries.get(tokenHash);
    if (cached) {
      const age = now.getTime() - cached.cachedAt;
      if (age >= 0 && age < this.#ttlMs && this.#isListening) {
        return isExpired(cached.token, now) ? undefined : cached.token;
      }
      this.#entries.delete(tokenHash);
    }
    const generation = this.#generation;
    const token = await load(tokenHash, now);
    // Keep it only if nothing was forgotten while it was being read (the row read may predate that
    // change), and only while changes are heard.
    if (token && this.#isListening && generation === this.#generation) {
      if (this.#entries.size >= this.#maxEntries) {
        const oldest = this.#entries.keys().next().value;
        if (oldest !== undefined) this.#entries.delete(oldest);
      }
      this.#entries.set(tokenHash, { token, cachedAt: now.getTime() });
    }
    return token;
  }

  /** How many tokens are held. */
  get size(): number {
    return this.#entries.size;
  }

  /** Whether changes are being heard; until they are, nothing is kept. */
  get isListening(): boolean {
    return this.#isListening;
  }
}

function isExpired(token: ActiveApiToken, now: Date): boolean {
  return token.expires_at !== null && token.expires_at <= now;
}
