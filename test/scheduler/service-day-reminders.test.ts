import { like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../db/client.js';
import { chatGroups, outbox } from '../../db/schema.js';
import { readCalendarFile } from '../../src/domain/calendar/rules.js';
import { createCalendar } from '../../src/domain/calendar/schedule.js';
import { noEvents } from '../../src/domain/calendar/types.js';
import { loadStationTree } from '../../src/domain/stations/tree.js';
import { createServiceDayReminders } from '../../src/scheduler/service-day-reminders.js';
import { createCapturingLogger } from '../support/app.js';
import { openTestDatabase } from '../support/db.js';

// On PGlite only: the fake clock stops postgres.js's own timers. The race between instances is
// proven on PostgreSQL in test/domain/calendar/reminders.test.ts.
describe('the service-day reminder scheduler', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
  });
  afterAll(() => database.close());

  it('on a clock moving over New Year’s Eve: sends at 09:00 three days before and 07:30 on the day, each once', async () => {
    const db = database.db;
    const tree = await loadStationTree(db);
    await db.insert(chatGroups).values({ channel: 'test', chatId: 'g-cron', stationId: tree.root().id, boundBy: 1 });
    const { log } = createCapturingLogger();
    let delivered = 0;
    const calendar = createCalendar(readCalendarFile(), 'Asia/Shanghai');
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    try {
      vi.setSystemTime(new Date('2026-12-29T08:58:00+08:00'));
      const reminders = createServiceDayReminders({
        db,
        log,
        deps: { calendar, tree, events: noEvents, privateChannels: [], graceMs: 3_600_000, log },
        afterRun: async () => void delivered++,
      });
      reminders.start();
      const keys = async () =>
        (await db.select({ key: outbox.dedupKey }).from(outbox).where(like(outbox.dedupKey, 'calendar:%:g-cron')).orderBy(outbox.id)).map((r) => r.key);
      await vi.advanceTimersByTimeAsync(90_000); // 08:59:30
      expect(await keys()).toEqual([]);
      await vi.advanceTimersByTimeAsync(60_000); // 09:00:30
      expect(await keys()).toEqual(['calendar:2027-01-01:three-days-before:test:g-cron']);
      await vi.advanceTimersByTimeAsync(5 * 60_000);
      vi.setSystemTime(new Date('2027-01-01T07:28:00+08:00'));
      await vi.advanceTimersByTimeAsync(3 * 60_000);
      reminders.stop();
      expect(await keys()).toEqual(['calendar:2027-01-01:three-days-before:test:g-cron', 'calendar:2027-01-01:morning-of:test:g-cron']);
      expect(delivered).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
