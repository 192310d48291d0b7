import { expect, it } from 'vitest';
import { createEventReminderSweeper } from '../../src/scheduler/event-reminders.js';
import { signUp } from '../../src/domain/events/signup.js';
import { describeDb } from '../support/db.js';
import { createDispatchApp } from '../support/dispatch-app.js';
import { createCapturingLogger } from '../support/app.js';
import { movableClock, NOW, storedEvent, TZ } from '../domain/events/support.js';

describeDb('the event reminder sweeper', (ctx) => {
  it('runs a sweep at the clock’s time, delivers after it, and logs a sweep that fails instead of throwing', async () => {
    const { clock, set } = movableClock();
    const app = await createDispatchApp(ctx.database, { clock });
    const o = await app.organizer('rs-o1', 'nanhu-jianshe-wenchang');
    const { id } = await storedEvent(app, o);
    const v = await app.volunteer('rs-v1', 'nanhu-jianshe-wenchang');
    await app.db.transaction((tx) => signUp(tx, String(id), v, NOW, TZ));
    const { log, lines } = createCapturingLogger();
    let delivered = 0;
    const sweeper = createEventReminderSweeper({ db: app.db, log, clock, timeZone: TZ, hoursBefore: 24, afterSweep: async () => delivered++ });
    set(new Date('2026-12-25T02:00:00Z'));
    expect(await sweeper.runOnce()).toBe(1);
    expect(delivered).toBe(1);
    expect(await sweeper.runOnce()).toBe(0);
    const broken = createEventReminderSweeper({ db: {} as never, log, clock, timeZone: TZ, hoursBefore: 24 });
    expect(await broken.runOnce()).toBe(0);
    expect(lines.some((l) => l.includes('event reminder sweep failed'))).toBe(true);
  });
});
