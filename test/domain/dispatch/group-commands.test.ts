import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { chatGroups, conversations, unboundGroupNotices } from '../../../db/schema.js';
import { dispatchTexts as t } from '../../../src/texts/dispatch.js';
import { describeDb } from '../../support/db.js';
import { createDispatchApp, type DispatchApp } from '../../support/dispatch-app.js';

// === Group chats: /bind and 绑定, /unbind and 解绑, the one-time "not bound" note, quiet otherwise

const WENCHANG = 'nanhu-jianshe-wenchang';
const ZIYANG = 'nanhu-jianshe-ziyang';

const groupRow = async (app: DispatchApp, chatId: string) => {
  const [row] = await app.db
    .select()
    .from(chatGroups)
    .where(and(eq(chatGroups.channel, 'test'), eq(chatGroups.chatId, chatId)));
  return row;
};
const texts = (app: DispatchApp, chatId: string) => app.to(chatId).map((s) => s.payload.text);

describeDb('dispatch: binding group chats', (ctx) => {
  it('an organizer binds with /bind by station name, alias and code; binding again moves the group', async () => {
    const app = await createDispatchApp(ctx.database);
    const org = await app.organizer('o-b1', 'nanhu-jianshe');

    await app.say('g-b1-name', 'o-b1', '/bind 文昌社区');
    expect(texts(app, 'g-b1-name')).toEqual([t.bound('文昌社区', null)]);
    expect(await groupRow(app, 'g-b1-name')).toMatchObject({ stationId: app.stationId(WENCHANG), skill: null, boundBy: org });

    await app.say('g-b1-alias', 'o-b1', '/BIND 文昌');
    expect(texts(app, 'g-b1-alias')).toEqual([t.bound('文昌社区', null)]);
    expect(await groupRow(app, 'g-b1-alias')).toMatchObject({ stationId: app.stationId(WENCHANG), skill: null });

    await app.say('g-b1-code', 'o-b1', `/bind ${ZIYANG}`);
    expect(texts(app, 'g-b1-code')).toEqual([t.bound('紫阳社区', null)]);
    expect(await groupRow(app, 'g-b1-code')).toMatchObject({ stationId: app.stationId(ZIYANG), skill: null });

    // The organizer's own town station too.
    await app.say('g-b1-town', 'o-b1', '/bind 建设街道');
    expect(texts(app, 'g-b1-town')).toEqual([t.bound('建设街道分站', null)]);

    await app.say('g-b1-name', 'o-b1', '/bind 紫阳 水电维修');
    expect(app.lastTo('g-b1-name')!.payload.text).toBe(t.bound('紫阳社区', '水电维修'));
    expect(await groupRow(app, 'g-b1-name')).toMatchObject({ stationId: app.stationId(ZIYANG), skill: 'water-electric-repair', boundBy: org });
    expect(await app.db.select().from(chatGroups).where(eq(chatGroups.chatId, 'g-b1-name'))).toHaveLength(1);
  });

  it('an unknown or misspelt station gets the closest as numbered lines and buttons; a button binds', async () => {
    const app = await createDispatchApp(ctx.database);
    await app.organizer('o-b9', 'nanhu-jianshe');
    await app.say('g-b9', 'o-b9', '/bind 紫羊社区 水电维修');
    const answer = app.lastTo('g-b9')!.payload;
    expect(answer.text).toContain(t.closestStations('紫羊社区', []).split('\n')[0]!);
    expect(answer.text).toContain(`1. 紫阳社区：/bind ${ZIYANG} 水电维修`);
    expect(answer.choices![0]).toEqual({ id: `cmd:/bind ${ZIYANG} 水电维修`, label: '紫阳社区' });
    expect(await groupRow(app, 'g-b9')).toBeUndefined();
    await app.press('g-b9', 'o-b9', answer.choices![0]!.id);
    expect(app.lastTo('g-b9')!.payload.text).toBe(t.bound('紫阳社区', '水电维修'));
    expect(await groupRow(app, 'g-b9')).toMatchObject({ stationId: app.stationId(ZIYANG), skill: 'water-electric-repair' });
    // Nothing close at all: how to name a station, never a bare "not found".
    await app.say('g-b9', 'o-b9', '/bind 火星基地');
    expect(app.lastTo('g-b9')!.payload.text).toBe(t.noSuchStation('火星基地'));
    expect(app.lastTo('g-b9')!.payload.text).toContain('编号');
  });

  it('绑定 with a skill: an item name, a class name with or without 类; an unknown skill is named back and binds nothing', async () => {
    const app = await createDispatchApp(ctx.database);
    await app.organizer('o-b2', WENCHANG);

    await app.say('g-b2-item', 'o-b2', '绑定 文昌 家电维修');
    expect(texts(app, 'g-b2-item')).toEqual([t.bound('文昌社区', '家电维修')]);
    expect(await groupRow(app, 'g-b2-item')).toMatchObject({ stationId: app.stationId(WENCHANG), skill: 'appliance-repair' });

    await app.say('g-b2-class', 'o-b2', '绑定 文昌社区 生活求助');
    expect(texts(app, 'g-b2-class')).toEqual([t.bound('文昌社区', '生活求助类')]);
    expect(await groupRow(app, 'g-b2-class')).toMatchObject({ skill: 'daily-life' });

    await app.say('g-b2-code', 'o-b2', `/bind ${WENCHANG} elderly-care`);
    expect(texts(app, 'g-b2-code')).toEqual([t.bound('文昌社区', '居家养老类')]);
    expect(await groupRow(app, 'g-b2-code')).toMatchObject({ skill: 'elderly-care' });

    await app.say('g-b2-bad', 'o-b2', '/bind 文昌 开飞机');
    expect(texts(app, 'g-b2-bad')).toEqual([t.unknownSkill('开飞机')]);
    expect(await groupRow(app, 'g-b2-bad')).toBeUndefined();

    // A bound group keeps its binding when the new skill is unknown.
    await app.say('g-b2-item', 'o-b2', '绑定 文昌 开飞机');
    expect(app.lastTo('g-b2-item')!.payload.text).toBe(t.unknownSkill('开飞机'));
    expect(await groupRow(app, 'g-b2-item')).toMatchObject({ skill: 'appliance-repair' });
  });

  it("a non-organizer's /bind, 绑定, /unbind and 解绑 do nothing at all", async () => {
    const app = await createDispatchApp(ctx.database);
    await app.volunteer('v-b3', WENCHANG, { name: '赵师傅' });
    await app.bindGroup('g-b3', WENCHANG, 'appliance-repair');
    const before = await groupRow(app, 'g-b3');

    for (const text of ['/bind 紫阳', '绑定 紫阳 家电维修', '/bind 文昌 开飞机', '/unbind', '解绑', '解除绑定']) {
      await app.say('g-b3', 'v-b3', text, '赵师傅');
      await app.say('g-b3', 'u-b3-stranger', text, '路人');
    }
    expect(app.to('g-b3')).toEqual([]);
    expect(await groupRow(app, 'g-b3')).toEqual(before);

    // In an unbound group: no binding, and not even the "not bound" note for a command.
    await app.say('g-b3-unbound', 'v-b3', '/bind 文昌', '赵师傅');
    await app.say('g-b3-unbound', 'v-b3', '绑定 文昌 家电维修', '赵师傅');
    expect(app.to('g-b3-unbound')).toEqual([]);
    expect(await groupRow(app, 'g-b3-unbound')).toBeUndefined();
    expect(app.to('v-b3')).toEqual([]);
  });

  it('an organizer cannot bind or unbind outside their area, but can inside it', async () => {
    const app = await createDispatchApp(ctx.database);
    await app.organizer('o-b4-xiuzhou', 'xiuzhou');
    await app.organizer('o-b4-ziyang', ZIYANG);
    await app.bindGroup('g-b4-wenchang', WENCHANG);

    await app.say('g-b4', 'o-b4-xiuzhou', '/bind 文昌');
    await app.say('g-b4', 'o-b4-xiuzhou', '/bind 南湖区');
    await app.say('g-b4', 'o-b4-ziyang', '/bind 文昌');
    await app.say('g-b4', 'o-b4-ziyang', '/bind 建设街道'); // above their own community
    expect(app.to('g-b4')).toEqual([]);
    expect(await groupRow(app, 'g-b4')).toBeUndefined();

    await app.say('g-b4-wenchang', 'o-b4-xiuzhou', '/unbind');
    await app.say('g-b4-wenchang', 'o-b4-ziyang', '解绑');
    await app.say('g-b4-wenchang', 'o-b4-ziyang', '/bind 紫阳'); // taking a group of another station
    expect(app.to('g-b4-wenchang')).toEqual([]);
    expect(await groupRow(app, 'g-b4-wenchang')).toMatchObject({ stationId: app.stationId(WENCHANG) });

    await app.say('g-b4', 'o-b4-xiuzhou', '/bind 秀园');
    expect(texts(app, 'g-b4')).toEqual([t.bound('秀园社区', null)]);
    expect(await groupRow(app, 'g-b4')).toMatchObject({ stationId: app.stationId('xiuzhou-xincheng-xiuyuan') });
    await app.say('g-b4-ziyang', 'o-b4-ziyang', '/bind 紫阳');
    expect(texts(app, 'g-b4-ziyang')).toEqual([t.bound('紫阳社区', null)]);
  });

  it('tells an organizer when the station they named does not exist, with the closest', async () => {
    const app = await createDispatchApp(ctx.database);
    await app.organizer('o-typo', 'jx');
    await app.say('g-typo', 'o-typo', '/bind 文昌舍区区');
    expect(texts(app, 'g-typo').at(-1)).toContain(`1. 文昌社区：/bind ${WENCHANG}`);
    expect(await groupRow(app, 'g-typo')).toBeUndefined();
  });

  it('/unbind and 解绑 remove the binding; the group is then told once that it is not bound', async () => {
    const app = await createDispatchApp(ctx.database);
    await app.organizer('o-b5', 'nanhu');

    await app.say('g-b5', 'o-b5', '/bind 禾兴');
    await app.say('g-b5', 'o-b5', '/unbind');
    expect(texts(app, 'g-b5')).toEqual([t.bound('禾兴社区', null), t.unbound]);
    expect(await groupRow(app, 'g-b5')).toBeUndefined();

    await app.say('g-b5', 'u-b5', '还有人吗');
    await app.say('g-b5', 'u-b5', '还有人吗？');
    expect(texts(app, 'g-b5')).toEqual([t.bound('禾兴社区', null), t.unbound, t.notBound]);

    // Unbinding an unbound group says nothing.
    await app.say('g-b5', 'o-b5', '解绑');
    expect(app.to('g-b5')).toHaveLength(3);

    await app.say('g-b5-2', 'o-b5', '绑定 海盐塘');
    await app.say('g-b5-2', 'o-b5', '解除绑定');
    expect(texts(app, 'g-b5-2')).toEqual([t.bound('海盐塘社区', null), t.unbound]);
    expect(await groupRow(app, 'g-b5-2')).toBeUndefined();
  });

  it('an unbound group gets the "not bound" explanation exactly once, however many messages', async () => {
    const app = await createDispatchApp(ctx.database);
    await app.volunteer('v-b6', WENCHANG);
    await app.say('g-b6', 'u-b6a', '大家好');
    await app.say('g-b6', 'u-b6b', '有人吗');
    await app.say('g-b6', 'v-b6', '接单 20260101-0001');
    await app.press('g-b6', 'v-b6', 'claim:20260101-0001');
    await app.say('g-b6', 'u-b6a', '/pending');
    expect(texts(app, 'g-b6')).toEqual([t.notBound]);
    expect(await app.db.select().from(unboundGroupNotices).where(eq(unboundGroupNotices.chatId, 'g-b6'))).toHaveLength(1);

    // Another unbound group is told on its own.
    await app.say('g-b6-other', 'u-b6a', '大家好');
    expect(texts(app, 'g-b6-other')).toEqual([t.notBound]);
  });

  it('ordinary chatter in a bound group gets no reply, and starts no conversation', async () => {
    const app = await createDispatchApp(ctx.database);
    await app.volunteer('v-b7', WENCHANG);
    await app.bindGroup('g-b7', WENCHANG);
    for (const text of ['大家好', '今天谁有空？', '接单', '1', '/me', '/pending', '我要当志愿者', '电视坏了']) {
      await app.say('g-b7', 'v-b7', text);
      await app.say('g-b7', 'u-b7', text);
    }
    await app.press('g-b7', 'u-b7', 'approve:1');
    expect(app.to('g-b7')).toEqual([]);
    expect(app.to('v-b7')).toEqual([]);
    expect(app.to('u-b7')).toEqual([]);
    const convs = await app.db.select().from(conversations);
    expect(convs.filter((c) => c.key.includes('g-b7'))).toEqual([]);
  });

  it("a resident's request reaches the group bound a moment ago, and only if the skill fits", async () => {
    const app = await createDispatchApp(ctx.database);
    await app.organizer('o-b8', 'nanhu-jiefang');

    // Nothing bound near 天福 yet: the organizer is asked to dispatch by hand.
    const before = await app.request('r-b8a', { community: '天福', address: '天福苑1幢101' });
    expect(texts(app, 'o-b8')).toContain(t.alertNoGroup(before, '天福社区'));

    await app.say('g-b8-tv', 'o-b8', '/bind 天福 家电维修');
    await app.say('g-b8-law', 'o-b8', '/bind 天福 法律咨询');
    expect(texts(app, 'g-b8-tv')).toEqual([t.bound('天福社区', '家电维修')]);
    expect(texts(app, 'g-b8-law')).toEqual([t.bound('天福社区', '法律咨询')]);
    const told = app.to('o-b8').length;

    const ticket = await app.request('r-b8b', { community: '天福', address: '天福苑2幢202' });
    const card = app.lastTo('g-b8-tv')!;
    expect(card.payload.text).toContain(`新求助 ${ticket}`);
    expect(card.payload.text).toContain('服务：生活求助类 · 家电维修');
    expect(card.payload.text).toContain('社区：天福社区');
    expect(card.payload.text).not.toContain('天福苑2幢202');
    expect(card.payload.text).not.toContain('13812345678');
    expect(card.payload.choices).toEqual([{ id: `claim:${ticket}`, label: t.claimButton }]);
    expect(app.to('g-b8-tv')).toHaveLength(2);
    expect(texts(app, 'g-b8-law')).toEqual([t.bound('天福社区', '法律咨询')]);
    expect(app.to('o-b8')).toHaveLength(told);
  });
});
