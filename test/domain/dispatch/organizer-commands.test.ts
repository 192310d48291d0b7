import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { organizers, requestEvents, requests, reveals, volunteers } from '../../../db/schema.js';
import { statusLabel } from '../../../src/texts/resident.js';
import { dispatchTexts as t } from '../../../src/texts/dispatch.js';
import { ensurePerson } from '../../../src/domain/people/people.js';
import { describeDb } from '../../support/db.js';
import { createDispatchApp, type DispatchApp } from '../../support/dispatch-app.js';

// === Organizer commands in private chat: every one checks the role on the server

const T0 = new Date('2026-03-10T02:00:00Z'); // 10:00 in Jiaxing
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

const texts = (app: DispatchApp, chatId: string) => app.to(chatId).map((s) => s.payload.text);
const lastText = (app: DispatchApp, chatId: string) => app.lastTo(chatId)?.payload.text;
const personId = async (app: DispatchApp, userId: string) => (await ensurePerson(app.db, 'test', userId, userId)).id;
const requestRow = async (app: DispatchApp, ticket: string) => (await app.db.select().from(requests).where(eq(requests.ticket, ticket)))[0]!;
const volunteerRow = async (app: DispatchApp, id: number) => (await app.db.select().from(volunteers).where(eq(volunteers.personId, id)))[0]!;
const row = (ticket: string, itemName: string, community: string, waited: number) =>
  t.pendingRow({ ticket, itemName, community, minutes: waited, urgent: false });

describeDb('dispatch: /pending', (ctx) => {
  it("lists only open requests of the organizer's stations, oldest first, with the minutes waited", async () => {
    let now = T0;
    const app = await createDispatchApp(ctx.database, { clock: () => now });
    await app.organizer('o-p-town', 'nanhu-jianshe');
    await app.organizer('o-p-xiuzhou', 'xiuzhou');
    await app.organizer('o-p-city', 'jx');
    await app.organizer('o-p-xinfeng', 'nanhu-xinfeng');
    await app.bindGroup('g-p', 'nanhu-jianshe');
    const vol = await app.volunteer('v-p', 'nanhu-jianshe-wenchang', { name: '钱师傅' });

    const a = await app.request('r-p1');
    now = minutes(5);
    const b = await app.request('r-p2', { community: '紫阳' });
    now = minutes(7);
    const c = await app.request('r-p3', { community: '秀园' });
    now = minutes(9);
    const d = await app.request('r-p4');
    await app.press('g-p', 'v-p', `claim:${d}`, '钱师傅');
    expect((await requestRow(app, d)).volunteerId).toBe(vol);

    now = minutes(20);
    await app.say('o-p-town', 'o-p-town', '/pending');
    expect(lastText(app, 'o-p-town')).toBe(t.pendingList([row(a, '家电维修', '文昌社区', 20), row(b, '家电维修', '紫阳社区', 15)]));
    await app.say('o-p-xiuzhou', 'o-p-xiuzhou', '/pending');
    expect(lastText(app, 'o-p-xiuzhou')).toBe(t.pendingList([row(c, '家电维修', '秀园社区', 13)]));
    await app.say('o-p-xinfeng', 'o-p-xinfeng', '/pending');
    expect(texts(app, 'o-p-xinfeng')).toEqual([t.pendingNone]);

    // A released task is open again, from the moment it was given back.
    now = minutes(21);
    await app.press('v-p', 'v-p', `release:${d}`);
    now = minutes(30);
    await app.say('o-p-city', 'o-p-city', '/Pending');
    expect(lastText(app, 'o-p-city')).toBe(
      t.pendingList([
        row(a, '家电维修', '文昌社区', 30),
        row(b, '家电维修', '紫阳社区', 25),
        row(c, '家电维修', '秀园社区', 23),
        row(d, '家电维修', '文昌社区', 9),
      ]),
    );
  });
});

describeDb('dispatch: organizer commands', (ctx) => {
  it("/request shows details and history to the station's organizers only", async () => {
    const app = await createDispatchApp(ctx.database, { clock: () => T0 });
    const town = await app.organizer('o-q-town', 'nanhu-jianshe');
    await app.organizer('o-q-city', 'jx');
    await app.organizer('o-q-xiuzhou', 'xiuzhou');
    await app.organizer('o-q-ziyang', 'nanhu-jianshe-ziyang');
    const vol = await app.volunteer('v-q', 'nanhu-jianshe-wenchang', { name: '李师傅' });
    const ticket = await app.request('r-q', { address: '文昌小区9幢101', phone: '13811112222' });
    const r = await requestRow(app, ticket);
    const resident = await personId(app, 'r-q');

    await app.say('o-q-town', 'o-q-town', `/request ${ticket}`);
    const lines = lastText(app, 'o-q-town')!.split('\n');
    expect(lines).toEqual([
      `${ticket}（${statusLabel('open')}）`,
      '服务：生活求助类 · 家电维修',
      '居民：居民r-q 13811112222',
      '地址：文昌社区 文昌小区9幢101',
      `时间：${r.wantedTime}`,
      `问题：${r.description}`,
      '经过：',
      `· 03/10 10:00 created #${resident}`,
    ]);

    await app.say('o-q-town', 'o-q-town', `/assign ${ticket} ${vol}`);
    await app.say('o-q-city', 'o-q-city', `/request ${ticket}`);
    const detail = lastText(app, 'o-q-city')!;
    expect(detail.split('\n')[0]).toBe(`${ticket}（${statusLabel('claimed')}）`);
    expect(detail.split('\n').slice(-2)).toEqual([`· 03/10 10:00 created #${resident}`, `· 03/10 10:00 assigned #${town}`]);
    expect(detail).toContain('13811112222');

    await app.volunteer('v-q-other', 'nanhu-jianshe-wenchang');
    // An organizer elsewhere is told whose ticket it is and who may see it; anyone else what the command needs.
    for (const [outsider, refusal] of [
      ['o-q-xiuzhou', t.notOrganizerOf('文昌社区', '查看它')],
      ['o-q-ziyang', t.notOrganizerOf('文昌社区', '查看它')],
      ['v-q-other', t.notOrganizer],
    ] as const) {
      await app.say(outsider, outsider, `/request ${ticket}`);
      expect(texts(app, outsider)).toEqual([refusal]);
    }
    await app.say('o-q-town', 'o-q-town', '/request 20990101-0001');
    expect(lastText(app, 'o-q-town')).toBe(t.unknownTicket('20990101-0001'));
    await app.say('o-q-town', 'o-q-town', '/request');
    expect(lastText(app, 'o-q-town')).toBe(t.usage('/request 单号'));
  });

  it('/request records that the organizer saw the private details', async () => {
    const app = await createDispatchApp(ctx.database);
    const organizer = await app.organizer('o-seen', 'nanhu');
    const ticket = await app.request('r-seen');
    await app.say('o-seen', 'o-seen', `/request ${ticket}`);
    const [req] = await app.db.select().from(requests).where(eq(requests.ticket, ticket));
    const seen = await app.db
      .select()
      .from(reveals)
      .where(and(eq(reveals.requestId, req!.id), eq(reveals.personId, organizer)));
    expect(seen.map((r) => r.reason)).toEqual(['organizer-view']);
  });

  it('/assign gives the task: private details, cards edited, resident told, event assigned; a taken task fails with a reason', async () => {
    const app = await createDispatchApp(ctx.database);
    const org = await app.organizer('o-a', 'nanhu-jianshe');
    await app.organizer('o-a-xiuzhou', 'xiuzhou');
    await app.bindGroup('g-a', 'nanhu-jianshe-haiyantang');
    const qian = await app.volunteer('v-a1', 'nanhu-jianshe-haiyantang', { name: '钱师傅', channel: 'wx' });
    const sun = await app.volunteer('v-a2', 'nanhu-jianshe-haiyantang', { name: '孙师傅', channel: 'wx' });
    const zhou = await app.volunteer('v-a3', 'nanhu-jianshe-haiyantang', { name: '周阿姨', status: 'pending' });
    const wu = await app.volunteer('v-a4', 'nanhu-jianshe-haiyantang', { name: '吴阿姨', status: 'rejected' });
    const ticket = await app.request('r-a', { community: '海盐塘', address: '盐塘新村5幢301' });
    const card = app.lastTo('g-a')!;
    const resident = await personId(app, 'r-a');

    await app.say('o-a', 'o-a', `/assign ${ticket}`);
    expect(lastText(app, 'o-a')).toBe(t.usage('/assign 单号 志愿者编号'));
    await app.say('o-a', 'o-a', '/assign 20990101-0001 1');
    expect(lastText(app, 'o-a')).toBe(t.unknownTicket('20990101-0001'));
    await app.say('o-a-xiuzhou', 'o-a-xiuzhou', `/assign ${ticket} ${qian}`);
    expect(lastText(app, 'o-a-xiuzhou')).toBe(t.notOrganizerOf('海盐塘社区', '派单'));
    await app.say('o-a', 'o-a', `/assign ${ticket} ${zhou}`);
    expect(lastText(app, 'o-a')).toBe(t.assignFailed(ticket, t.claimPending));
    await app.say('o-a', 'o-a', `/assign ${ticket} ${wu}`);
    expect(lastText(app, 'o-a')).toBe(t.assignFailed(ticket, t.claimRejected('96345')));
    await app.say('o-a', 'o-a', `/assign ${ticket} ${resident}`);
    expect(lastText(app, 'o-a')).toBe(t.assignFailed(ticket, t.claimNotVolunteer));
    for (const id of ['钱师傅', '99999999999', '-1']) {
      await app.say('o-a', 'o-a', `/assign ${ticket} ${id}`);
      expect(lastText(app, 'o-a')).toBe(t.usage('/assign 单号 志愿者编号'));
    }
    expect(await requestRow(app, ticket)).toMatchObject({ status: 'open', volunteerId: null });
    // Before: the approved volunteers nearby were offered the task privately (no details); the others nothing.
    expect(app.offersTo('v-a1')).toHaveLength(1);
    expect(app.offersTo('v-a2')).toHaveLength(1);
    expect(app.toButOffers('v-a1')).toEqual([]);
    expect(app.to('v-a3')).toEqual([]);
    expect(app.to('v-a4')).toEqual([]);

    await app.say('o-a', 'o-a', `/assign ${ticket} #${qian}`);
    expect(lastText(app, 'o-a')).toBe(t.assigned(ticket, '钱师傅'));
    const r = await requestRow(app, ticket);
    expect(r).toMatchObject({ status: 'claimed', volunteerId: qian });
    expect(app.toButOffers('v-a1').map((s) => s.payload)).toEqual([
      {
        text: t.claimedPrivate({
          ticket,
          itemName: '家电维修',
          community: '海盐塘社区',
          address: '盐塘新村5幢301',
          phone: '13812345678',
          residentName: '居民r-a',
          wantedTime: r.wantedTime,
          description: r.description,
          urgent: false,
        }),
        choices: [
          { id: `depart:${ticket}`, label: t.visitButtons.depart },
          { id: `arrive:${ticket}`, label: t.visitButtons.arrive },
          { id: `done:${ticket}`, label: t.visitButtons.done },
          { id: `release:${ticket}`, label: t.visitButtons.release },
        ],
      },
    ]);
    expect(app.lastTo('g-a')).toMatchObject({ edited: card.externalId, payload: { text: t.cardTaken(ticket, '钱师傅') } });
    expect(app.lastTo('g-a')!.payload.text).not.toContain('盐塘新村');
    expect(lastText(app, 'r-a')).toBe(t.residentClaimed(ticket, '钱师傅'));
    const events = await app.db.select().from(requestEvents).where(eq(requestEvents.requestId, r.id)).orderBy(requestEvents.id);
    expect(events.map((e) => e.type)).toEqual(['created', 'assigned']);
    expect(events[1]).toMatchObject({ actorId: org, data: { volunteerId: qian } });
    expect(await app.db.select().from(reveals).where(eq(reveals.requestId, r.id))).toMatchObject([{ personId: qian, reason: 'assign' }]);

    await app.say('o-a', 'o-a', `/assign ${ticket} ${sun}`);
    expect(lastText(app, 'o-a')).toBe(t.assignFailed(ticket, t.claimAlreadyTaken('钱师傅')));
    expect(app.toButOffers('v-a2')).toEqual([]);
    expect(await requestRow(app, ticket)).toMatchObject({ status: 'claimed', volunteerId: qian });
    expect(app.to('g-a').filter((s) => s.edited)).toHaveLength(1);
  });

  it('/volunteers lists the volunteers the organizer may see, of a station and below', async () => {
    const app = await createDispatchApp(ctx.database);
    await app.organizer('o-v', 'nanhu-xinfeng');
    await app.organizer('o-v-city', 'jx');
    const zhulin = await app.volunteer('v-v1', 'nanhu-xinfeng-zhulin', { name: '吴大伯' });
    const jingxiang = await app.volunteer('v-v2', 'nanhu-xinfeng-jingxiang', { name: '郑阿姨', status: 'pending' });
    const baihua = await app.volunteer('v-v3', 'xiuzhou-tanghui-baihua', { name: '冯师傅', status: 'rejected' });
    const rowOf = (id: number, name: string, status: string, community: string) => t.volunteerRow({ id, name, status, community, party: true });
    const mine = [rowOf(zhulin, '吴大伯', '已通过', '竹林村'), rowOf(jingxiang, '郑阿姨', '审核中', '净相村')].join('\n');

    await app.say('o-v', 'o-v', '/volunteers');
    expect(lastText(app, 'o-v')).toBe(mine);
    await app.say('o-v', 'o-v', '/volunteers 新丰镇');
    expect(lastText(app, 'o-v')).toBe(mine);
    await app.say('o-v', 'o-v', '/volunteers 竹林');
    expect(lastText(app, 'o-v')).toBe(rowOf(zhulin, '吴大伯', '已通过', '竹林村'));
    await app.say('o-v', 'o-v', '/volunteers 南湖区'); // above: still only what they may see
    expect(lastText(app, 'o-v')).toBe(mine);
    await app.say('o-v', 'o-v', '/volunteers 百花');
    expect(lastText(app, 'o-v')).toBe(t.volunteersNone);
    await app.say('o-v', 'o-v', '/volunteers 火星');
    expect(lastText(app, 'o-v')).toBe(t.noSuchStation('火星'));
    await app.say('o-v-city', 'o-v-city', '/volunteers 秀洲');
    expect(lastText(app, 'o-v-city')).toBe(rowOf(baihua, '冯师傅', '未通过', '百花社区'));
  });

  it('/approve, /reject and their buttons change the status and tell the volunteer', async () => {
    const app = await createDispatchApp(ctx.database);
    const org = await app.organizer('o-d', 'nanhu-jianshe');
    await app.organizer('o-d-xiuzhou', 'xiuzhou');
    const one = await app.volunteer('v-d1', 'nanhu-jianshe-hexing', { status: 'pending' });
    const two = await app.volunteer('v-d2', 'nanhu-jianshe-hexing', { status: 'pending' });

    await app.say('o-d', 'o-d', '/approve');
    expect(lastText(app, 'o-d')).toBe(t.usage('/approve 编号'));
    await app.say('o-d', 'o-d', '/reject');
    expect(lastText(app, 'o-d')).toBe(t.usage('/reject 编号'));
    await app.say('o-d', 'o-d', '/approve 999999');
    expect(lastText(app, 'o-d')).toBe(t.noSuchVolunteer('999999'));
    await app.say('o-d', 'o-d', '/approve abc');
    expect(lastText(app, 'o-d')).toBe(t.noSuchVolunteer('abc'));
    await app.say('o-d', 'o-d', '/reject 99999999999');
    expect(lastText(app, 'o-d')).toBe(t.noSuchVolunteer('99999999999'));
    await app.say('o-d-xiuzhou', 'o-d-xiuzhou', `/approve ${one}`);
    await app.press('o-d-xiuzhou', 'o-d-xiuzhou', `approve:${two}`);
    expect(texts(app, 'o-d-xiuzhou')).toEqual([t.decideOutside(one), t.decideOutside(two)]);
    expect((await volunteerRow(app, one)).status).toBe('pending');
    expect((await volunteerRow(app, two)).status).toBe('pending');
    expect(app.to('v-d1')).toEqual([]);

    await app.say('o-d', 'o-d', `/approve ${one}`);
    expect(lastText(app, 'o-d')).toBe(t.decided(one, true));
    expect(texts(app, 'v-d1')).toEqual([t.volunteerApproved]);
    expect(await volunteerRow(app, one)).toMatchObject({ status: 'approved', decidedBy: org });

    await app.say('o-d', 'o-d', `/reject #${two}`);
    expect(lastText(app, 'o-d')).toBe(t.decided(two, false));
    expect(texts(app, 'v-d2')).toEqual([t.volunteerRejected('96345')]);
    expect(await volunteerRow(app, two)).toMatchObject({ status: 'rejected', decidedBy: org });

    await app.press('o-d', 'o-d', `reject:${one}`);
    expect(lastText(app, 'o-d')).toBe(t.decided(one, false));
    expect(texts(app, 'v-d1')).toEqual([t.volunteerApproved, t.volunteerRejected('96345')]);
    expect((await volunteerRow(app, one)).status).toBe('rejected');
    await app.press('o-d', 'o-d', `approve:${two}`);
    expect(lastText(app, 'o-d')).toBe(t.decided(two, true));
    expect(texts(app, 'v-d2')).toEqual([t.volunteerRejected('96345'), t.volunteerApproved]);
    expect((await volunteerRow(app, two)).status).toBe('approved');
  });

  it('nobody approves or rejects their own registration, by command or button; another organizer may', async () => {
    const app = await createDispatchApp(ctx.database);
    const self = await app.organizer('o-self', 'nanhu-jianshe-ziyang');
    const town = await app.organizer('o-self-town', 'nanhu-jianshe');
    await app.volunteer('o-self', 'nanhu-jianshe-ziyang', { status: 'pending' });

    await app.say('o-self', 'o-self', `/approve ${self}`);
    await app.press('o-self', 'o-self', `approve:${self}`);
    await app.say('o-self', 'o-self', `/reject ${self}`);
    expect(texts(app, 'o-self')).toEqual([t.decideSelf, t.decideSelf, t.decideSelf]);
    expect(await volunteerRow(app, self)).toMatchObject({ status: 'pending', decidedBy: null });

    await app.press('o-self-town', 'o-self-town', `approve:${self}`);
    expect(lastText(app, 'o-self-town')).toBe(t.decided(self, true));
    expect(await volunteerRow(app, self)).toMatchObject({ status: 'approved', decidedBy: town });
  });

  it('/organizer grants a role for a station the granter organizes, and the role then works there only', async () => {
    const app = await createDispatchApp(ctx.database);
    const org = await app.organizer('o-g', 'nanhu-jianshe');
    const newcomer = await personId(app, 'u-g');
    const other = await personId(app, 'u-g-other');
    const wenchang = await app.request('r-g1');
    const ziyang = await app.request('r-g2', { community: '紫阳' });

    await app.say('u-g', 'u-g', '/pending');
    expect(lastText(app, 'u-g')).toBe(t.notOrganizer);
    for (const [text, reply] of [
      ['/organizer', t.usage('/organizer 编号 站点')],
      [`/organizer ${newcomer}`, t.usage('/organizer 编号 站点')],
      ['/organizer 小王 文昌', t.usage('/organizer 编号 站点')],
      ['/organizer 99999999999 文昌', t.usage('/organizer 编号 站点')],
      [`/organizer ${newcomer} 火星`, t.noSuchStation('火星')],
      [`/organizer ${newcomer} 南湖区`, t.organizerOutside('南湖区总站')],
      [`/organizer ${newcomer} 秀园`, t.organizerOutside('秀园社区')],
      [`/organizer ${org} 文昌`, t.organizerSelf],
      ['/organizer 999999 文昌', t.noSuchPerson('999999')],
    ] as const) {
      await app.say('o-g', 'o-g', text);
      expect(lastText(app, 'o-g')).toBe(reply);
    }
    expect(await app.db.select().from(organizers).where(eq(organizers.personId, newcomer))).toEqual([]);
    expect(await app.db.select().from(organizers).where(eq(organizers.personId, 999999))).toEqual([]);
    expect(await app.db.select().from(organizers).where(eq(organizers.personId, org))).toHaveLength(1);

    await app.say('o-g', 'o-g', `/organizer #${newcomer} 文昌`);
    expect(lastText(app, 'o-g')).toBe(t.madeOrganizer(newcomer, '文昌社区'));
    expect(await app.db.select().from(organizers).where(eq(organizers.personId, newcomer))).toMatchObject([
      { stationId: app.stationId('nanhu-jianshe-wenchang'), grantedBy: org },
    ]);

    await app.say('u-g', 'u-g', '/pending');
    expect(lastText(app, 'u-g')!.startsWith(t.pendingList([]))).toBe(true);
    expect(lastText(app, 'u-g')).toContain(wenchang);
    expect(lastText(app, 'u-g')).not.toContain(ziyang);
    await app.say('u-g', 'u-g', `/request ${wenchang}`);
    expect(lastText(app, 'u-g')).toContain('13812345678');
    await app.say('u-g', 'u-g', `/request ${ziyang}`);
    expect(lastText(app, 'u-g')).toBe(t.notOrganizerOf('紫阳社区', '查看它'));
    await app.say('u-g', 'u-g', `/organizer ${other} 紫阳`);
    expect(lastText(app, 'u-g')).toBe(t.organizerOutside('紫阳社区'));
    await app.say('u-g', 'u-g', `/organizer ${other} 文昌`);
    expect(lastText(app, 'u-g')).toBe(t.madeOrganizer(other, '文昌社区'));
    expect(
      await app.db
        .select()
        .from(organizers)
        .where(and(eq(organizers.personId, other), eq(organizers.grantedBy, newcomer))),
    ).toHaveLength(1);
  });

  it('from a non-organizer every organizer command answers notOrganizer and changes nothing', async () => {
    const app = await createDispatchApp(ctx.database);
    await app.organizer('o-n', 'jx');
    const self = await app.volunteer('v-n', 'nanhu-jianshe-wenchang', { name: '马师傅' });
    const pending = await app.volunteer('v-n-pending', 'nanhu-jianshe-wenchang', { status: 'pending' });
    const ticket = await app.request('r-n');
    const commands = [
      '/pending',
      `/request ${ticket}`,
      `/assign ${ticket} ${self}`,
      '/assign',
      '/volunteers',
      '/volunteers 文昌',
      `/approve ${pending}`,
      '/approve',
      `/reject ${pending}`,
      `/organizer ${self} 嘉兴`,
      `/organizer ${self} jx`,
      '/organizer',
    ];
    for (const user of ['v-n', 'r-n']) {
      const before = app.to(user).length;
      for (const text of commands) await app.say(user, user, text);
      await app.press(user, user, `approve:${pending}`);
      await app.press(user, user, `reject:${pending}`);
      expect(texts(app, user).slice(before)).toEqual(Array(commands.length + 2).fill(t.notOrganizer));
    }
    expect(texts(app, 'v-n').join('\n')).not.toContain('文昌小区');
    expect(await requestRow(app, ticket)).toMatchObject({ status: 'open', volunteerId: null });
    expect(await volunteerRow(app, pending)).toMatchObject({ status: 'pending', decidedBy: null });
    expect(app.to('v-n-pending')).toEqual([]);
    expect(await app.db.select().from(organizers).where(eq(organizers.personId, self))).toEqual([]);
    expect(
      await app.db
        .select()
        .from(reveals)
        .where(eq(reveals.requestId, (await requestRow(app, ticket)).id)),
    ).toEqual([]);
  });
});
