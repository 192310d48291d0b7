import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { eventSignups, events } from '../../../db/schema.js';
import { cancelSignup, signUp } from '../../../src/domain/events/signup.js';
import { ensurePerson } from '../../../src/domain/people/people.js';
import { eventTexts as t } from '../../../src/texts/events.js';
import { describeDb } from '../../support/db.js';
import { createDispatchApp } from '../../support/dispatch-app.js';
import { movableClock, NOW, storedEvent, TZ } from './support.js';
import { LONG_MS } from '../../support/patience.js';

const W = 'nanhu-jianshe-wenchang';

describeDb('events: announcing and signing up', (ctx) => {
  it('announces in the groups of the station and below (fitting the services), never elsewhere; the card has 报名 and the count', async () => {
    const app = await createDispatchApp(ctx.database, { clock: () => NOW });
    const o = await app.organizer('ev-o1', 'nanhu-jianshe');
    await app.bindGroup('g-ev-town', 'nanhu-jianshe');
    await app.bindGroup('g-ev-w', W);
    await app.bindGroup('g-ev-w-law', W, 'legal-aid');
    await app.bindGroup('g-ev-x', 'xiuzhou-xincheng-xiuyuan');
    const { id, groups } = await storedEvent(app, o, { stationCode: 'nanhu-jianshe', services: ['appliance-repair'], cap: 10 });
    expect(groups).toBe(2);
    for (const g of ['g-ev-town', 'g-ev-w']) {
      const card = app.lastTo(g)!.payload;
      expect(card.text).toContain(`活动 ${id}：党员志愿服务日`);
      expect(card.text).toContain('已报名 0/10');
      expect(card.choices).toEqual([{ id: `event-signup:${id}`, label: t.signupButton }]);
    }
    expect(app.to('g-ev-w-law')).toEqual([]);
    expect(app.to('g-ev-x')).toEqual([]);
  });

  it('signs up an approved volunteer by the button: answered on the button, the card edited to 1/2; twice is once', async () => {
    const app = await createDispatchApp(ctx.database, { clock: () => NOW });
    const o = await app.organizer('ev-o2', W);
    await app.bindGroup('g-ev-2', W);
    await app.volunteer('ev-v2', W, { name: '王五' });
    const { id } = await storedEvent(app, o, { cap: 2 });
    const pressed = await app.press('g-ev-2', 'ev-v2', `event-signup:${id}`);
    expect(pressed.status === 'handled' && pressed.notice).toContain('报名成功');
    const edit = app.lastTo('g-ev-2')!;
    expect(edit.edited).toBeDefined();
    expect(edit.payload.text).toContain('已报名 1/2');
    const again = await app.press('g-ev-2', 'ev-v2', `event-signup:${id}`);
    expect(again.status === 'handled' && again.notice).toBe(t.alreadySigned(id));
    const [e] = await app.db.select().from(events).where(eq(events.id, id));
    expect(e!.signedUp).toBe(1);
  });

  it('typed 报名 in the group is answered privately; typed privately it is answered there', async () => {
    const app = await createDispatchApp(ctx.database, { clock: () => NOW });
    const o = await app.organizer('ev-o3', W);
    await app.bindGroup('g-ev-3', W);
    await app.volunteer('ev-v3a', W);
    await app.volunteer('ev-v3b', W);
    const { id } = await storedEvent(app, o);
    const groupBefore = app.to('g-ev-3').length;
    await app.say('g-ev-3', 'ev-v3a', `报名 ${id}`);
    expect(app.lastTo('ev-v3a')!.payload.text).toContain('报名成功');
    // Only the card's edit reached the group, no answer.
    expect(
      app
        .to('g-ev-3')
        .slice(groupBefore)
        .every((m) => m.edited),
    ).toBe(true);
    await app.say('ev-v3b', 'ev-v3b', `报名${id}`);
    expect(app.lastTo('ev-v3b')!.payload.text).toContain('报名成功');
    expect(app.lastTo('g-ev-3')!.payload.text).toContain('已报名 2 人');
  });

  it('refuses people who are not approved volunteers, suspended ones, unknown and ended events', async () => {
    const { clock, set } = movableClock();
    const app = await createDispatchApp(ctx.database, { clock });
    const o = await app.organizer('ev-o4', W);
    const pending = await app.volunteer('ev-v4p', W, { status: 'pending' });
    const rejected = await app.volunteer('ev-v4r', W, { status: 'rejected' });
    const suspended = await app.volunteer('ev-v4s', W, { suspendedUntil: new Date('2027-01-01T00:00:00Z') });
    const resident = (await ensurePerson(app.db, 'test', 'ev-r4', '居民')).id;
    const { id } = await storedEvent(app, o);
    const sign = (person: number, eventId = String(id)) => app.db.transaction((tx) => signUp(tx, eventId, person, clock(), TZ));
    expect((await sign(pending)).outcome).toBe('pending');
    expect((await sign(rejected)).outcome).toBe('rejected');
    expect(await sign(suspended)).toEqual({ outcome: 'suspended', text: t.volunteerSuspended('2027年1月1日') });
    expect((await sign(resident)).text).toBe(t.notVolunteer);
    expect((await sign(resident, '99999')).text).toBe(t.noSuchEvent('99999'));
    const ok = await app.volunteer('ev-v4ok', W);
    set(new Date('2026-12-26T03:01:00Z'));
    expect((await sign(ok)).outcome).toBe('closed');
    const [e] = await app.db.select().from(events).where(eq(events.id, id));
    expect(e!.signedUp).toBe(0);
  });

  it('puts sign-ups over the cap on a waiting list; a cancel moves the first waiting up and tells them privately', async () => {
    const app = await createDispatchApp(ctx.database, { clock: () => NOW });
    const o = await app.organizer('ev-o5', W);
    await app.bindGroup('g-ev-5', W);
    const [a, b, c, d] = await Promise.all(['a', 'b', 'c', 'd'].map((x) => app.volunteer(`ev-v5${x}`, W, { name: `志愿者${x}` })));
    const { id } = await storedEvent(app, o, { cap: 2 });
    // Seconds before the app's clock, so what they enqueue is due at once.
    const at = (n: number) => new Date(NOW.getTime() - (60 - n) * 1000);
    const sign = (person: number, m: number) => app.db.transaction((tx) => signUp(tx, String(id), person, at(m), TZ));
    expect((await sign(a!, 1)).outcome).toBe('signed');
    expect((await sign(b!, 2)).outcome).toBe('signed');
    expect(await sign(c!, 3)).toEqual({ outcome: 'waiting', text: t.waiting(id, 1) });
    expect(await sign(d!, 4)).toEqual({ outcome: 'waiting', text: t.waiting(id, 2) });
    expect((await sign(d!, 5)).outcome).toBe('already_waiting');
    await app.delivery.deliverDue();
    expect(app.lastTo('g-ev-5')!.payload.text).toContain('已报名 2/2（已满，可报候补）');

    const cancelled = await app.db.transaction((tx) => cancelSignup(tx, String(id), a!, at(6), TZ));
    expect(cancelled.outcome).toBe('cancelled');
    await app.delivery.deliverDue();
    const status = async (p: number) =>
      (
        await app.db
          .select()
          .from(eventSignups)
          .where(and(eq(eventSignups.eventId, id), eq(eventSignups.personId, p)))
      )[0]!.status;
    expect(await status(a!)).toBe('cancelled');
    expect(await status(c!)).toBe('signed');
    expect(await status(d!)).toBe('waiting');
    expect(app.lastTo('ev-v5c')!.payload.text).toContain('您已从候补转为正式报名');
    expect(app.lastTo('g-ev-5')!.payload.text).toContain('已报名 2/2');
    // Cancelling again, or without a sign-up, says so; signing up again after a cancel works (and waits: full).
    expect((await app.db.transaction((tx) => cancelSignup(tx, String(id), a!, at(7), TZ))).outcome).toBe('not_signed');
    expect((await sign(a!, 8)).outcome).toBe('waiting');
  });

  it('keeps the cap when many volunteers press 报名 at once (repeated on PostgreSQL)', { timeout: LONG_MS }, async () => {
    const app = await createDispatchApp(ctx.database, { clock: () => NOW });
    const o = await app.organizer('ev-o6', W);
    const volunteers = await Promise.all(Array.from({ length: 24 }, (_, i) => app.volunteer(`ev-race-${i}`, W)));
    const rounds = ctx.backend === 'postgres' ? 10 : 1;
    for (let round = 0; round < rounds; round++) {
      const { id } = await storedEvent(app, o, { cap: 5 });
      const results = await Promise.all(volunteers.map((v) => app.db.transaction((tx) => signUp(tx, String(id), v, NOW, TZ))));
      expect(results.filter((r) => r.outcome === 'signed')).toHaveLength(5);
      expect(results.filter((r) => r.outcome === 'waiting')).toHaveLength(19);
      const rows = await app.db
        .select()
        .from(eventSignups)
        .where(and(eq(eventSignups.eventId, id), eq(eventSignups.status, 'signed')));
      expect(rows).toHaveLength(5);
      const [e] = await app.db.select().from(events).where(eq(events.id, id));
      expect(e!.signedUp).toBe(5);
      // The same volunteer pressing twice at once signs up once.
      const { id: id2 } = await storedEvent(app, o, { cap: 5 });
      const twice = await Promise.all([0, 1, 2].map(() => app.db.transaction((tx) => signUp(tx, String(id2), volunteers[0]!, NOW, TZ))));
      expect(twice.filter((r) => r.outcome === 'signed')).toHaveLength(1);
      const [e2] = await app.db.select().from(events).where(eq(events.id, id2));
      expect(e2!.signedUp).toBe(1);
    }
  });
});
