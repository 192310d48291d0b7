import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ticketDays } from '../../../db/schema.js';
import { nextTicket, ticketDay as shanghaiDay } from '../../../src/domain/requests/tickets.js';
import { describeDb } from '../../support/db.js';

describe('shanghaiDay', () => {
  it('is the calendar day in Asia/Shanghai (UTC+8), as YYYYMMDD', () => {
    expect(shanghaiDay(new Date('2026-03-01T15:59:59Z'))).toBe('20260301');
    expect(shanghaiDay(new Date('2026-03-01T16:00:00Z'))).toBe('20260302');
    expect(shanghaiDay(new Date('2026-12-31T16:00:00Z'))).toBe('20270101');
  });
});

describeDb('nextTicket', (ctx) => {
  it('numbers per day from 0001, padded to four digits', async () => {
    const day = new Date('2031-01-05T04:00:00Z');
    expect(await nextTicket(ctx.database.db, day)).toBe('20310105-0001');
    expect(await nextTicket(ctx.database.db, day)).toBe('20310105-0002');
    expect(await nextTicket(ctx.database.db, new Date('2031-01-05T20:00:00Z'))).toBe('20310106-0001');
    expect(await nextTicket(ctx.database.db, new Date('2031-01-05T21:00:00Z'))).toBe('20310106-0002');
  });

  // PGlite is one connection: a second transaction always waits for the first there.
  it.skipIf(ctx.backend === 'pglite')(
    'takes a number without locking a row: a transaction holding a fresh number does not stop another taking one',
    async () => {
      const day = new Date('2031-01-09T04:00:00Z');
      const db = ctx.database.db;
      await nextTicket(db, day);
      let release: () => void = () => {};
      const held = new Promise<void>((r) => (release = r));
      let first = '';
      const holding = db.transaction(async (tx) => {
        first = await nextTicket(tx, day);
        await held;
      });
      await expect.poll(() => first).not.toBe('');
      // With a counter row, this would wait for the first transaction to end (which waits for it): a deadlock.
      const second = await db.transaction((tx) => nextTicket(tx, day));
      release();
      await holding;
      expect([first, second]).toEqual(['20310109-0002', '20310109-0003']);
    },
  );

  it('never gives the same number twice when asked at once', async () => {
    const day = new Date('2031-02-01T04:00:00Z');
    const db = ctx.database.db;
    const tickets = await Promise.all(Array.from({ length: 12 }, () => db.transaction((tx) => nextTicket(tx, day))));
    expect(new Set(tickets).size).toBe(12);
    expect([...tickets].sort()).toEqual(Array.from({ length: 12 }, (_, i) => `20310201-${String(i + 1).padStart(4, '0')}`));
  });

  it('goes past 9999 with more digits', async () => {
    const db = ctx.database.db;
    const day = new Date('2031-03-01T04:00:00Z');
    await nextTicket(db, day);
    await db
      .update(ticketDays)
      .set({ base: sql`${ticketDays.base} - 9998` })
      .where(eq(ticketDays.day, '20310301'));
    expect(await nextTicket(db, day)).toBe('20310301-10000');
  });
});
