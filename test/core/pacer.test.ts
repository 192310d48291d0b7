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

  it('holds every send to one group to perGroupPerMinute while other chats go on', async () => {
    const clock = fakeClock();
    const pacer = createPacer({ perSecond: 30, perGroupPerMinute: 20 }, clock);
    const toA: number[] = [];
    const toOthers: number[] = [];
    await Promise.all([
      ...Array.from({ length: 15 }, () => pacer.take('-a', 'bulk', true).then(() => toA.push(clock.t))),
      ...Array.from({ length: 10 }, () => pacer.take('-a', 'conversation', true).then(() => toA.push(clock.t))),
      ...Array.from({ length: 10 }, (_, i) => pacer.take(`-b${i}`, 'bulk', true).then(() => toOthers.push(clock.t))),
    ]);
    expect(busiestWindow(toA, 60_000)).toBe(20);
    expect(toA.at(-1)).toBeGreaterThanOrEqual(60_000);
    // The other chats were not held behind chat a's minute.
    expect(Math.max(...toOthers)).toBeLessThan(2000);
  });

  it('lets a private chat have a burst, then about perSecond, while other chats go on', async () => {
    const clock = fakeClock();
    const pacer = createPacer({ perSecond: 30, privateChat: { burst: 5, perSecond: 1 } }, clock);
    const toA: number[] = [];
    const toOthers: number[] = [];
    await Promise.all([
      ...Array.from({ length: 8 }, () => pacer.take('a', 'reply').then(() => toA.push(clock.t))),
      ...Array.from({ length: 5 }, (_, i) => pacer.take(`b${i}`, 'conversation').then(() => toOthers.push(clock.t))),
    ]);
    // Five at the overall pace, then one a second.
    expect(toA[4]).toBeLessThan(500);
    expect(toA[5]! - toA[4]!).toBeGreaterThanOrEqual(600);
    expect(toA[7]! - toA[5]!).toBeGreaterThanOrEqual(2000);
    expect(busiestWindow(toA, 1000)).toBeLessThanOrEqual(5);
    // The others were not held behind chat a's second.
    expect(Math.max(...toOthers)).toBeLessThan(500);
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

  it('lets another chat’s message through while a group waits for its minute, whatever its lane', async () => {
    const clock = fakeClock();
    const pacer = createPacer({ perSecond: 30, perGroupPerMinute: 1 }, clock);
    await pacer.take('-g', 'reply', true);
    const second = pacer.take('-g', 'reply', true);
    const start = clock.t;
    await pacer.take('-h', 'bulk', true);
    expect(clock.t - start).toBeLessThan(100);
    await second;
    expect(clock.t).toBeGreaterThanOrEqual(60_000);
  });
});
