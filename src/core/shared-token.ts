import { eq } from 'drizzle-orm';
import { type Db, lockKey } from '../../db/client.js';
import { platformTokens } from '../../db/schema.js';
import type { Clock } from './ports.js';

// === An access token of a platform API, fetched once and shared by every instance through the
// database: refreshed a while before it expires, and at once when the platform says it is invalid.

/** Fetches a new token from the platform; `force` asks for a new one even if the current is valid. */
export type TokenFetcher = (force: boolean) => Promise<{ token: string; expiresInSeconds: number }>;

export interface SharedToken {
  /** A valid token: from memory, else the database, else fetched (one instance fetches, the others wait and read it). */
  get(): Promise<string>;
  /** The platform refused `bad` (expired or invalid): a fresh one, fetched unless another instance already did. */
  renew(bad: string): Promise<string>;
}

export interface SharedTokenOptions {
  db: Db;
  /** Which token, e.g. `wechat:wx1234…` (one per app). */
  key: string;
  fetch: TokenFetcher;
  clock?: Clock;
  /** Refreshed this long before it expires. Default 5 minutes. */
  marginMs?: number;
}

export function createSharedToken(options: SharedTokenOptions): SharedToken {
  const { db, key } = options;
  const clock = options.clock ?? (() => new Date());
  const marginMs = options.marginMs ?? 5 * 60_000;
  let memory: { token: string; expiresAt: Date; updatedAt: Date } | null = null;
  let inFlight: Promise<string> | null = null;
  /**
   * Usable while more than the margin is left — or, for a token that came with less life than twice
   * the margin (the platform had not rotated it yet), while more than half its life is left.
   */
  const fresh = (t: { expiresAt: Date; updatedAt: Date } | null | undefined) =>
    Boolean(t && t.expiresAt.getTime() - clock().getTime() > Math.min(marginMs, (t.expiresAt.getTime() - t.updatedAt.getTime()) / 2));

  /** Under a lock on the key: the stored token if it is fresh and not `bad`, else a new one, stored. */
  async function refresh(bad: string | null): Promise<string> {
    return db.transaction(async (tx) => {
      await lockKey(tx, `token:${key}`);
      const [stored] = await tx.select().from(platformTokens).where(eq(platformTokens.key, key));
      if (stored && fresh(stored) && stored.token !== bad) {
        memory = { token: stored.token, expiresAt: stored.expiresAt, updatedAt: stored.updatedAt };
        return stored.token;
      }
      let got = await options.fetch(false);
      // A stable token is the same until it expires: when that one is what the platform refused, force a new one.
      if (got.token === bad) got = await options.fetch(true);
      const now = clock();
      const expiresAt = new Date(now.getTime() + got.expiresInSeconds * 1000);
      await tx
        .insert(platformTokens)
        .values({ key, token: got.token, expiresAt, updatedAt: now })
        .onConflictDoUpdate({ target: platformTokens.key, set: { token: got.token, expiresAt, updatedAt: now } });
      memory = { token: got.token, expiresAt, updatedAt: now };
      return got.token;
    });
  }

  /** One refresh at a time in this process; callers meanwhile share its result. */
  function refreshOnce(bad: string | null): Promise<string> {
    inFlight ??= refresh(bad).finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  return {
    async get() {
      if (memory && fresh(memory)) return memory.token;
      return refreshOnce(null);
    },
    async renew(bad) {
      if (memory && memory.token !== bad && fresh(memory)) return memory.token;
      memory = null;
      return refreshOnce(bad);
    },
  };
}
