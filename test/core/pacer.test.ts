import { describe, expect, it } from 'vitest';
import { createPacer, type PacerClock } from '../../src/core/pacer.js';

/** A clock that moves only while the pacer sleeps, 10 ms per turn of the event loop: grant times are exact. */
function fakeClock(): PacerClock & { t: number } {
  const c = {
    t: 0,
    now: () => c.t,
    async sleep(ms: number) {
      await new Promise((r) => setImmediate(r));
      c.t += Math.min(ms, 10);
    },
  };
  return c;
}

/** Largest number of times inside any window of `ms`. */
function busiestWindow(times: number[], ms: number): number {
  let best = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= ms) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe('createPacer', () => {
  it('never grants more than perSecond in any one-second window, evenly spaced', async () => {
    const clock = fakeClock();
    const pacer = createPacer({ perSecond: 30 }, clock);
    const granted: number[] = [];
    await Promise.all(Array.from({ length: 200 }, (_, i) => pacer.take(`g${i}`, 'bulk').then(() => granted.push(clock.t))));
    expect(granted).toHaveLength(200);
    expect(busiestWindow(granted, 1000)).toBe(30);
    const gaps = granted.slice(1).map((x, i) => x - granted[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000 / 30 - 0.001);
    // Not much slower than the limit either: 200 sends in under 7 s (6.7 s at exactly 30/s).
    expect(granted.at(-1)).toBeLessThan(7000);
  });

  it('holds bulk sends to one chat at perChatPerMinute while other chats go on', async () => {
    const clock = fakeClock();
    const pacer = createPacer({ perSecond: 30, perChatPerMinute: 20 }, clock);
    const toA: number[] = [];
    const toOthers: number[] = [];
    await Promise.all([
      ...Array.from({ length: 25 }, () => pacer.take('a', 'bulk').then(() => toA.push(clock.t))),
      ...Array.from({ length: 10 }, (_, i) => pacer.take(`b${i}`, 'bulk').then(() => toOthers.push(clock.t))),
    ]);
    expect(busiestWindow(toA, 60_000)).toBe(20);
    expect(toA.at(-1)).toBeGreaterThanOrEqual(60_000);
    // The other chats were not held behind chat a's minute.
    expect(Math.max(...toOthers)).toBeLessThan(2000);
  });

  it('grants a waiting conversation message before every waiting bulk one', async () => {
    const clock = fakeClock();
    const pacer = createPacer({ perSecond: 10 }, clock);
    const order: string[] = [];
    const bulk = Array.from({ length: 50 }, (_, i) => pacer.take(`g${i}`, 'bulk').then(() => order.push(`g${i}`)));
    const reply = pacer.take('resident', 'conversation').then(() => order.push('resident'));
    await Promise.all([...bulk, reply]);
    // The first bulk send was granted before the reply arrived; the reply takes the next slot.
    expect(order.indexOf('resident')).toBe(1);
  });

  it('grants a waiting reply before every other waiting conversation message (a backlog carried over a restart)', async () => {
    const clock = fakeClock();
    const pacer = createPacer({ perSecond: 10 }, clock);
    const order: string[] = [];
    const backlog = Array.from({ length: 50 }, (_, i) => pacer.take(`o${i}`, 'conversation').then(() => order.push(`o${i}`)));
    const bulk = pacer.take('g', 'bulk').then(() => order.push('g'));
    const reply = pacer.take('resident', 'reply').then(() => order.push('resident'));
    await Promise.all([...backlog, bulk, reply]);
    expect(order.indexOf('resident')).toBe(1);
    expect(order.at(-1)).toBe('g');
  });

  it('lets a conversation message through while bulk sends wait for a chat limit', async () => {
    const clock = fakeClock();
    const pacer = createPacer({ perSecond: 30, perChatPerMinute: 1 }, clock);
    await pacer.take('g', 'bulk');
    const second = pacer.take('g', 'bulk');
    const start = clock.t;
    await pacer.take('g', 'conversation');
    expect(clock.t - start).toBeLessThan(100);
    await second;
    expect(clock.t).toBeGreaterThanOrEqual(60_000);
  });
});
