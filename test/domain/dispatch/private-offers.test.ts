import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { people, privateOffers, requests, volunteers } from '../../../db/schema.js';
import { offerPayload, offerPrivately } from '../../../src/domain/dispatch/private-offers.js';
import { requestView } from '../../../src/domain/dispatch/announce.js';
import { ensurePerson, markBlocked } from '../../../src/domain/people/people.js';
import { dispatchTexts as t } from '../../../src/texts/dispatch.js';
import { describeDb } from '../../support/db.js';
import { createDispatchApp, type DispatchApp } from '../../support/dispatch-app.js';

// === Tasks offered to volunteers in private chat: who, how many, what they see. Every test uses its own
// catalogue item (volunteers here have item skills only): volunteers of other tests, sharing the
// database, are never candidates.

const MIN = 60_000;
const DIGITS = /[0-9０-９]{4,}|[零〇一二三四五六七八九幺两]{4,}/u;

const offeredTo = async (app: DispatchApp, requestId: number) =>
  (await app.db.select().from(privateOffers).where(eq(privateOffers.requestId, requestId))).map((o) => o.chatId).sort();

describe('the private offer', () => {
  it('says what and where, with the claim button and a notice; never the address or a phone', async () => {
    const payload = offerPayload({
      id: 1,
      ticket: '20261122-0007',
      status: 'open',
      stationId: 9,
      classCode: 'daily-life',
      itemCode: 'appliance-repair',
      description: '电视坏了，打13812345678，我住文昌小区3幢2单元501',
      address: '文昌小区3幢2单元501',
      phone: '13812345678',
      wantedTime: '明天下午，到了打13955554444',
      urgent: true,
      residentId: 3,
      channel: 'test',
      chatId: 'r',
      volunteerId: null,
      escalationLevel: 0,
      remindedAt: null,
      openedAt: new Date(0),
      escalatedAt: null,
      itemName: '家电维修',
      className: '生活求助类',
      community: '文昌社区',
      residentName: '张阿姨',
    });
    expect(payload.text).toContain('20261122-0007');
    expect(payload.text).toContain('文昌社区');
    expect(payload.text).toContain('家电维修');
    expect(payload.text).toContain('回复“接单 20261122-0007”即可接单');
    expect(payload.text).toContain('🚨【紧急】');
    expect(payload.text).not.toMatch(/13812345678|13955554444|3幢|501|张阿姨/);
    expect(payload.choices).toEqual([{ id: 'claim:20261122-0007', label: t.claimButton }]);
    expect(payload.notice).toEqual({
      kind: 'task_offered',
      fields: { ticket: '20261122-0007', service: '家电维修', community: '文昌社区', time: '明天下午，到了打***', status: '待接单' },
    });
    const { ticket: _, ...others } = payload.notice!.fields;
    expect(JSON.stringify(others)).not.toMatch(DIGITS);
  });
});

describeDb('private offers', (ctx) => {
  it('go to approved volunteers of the community with a fitting skill and alerts on, who are free to take it, and have a chat', async () => {
    const app = await createDispatchApp(ctx.database);
    const C = 'nanhu-jiefang-zhonghe';
    const skills = ['lock-service'];
    await app.volunteer('po-ok', C, { skills });
    await app.volunteer('po-class', C, { skills: ['hardship', 'daily-life-not'] });
    await app.volunteer('po-by-class', C, { skills: ['policy'] });
    await app.volunteer('po-other-skill', C, { skills: ['haircut'] });
    await app.volunteer('po-sibling', 'nanhu-jiefang-tianfu', { skills });
    await app.volunteer('po-pending', C, { skills, status: 'pending' });
    await app.volunteer('po-rejected', C, { skills, status: 'rejected' });
    await app.volunteer('po-suspended', C, { skills, suspendedUntil: new Date(Date.now() + 86_400_000) });
    await app.volunteer('po-was-suspended', C, { skills, suspendedUntil: new Date(Date.now() - 86_400_000) });
    await app.volunteer('po-off', C, { skills, taskAlerts: 'off' });
    await app.volunteer('po-urgent-only', C, { skills, taskAlerts: 'urgent' });
    await app.volunteer('po-blocked', C, { skills });
    await markBlocked(app.db, 'test', 'po-blocked', new Date());
    // A volunteer without any account to write to.
    const [nochat] = await app.db.insert(people).values({ displayName: '无账号' }).returning({ id: people.id });
    await app.db.insert(volunteers).values({
      personId: nochat!.id,
      name: '无账号',
      phone: '1',
      partyMember: false,
      skills,
      stationId: app.stationId(C),
      availability: '',
      status: 'approved',
    });
    // The resident is a volunteer too: never offered their own request.
    await app.volunteer('po-resident', C, { skills });

    const normal = await app.storedRequest('po-resident', { community: C, item: 'lock-service' });
    expect(await offeredTo(app, normal.id)).toEqual(['po-ok', 'po-was-suspended']);
    expect(app.offersTo('po-ok')).toHaveLength(1);
    expect(app.offersTo('po-ok')[0]!.payload.text).toContain(normal.ticket);
    for (const none of ['po-class', 'po-other-skill', 'po-sibling', 'po-pending', 'po-suspended', 'po-off', 'po-urgent-only', 'po-blocked', 'po-resident'])
      expect([none, app.offersTo(none)]).toEqual([none, []]);

    // Urgent: those who asked for urgent ones only are offered it too. A class skill fits every item of it.
    const urgent = await app.storedRequest('po-r2', { community: C, item: 'lock-service', urgent: true });
    expect(await offeredTo(app, urgent.id)).toEqual(['po-ok', 'po-resident', 'po-urgent-only', 'po-was-suspended']);
    const policy = await app.storedRequest('po-r3', { community: C, cls: 'policy', item: 'pension' });
    expect(await offeredTo(app, policy.id)).toEqual(['po-by-class']);
  });

  it('reach at most five per level, the least busy and earliest registered first; escalation adds five more a level up', async () => {
    const t0 = new Date('2026-07-01T02:00:00Z');
    let now = t0;
    const app = await createDispatchApp(ctx.database, { clock: () => now });
    const C = 'nanhu-jiefang-dongmen';
    const skills = ['knife-key'];
    const day = (n: number) => new Date(Date.UTC(2026, 0, n));
    // Seven in the community, registered on days 1..7; the earliest two are busy with a task.
    for (let i = 1; i <= 7; i++) await app.volunteer(`cap-${i}`, C, { skills, registeredAt: day(i) });
    // Four more in the town, elsewhere; one in another town.
    for (let i = 1; i <= 4; i++) await app.volunteer(`cap-town-${i}`, 'nanhu-jiefang-tianfu', { skills, registeredAt: day(10 + i) });
    await app.volunteer('cap-far', 'nanhu-xinfeng-zhulin', { skills, registeredAt: day(1) });
    for (const busy of ['cap-1', 'cap-2']) {
      const held = await app.storedRequest(`cap-held-${busy}`, { community: 'xiuzhou-tanghui-baihua', item: 'haircut', at: t0 });
      const v = await ensurePerson(app.db, 'test', busy, busy);
      await app.db.update(requests).set({ status: 'claimed', volunteerId: v.id }).where(eq(requests.id, held.id));
    }
    await app.organizer('o-cap', 'nanhu-jiefang');

    const r = await app.storedRequest('cap-r', { community: C, item: 'knife-key', at: t0 });
    expect(await offeredTo(app, r.id)).toEqual(['cap-3', 'cap-4', 'cap-5', 'cap-6', 'cap-7']);
    // No group anywhere, but volunteers were reached: organizers are not told to dispatch by hand.
    expect(app.to('o-cap').map((m) => m.payload.text)).not.toContain(t.alertNoGroup(r.ticket, '东门社区'));

    // Offering again at the same level adds nobody.
    expect(await app.db.transaction(async (tx) => offerPrivately(tx, app.tree, (await requestView(tx, r.id))!, 0, now, 5))).toBe(0);

    now = new Date(t0.getTime() + 30 * MIN);
    await app.dispatch.sweep(app.db, now);
    await app.delivery.deliverDue();
    expect((await app.db.select().from(requests).where(eq(requests.id, r.id)))[0]!.escalationLevel).toBe(1);
    const rows = await app.db.select().from(privateOffers).where(eq(privateOffers.requestId, r.id));
    const atTown = rows.filter((o) => o.level === 1).map((o) => o.chatId);
    // The free ones of the town first; of the busy two, the earlier registered.
    expect(atTown.sort()).toEqual(['cap-1', 'cap-town-1', 'cap-town-2', 'cap-town-3', 'cap-town-4']);
    expect(rows.filter((o) => o.level === 0)).toHaveLength(5);
    expect(app.offersTo('cap-3')).toHaveLength(1);
    expect(app.offersTo('cap-far')).toEqual([]);

    // The county: the busy one left in the community and the one in another town.
    now = new Date(t0.getTime() + 60 * MIN);
    await app.dispatch.sweep(app.db, now);
    expect(
      (
        await app.db
          .select()
          .from(privateOffers)
          .where(and(eq(privateOffers.requestId, r.id), eq(privateOffers.level, 2)))
      )
        .map((o) => o.chatId)
        .sort(),
    ).toEqual(['cap-2', 'cap-far']);
  });

  it('are made beside a group card elsewhere, only on channels the card did not reach; with neither a group nor a volunteer, organizers are told', async () => {
    const app = await createDispatchApp(ctx.database);
    const C = 'xiuzhou-xincheng-xinzhou';
    await app.bindGroup('g-po-county', 'xiuzhou', 'errands');
    await app.volunteer('po-near', C, { skills: ['errands'], channel: 'wx' });
    // On the channel whose group got the card: reached there, not privately as well.
    await app.volunteer('po-near-in-groups', C, { skills: ['errands'] });
    await app.organizer('o-po', 'xiuzhou');
    const r = await app.storedRequest('po-r-near', { community: C, item: 'errands' });
    expect(app.to('g-po-county')).toHaveLength(1);
    expect(await offeredTo(app, r.id)).toEqual(['po-near']);
    expect(app.offersTo('po-near-in-groups')).toEqual([]);

    const lonely = await app.storedRequest('po-r-lonely', { community: 'xiuzhou-xincheng-xiuqing', item: 'moving-help' });
    expect(await offeredTo(app, lonely.id)).toEqual([]);
    expect(app.to('o-po').map((m) => m.payload.text)).toContain(t.alertNoGroup(lonely.ticket, '秀清社区'));
    expect(app.to('o-po').map((m) => m.payload.text)).not.toContain(t.alertNoGroup(r.ticket, '新洲社区'));
  });

  it('are never edited: a claim edits the group cards only', async () => {
    const app = await createDispatchApp(ctx.database);
    const C = 'xiuzhou-tanghui-jiangnan';
    await app.bindGroup('g-po-edit', C);
    await app.volunteer('po-e1', C, { skills: ['clothes-mending'], name: '缝补甲' });
    await app.volunteer('po-e2', C, { skills: ['clothes-mending'], name: '缝补乙', channel: 'wx' });
    const r = await app.storedRequest('po-r-edit', { community: C, item: 'clothes-mending' });
    await app.press('g-po-edit', 'po-e1', `claim:${r.ticket}`, '缝补甲');
    expect(app.lastTo('g-po-edit')!.edited).toBeDefined();
    expect(app.to('po-e2').filter((m) => m.edited)).toEqual([]);
    expect(app.to('po-e2')).toHaveLength(1);
  });

  it('follow the volunteer’s own 新任务提醒, which the approval message tells them about', async () => {
    const app = await createDispatchApp(ctx.database);
    const C = 'xiuzhou-wangjiangjing-nanhui';
    await app.organizer('o-po-alerts', C);
    const id = await app.volunteer('po-alerts', C, { skills: ['glasses-watch-repair'], status: 'pending' });
    await app.say('o-po-alerts', 'o-po-alerts', `/approve ${id}`);
    expect(app.lastTo('po-alerts')!.payload.text).toBe(t.volunteerApproved);
    expect(t.volunteerApproved).toContain('新任务提醒 关');

    await app.say('po-alerts', 'po-alerts', '新任务提醒 关');
    expect(app.lastTo('po-alerts')!.payload.text).toBe(t.alertsSet.off);
    const quiet = await app.storedRequest('po-alerts-r1', { community: C, item: 'glasses-watch-repair' });
    expect(await offeredTo(app, quiet.id)).toEqual([]);

    await app.say('po-alerts', 'po-alerts', '新任务提醒 紧急');
    const normal = await app.storedRequest('po-alerts-r2', { community: C, item: 'glasses-watch-repair' });
    const urgent = await app.storedRequest('po-alerts-r3', { community: C, item: 'glasses-watch-repair', urgent: true });
    expect(await offeredTo(app, normal.id)).toEqual([]);
    expect(await offeredTo(app, urgent.id)).toEqual(['po-alerts']);
    expect(app.offersTo('po-alerts').map((m) => m.payload.notice?.fields.ticket)).toEqual([urgent.ticket]);
  });
});
