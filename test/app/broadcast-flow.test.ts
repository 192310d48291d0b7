import { desc, eq, like } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { broadcasts, outbox } from '../../db/schema.js';
import { DeliveryError } from '../../src/core/ports.js';
import { PRIORITY } from '../../src/core/outbox.js';
import { reportFinishedBroadcasts } from '../../src/domain/broadcasts/report.js';
import { markBlocked } from '../../src/domain/people/people.js';
import { broadcastTexts as t } from '../../src/texts/broadcasts.js';
import { describeDb } from '../support/db.js';
import { createDispatchApp, type DispatchApp } from '../support/dispatch-app.js';

// === 群发 through the whole app: who may, what is stored and sent, the report and /broadcasts

const TEXT = '本月25日上午九点，文昌广场党员先锋服务日，请大家准时到。';

/** Three groups in 南湖区 (two communities), one in 秀洲区. */
async function network(app: DispatchApp) {
  await app.bindGroup('g-wc1', 'nanhu-jianshe-wenchang');
  await app.bindGroup('g-wc2', 'nanhu-jianshe-wenchang', 'daily-life');
  await app.bindGroup('g-zy', 'nanhu-jianshe-ziyang');
  await app.bindGroup('g-xy', 'xiuzhou-xincheng-xiuyuan');
}

/** The newest broadcast (the test database is shared by this file's tests). */
async function latest(app: DispatchApp) {
  const [b] = await app.db.select().from(broadcasts).orderBy(desc(broadcasts.id)).limit(1);
  return b;
}

/** The organizer's whole broadcast: stations typed by name, the text, then confirm. */
async function broadcast(app: DispatchApp, user: string, stations: string, text = TEXT) {
  for (const m of ['群发', `${stations} 选好了`, text, '1']) await app.say(user, user, m);
}

describeDb('the broadcast flow in the app', (ctx) => {
  it('a volunteer and a resident trying /broadcast or 群发 are refused, and nothing is stored', async () => {
    const app = await createDispatchApp(ctx.database);
    await network(app);
    await app.volunteer('v1', 'nanhu-jianshe-wenchang');
    const before = await latest(app);
    for (const [user, word] of [
      ['v1', '/broadcast'],
      ['r1', '群发'],
    ] as const) {
      await app.say(user, user, word);
      expect(app.lastTo(user)?.payload.text).toBe(t.notOrganizer);
      // The next message is an ordinary one again (the refusal ended the flow).
      await app.say(user, user, '1');
      expect(app.lastTo(user)?.payload.text).not.toBe(t.notOrganizer);
    }
    await app.say('v1', 'v1', '/broadcasts');
    expect(app.lastTo('v1')?.payload.text).toBe(t.notOrganizer);
    expect(await latest(app)).toEqual(before);
    expect(app.groupTraffic()).toEqual([]);
  });

  it('an organizer of 南湖区 cannot reach 秀洲区 by name; their own stations only', async () => {
    const app = await createDispatchApp(ctx.database);
    await network(app);
    await app.organizer('o1', 'nanhu');
    await app.say('o1', 'o1', '群发');
    await app.say('o1', 'o1', '秀洲区总站');
    expect(app.lastTo('o1')?.payload.text).toBe(t.stationsNotFound(['秀洲区总站']));
  });

  it('stores the broadcast with one bulk outbox row per group (dedup key = broadcast + target), and every group gets it once', async () => {
    const app = await createDispatchApp(ctx.database);
    await network(app);
    await app.organizer('o1', 'nanhu');
    await app.say('o1', 'o1', '群发');
    await app.say('o1', 'o1', '南湖区总站 选好了');
    await app.say('o1', 'o1', TEXT);
    expect(app.lastTo('o1')?.payload.text).toBe(t.preview(TEXT, 3, 0));
    await app.say('o1', 'o1', '1');
    const b = await latest(app);
    expect(app.lastTo('o1')?.payload.text).toBe(t.started(b!.id, 3));
    const rows = await app.db
      .select()
      .from(outbox)
      .where(like(outbox.dedupKey, `broadcast:${b!.id}:%`));
    expect(rows.map((r) => r.dedupKey).sort()).toEqual(['g-wc1', 'g-wc2', 'g-zy'].map((g) => `broadcast:${b!.id}:test:${g}`));
    expect(rows.every((r) => r.priority === PRIORITY.bulk)).toBe(true);
    for (const g of ['g-wc1', 'g-wc2', 'g-zy']) expect(app.to(g).map((s) => s.payload.text)).toEqual([TEXT]);
    expect(app.to('g-xy')).toEqual([]);
  });

  it('reaches approved volunteers privately on a channel without groups, never one who blocked the bot or is pending', async () => {
    const app = await createDispatchApp(ctx.database);
    await network(app);
    await app.organizer('o1', 'nanhu');
    await app.volunteer('wx-a', 'nanhu-jianshe-wenchang', { channel: 'wx' });
    await app.volunteer('wx-b', 'nanhu-jianshe-ziyang', { channel: 'wx' });
    await app.volunteer('wx-pending', 'nanhu-jianshe-ziyang', { channel: 'wx', status: 'pending' });
    await app.volunteer('test-c', 'nanhu-jianshe-ziyang');
    await markBlocked(app.db, 'wx', 'wx-b', new Date());
    await app.say('o1', 'o1', '群发');
    await app.say('o1', 'o1', '1');
    await app.say('o1', 'o1', '选好了');
    await app.say('o1', 'o1', TEXT);
    // wx-a only: wx-b blocked the bot, wx-pending is not approved, test-c is reached in the test channel's groups.
    expect(app.lastTo('o1')?.payload.text).toBe(t.preview(TEXT, 3, 1));
    await app.say('o1', 'o1', '1');
    expect(app.to('wx-a').map((s) => s.payload.text)).toContain(TEXT);
    expect(app.to('test-c').map((s) => s.payload.text)).not.toContain(TEXT);
  });

  it('when nothing is pending, the organizer gets one delivery report with the failures’ reasons; /broadcasts lists it', async () => {
    const app = await createDispatchApp(ctx.database);
    await network(app);
    await app.bindGroup('g-xq', 'xiuzhou-xincheng-xiuqing');
    await app.bindGroup('g-xz1', 'xiuzhou-xincheng-xinzhou');
    await app.bindGroup('g-xz2', 'xiuzhou-xincheng-xinzhou');
    await app.organizer('o1', 'jx');
    app.sender.failWith((chatId) =>
      chatId === 'g-xq'
        ? new DeliveryError('blocked', 'Forbidden: bot was kicked from the group chat', { permanent: true })
        : chatId === 'g-xy'
          ? new DeliveryError('chat_not_found', 'Bad Request: chat not found', { permanent: true })
          : null,
    );
    await broadcast(app, 'o1', '秀洲区总站');
    const b = await latest(app);
    expect(await reportFinishedBroadcasts(app.db, new Date())).toBeGreaterThanOrEqual(1);
    // A second run (or a second instance) writes no second report.
    expect(await reportFinishedBroadcasts(app.db, new Date())).toBe(0);
    await app.delivery.deliverDue();
    const reports = app.to('o1').filter((s) => s.payload.text.startsWith(`群发 #${b!.id} 已发完`));
    expect(reports.map((s) => s.payload.text)).toEqual([
      t.report({
        id: b!.id,
        targets: 4,
        sent: 2,
        held: 0,
        failures: [
          { reason: t.failureReason('blocked'), count: 1 },
          { reason: t.failureReason('chat_not_found'), count: 1 },
        ],
      }),
    ]);
    const [done] = await app.db.select().from(broadcasts).where(eq(broadcasts.id, b!.id));
    expect(done!.reportedAt).not.toBeNull();
    await app.say('o1', 'o1', '群发记录');
    expect(app.lastTo('o1')?.payload.text).toContain(`#${b!.id} `);
    expect(app.lastTo('o1')?.payload.text).toContain('4个群 · 送达2 失败2 待发0');
  });
});
