import { eq, like } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { channelIdentities, outbox } from '../../db/schema.js';
import { createOutboxDelivery } from '../../src/core/outbox-delivery.js';
import { enqueueClaimed, enqueueMessages } from '../../src/core/outbox.js';
import { peoplePort } from '../../src/domain/people/people.js';
import { DeliveryError } from '../../src/core/ports.js';
import { createCapturingLogger, createMemorySender, createTestApp } from '../support/app.js';
import { describeDb } from '../support/db.js';

describeDb('outbox', (ctx) => {
  const clockAt = (start: string) => {
    let now = new Date(start);
    return { clock: () => now, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
  };

  it('delivers once after a crash between commit and send', async () => {
    const crashed = await createTestApp(ctx.database, { noDelivery: true });
    await crashed.say('o-crash', '电视坏了');
    expect(crashed.sender.sent).toHaveLength(0);
    const pending = await ctx.database.db.select().from(outbox).where(eq(outbox.chatId, 'o-crash'));
    expect(pending.map((r) => r.status)).toEqual(['pending']);

    const sender = createMemorySender();
    const { log } = createCapturingLogger();
    const restarted = createOutboxDelivery({ db: ctx.database.db, senders: { test: sender }, log });
    await restarted.deliverDue();
    await restarted.deliverDue();
    expect(sender.sent.filter((s) => s.chatId === 'o-crash')).toHaveLength(1);
    const [row] = await ctx.database.db.select().from(outbox).where(eq(outbox.chatId, 'o-crash'));
    expect(row!.status).toBe('sent');
  });

  it('keeps one chat’s order even when rows were updated (RETURNING has no order)', async () => {
    const sender = createMemorySender();
    const { log } = createCapturingLogger();
    const delivery = createOutboxDelivery({ db: ctx.database.db, senders: { ord: sender }, log });
    const ids = await enqueueMessages(
      ctx.database.db,
      ['一', '二', '三', '四', '五'].map((text) => ({ channel: 'ord', chatId: 'o-order', payload: { text } })),
      new Date(),
    );
    // Touch the first rows so that PostgreSQL stores their new versions after the others.
    await ctx.database.db.update(outbox).set({ lastError: 'x' }).where(eq(outbox.id, ids[0]!));
    await ctx.database.db.update(outbox).set({ lastError: 'y' }).where(eq(outbox.id, ids[1]!));
    await delivery.deliverDue();
    expect(sender.sent.map((s) => s.payload.text)).toEqual(['一', '二', '三', '四', '五']);
  });

  it('delivers a person’s reply while a slow group chat is still being sent to', async () => {
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    let slowStarted = () => {};
    const sending = new Promise<void>((r) => (slowStarted = r));
    const sent: string[] = [];
    const sender = {
      async send(chatId: string) {
        if (chatId === 'o-slow-group') {
          slowStarted();
          await gate;
        }
        sent.push(chatId);
        return {};
      },
    };
    const { log } = createCapturingLogger();
    const delivery = createOutboxDelivery({ db: ctx.database.db, senders: { slow: sender }, log });
    await enqueueMessages(ctx.database.db, [{ channel: 'slow', chatId: 'o-slow-group', payload: { text: '卡片' } }], new Date());
    const background = delivery.deliverDue();
    await sending; // the group's send is under way (and stuck)
    // The reply, written claimed with the person's message and handed over after its commit.
    const rows = await enqueueClaimed(
      ctx.database.db,
      { channel: 'slow', chatId: 'o-resident' },
      [{ text: '回复' }],
      new Date(),
      delivery.claimFor('slow', new Date())!,
    );
    await delivery.handOff({ rows });
    expect(sent).toEqual(['o-resident']);
    release();
    await background;
    expect(sent).toEqual(['o-resident', 'o-slow-group']);
  });

  it('sends a person’s reply at the next paced slot, ahead of a backlog of other chats waiting for theirs', async () => {
    // The pacer's time moves only when the test says: one slot a (fake) second.
    let t = 0;
    const sleepers: (() => void)[] = [];
    const pacerClock = { now: () => t, sleep: () => new Promise<void>((r) => sleepers.push(r)) };
    const nextSlot = async () => {
      t += 1000;
      for (const wake of sleepers.splice(0)) wake();
      await new Promise((r) => setTimeout(r, 5));
    };
    const sender = createMemorySender();
    const { log } = createCapturingLogger();
    const delivery = createOutboxDelivery({ db: ctx.database.db, senders: { lane: sender }, log, pacing: { lane: { perSecond: 1 } }, pacerClock });
    const attempted = async (prefix: string) =>
      (
        await ctx.database.db
          .select()
          .from(outbox)
          .where(like(outbox.chatId, `${prefix}%`))
      ).filter((r) => r.attempts > 0).length;
    const waitFor = async (check: () => Promise<boolean>) => {
      while (!(await check())) await new Promise((r) => setTimeout(r, 10));
    };
    const backlog = Array.from({ length: 20 }, (_, i) => ({ channel: 'lane', chatId: `o-lane-backlog-${i}`, payload: { text: '积压的回复' } }));
    await enqueueMessages(ctx.database.db, backlog, new Date());
    const draining = delivery.deliverDue();
    // The first backlog send took the free slot; the other nineteen wait in the pacer.
    await waitFor(async () => sender.sent.length === 1 && (await attempted('o-lane-backlog-')) === 20);
    const rows = await enqueueClaimed(
      ctx.database.db,
      { channel: 'lane', chatId: 'o-lane-resident' },
      [{ text: '回复' }],
      new Date(),
      delivery.claimFor('lane', new Date())!,
    );
    const replying = delivery.handOff({ rows });
    await waitFor(async () => (await attempted('o-lane-resident')) === 1);
    await nextSlot();
    await waitFor(async () => sender.sent.length === 2);
    expect(sender.sent.map((s) => s.chatId.replace(/-\d+$/, ''))).toEqual(['o-lane-backlog', 'o-lane-resident']);
    while (sender.sent.length < 21) await nextSlot();
    await Promise.all([replying, draining]);
    expect(new Set(sender.sent.map((s) => s.chatId)).size).toBe(21);
  });

  it('delivers each channel on its own: a hundred rows stuck on one channel do not hold another channel’s', async () => {
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const stuck = { send: () => gate.then(() => ({})) };
    const other = createMemorySender();
    const { log } = createCapturingLogger();
    const delivery = createOutboxDelivery({ db: ctx.database.db, senders: { stuck, other }, log });
    const at = new Date();
    await enqueueMessages(
      ctx.database.db,
      Array.from({ length: 100 }, (_, i) => ({ channel: 'stuck', chatId: `o-stuck-${i}`, payload: { text: '积压' } })),
      at,
    );
    await enqueueMessages(ctx.database.db, [{ channel: 'other', chatId: 'o-other', payload: { text: '卡片' } }], at);
    const draining = delivery.deliverDue();
    for (let i = 0; i < 500 && other.sent.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(other.sent.map((s) => s.chatId)).toEqual(['o-other']);
    release();
    expect(await draining).toBe(101);
  });

  it('is woken by the commit’s outbox notification (on PostgreSQL a LISTEN on a connection of its own), with no poll and no call', async () => {
    const sender = createMemorySender();
    const { log } = createCapturingLogger();
    const delivery = createOutboxDelivery({
      db: ctx.database.db,
      senders: { nf: sender },
      log,
      listen: (onNotify) => ctx.database.listen('outbox', onNotify),
    });
    // A poll once an hour: only the notification can wake it.
    await delivery.start(3_600_000);
    try {
      await ctx.database.db.transaction((tx) => enqueueMessages(tx, [{ channel: 'nf', chatId: 'o-notified', payload: { text: '新任务' } }], new Date()));
      await expect.poll(() => sender.sent.map((s) => s.chatId)).toEqual(['o-notified']);
    } finally {
      await delivery.stop();
    }
  });

  it('never adds the same dedup key twice', async () => {
    const at = new Date();
    const msg = { channel: 'test', chatId: 'o-dedup', payload: { text: '您好' }, dedupKey: 'event-1:o-dedup' };
    const first = await enqueueMessages(ctx.database.db, [msg], at);
    const second = await enqueueMessages(ctx.database.db, [msg], at);
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(0);
  });

  it('waits out a rate limit, keeps a chat’s order, and sends each message once', async () => {
    const time = clockAt('2026-05-01T00:00:00Z');
    const sender = createMemorySender();
    const { log } = createCapturingLogger();
    const delivery = createOutboxDelivery({ db: ctx.database.db, senders: { rl: sender }, log, clock: time.clock });
    await enqueueMessages(
      ctx.database.db,
      ['第一条', '第二条', '第三条'].map((text) => ({ channel: 'rl', chatId: 'o-rl', payload: { text } })),
      time.clock(),
    );
    let failures = 2;
    sender.failWith(() => (failures-- > 0 ? new DeliveryError('rate_limited', '429', { permanent: false, retryAfterMs: 3000 }) : null));
    await delivery.deliverDue();
    expect(sender.sent).toHaveLength(0);
    time.advance(1000);
    await delivery.deliverDue();
    expect(sender.sent).toHaveLength(0); // retry_after not over yet
    time.advance(2500);
    await delivery.deliverDue();
    time.advance(3500);
    await delivery.deliverDue();
    expect(sender.sent.map((s) => s.payload.text)).toEqual(['第一条', '第二条', '第三条']);
  });

  it('stops trying a person who blocked the bot and marks them', async () => {
    const app = await createTestApp(ctx.database, { noDelivery: true });
    await app.say('o-blocked', '你好');
    const sender = createMemorySender();
    sender.failWith(() => new DeliveryError('blocked', 'Forbidden: bot was blocked by the user', { permanent: true }));
    const { log } = createCapturingLogger();
    const delivery = createOutboxDelivery({ db: ctx.database.db, senders: { test: sender }, log, onBlocked: peoplePort.markBlocked });
    await delivery.deliverDue();
    const [row] = await ctx.database.db.select().from(outbox).where(eq(outbox.chatId, 'o-blocked'));
    expect(row).toMatchObject({ status: 'failed', lastError: 'blocked', attempts: 1 });
    const [identity] = await ctx.database.db.select().from(channelIdentities).where(eq(channelIdentities.externalId, 'o-blocked'));
    expect(identity!.blockedAt).not.toBeNull();
    await app.say('o-blocked', '电视坏了');
    const [after] = await ctx.database.db.select().from(channelIdentities).where(eq(channelIdentities.externalId, 'o-blocked'));
    expect(after!.blockedAt).toBeNull();
  });

  it('follows a group that moved to a new chat id', async () => {
    const sender = createMemorySender();
    sender.failWith((chatId) => (chatId === '-100' ? new DeliveryError('chat_migrated', 'migrated', { permanent: false, newChatId: '-1009999' }) : null));
    const { log } = createCapturingLogger();
    const delivery = createOutboxDelivery({ db: ctx.database.db, senders: { mg: sender }, log });
    await enqueueMessages(ctx.database.db, [{ channel: 'mg', chatId: '-100', payload: { text: '新任务' } }], new Date());
    await delivery.deliverDue();
    await delivery.deliverDue();
    expect(sender.sent).toEqual([{ chatId: '-1009999', payload: { text: '新任务' } }]);
  });

  it('gives up after the maximum attempts', async () => {
    const time = clockAt('2026-05-02T00:00:00Z');
    const sender = createMemorySender();
    sender.failWith(() => new Error('socket hang up'));
    const { log } = createCapturingLogger();
    const delivery = createOutboxDelivery({ db: ctx.database.db, senders: { gu: sender }, log, clock: time.clock, maxAttempts: 3 });
    await enqueueMessages(ctx.database.db, [{ channel: 'gu', chatId: 'o-giveup', payload: { text: 'x' } }], time.clock());
    for (let i = 0; i < 5; i++) {
      await delivery.deliverDue();
      time.advance(120_000);
    }
    const [row] = await ctx.database.db.select().from(outbox).where(eq(outbox.chatId, 'o-giveup'));
    expect(row).toMatchObject({ status: 'failed', attempts: 3, lastError: 'network' });
  });
});
