import { eq, inArray } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { channelIdentities, organizers, outbox, people, requests } from '../../../db/schema.js';
import { ensurePerson } from '../../../src/domain/people/people.js';
import { dispatchTexts as t } from '../../../src/texts/dispatch.js';
import { describeDb } from '../../support/db.js';
import { createDispatchApp, type DispatchApp } from '../../support/dispatch-app.js';

// === Organizer tools about people: /link (合并) two records of one person, /undelivered (未送达)

const T0 = new Date('2026-03-10T02:00:00Z'); // 10:00 in Jiaxing
const lastText = (app: DispatchApp, chatId: string) => app.lastTo(chatId)?.payload.text;

describeDb('dispatch: /link', (ctx) => {
  it('merges person 2 into person 1 for an organizer of their stations: one person, both accounts', async () => {
    const app = await createDispatchApp(ctx.database);
    await app.organizer('o-link', 'nanhu-jianshe');
    const tg = await app.volunteer('lk-tg', 'nanhu-jianshe-wenchang', { name: '沈师傅' });
    const wx = await ensurePerson(app.db, 'wechat', 'lk-wx', '微信沈');
    const { ticket } = await app.storedRequest('lk-wx-asks', { community: 'nanhu-jianshe-wenchang', item: 'haircut' });
    await app.db.update(requests).set({ residentId: wx.id }).where(eq(requests.ticket, ticket));

    await app.say('o-link', 'o-link', `/link ${tg} #${wx.id}`);
    expect(lastText(app, 'o-link')).toBe(t.linked({ id: tg, name: '沈师傅' }, { id: wx.id, name: '微信沈' }));
    const accounts = await app.db
      .select()
      .from(channelIdentities)
      .where(inArray(channelIdentities.externalId, ['lk-tg', 'lk-wx']));
    expect(accounts.map((a) => a.personId)).toEqual([tg, tg]);
    expect(await app.db.select().from(people).where(eq(people.id, wx.id))).toEqual([]);
    expect((await app.db.select().from(requests).where(eq(requests.ticket, ticket)))[0]!.residentId).toBe(tg);
    // Their /me now knows both: the wechat account is the same volunteer.
    expect((await ensurePerson(app.db, 'wechat', 'lk-wx', '微信沈')).id).toBe(tg);
  });

  it('refuses unknown ids, the same id, and organizers of other stations; neither a volunteer: the root’s organizers only', async () => {
    const app = await createDispatchApp(ctx.database);
    await app.organizer('o-link-town', 'nanhu-jianshe');
    await app.organizer('o-link-other', 'xiuzhou');
    await app.organizer('o-link-root', 'jx');
    const v = await app.volunteer('lk2-v', 'nanhu-jianshe-ziyang', { name: '陶师傅' });
    const far = await app.volunteer('lk2-far', 'xiuzhou-xincheng-xiuyuan', { name: '远方' });
    const a = (await ensurePerson(app.db, 'test', 'lk2-a', '居民甲')).id;
    const b = (await ensurePerson(app.db, 'wechat', 'lk2-b', '居民甲')).id;

    const answers = async (user: string, words: string) => {
      await app.say(user, user, words);
      return lastText(app, user);
    };
    expect(await answers('o-link-town', `/link ${v} 999999`)).toBe(t.noSuchPerson('999999'));
    expect(await answers('o-link-town', `/link 老王 ${v}`)).toBe(t.noSuchPerson('老王'));
    expect(await answers('o-link-town', `/link ${v} ${v}`)).toBe(t.linkSame);
    expect(await answers('o-link-town', `/link ${v}`)).toBe(t.usage('/link 编号1 编号2（把 2 合并到 1）'));
    expect(await answers('o-link-other', `/link ${v} ${a}`)).toBe(t.linkOutside(v));
    // Both stations concerned: the town's organizer has no say over the volunteer of another county.
    expect(await answers('o-link-town', `/link ${v} ${far}`)).toBe(t.linkOutside(far));
    expect(await answers('o-link-town', `/link ${a} ${b}`)).toBe(t.linkNowhere);
    expect(await answers('lk2-v', `/link ${v} ${a}`)).toBe(t.notOrganizer);
    expect(
      await app.db
        .select()
        .from(people)
        .where(inArray(people.id, [v, far, a, b])),
    ).toHaveLength(4);

    expect(await answers('o-link-root', `合并 ${a} ${b}`)).toBe(t.linked({ id: a, name: '居民甲' }, { id: b, name: '居民甲' }));
    expect(await app.db.select().from(people).where(eq(people.id, b))).toEqual([]);
    // 合并 from anyone else is an ordinary word: no organizer refusal.
    await app.say('lk2-v', 'lk2-v', `合并 ${v} ${a}`);
    expect(lastText(app, 'lk2-v')).not.toBe(t.notOrganizer);
  });
});

describeDb('dispatch: /link raises no one’s rights', (ctx) => {
  it('an organizer of 紫阳 merges neither the city’s organizer, nor a peer, nor a resident of another community, nor himself into his volunteer', async () => {
    const app = await createDispatchApp(ctx.database);
    const root = await app.organizer('o-lk3-root', 'jx');
    const ziyang = await app.organizer('o-lk3', 'nanhu-jianshe-ziyang');
    const peer = await app.organizer('o-lk3-peer', 'nanhu-jianshe-ziyang');
    const mine = await app.volunteer('lk3-v', 'nanhu-jianshe-ziyang', { name: '自家志愿者' });
    const far = await app.storedRequest('lk3-far', { community: 'xiuzhou-xincheng-xiuyuan', item: 'haircut' });
    const near = await app.storedRequest('lk3-near', { community: 'nanhu-jianshe-ziyang', item: 'haircut' });
    const answers = async (words: string) => {
      await app.say('o-lk3', 'o-lk3', words);
      return lastText(app, 'o-lk3');
    };

    expect(await answers(`/link ${mine} ${root}`)).toBe(t.linkOutside(root));
    expect(await answers(`/link ${root} ${mine}`)).toBe(t.linkOutside(root));
    expect(await answers(`/link ${mine} ${peer}`)).toBe(t.linkNotBelow(peer));
    expect(await answers(`/link ${mine} ${far.residentId}`)).toBe(t.linkOutside(far.residentId));
    expect(await answers(`合并 ${mine} ${ziyang}`)).toBe(t.linkSelf);
    expect(await answers(`/link ${ziyang} ${near.residentId}`)).toBe(t.linkSelf);
    expect(await app.db.select().from(organizers).where(eq(organizers.personId, mine))).toEqual([]);
    expect(
      await app.db
        .select()
        .from(people)
        .where(inArray(people.id, [root, peer, far.residentId, near.residentId])),
    ).toHaveLength(4);
    expect((await app.db.select().from(requests).where(eq(requests.ticket, far.ticket)))[0]!.residentId).toBe(far.residentId);
    await app.say('lk3-v', 'lk3-v', `/request ${far.ticket}`);
    expect(lastText(app, 'lk3-v')).toBe(t.notOrganizer);

    // Within his station: a resident of 紫阳 into his volunteer is his to merge.
    expect(await answers(`/link ${mine} ${near.residentId}`)).toBe(t.linked({ id: mine, name: '自家志愿者' }, { id: near.residentId, name: '居民lk3-near' }));
    // An organizer is merged by one above: the town's organizer merges the peer into the volunteer.
    await app.organizer('o-lk3-town', 'nanhu-jianshe');
    await app.say('o-lk3-town', 'o-lk3-town', `/link ${mine} ${peer}`);
    expect(lastText(app, 'o-lk3-town')).toBe(t.linked({ id: mine, name: '自家志愿者' }, { id: peer, name: '组织者o-lk3-peer' }));
    expect(await app.db.select({ s: organizers.stationId }).from(organizers).where(eq(organizers.personId, mine))).toEqual([
      { s: app.stationId('nanhu-jianshe-ziyang') },
    ]);
    // …but not the city's organizer, whom only nobody (there is no one above the city) merges.
    await app.say('o-lk3-town', 'o-lk3-town', `/link ${mine} ${root}`);
    expect(lastText(app, 'o-lk3-town')).toBe(t.linkOutside(root));
    await app.say('o-lk3-root', 'o-lk3-root', `/link ${root} ${mine}`);
    expect(lastText(app, 'o-lk3-root')).toBe(t.linkSelf);
  });

  it('every station a person is tied to counts: a task they hold elsewhere, a station they organize elsewhere', async () => {
    const app = await createDispatchApp(ctx.database);
    await app.organizer('o-lk4', 'nanhu-jianshe');
    const mine = await app.volunteer('lk4-v', 'nanhu-jianshe-wenchang');
    // A volunteer of 建设 who holds a task in 秀洲 (escalated there, say): the task's station counts too.
    const holder = await app.volunteer('lk4-holder', 'nanhu-jianshe-hexing');
    const far = await app.storedRequest('lk4-far', { community: 'xiuzhou-xincheng-xiuyuan', item: 'haircut' });
    await app.db.update(requests).set({ volunteerId: holder, status: 'claimed' }).where(eq(requests.ticket, far.ticket));
    // An organizer of 秀洲 who is also a volunteer in 建设.
    const twoHats = await app.volunteer('lk4-two', 'nanhu-jianshe-hexing');
    await app.organizer('lk4-two', 'xiuzhou-xincheng');

    for (const other of [holder, twoHats]) {
      await app.say('o-lk4', 'o-lk4', `/link ${mine} ${other}`);
      expect(lastText(app, 'o-lk4')).toBe(t.linkOutside(other));
    }
    expect(
      await app.db
        .select()
        .from(people)
        .where(inArray(people.id, [holder, twoHats])),
    ).toHaveLength(2);
  });
});

describeDb('dispatch: /undelivered', (ctx) => {
  it('lists held and failed messages of the last 7 days to people of the organizer’s stations, newest first, redacted', async () => {
    const app = await createDispatchApp(ctx.database, { clock: () => new Date(T0.getTime() + 86_400_000) });
    await app.organizer('o-und', 'nanhu-jianshe');
    await app.organizer('o-und-empty', 'nanhu-xinfeng');
    const vol = await app.volunteer('und-v', 'nanhu-jianshe-wenchang', { name: '曹师傅' });
    await app.volunteer('und-far', 'xiuzhou-xincheng-xiuyuan', { name: '远方' });
    const { residentId } = await app.storedRequest('und-r', { community: 'nanhu-jianshe-ziyang', item: 'haircut', at: T0 });
    await ensurePerson(app.db, 'test', 'und-stranger', '路人');
    const row = (chatId: string, status: 'held' | 'failed' | 'sent' | 'pending', text: string, createdAt: Date, lastError: string | null = null) => ({
      channel: 'test',
      chatId,
      payload: { text },
      status,
      lastError,
      createdAt,
      nextAttemptAt: createdAt,
    });
    const hours = (n: number) => new Date(T0.getTime() + n * 3_600_000);
    await app.db
      .insert(outbox)
      .values([
        row(
          'und-v',
          'held',
          '您已接单 20260310-0001，电话13812345678，地址文昌小区3幢2单元501，请尽快上门，谢谢您的帮助和耐心等待哦',
          hours(1),
          'window_closed',
        ),
        row('und-r', 'failed', '好消息：您的求助已由志愿者接单', hours(2), 'blocked'),
        row('und-v', 'held', '太久以前的消息', new Date(T0.getTime() - 7 * 86_400_000), null),
        row('und-far', 'held', '别的区的志愿者', hours(3)),
        row('und-stranger', 'failed', '没有关系的人', hours(3), 'blocked'),
        row('g-und', 'failed', '群里的卡片', hours(3), 'rejected'),
        row('und-v', 'sent', '已送达的', hours(4)),
      ]);

    await app.say('o-und', 'o-und', '/undelivered');
    const listing = lastText(app, 'o-und')!;
    expect(listing).toBe(
      t.undeliveredList([
        t.undeliveredRow({
          time: '03/10 12:00',
          name: '居民und-r',
          id: residentId,
          channel: 'test',
          reason: t.undeliveredFailed('对方已屏蔽或取消关注'),
          text: '好消息：您的求助已由志愿者接单',
        }),
        t.undeliveredRow({
          time: '03/10 11:00',
          name: '曹师傅',
          id: vol,
          channel: 'test',
          reason: t.undeliveredHeld,
          text: '您已接单 20260310-0001，电话***，[地址已隐',
        }),
      ]),
    );
    expect(listing).not.toMatch(/13812345678|3幢|501/);

    // At most 20: the newest.
    await app.db.insert(outbox).values(Array.from({ length: 25 }, (_, i) => row('und-v', 'failed', `第${i}条`, hours(10 + i), 'rejected')));
    await app.say('o-und', 'o-und', '未送达');
    const lines = lastText(app, 'o-und')!.split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[1]).toBe(
      t.undeliveredRow({ time: '03/11 20:00', name: '曹师傅', id: vol, channel: 'test', reason: t.undeliveredFailed('平台拒收'), text: '第24条' }),
    );
    expect(lines[20]).toContain('第5条');

    await app.say('o-und-empty', 'o-und-empty', '未送达');
    expect(lastText(app, 'o-und-empty')).toBe(t.undeliveredNone);
    await app.say('und-stranger', 'und-stranger', '/undelivered');
    expect(lastText(app, 'und-stranger')).toBe(t.notOrganizer);
  });
});
