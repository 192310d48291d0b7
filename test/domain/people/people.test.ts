import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { channelIdentities, people } from '../../../db/schema.js';
import { ensurePerson, markBlocked, peoplePort, rememberPhone } from '../../../src/domain/people/people.js';
import { createRequest } from '../../../src/domain/requests/requests.js';
import { describeDb } from '../../support/db.js';

describeDb('people', (ctx) => {
  const db = () => ctx.database.db;
  const identity = async (channel: string, externalId: string) =>
    (
      await db()
        .select()
        .from(channelIdentities)
        .where(and(eq(channelIdentities.channel, channel), eq(channelIdentities.externalId, externalId)))
    )[0];

  it('creates a person on first contact, and finds the same one after', async () => {
    const first = await ensurePerson(db(), 'test', 'p-first', '  王大爷  ');
    expect(first).toEqual({ id: expect.any(Number), displayName: '王大爷', phone: null, lastCommunityCode: null });
    const again = await ensurePerson(db(), 'test', 'p-first', '改了名字');
    expect(again.id).toBe(first.id);
    expect(again.displayName).toBe('王大爷');
    expect(await db().select().from(people).where(eq(people.id, first.id))).toHaveLength(1);
  });

  it('names someone without a name 居民, and keeps at most 64 characters of a long one', async () => {
    expect((await ensurePerson(db(), 'test', 'p-blank', '   ')).displayName).toBe('居民');
    expect((await ensurePerson(db(), 'test', 'p-long', '名'.repeat(100))).displayName).toBe('名'.repeat(64));
  });

  it('one account per channel: the same id on another channel is another person', async () => {
    const a = await ensurePerson(db(), 'test', 'p-same', '甲');
    const b = await ensurePerson(db(), 'other', 'p-same', '乙');
    expect(a.id).not.toBe(b.id);
  });

  it('remembers the phone given, and the community of the last request', async () => {
    const p = await ensurePerson(db(), 'test', 'p-known', '李阿姨');
    await rememberPhone(db(), p.id, '13900001111');
    const fields = {
      classCode: 'daily-life',
      itemCode: 'appliance-repair',
      description: '电视坏了',
      address: '某小区1幢101',
      phone: '13900001111',
      wantedTime: '尽快',
      urgent: false,
      emergencyWords: [],
      attachments: [],
    };
    const owner = { residentId: p.id, channel: 'test', chatId: 'p-known', conversationKey: 'test:p-known:p-known' };
    await createRequest(db(), { ...fields, communityCode: 'nanhu-jianshe-wenchang' }, owner, new Date());
    await createRequest(db(), { ...fields, communityCode: 'nanhu-jianshe-ziyang' }, owner, new Date());
    expect(await ensurePerson(db(), 'test', 'p-known', '李阿姨')).toMatchObject({ id: p.id, phone: '13900001111', lastCommunityCode: 'nanhu-jianshe-ziyang' });
  });

  it('marks an account that blocked the bot, and clears the mark when they write again', async () => {
    const p = await ensurePerson(db(), 'test', 'p-blocked', '赵');
    const at = new Date('2026-06-01T00:00:00Z');
    await markBlocked(db(), 'test', 'p-blocked', at);
    expect((await identity('test', 'p-blocked'))!.blockedAt).toEqual(at);
    expect((await ensurePerson(db(), 'test', 'p-blocked', '赵')).id).toBe(p.id);
    expect((await identity('test', 'p-blocked'))!.blockedAt).toBeNull();
  });

  it('a new account whose union id is known joins that person; the union id is stored on every account', async () => {
    const wx = await ensurePerson(db(), 'wechat', 'p-u-oa', '公众号里的名字', 'union-1');
    expect((await identity('wechat', 'p-u-oa'))!.unionId).toBe('union-1');
    await rememberPhone(db(), wx.id, '13900002222');
    const mini = await ensurePerson(db(), 'wechat-mini', 'p-u-mini', '小程序里的名字', 'union-1');
    expect(mini).toMatchObject({ id: wx.id, displayName: '公众号里的名字', phone: '13900002222' });
    expect((await identity('wechat-mini', 'p-u-mini'))!).toMatchObject({ personId: wx.id, unionId: 'union-1' });
    // Another union id, or none: another person.
    expect((await ensurePerson(db(), 'wechat-mini', 'p-u-other', '别人', 'union-2')).id).not.toBe(wx.id);
    expect((await ensurePerson(db(), 'wechat-mini', 'p-u-none', '别人')).id).not.toBe(wx.id);
    // A known account that now tells its union id keeps its person, and stores it.
    const tg = await ensurePerson(db(), 'test', 'p-u-known', '老账号');
    expect((await ensurePerson(db(), 'test', 'p-u-known', '老账号', 'union-1')).id).toBe(tg.id);
    expect((await identity('test', 'p-u-known'))!.unionId).toBe('union-1');
    // Two new accounts of one person writing at the same moment: one person.
    const [a, b] = await Promise.all([
      db().transaction((tx) => ensurePerson(tx, 'wechat', 'p-u-race-a', '甲', 'union-race')),
      db().transaction((tx) => ensurePerson(tx, 'wechat-mini', 'p-u-race-b', '甲', 'union-race')),
    ]);
    expect(a!.id).toBe(b!.id);
  });

  it('is the runner’s port', () => {
    expect(peoplePort.identify).toBe(ensurePerson);
    expect(peoplePort.markBlocked).toBe(markBlocked);
  });
});
