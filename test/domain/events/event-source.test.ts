import { expect, it } from 'vitest';
import { eventSource } from '../../../src/domain/events/event-source.js';
import { describeDb } from '../../support/db.js';
import { createDispatchApp } from '../../support/dispatch-app.js';
import { NOW, storedEvent } from './support.js';

describeDb('events as the calendar sees them', (ctx) => {
  it('gives open events of the stations asked for (or all) starting in the range, by start', async () => {
    const app = await createDispatchApp(ctx.database, { clock: () => NOW });
    const o = await app.organizer('es-o1', 'jx');
    const later = await storedEvent(app, o, { title: '晚的', startsAt: '2027-03-27T00:30:00.000Z', endsAt: null, stationCode: 'nanhu-jianshe-ziyang' });
    const early = await storedEvent(app, o, { title: '早的', startsAt: '2027-03-25T00:30:00.000Z', endsAt: '2027-03-25T03:00:00.000Z' });
    const outside = await storedEvent(app, o, { title: '范围外', startsAt: '2027-04-02T00:30:00.000Z', endsAt: null });
    const cancelled = await storedEvent(app, o, { title: '取消的', startsAt: '2027-03-26T00:30:00.000Z', endsAt: null });
    await app.say('es-o1', 'es-o1', `/cancelevent ${cancelled.id}`);
    const from = new Date('2027-03-01T00:00:00Z');
    const to = new Date('2027-04-01T00:00:00Z');
    const all = await eventSource.eventsBetween(app.db, 'all', from, to);
    expect(all.map((e) => e.id)).toEqual([early.id, later.id]);
    expect(all[0]).toEqual({
      id: early.id,
      stationCode: 'nanhu-jianshe-wenchang',
      title: '早的',
      startsAt: new Date('2027-03-25T00:30:00.000Z'),
      endsAt: new Date('2027-03-25T03:00:00.000Z'),
      place: '文昌社区广场',
    });
    expect((await eventSource.eventsBetween(app.db, ['nanhu-jianshe-ziyang'], from, to)).map((e) => e.id)).toEqual([later.id]);
    expect(await eventSource.eventsBetween(app.db, [], from, to)).toEqual([]);
    expect(outside.id).toBeGreaterThan(0);
  });
});
