import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { requests, reveals, volunteers } from '../../../db/schema.js';
import { requestView } from '../../../src/domain/dispatch/announce.js';
import { offerPrivately } from '../../../src/domain/dispatch/private-offers.js';
import { cancelByResident } from '../../../src/domain/requests/requests.js';
import { dispatchTexts as t } from '../../../src/texts/dispatch.js';
import { describeDb } from '../../support/db.js';
import { createDispatchApp, type DispatchApp } from '../../support/dispatch-app.js';
import { LONG_MS } from '../../support/patience.js';

// === Claiming a task offered in private chat: typed or pressed, one winner with the groups

const requestRow = async (app: DispatchApp, ticket: string) => (await app.db.select().from(requests).where(eq(requests.ticket, ticket)))[0]!;
const lastText = (app: DispatchApp, chatId: string) => app.lastTo(chatId)?.payload.text;
/** Private details reached this chat (the resident's phone is only in them). */
const gotDetails = (app: DispatchApp, chatId: string) => app.to(chatId).some((m) => m.payload.text.includes('13812345678'));

describeDb('claiming in private chat', (ctx) => {
  it('takes the task with 接单 <单号> typed: details privately, the resident told with a notice, later claimers refused privately', async () => {
    const app = await createDispatchApp(ctx.database);
    const C = 'nanhu-jianshe-ziyang';
    await app.bindGroup('g-pc', C);
    await app.volunteer('pc-a', C, { skills: ['errands'], name: '跑腿甲', channel: 'wx' });
    await app.volunteer('pc-b', C, { skills: ['errands'], name: '跑腿乙', channel: 'wx' });
    await app.volunteer('pc-group', C, { skills: ['haircut'], name: '群里丙' });
    const { ticket } = await app.storedRequest('pc-r', { community: C, item: 'errands' });
    expect(app.offersTo('pc-a')).toHaveLength(1);

    await app.say('pc-a', 'pc-a', `接单 ${ticket}`, '跑腿甲');
    expect(await requestRow(app, ticket)).toMatchObject({ status: 'claimed' });
    expect(gotDetails(app, 'pc-a')).toBe(true);
    expect(app.lastTo('pc-a')!.payload.choices?.map((c) => c.id)).toEqual([`depart:${ticket}`, `arrive:${ticket}`, `done:${ticket}`, `release:${ticket}`]);
    expect(app.lastTo('pc-r')!.payload).toEqual({
      text: t.residentClaimed(ticket, '跑腿甲'),
      notice: { kind: 'request_claimed', fields: { ticket, service: '代买代办', community: '紫阳社区', volunteer: '跑腿甲', status: '已接单' } },
    });
    expect(app.lastTo('g-pc')).toMatchObject({ edited: expect.any(String), payload: { text: t.cardTaken(ticket, '跑腿甲') } });

    await app.press('pc-b', 'pc-b', `claim:${ticket}`, '跑腿乙');
    expect(lastText(app, 'pc-b')).toBe(t.claimAlreadyTaken('跑腿甲'));
    expect(gotDetails(app, 'pc-b')).toBe(false);
    const result = await app.press('g-pc', 'pc-group', `claim:${ticket}`, '群里丙');
    expect(result).toMatchObject({ status: 'handled', notice: t.claimAlreadyTaken('跑腿甲') });
    const [row] = await app.db.select().from(requests).where(eq(requests.ticket, ticket));
    expect(await app.db.select().from(reveals).where(eq(reveals.requestId, row!.id))).toHaveLength(1);
  });

  it('a group claim first: the offered volunteer pressing afterwards is refused privately; every typed form is read', async () => {
    const app = await createDispatchApp(ctx.database);
    const C = 'nanhu-jianshe-hexing';
    await app.bindGroup('g-pc2', C);
    await app.volunteer('pc2-offered', C, { skills: ['moving-help'], name: '搬家甲', channel: 'wx' });
    await app.volunteer('pc2-group', C, { skills: ['haircut'], name: '群里乙' });
    const first = await app.storedRequest('pc2-r1', { community: C, item: 'moving-help' });
    await app.press('g-pc2', 'pc2-group', `claim:${first.ticket}`, '群里乙');
    await app.press('pc2-offered', 'pc2-offered', `claim:${first.ticket}`, '搬家甲');
    expect(lastText(app, 'pc2-offered')).toBe(t.claimAlreadyTaken('群里乙'));
    expect(gotDetails(app, 'pc2-offered')).toBe(false);

    for (const [n, words] of [
      [2, '抢单 {}'],
      [3, '/claim {}'],
      [4, '/CLAIM {}'],
      [5, '接单{}'],
    ] as const) {
      const { ticket } = await app.storedRequest(`pc2-r${n}`, { community: C, item: 'moving-help' });
      await app.say('pc2-offered', 'pc2-offered', words.replace('{}', ticket), '搬家甲');
      expect([words, (await requestRow(app, ticket)).status]).toEqual([words, 'claimed']);
    }
  });

  it('without an offer: typed words get the pointer to the group, a pressed button is told it was not offered', async () => {
    const app = await createDispatchApp(ctx.database);
    const C = 'nanhu-xinfeng-jingxiang';
    await app.volunteer('pc3-offered', C, { skills: ['pest-control'] });
    await app.volunteer('pc3-late', C, { skills: ['pest-control'] });
    await app.volunteer('pc3-far', 'nanhu-xinfeng-fengqian', { skills: ['pest-control'] });
    await app.db.update(volunteers).set({ taskAlerts: 'off' }).where(eq(volunteers.name, '志愿者pc3-late'));
    const { ticket } = await app.storedRequest('pc3-r', { community: C, item: 'pest-control' });
    await app.say('pc3-far', 'pc3-far', `接单 ${ticket}`);
    expect(lastText(app, 'pc3-far')).toBe(t.claimInGroup);
    await app.press('pc3-late', 'pc3-late', `claim:${ticket}`);
    expect(lastText(app, 'pc3-late')).toBe(t.notOfferedToYou(ticket));
    await app.say('pc3-late', 'pc3-late', '接单');
    expect(lastText(app, 'pc3-late')).toBe(t.claimInGroup);
    expect(await requestRow(app, ticket)).toMatchObject({ status: 'open', volunteerId: null });
  });

  it('refusals of an offered volunteer are answered privately: suspended since, or the request cancelled', async () => {
    const app = await createDispatchApp(ctx.database);
    const C = 'nanhu-xinfeng-zhennan';
    const id = await app.volunteer('pc4', C, { skills: ['shoe-umbrella-repair'] });
    const a = await app.storedRequest('pc4-r1', { community: C, item: 'shoe-umbrella-repair' });
    const b = await app.storedRequest('pc4-r2', { community: C, item: 'shoe-umbrella-repair' });
    await app.db.transaction((tx) => cancelByResident(tx, b.residentId, b.ticket, new Date()));
    await app.say('pc4', 'pc4', `接单 ${b.ticket}`);
    expect(lastText(app, 'pc4')).toBe(t.claimClosed(b.ticket));
    await app.db
      .update(volunteers)
      .set({ suspendedUntil: new Date(Date.now() + 3 * 86_400_000) })
      .where(eq(volunteers.personId, id));
    await app.press('pc4', 'pc4', `claim:${a.ticket}`);
    expect(lastText(app, 'pc4')).toMatch(/^您目前暂停接单，至 .+ 恢复。$/);
    expect(await requestRow(app, a.ticket)).toMatchObject({ status: 'open' });
  });

  it('many offered volunteers and a group claiming at the same moment: exactly one winner (repeated on PostgreSQL)', { timeout: LONG_MS }, async () => {
    const app = await createDispatchApp(ctx.database);
    const C = 'xiuzhou-wangjiangjing-shuangqiao';
    const N = 12;
    await app.bindGroup('g-pc-race', C);
    for (let i = 0; i < N; i++) await app.volunteer(`pcr-${i}`, C, { skills: ['vehicle-repair'], name: `修车${i}`, channel: 'wx' });
    for (let i = 0; i < 4; i++) await app.volunteer(`pcr-g${i}`, C, { skills: ['haircut'], name: `群${i}` });
    const rounds = ctx.backend === 'postgres' ? 10 : 1;
    for (let round = 0; round < rounds; round++) {
      const r = await app.storedRequest(`pcr-r${round}`, { community: C, item: 'vehicle-repair' });
      // Everyone gets the offer (more than the usual five).
      await app.db.transaction(async (tx) => offerPrivately(tx, app.tree, (await requestView(tx, r.id))!, 0, new Date(), N));
      const results = await Promise.all([
        ...Array.from({ length: N }, (_, i) =>
          i % 2 ? app.press(`pcr-${i}`, `pcr-${i}`, `claim:${r.ticket}`, `修车${i}`) : app.say(`pcr-${i}`, `pcr-${i}`, `接单 ${r.ticket}`, `修车${i}`),
        ),
        ...Array.from({ length: 4 }, (_, i) => app.press('g-pc-race', `pcr-g${i}`, `claim:${r.ticket}`, `群${i}`)),
      ]);
      expect(results.every((x) => x.status === 'handled')).toBe(true);
      const [row] = await app.db.select().from(requests).where(eq(requests.id, r.id));
      expect(row!.status).toBe('claimed');
      expect(await app.db.select().from(reveals).where(eq(reveals.requestId, r.id))).toHaveLength(1);
      const [winner] = await app.db.select({ name: volunteers.name }).from(volunteers).where(eq(volunteers.personId, row!.volunteerId!));
      const refusedPrivately = Array.from({ length: N }, (_, i) => `pcr-${i}`).filter((c) => lastText(app, c) === t.claimAlreadyTaken(winner!.name));
      const refusedInGroup = results.slice(N).filter((x) => x.status === 'handled' && x.notice === t.claimAlreadyTaken(winner!.name));
      expect(refusedPrivately.length + refusedInGroup.length).toBe(N + 4 - 1);
    }
  });
});
