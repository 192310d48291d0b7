import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { outbox } from '../../../db/schema.js';
import { cancelSignup, signUp } from '../../../src/domain/events/signup.js';
import { remindedCount, sweepEventReminders } from '../../../src/domain/events/reminders.js';
import { eventTexts as t } from '../../../src/texts/events.js';
import { describeDb } from '../../support/db.js';
import { createDispatchApp, type DispatchApp } from '../../support/dispatch-app.js';
import { movableClock, NOW, storedEvent, TZ } from './support.js';

const W = 'nanhu-jianshe-wenchang';
/** The event of `storedEvent`: 26 December 2026 09:00–11:00 Shanghai. */
const START = new Date('2026-12-26T01:00:00Z');
const hoursBefore = (h: number) => new Date(START.getTime() - h * 3_600_000);
const OPTIONS = { hoursBefore: 24, timeZone: TZ };

describeDb('events: the reminder the day before', (ctx) => {
  /** One sweep at the app's time, then delivery. */
  const sweepWith = (app: DispatchApp, clock: () => Date) => async () => {
    const n = await sweepEventReminders(app.db, clock(), OPTIONS);
    await app.delivery.deliverDue();
    return n;
  };

  it('reminds those signed up once, 24 hours before, privately with a 签到 button; not those waiting', async () => {
    const { clock, set } = movableClock();
    const app = await createDispatchApp(ctx.database, { clock });
    const sweep = sweepWith(app, clock);
    const o = await app.organizer('rm-o1', W);
    const { id } = await storedEvent(app, o, { cap: 1 });
    const a = await app.volunteer('rm-v1a', W);
    const b = await app.volunteer('rm-v1b', W);
    for (const p of [a, b]) await app.db.transaction((tx) => signUp(tx, String(id), p, NOW, TZ));

    set(hoursBefore(24.1));
    expect(await sweep()).toBe(0);
    set(hoursBefore(23.9));
    expect(await sweep()).toBe(1);
    expect(await sweep()).toBe(0);
    const reminder = app.lastTo('rm-v1a')!.payload;
    expect(reminder.text).toBe(t.reminder(id, '党员志愿服务日', '12月26日（周六）09:00–11:00', '文昌社区广场'));
    expect(reminder.choices?.[0]).toEqual({ id: `event-checkin:${id}`, label: t.checkInButton });
    expect(app.to('rm-v1b').filter((m) => m.payload.text.includes('⏰'))).toEqual([]);

    // The one signed up cancels: the waiting one moves up and is reminded at the next sweep.
    await app.db.transaction((tx) => cancelSignup(tx, String(id), a, clock(), TZ));
    expect(await sweep()).toBe(1);
    expect(app.lastTo('rm-v1b')!.payload.text).toContain('⏰');
    // Nothing after the start.
    set(new Date(START.getTime() + 60_000));
    expect(await sweep()).toBe(0);
  });

  it('several sweeps at once remind each volunteer once (a conditional update and a dedup key)', async () => {
    const app = await createDispatchApp(ctx.database, { clock: () => NOW, noDelivery: true });
    const o = await app.organizer('rm-o2', W);
    const { id } = await storedEvent(app, o);
    const volunteers = await Promise.all(Array.from({ length: 10 }, (_, i) => app.volunteer(`rm-v2-${i}`, W)));
    for (const p of volunteers) await app.db.transaction((tx) => signUp(tx, String(id), p, NOW, TZ));
    const at = hoursBefore(12);
    const counts = await Promise.all([0, 1, 2, 3].map(() => sweepEventReminders(app.db, at, OPTIONS)));
    expect(counts.reduce((x, y) => x + y, 0)).toBe(10);
    expect(await remindedCount(app.db, id)).toBe(10);
    const rows = await app.db.select().from(outbox).where(eq(outbox.status, 'pending'));
    expect(rows.filter((r) => r.dedupKey?.startsWith(`event-remind:${id}:`))).toHaveLength(10);
  });

  it('a cancelled event reminds nobody', async () => {
    const { clock, set } = movableClock();
    const app = await createDispatchApp(ctx.database, { clock });
    const sweep = sweepWith(app, clock);
    const o = await app.organizer('rm-o3', W);
    const { id } = await storedEvent(app, o);
    const v = await app.volunteer('rm-v3', W);
    await app.db.transaction((tx) => signUp(tx, String(id), v, NOW, TZ));
    await app.say('rm-o3', 'rm-o3', `/cancelevent ${id}`);
    expect(app.lastTo('rm-o3')!.payload.text).toBe(t.eventCancelledOk(id));
    expect(app.lastTo('rm-v3')!.payload.text).toBe(t.eventCancelledNotice(id, '党员志愿服务日'));
    set(hoursBefore(2));
    expect(await sweep()).toBe(0);
  });
});
