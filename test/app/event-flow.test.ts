import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { events, organizers } from '../../db/schema.js';
import { eventFlowDeps, startsEventFlow } from '../../src/app/event-flow.js';
import { readDemoStations } from '../support/stations.js';
import { stationTreeOf } from '../../src/domain/stations/tree.js';
import { eventTexts as t } from '../../src/texts/events.js';
import { referenceDeps } from '../flows/harness.js';
import { describeDb } from '../support/db.js';
import { createDispatchApp } from '../support/dispatch-app.js';
import { NOW } from '../domain/events/support.js';

it('starts on 发布活动 and its synonyms only', () => {
  for (const w of ['发布活动', '创建活动', '/newevent', '/newevent@lianxin_bot']) expect(startsEventFlow({ kind: 'text', text: w })).toBe(true);
  for (const w of ['活动', '报名 3', '我要发布活动了吗']) expect(startsEventFlow({ kind: 'text', text: w })).toBe(false);
});

it('matches only stations at or below the organizer’s', () => {
  const deps = eventFlowDeps(referenceDeps, stationTreeOf(readDemoStations()), 'Asia/Shanghai');
  expect(deps.matchStations('文昌社区', ['nanhu-jianshe']).map((s) => s.code)).toEqual(['nanhu-jianshe-wenchang']);
  expect(deps.matchStations('秀园', ['nanhu-jianshe'])).toEqual([]);
  expect(deps.matchStations('秀园', ['jx']).map((s) => s.code)).toContain('xiuzhou-xincheng-xiuyuan');
});

describeDb('the event flow wired to the domain', (ctx) => {
  it('stores the event the organizer confirmed and announces it; offers the next service days', async () => {
    const app = await createDispatchApp(ctx.database, { clock: () => NOW });
    await app.organizer('ef-o1', 'nanhu-jianshe-wenchang');
    await app.bindGroup('g-ef-1', 'nanhu-jianshe-wenchang');
    await app.say('ef-o1', 'ef-o1', '发布活动');
    await app.say('ef-o1', 'ef-o1', '1');
    expect(app.lastTo('ef-o1')!.payload.choices?.map((c) => c.id)).toEqual(['time:2026-12-25 08:30', 'time:2026-12-26 08:30']);
    for (const answer of ['2', '文昌社区广场', '不限', '不限', '确认发布']) await app.say('ef-o1', 'ef-o1', answer);
    const [e] = await app.db.select().from(events).where(eq(events.title, '党员志愿服务日'));
    expect(e).toMatchObject({ startsAt: new Date('2026-12-26T00:30:00Z'), cap: null, services: [], place: '文昌社区广场' });
    expect(app.lastTo('ef-o1')!.payload.text).toBe(t.created(e!.id, 1));
    expect(app.lastTo('g-ef-1')!.payload.text).toContain(`活动 ${e!.id}：党员志愿服务日`);
  });

  it('refuses at the end when the role was taken away meanwhile, storing nothing', async () => {
    const app = await createDispatchApp(ctx.database, { clock: () => NOW });
    const o = await app.organizer('ef-o2', 'nanhu-jianshe-ziyang');
    for (const answer of ['发布活动', '紫阳巡逻', '12月27日上午9点', '紫阳河边', '不限', '5']) await app.say('ef-o2', 'ef-o2', answer);
    await app.db.delete(organizers).where(and(eq(organizers.personId, o)));
    await app.say('ef-o2', 'ef-o2', '确认发布');
    expect(app.lastTo('ef-o2')!.payload.text).toBe(t.notOrganizer);
    expect(await app.db.select().from(events).where(eq(events.title, '紫阳巡逻'))).toEqual([]);
  });
});
