import { expect, it } from 'vitest';
import { createSharedToken, type TokenFetcher } from '../../src/core/shared-token.js';
import { describeDb } from '../support/db.js';

describeDb('shared platform token', (ctx) => {
  let now = new Date('2026-12-01T00:00:00Z');
  const clock = () => now;
  /** A platform handing out stable tokens: the same until expiry unless forced. */
  function platform() {
    let n = 0;
    let current: { token: string; until: number } | null = null;
    const calls: boolean[] = [];
    const fetch: TokenFetcher = async (force) => {
      calls.push(force);
      if (force || !current || current.until <= now.getTime()) current = { token: `T${++n}`, until: now.getTime() + 7200_000 };
      return { token: current.token, expiresInSeconds: Math.round((current.until - now.getTime()) / 1000) };
    };
    return { fetch, calls };
  }

  it('fetches once and shares the token through the database with another instance', async () => {
    const p = platform();
    const a = createSharedToken({ db: ctx.database.db, key: 'test:share', fetch: p.fetch, clock });
    const b = createSharedToken({ db: ctx.database.db, key: 'test:share', fetch: p.fetch, clock });
    const got = await Promise.all([a.get(), a.get(), b.get(), b.get()]);
    expect(new Set(got)).toEqual(new Set(['T1']));
    expect(p.calls).toEqual([false]);
  });

  it('refreshes a while before it expires', async () => {
    const p = platform();
    const a = createSharedToken({ db: ctx.database.db, key: 'test:expiry', fetch: p.fetch, clock, marginMs: 300_000 });
    expect(await a.get()).toBe('T1');
    now = new Date(now.getTime() + 7200_000 - 200_000);
    // The platform's stable token is still T1 for 200 s: a refresh before the margin asks again.
    await a.get();
    expect(p.calls).toEqual([false, false]);
    // That answer came with 200 s of life: it is used for half of it, not fetched again at every call.
    await a.get();
    await a.get();
    expect(p.calls).toEqual([false, false]);
    now = new Date(now.getTime() + 300_000);
    expect(await a.get()).toBe('T2');
  });

  it('renews a refused token once, forcing a new one when the platform keeps handing out the refused one', async () => {
    const p = platform();
    const a = createSharedToken({ db: ctx.database.db, key: 'test:renew', fetch: p.fetch, clock });
    const b = createSharedToken({ db: ctx.database.db, key: 'test:renew', fetch: p.fetch, clock });
    const first = await a.get();
    const renewed = await a.renew(first);
    expect(renewed).not.toBe(first);
    expect(p.calls).toEqual([false, false, true]);
    // Another instance that was refused the old token picks up the renewed one without fetching.
    expect(await b.renew(first)).toBe(renewed);
    expect(p.calls).toHaveLength(3);
  });
});
