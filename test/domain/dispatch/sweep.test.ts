import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { requestEvents, requests } from '../../../db/schema.js';
import { dispatchTexts as t } from '../../../src/texts/dispatch.js';
import { recordVisitStep } from '../../../src/domain/dispatch/visit.js';
import { cancelByResident } from '../../../src/domain/requests/requests.js';
import { describeDb } from '../../support/db.js';
import { createDispatchApp } from '../../support/dispatch-app.js';

const MIN = 60_000;

describeDb('dispatch deadlines and escalation', (ctx) => {
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

  it('alerts organizers at once for emergencies, and when no group exists anywhere', async () => {
    const app = await createDispatchApp(ctx.database);
    await app.organizer('o-sos', 'xiuzhou');
    const ticket = await app.request('r-sos', { problem: '我家着火了冒烟', community: '秀园' });
    const notes = app.to('o-sos').map((m) => m.payload.text);
    expect(notes.some((n) => n.startsWith(`🚨 紧急求助 ${ticket}`) && n.includes('着火'))).toBe(true);
    expect(notes).toContain(t.alertNoGroup(ticket, '秀园社区'));
  });

  it('tells organizers the moment emergency words are heard, before the intake is finished', async () => {
    const app = await createDispatchApp(ctx.database);
    await app.organizer('o-city', 'jx');
    await app.say('r-words', 'r-words', '我老伴摔倒了', '刘奶奶');
    const note = app.lastTo('o-city')!.payload.text;
    expect(note).toBe(t.alertEmergencyWords('刘奶奶', '摔倒', null));
  });

  it('tells the volunteer and edits the cards when the resident cancels', async () => {
    const app = await createDispatchApp(ctx.database);
    await app.bindGroup('g-cancel', 'nanhu-jianshe-wenchang');
    await app.volunteer('v-cancel', 'nanhu-jianshe-wenchang', { name: '钱师傅' });
    const ticket = await app.request('r-cancel');
    await app.press('g-cancel', 'v-cancel', `claim:${ticket}`);
    await app.say('r-cancel', 'r-cancel', '查询');
    await app.say('r-cancel', 'r-cancel', '1');
    await app.say('r-cancel', 'r-cancel', '1');
    expect(app.lastTo('v-cancel')!.payload.text).toBe(t.volunteerResidentCancelled(ticket));
    expect(app.lastTo('g-cancel')!.payload.text).toBe(t.cardCancelled(ticket));
    expect(await app.say('v-cancel', 'v-cancel', `出发 ${ticket}`)).toMatchObject({ status: 'handled' });
    expect(app.lastTo('v-cancel')!.payload.text).toBe(t.notYourTask(ticket));
  });

  it('lets a resident’s cancel and a volunteer’s 完成 at the same moment end as cancelled, not overwritten', async () => {
    const app = await createDispatchApp(ctx.database);
    await app.bindGroup('g-racecancel', 'nanhu-jianshe-wenchang');
    const vol = await app.volunteer('v-racecancel', 'nanhu-jianshe-wenchang', { name: '冯师傅' });
    const ticket = await app.request('r-racecancel');
    await app.press('g-racecancel', 'v-racecancel', `claim:${ticket}`);
    const [req] = await app.db.select().from(requests).where(eq(requests.ticket, ticket));
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const cancel = app.db.transaction(async (tx) => {
      const r = await cancelByResident(tx, req!.residentId, ticket, new Date());
      await gate; // hold the cancel open while the volunteer reports done
      return r;
    });
    await new Promise((r) => setTimeout(r, 50));
    const done = app.db.transaction((tx) => recordVisitStep(tx, ticket, vol, 'done', new Date(), { hours: 1, note: '' }));
    await new Promise((r) => setTimeout(r, 100));
    release();
    expect(await cancel).not.toBeNull();
    expect(await done).toBe(t.notYourTask(ticket));
    const [after] = await app.db.select().from(requests).where(eq(requests.id, req!.id));
    expect(after!.status).toBe('cancelled');
  });

  it('delivers a claim’s messages once after a crash between commit and delivery', async () => {
    const crashed = await createDispatchApp(ctx.database, { noDelivery: true });
    await crashed.bindGroup('g-crash', 'nanhu-jianshe-wenchang');
    await crashed.volunteer('v-crash', 'nanhu-jianshe-wenchang', { name: '孙师傅' });
    const restarted = await createDispatchApp(ctx.database);
    const ticket = await restarted.request('r-crash');
    await crashed.press('g-crash', 'v-crash', `claim:${ticket}`);
    expect(crashed.sender.log).toHaveLength(0);
    await restarted.delivery.deliverDue();
    await restarted.delivery.deliverDue();
    expect(restarted.to('v-crash').filter((m) => m.payload.text.includes('13812345678'))).toHaveLength(1);
    expect(restarted.to('r-crash').filter((m) => m.payload.text === t.residentClaimed(ticket, '孙师傅'))).toHaveLength(1);
  });
});
