import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { chatGroups, outbox, privateOffers, volunteers } from '../../../db/schema.js';
import type { CommandHook } from '../../../src/core/flow-runner.js';
import type { IncomingContent } from '../../../src/core/message.js';
import { createDispatch, type Dispatch } from '../../../src/domain/dispatch/dispatch.js';
import { ensurePerson } from '../../../src/domain/people/people.js';
import { createRequest } from '../../../src/domain/requests/requests.js';
import { loadStationTree } from '../../../src/domain/stations/tree.js';
import { dispatchTexts as t } from '../../../src/texts/dispatch.js';
import { describeDb } from '../../support/db.js';
import { readDemoStations } from '../../support/stations.js';

// === createDispatch: which messages are dispatch's (commands) and which go on to the flows

const now = new Date('2026-06-01T02:00:00Z');

describeDb('dispatch commands', (ctx) => {
  const db = () => ctx.database.db;
  let dispatch: Dispatch;
  beforeAll(async () => {
    const tree = await loadStationTree(db(), readDemoStations());
    dispatch = createDispatch({ tree, findSkill: () => null, remindMinutes: 10, escalateMinutes: 30, hotlinePhone: '96345' });
  });

  /** Runs the command hook for a message; returns whether it was a command, and what it answered. */
  async function command(chatId: string, userId: string, content: IncomingContent) {
    const person = await ensurePerson(db(), 'test', userId, userId);
    const replies: string[] = [];
    let notice: string | undefined;
    const hook: Parameters<CommandHook>[0] = {
      tx: db(),
      person,
      msg: { channel: 'test', chatId, userId, displayName: userId, isGroup: chatId.startsWith('g'), messageId: `dc-${Math.random()}`, content },
      now,
      reply: (p) => replies.push(p.text),
      notice: (text) => (notice = text),
    };
    const handled = await dispatch.commands(hook);
    return { handled, replies, notice };
  }
  const text = (t: string): IncomingContent => ({ kind: 'text', text: t });

  it('tells anyone who they are to the system: the 编号 and the account to put in ORGANIZERS', async () => {
    const person = await ensurePerson(db(), 'test', 'u-whoami', 'u-whoami');
    for (const words of ['我的编号', '/whoami', '我的账号']) {
      expect(await command('u-whoami', 'u-whoami', text(words))).toEqual({ handled: true, replies: [t.whoami(person.id, 'test:u-whoami')], notice: undefined });
    }
    expect(t.whoami(7, 'wechat:oAbc')).toContain('ORGANIZERS=wechat:oAbc');
    // In a group it is chatter like any other.
    expect((await command('g-whoami', 'u-whoami', text('我的编号'))).replies).not.toContain(t.whoami(person.id, 'test:u-whoami'));
  });

  it('every group message is dispatch’s, even chatter: an unbound group hears once how to bind', async () => {
    expect(await command('g-dc', 'u-dc', text('大家好'))).toEqual({ handled: true, replies: [t.notBound], notice: undefined });
    expect(await command('g-dc', 'u-dc', text('有人吗'))).toEqual({ handled: true, replies: [], notice: undefined });
  });

  it('/me and its words in a private chat are dispatch’s', async () => {
    for (const words of ['/me', '/ME', '我的信息', ' 我的任务 ']) {
      expect(await command('u-me', 'u-me', text(words))).toMatchObject({ handled: true, replies: [t.notAVolunteer] });
    }
  });

  it('ordinary private words go on to the flows', async () => {
    for (const words of ['电视坏了', '我的信息呢', '查询']) expect((await command('u-flow', 'u-flow', text(words))).handled).toBe(false);
    expect((await command('u-flow', 'u-flow', { kind: 'media', media: 'photo' })).handled).toBe(false);
  });

  it('a claim refused in a group is told privately, in the writer’s own chat, never in the group', async () => {
    await db()
      .insert(chatGroups)
      .values({
        channel: 'test',
        chatId: 'g-dc-bound',
        stationId: (await loadStationTree(db())).byCode('nanhu-jianshe-wenchang')!.id,
        skill: null,
        boundBy: 0,
      });
    const result = await command('g-dc-bound', 'u-claimer', text('接单 20990101-0001'));
    expect(result).toEqual({ handled: true, replies: [], notice: undefined });
    const rows = await db()
      .select()
      .from(outbox)
      .where(and(eq(outbox.channel, 'test'), eq(outbox.chatId, 'u-claimer')));
    expect(rows.map((r) => (r.payload as { text: string }).text)).toEqual([t.notAnnouncedHere('20990101-0001')]);
    expect(await db().select().from(outbox).where(eq(outbox.chatId, 'g-dc-bound'))).toHaveLength(0);
  });

  it('a button press refused in a group is answered on the button', async () => {
    const result = await command('g-dc-bound', 'u-presser', { kind: 'choice', choiceId: 'claim:20990101-0002' });
    expect(result).toEqual({ handled: true, replies: [], notice: t.notAnnouncedHere('20990101-0002') });
  });

  it('offers a request privately to as many volunteers per level as told (privateOffersPerRequest)', async () => {
    const tree = await loadStationTree(db());
    const two = createDispatch({ tree, findSkill: () => null, remindMinutes: 10, escalateMinutes: 30, privateOffersPerRequest: 2, hotlinePhone: '96345' });
    const C = 'xiuzhou-tanghui-baihua';
    for (const user of ['dc-v1', 'dc-v2', 'dc-v3']) {
      const p = await ensurePerson(db(), 'test', user, user);
      await db()
        .insert(volunteers)
        .values({
          personId: p.id,
          name: user,
          phone: '1',
          partyMember: false,
          skills: ['haircut'],
          stationId: tree.byCode(C)!.id,
          availability: '',
          status: 'approved',
        });
    }
    const resident = await ensurePerson(db(), 'test', 'dc-r', '居民');
    const fields = {
      classCode: 'daily-life',
      itemCode: 'haircut',
      communityCode: C,
      description: '想理发',
      address: '百花苑1幢101',
      phone: '13800000002',
      wantedTime: '明天',
      urgent: false,
      emergencyWords: [],
      attachments: [],
    };
    const owner = { residentId: resident.id, channel: 'test', chatId: 'dc-r', conversationKey: 'test:dc-r:dc-r' };
    const r = await db().transaction(async (tx) => {
      const created = await createRequest(tx, fields, owner, now);
      await two.afterRequestCreated(tx, created.id, [], now);
      return created;
    });
    expect((await db().select().from(privateOffers).where(eq(privateOffers.requestId, r.id))).map((o) => o.chatId).sort()).toEqual(['dc-v1', 'dc-v2']);
  });

  it('新任务提醒 and a claim button in a private chat are dispatch’s', async () => {
    expect(await command('u-alerts', 'u-alerts', text('新任务提醒 关'))).toMatchObject({ handled: true, replies: [t.alertsNotVolunteer] });
    expect(await command('u-alerts', 'u-alerts', { kind: 'choice', choiceId: 'claim:20990101-0003' })).toMatchObject({
      handled: true,
      replies: [t.notOfferedToYou('20990101-0003')],
    });
  });
});
