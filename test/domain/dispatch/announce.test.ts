import { describe, expect, it } from 'vitest';
import { dispatchTexts as t } from '../../../src/texts/dispatch.js';
import { cardPayload, type RequestView, routeRequest } from '../../../src/domain/dispatch/announce.js';
import { describeDb } from '../../support/db.js';
import { createDispatchApp } from '../../support/dispatch-app.js';

const DIGIT_ANYHOW = /[0-9\uFF10-\uFF19零〇一二三四五六七八九幺两壹贰叁肆伍陆柒捌玖]/u;

/** A request as cards see it (private fields included, as `requestView` reads them). */
const view = (over: Partial<RequestView> = {}): RequestView => ({
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
  urgent: false,
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
  ...over,
});

describe('the card of a request', () => {
  it('open: what and where, with the claim button, never the address or a phone', () => {
    const card = cardPayload(view(), 'open');
    expect(card.text).toContain('20261122-0007');
    expect(card.text).toContain('文昌社区');
    expect(card.text).toContain('家电维修');
    expect(card.text).not.toMatch(/13812345678|13955554444|3幢|501/);
    expect(card.choices).toEqual([{ id: 'claim:20261122-0007', label: t.claimButton }]);
    expect(card.text).not.toContain('【紧急】');
    expect(card.text).not.toContain('【加急】');
  });

  it('marks an urgent request, and one reminded (加急)', () => {
    expect(cardPayload(view({ urgent: true }), 'open').text).toContain('🚨【紧急】');
    expect(cardPayload(view({ remindedAt: new Date(1) }), 'open').text).toContain('⏰【加急】');
  });

  it('keeps the card short: a long description is cut', () => {
    const long = cardPayload(view({ description: '电视'.repeat(200) }), 'open').text;
    expect(long).toContain('电视'.repeat(60));
    expect(long).not.toContain('电视'.repeat(61));
  });

  it('taken, in progress, done and cancelled: the state and who, without a button', () => {
    expect(cardPayload(view(), 'taken', '李师傅')).toEqual({ text: t.cardTaken('20261122-0007', '李师傅') });
    expect(cardPayload(view(), 'in_progress', '李师傅')).toEqual({ text: t.cardInProgress('20261122-0007', '李师傅') });
    expect(cardPayload(view(), 'done', '李师傅')).toEqual({ text: t.cardDone('20261122-0007', '李师傅') });
    expect(cardPayload(view(), 'cancelled')).toEqual({ text: t.cardCancelled('20261122-0007') });
  });

  it("shows no account, e-mail, link or plate of the resident, and no contact in the volunteer's name", () => {
    const card = cardPayload(
      view({ description: '电视坏了 加我微信wxid_abc123xyz，或 wang.xy1950@163.com，车是浙F·12345', wantedTime: '明天下午3点，微信号wang_xiuying1950' }),
      'open',
    ).text;
    expect(card).not.toMatch(/wxid_|abc123xyz|wang|163\.com|浙F|12345/);
    expect(card).toContain('电视坏了 加我微信[联系方式已隐去]');
    expect(card).toContain('时间：明天下午3点，微信号[联系方式已隐去]');
    expect(cardPayload(view(), 'taken', '李师傅 vx: li_shifu88').text).toBe(t.cardTaken('20261122-0007', '李师傅 vx: [联系方式已隐去]'));
  });
});

describeDb('announcing a request', (ctx) => {
  // First: no group is bound anywhere in this database yet (the routing tests bind some).
  describe('organizers told at once', () => {
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
  });

  describe('routing a request to groups', () => {
    it('picks the station’s groups whose skill fits, or that take every skill', async () => {
      const app = await createDispatchApp(ctx.database);
      const wen = app.stationId('nanhu-jianshe-wenchang');
      await app.bindGroup('g-r-any', 'nanhu-jianshe-wenchang');
      await app.bindGroup('g-r-life', 'nanhu-jianshe-wenchang', 'daily-life');
      await app.bindGroup('g-r-tv', 'nanhu-jianshe-wenchang', 'appliance-repair');
      await app.bindGroup('g-r-law', 'nanhu-jianshe-wenchang', 'policy');
      const route = await routeRequest(app.db, app.tree, { stationId: wen, classCode: 'daily-life', itemCode: 'appliance-repair' });
      expect(route.level).toBe(0);
      expect(route.groups.map((g) => g.chatId).sort()).toEqual(['g-r-any', 'g-r-life', 'g-r-tv']);
      const legal = await routeRequest(app.db, app.tree, { stationId: wen, classCode: 'policy', itemCode: 'social-security' });
      expect(legal.groups.map((g) => g.chatId).sort()).toEqual(['g-r-any', 'g-r-law']);
    });

    it('walks up the hierarchy to the nearest station with a fitting group', async () => {
      const app = await createDispatchApp(ctx.database);
      await app.bindGroup('g-r-county', 'xiuzhou');
      await app.bindGroup('g-r-town-law', 'xiuzhou-xincheng', 'policy');
      const route = await routeRequest(app.db, app.tree, {
        stationId: app.stationId('xiuzhou-xincheng-xiuyuan'),
        classCode: 'daily-life',
        itemCode: 'appliance-repair',
      });
      expect(route).toMatchObject({ level: 2, stationId: app.stationId('xiuzhou'), groups: [{ channel: 'test', chatId: 'g-r-county' }] });
      const fromTown = await routeRequest(app.db, app.tree, {
        stationId: app.stationId('xiuzhou-xincheng-xiuyuan'),
        classCode: 'policy',
        itemCode: 'social-security',
      });
      expect(fromTown.level).toBe(1);
    });

    it('finds nothing when no group exists anywhere up the chain', async () => {
      const app = await createDispatchApp(ctx.database);
      const route = await routeRequest(app.db, app.tree, {
        stationId: app.stationId('nanhu-xinfeng-zhulin'),
        classCode: 'hardship',
        itemCode: 'subsistence-aid',
      });
      expect(route.groups).toEqual([]);
    });
  });

  describe('group cards with phones and addresses written in everyday variant forms', () => {
    it.each([
      ['电视坏了 电话138，1234，5678'],
      ['电视坏了 138\u200b1234\u200b5678'],
      ['电视坏了 138/1234/5678'],
      ['电视坏了 打一三八一二三四五六七八'],
      ['电视坏了 打幺三八一二三四五六七八'],
      ['电视坏了 我家文昌苑A座1203'],
      ['电视坏了 \u202e8765 4321 831\u202c'],
    ])('%s reaches the group with no digit of it', async (problem) => {
      const app = await createDispatchApp(ctx.database);
      const user = `pv-${Math.random().toString(36).slice(2, 8)}`;
      await app.bindGroup(`g-${user}`, 'nanhu-jianshe-wenchang');
      await app.request(user, { problem });
      const cards = app.to(`g-${user}`);
      expect(cards.length).toBeGreaterThan(0);
      const problems = cards.map((c) => /^问题：(.*)$/m.exec(c.payload.text)?.[1]).filter((p) => p !== undefined);
      expect(problems.length).toBeGreaterThan(0);
      for (const p of problems) expect(p).not.toMatch(DIGIT_ANYHOW);
      for (const card of cards) {
        expect(card.payload.text).not.toMatch(/[\u202a-\u202e\u200b\u0000]/);
        expect(card.payload.text).not.toContain('A座');
      }
    });
  });
});
