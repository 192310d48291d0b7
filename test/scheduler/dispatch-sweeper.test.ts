import { describe, expect, it, vi } from 'vitest';
import type { Db } from '../../db/client.js';
import type { Dispatch } from '../../src/domain/dispatch/dispatch.js';
import { createDispatchSweeper } from '../../src/scheduler/dispatch-sweeper.js';
import { createCapturingLogger } from '../support/app.js';

const db = {} as Db;
const at = new Date('2026-06-01T02:10:00Z');

/** A dispatch whose sweep answers with `result` (or throws it when it is an Error). */
function fakeDispatch(result: { reminded: number; escalated: number } | Error) {
  const sweep = vi.fn(async (_db: Db, _now: Date) => {
    if (result instanceof Error) throw result;
    return result;
  });
  return { dispatch: { sweep } as unknown as Dispatch, sweep };
}

describe('the dispatch sweeper', () => {
  it('runOnce sweeps at the clock’s time, then delivers, and logs what it did', async () => {
    const { dispatch, sweep } = fakeDispatch({ reminded: 2, escalated: 1 });
    const { log, lines } = createCapturingLogger();
    const order: string[] = [];
    sweep.mockImplementation(async () => {
      order.push('sweep');
      return { reminded: 2, escalated: 1 };
    });
    const sweeper = createDispatchSweeper({ db, dispatch, log, clock: () => at, afterSweep: async () => order.push('deliver') });
    expect(await sweeper.runOnce()).toEqual({ reminded: 2, escalated: 1 });
    expect(sweep).toHaveBeenCalledWith(db, at);
    expect(order).toEqual(['sweep', 'deliver']);
    expect(lines.map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ msg: 'dispatch sweep', reminded: 2, escalated: 1 })]);
  });

  it('a sweep with nothing due logs nothing', async () => {
    const { dispatch } = fakeDispatch({ reminded: 0, escalated: 0 });
    const { log, lines } = createCapturingLogger();
    const afterSweep = vi.fn(async () => {});
    await createDispatchSweeper({ db, dispatch, log, clock: () => at, afterSweep }).runOnce();
    expect(lines).toEqual([]);
    expect(afterSweep).toHaveBeenCalledOnce();
  });

  it('a failed sweep is logged without private details and counts as nothing done; the next minute tries again', async () => {
    const { dispatch, sweep } = fakeDispatch(new Error('Failed query: params: 13812345678'));
    const { log, lines } = createCapturingLogger();
    const afterSweep = vi.fn(async () => {});
    const sweeper = createDispatchSweeper({ db, dispatch, log, clock: () => at, afterSweep });
    expect(await sweeper.runOnce()).toEqual({ reminded: 0, escalated: 0 });
    expect(afterSweep).not.toHaveBeenCalled();
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 50, msg: 'dispatch sweep failed' });
    expect(lines[0]).not.toContain('13812345678');
    sweep.mockResolvedValueOnce({ reminded: 1, escalated: 0 });
    expect(await sweeper.runOnce()).toEqual({ reminded: 1, escalated: 0 });
  });

  it('runs every minute once started, and no more once stopped', async () => {
    vi.useFakeTimers();
    try {
      vi.setSystemTime(new Date('2026-06-01T02:00:30Z'));
      const { dispatch, sweep } = fakeDispatch({ reminded: 0, escalated: 0 });
      const sweeper = createDispatchSweeper({ db, dispatch, log: createCapturingLogger().log });
      sweeper.start();
      sweeper.start(); // a second start adds no second schedule
      await vi.advanceTimersByTimeAsync(3 * 60_000);
      expect(sweep.mock.calls.length).toBe(3);
      sweeper.stop();
      await vi.advanceTimersByTimeAsync(3 * 60_000);
      expect(sweep.mock.calls.length).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
