import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { requestEvents, requests } from '../../../db/schema.js';
import { dispatchTexts as t } from '../../../src/texts/dispatch.js';
import { describeDb } from '../../support/db.js';
import { createDispatchApp } from '../../support/dispatch-app.js';

const MIN = 60_000;

describeDb('the dispatch sweep: reminders and escalation', (ctx) => {
  /** The request's own history (other tests' requests share the database and the sweep). */
  const eventTypes = async (db: typeof ctx.database.db, ticket: string) => {
    const [row] = await db.select().from(requests).where(eq(requests.ticket, ticket));
    return (await db.select().from(requestEvents).where(eq(requestEvents.requestId, row!.id)).orderBy(requestEvents.id)).map((e) => e.type);
  };

  it('marks an unclaimed card 加急 after 10 minutes and escalates one station up after 30, once', async () => {
    const t0 = new Date('2026-06-01T02:00:00Z');
    let now = t0;
    const app = await createDispatchApp(ctx.database, { clock: () => now });
    await app.bindGroup('g-esc-wen', 'nanhu-jianshe-wenchang');
    await app.bindGroup('g-esc-town', 'nanhu-jianshe');
    await app.organizer('o-esc-town', 'nanhu-jianshe');
    const ticket = await app.request('r-esc');
    expect(app.to('g-esc-wen')).toHaveLength(1);
    expect(app.to('g-esc-town')).toHaveLength(0);

    const sweep = async (minutes: number) => {
      now = new Date(t0.getTime() + minutes * MIN);
      const result = await app.dispatch.sweep(app.db, now);
      await app.delivery.deliverDue();
      return result;
    };
    expect(await sweep(9)).toEqual({ reminded: 0, escalated: 0 });
    expect(await sweep(10)).toEqual({ reminded: 1, escalated: 0 });
    const [card, edit, nudge] = app.to('g-esc-wen');
    expect(edit!.edited).toBe(card!.externalId);
    expect(edit!.payload.text).toContain('【加急】');
    expect(nudge!.payload.text).toBe(t.hurryNudge(ticket, '文昌社区', '家电维修', 10));
    expect(await sweep(11)).toEqual({ reminded: 0, escalated: 0 });
    expect(await sweep(29)).toEqual({ reminded: 0, escalated: 0 });
    expect(await sweep(30)).toEqual({ reminded: 0, escalated: 1 });
    const upstairs = app.to('g-esc-town');
    expect(upstairs).toHaveLength(1);
    expect(upstairs[0]!.payload.text).toContain(ticket);
    expect(app.lastTo('o-esc-town')!.payload.text).toBe(t.alertEscalated(ticket, '文昌社区', 30));
    expect(await sweep(31)).toEqual({ reminded: 0, escalated: 0 });

    // Two sweeps at the same moment (two instances): the next escalation happens once.
    now = new Date(t0.getTime() + 60 * MIN);
    const [a, b] = await Promise.all([app.dispatch.sweep(app.db, now), app.dispatch.sweep(app.db, now)]);
    expect(a.escalated + b.escalated).toBe(1);
    const [row] = await app.db.select().from(requests).where(eq(requests.ticket, ticket));
    const events = await app.db.select().from(requestEvents).where(eq(requestEvents.requestId, row!.id));
    expect(events.filter((e) => e.type === 'escalated')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'reminded')).toHaveLength(1);

    // Up to the city, then done: later sweeps leave it alone (and so never clog on it).
    await sweep(90);
    const [top] = await app.db.select().from(requests).where(eq(requests.ticket, ticket));
    expect(top).toMatchObject({ escalationLevel: 3, escalationDone: true });
    await sweep(200);
    await sweep(400);
    expect((await eventTypes(app.db, ticket)).filter((e) => e === 'escalated')).toHaveLength(3);
  });

  it('stops the clock when someone claims, and restarts it when the task is given back', async () => {
    const t0 = new Date('2026-06-02T02:00:00Z');
    let now = t0;
    const app = await createDispatchApp(ctx.database, { clock: () => now });
    await app.bindGroup('g-stop', 'nanhu-jianshe-wenchang');
    await app.volunteer('v-stop', 'nanhu-jianshe-wenchang', { name: '赵阿姨' });
    const ticket = await app.request('r-stop');
    await app.press('g-stop', 'v-stop', `claim:${ticket}`);
    now = new Date(t0.getTime() + 45 * MIN);
    await app.dispatch.sweep(app.db, now);
    expect(await eventTypes(app.db, ticket)).toEqual(['created', 'claimed']);
    await app.say('v-stop', 'v-stop', `放弃 ${ticket} 临时有事`);
    expect(app.lastTo('v-stop')!.payload.text).toBe(t.released(ticket));
    expect(app.to('r-stop').at(-1)!.payload.text).toBe(t.residentReleased(ticket));
    const reopened = app.lastTo('g-stop')!;
    expect(reopened.payload.choices?.[0]?.id).toBe(`claim:${ticket}`);
    now = new Date(t0.getTime() + 54 * MIN);
    await app.dispatch.sweep(app.db, now);
    expect(await eventTypes(app.db, ticket)).toEqual(['created', 'claimed', 'released']);
    now = new Date(t0.getTime() + 55 * MIN);
    await app.dispatch.sweep(app.db, now);
    expect(await eventTypes(app.db, ticket)).toEqual(['created', 'claimed', 'released', 'reminded']);
  });
});
