import { and, eq, like } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { chatGroups, conversations, requests } from '../../../db/schema.js';
import { dispatchTexts as t } from '../../../src/texts/dispatch.js';
import { volunteerTexts as vt } from '../../../src/texts/volunteer.js';
import { describeDb } from '../../support/db.js';
import { createDispatchApp, type DispatchApp } from '../../support/dispatch-app.js';

// === Group words and ticketless visit steps typed in a private chat: a short answer, never an intake

const texts = (app: DispatchApp, chatId: string) => app.to(chatId).map((s) => s.payload.text);
/** Conversations (flow snapshots) of a private chat: none means no intake was started. */
const conversationsOf = (app: DispatchApp, userId: string) =>
  app.db
    .select()
    .from(conversations)
    .where(like(conversations.key, `test:${userId}:%`));

describeDb('dispatch words in a private chat', (ctx) => {
  it('answers 接单, /claim, /bind, 绑定, /unbind and 解绑 with where to send them, and starts no intake', async () => {
    const app = await createDispatchApp(ctx.database);
    await app.organizer('o-pw', 'nanhu-jianshe');
    const words: [string, string][] = [
      ['接单 20261122-0001', t.claimInGroup],
      ['抢单20261122-0001', t.claimInGroup],
      ['/claim 20261122-0001', t.claimInGroup],
      ['/Claim', t.claimInGroup],
      ['接单', t.claimInGroup],
      ['/bind 文昌社区', t.bindInGroup],
      ['/bind', t.bindInGroup],
      ['绑定 文昌社区 家电维修', t.bindInGroup],
      ['/unbind', t.bindInGroup],
      ['解绑', t.bindInGroup],
    ];
    for (const user of ['u-pw', 'o-pw']) {
      for (const [text, answer] of words) {
        const before = app.to(user).length;
        await app.say(user, user, text);
        expect([text, texts(app, user).slice(before)]).toEqual([text, [answer]]);
      }
      expect(await conversationsOf(app, user)).toEqual([]);
    }
    // An organizer's /bind in private binds nothing.
    expect(await app.db.select().from(chatGroups).where(eq(chatGroups.chatId, 'o-pw'))).toEqual([]);
  });

  it('a visit step without its ticket: the volunteer is shown the ticket to add; the step with it still works', async () => {
    const app = await createDispatchApp(ctx.database);
    await app.bindGroup('g-pw', 'nanhu-jianshe-wenchang');
    await app.volunteer('v-pw', 'nanhu-jianshe-wenchang', { name: '韩师傅' });
    const ticket = await app.request('r-pw');
    await app.press('g-pw', 'v-pw', `claim:${ticket}`, '韩师傅');
    const before = app.to('v-pw').length;

    await app.say('v-pw', 'v-pw', '出发');
    await app.say('v-pw', 'v-pw', '完成 1.5小时 已修好');
    expect(texts(app, 'v-pw').slice(before)).toEqual([t.stepNeedsTicket('出发', [ticket]), t.stepNeedsTicket('完成', [ticket])]);
    expect(t.stepNeedsTicket('完成', [ticket])).toContain(`完成 ${ticket} 1.5小时`);
    expect((await app.db.select().from(requests).where(eq(requests.ticket, ticket)))[0]!.status).toBe('claimed');
    expect(await conversationsOf(app, 'v-pw')).toEqual([]);

    await app.say('v-pw', 'v-pw', `出发 ${ticket}`);
    expect(app.lastTo('v-pw')!.payload.text).toBe(t.departed(ticket));
    await app.say('v-pw', 'v-pw', `完成 ${ticket} 1.5小时 已修好`);
    expect(app.lastTo('v-pw')!.payload.text).toBe(t.doneRecorded(ticket, 1.5));

    // Nothing running any more: a short answer, still no intake.
    await app.say('v-pw', 'v-pw', '到达');
    expect(app.lastTo('v-pw')!.payload.text).toBe(t.stepNoTask('到达'));
    await app.say('v-pw', 'v-pw', '放弃');
    expect(app.lastTo('v-pw')!.payload.text).toBe(t.stepNoTask('放弃'));
    expect(await conversationsOf(app, 'v-pw')).toEqual([]);
  });

  it('出发 from someone who is no volunteer gets a short answer; 完成 still ends the skill choice of a registration', async () => {
    const app = await createDispatchApp(ctx.database);
    await app.say('u-pw2', 'u-pw2', '出发');
    await app.say('u-pw2', 'u-pw2', '到达');
    expect(texts(app, 'u-pw2')).toEqual([t.stepNotVolunteer('出发'), t.stepNotVolunteer('到达')]);
    expect(await conversationsOf(app, 'u-pw2')).toEqual([]);

    for (const answer of ['我要当志愿者', '王建国', '13900001111', '1', '家电维修']) await app.say('u-pw3', 'u-pw3', answer, '小王');
    const before = app.to('u-pw3').length;
    await app.say('u-pw3', 'u-pw3', '完成', '小王');
    expect(texts(app, 'u-pw3').slice(before).join('\n')).toContain(vt.askCommunity);
    expect(
      await app.db
        .select()
        .from(conversations)
        .where(and(like(conversations.key, 'test:u-pw3:%'), eq(conversations.flowId, 'volunteer'))),
    ).toHaveLength(1);
  });
});
