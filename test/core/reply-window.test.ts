import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { outbox, replyWindows } from '../../db/schema.js';
import { createApp } from '../../src/app.js';
import { createConfig } from '../../src/config.js';
import type { IncomingMessage, OutgoingPayload } from '../../src/core/message.js';
import { enqueueClaimed, enqueueMessages, releaseRows } from '../../src/core/outbox.js';
import { DeliveryError, type Sender } from '../../src/core/ports.js';
import { recordInbound, takeReplySlot } from '../../src/core/reply-window.js';
import { texts } from '../../src/texts/resident.js';
import { createCapturingLogger } from '../support/app.js';
import { describeDb } from '../support/db.js';
import { DEMO_STATIONS_FILE } from '../support/stations.js';

const HOUR = 3_600_000;
const RULE = { ms: 48 * HOUR, perMessage: 5 };

/** A sender with WeChat's rules: messages only in the window (kept by the outbox), notices any time. */
function windowSender(o: { platformSaysClosed?: () => boolean } = {}) {
  const messages: { chatId: string; text: string }[] = [];
  const notices: { chatId: string; kind: string }[] = [];
  const sender: Sender = {
    replyWindow: RULE,
    async send(chatId, payload) {
      if (o.platformSaysClosed?.()) throw new DeliveryError('window_closed', 'errcode 45015', { permanent: false });
      messages.push({ chatId, text: payload.text });
      return {};
    },
    async sendNotice(chatId, payload) {
      notices.push({ chatId, kind: payload.notice!.kind });
      return { externalId: `tpl-${notices.length}` };
    },
  };
  return { sender, messages, notices };
}

describeDb('reply windows', (ctx) => {
  let now = new Date('2026-12-01T02:00:00Z');
  const clock = () => now;
  let seq = 0;

  async function appWith(sender: Sender) {
    const { log } = createCapturingLogger();
    return createApp({
      config: createConfig({ STATIONS_FILE: DEMO_STATIONS_FILE }),
      database: ctx.database,
      log,
      clock,
      senders: { wx: sender },
      delivery: 'await-all',
    });
  }
  const msg = (openid: string, content: IncomingMessage['content']): IncomingMessage => ({
    channel: 'wx',
    chatId: openid,
    userId: openid,
    displayName: '',
    isGroup: false,
    messageId: `m${++seq}`,
    content,
  });
  const notice = (ticket: string): OutgoingPayload => ({
    text: `好消息：您的求助 ${ticket} 已由志愿者 王师傅 接单。`,
    notice: { kind: 'request_claimed', fields: { ticket, service: '家电维修', volunteer: '王师傅', status: '已接单' } },
  });
  const statuses = async (chatId: string) =>
    (await ctx.database.db.select().from(outbox).where(eq(outbox.chatId, chatId)).orderBy(outbox.id)).map((r) => `${r.status}:${r.sentVia ?? r.lastError}`);

  it('counts the messages sent since the person last wrote, and refuses a sixth or after 48 h', async () => {
    const db = ctx.database.db;
    await recordInbound(db, 'wx', 'o-count', now);
    const taken = [];
    for (let i = 0; i < 6; i++) taken.push(await takeReplySlot(db, 'wx', 'o-count', RULE, now));
    expect(taken).toEqual([true, true, true, true, true, false]);
    await recordInbound(db, 'wx', 'o-count', now);
    expect(await takeReplySlot(db, 'wx', 'o-count', RULE, new Date(now.getTime() + 47 * HOUR))).toBe(true);
    expect(await takeReplySlot(db, 'wx', 'o-count', RULE, new Date(now.getTime() + 48 * HOUR + 1))).toBe(false);
    expect(await takeReplySlot(db, 'wx', 'o-never-wrote', RULE, now)).toBe(false);
  });

  it('counts in a new window the replies to earlier messages not sent yet, whichever instance holds them; a reply given back unsent frees its slot', async () => {
    const db = ctx.database.db;
    // A channel no app of this file delivers: these rows stay as written.
    const chat = { channel: 'wx-carry', chatId: 'o-carry' };
    const lease = (by: string) => ({ by, until: new Date(now.getTime() + 30_000) });
    const counted = async () =>
      (
        await db
          .select()
          .from(replyWindows)
          .where(and(eq(replyWindows.channel, chat.channel), eq(replyWindows.chatId, chat.chatId)))
      )[0]?.sentSinceInbound;
    const inbound = (rows: Awaited<ReturnType<typeof enqueueClaimed>>) =>
      recordInbound(db, chat.channel, chat.chatId, now, { perMessage: RULE.perMessage, rows });
    // The first message: two replies, held by instance web-1, not sent yet.
    const first = await enqueueClaimed(db, chat, [{ text: '回复一' }, { text: '回复二' }], now, lease('web-1'), RULE.perMessage);
    expect(await inbound(first)).toBe(2);
    // The person writes again while web-1's replies are on their way: the platform counts them after this message, so do we.
    const second = await enqueueClaimed(db, chat, [{ text: '回复三' }], now, lease('web-1'), RULE.perMessage);
    expect(await inbound(second)).toBe(3);
    expect(await takeReplySlot(db, chat.channel, chat.chatId, RULE, now)).toBe(true);
    expect(await takeReplySlot(db, chat.channel, chat.chatId, RULE, now)).toBe(true);
    expect(await takeReplySlot(db, chat.channel, chat.chatId, RULE, now)).toBe(false);
    // web-1 gives its first reply back unsent: its slot is free again; sending it later takes one and marks it.
    await releaseRows(db, 'web-1', [first[0]!.id], now);
    expect(await counted()).toBe(4);
    expect(await takeReplySlot(db, chat.channel, chat.chatId, RULE, now, first[0]!.id)).toBe(true);
    // web-2 answers the next message while those three are still unsent (its reply written due, for whoever delivers the chat):
    // the new window counts the three.
    const third = await enqueueClaimed(db, chat, [{ text: '回复四' }], now, lease('web-2'), RULE.perMessage);
    expect(third.map((r) => [r.claimedBy, r.windowSlot])).toEqual([[null, false]]);
    expect(await inbound(third)).toBe(3);
  });

  it('lets the newest replies of a message ask for a slot when sent, when earlier unsent ones fill the new window', async () => {
    const db = ctx.database.db;
    const chat = { channel: 'wx-carry', chatId: 'o-over' };
    const lease = { by: 'web-1', until: new Date(now.getTime() + 30_000) };
    const write = (texts: string[]) =>
      enqueueClaimed(
        db,
        chat,
        texts.map((text) => ({ text })),
        now,
        lease,
        RULE.perMessage,
      );
    const first = await write(['一', '二', '三', '四']);
    expect(await recordInbound(db, chat.channel, chat.chatId, now, { perMessage: RULE.perMessage, rows: first })).toBe(4);
    const second = await write(['五', '六', '七']);
    expect(await recordInbound(db, chat.channel, chat.chatId, now, { perMessage: RULE.perMessage, rows: second })).toBe(RULE.perMessage);
    expect(second.map((r) => r.windowSlot)).toEqual([true, false, false]);
    const marks = await db.select({ windowSlot: outbox.windowSlot }).from(outbox).where(eq(outbox.chatId, chat.chatId)).orderBy(outbox.id);
    expect(marks.map((r) => r.windowSlot)).toEqual([true, true, true, true, true, false, false]);
  });

  it('answers a person in the window; outside it a notice goes as a template and other messages wait', async () => {
    const w = windowSender();
    const app = await appWith(w.sender);
    await app.handle(msg('o-res', { kind: 'text', text: '电视坏了' }));
    expect(w.messages.map((m) => m.chatId)).toEqual(['o-res']);

    now = new Date(now.getTime() + 49 * HOUR);
    await enqueueMessages(ctx.database.db, [{ channel: 'wx', chatId: 'o-res', payload: notice('20261201-0001') }], now);
    await enqueueMessages(ctx.database.db, [{ channel: 'wx', chatId: 'o-res', payload: { text: '一条普通的消息' } }], now);
    await app.delivery.deliverDue();
    expect(w.notices).toEqual([{ chatId: 'o-res', kind: 'request_claimed' }]);
    expect(w.messages).toHaveLength(1);
    expect(await statuses('o-res')).toEqual(['sent:message', 'sent:notice', 'held:window_closed']);
    await app.stop();
  });

  it('sends what was held once the person writes again: their answer first, then one digest', async () => {
    const w = windowSender();
    const app = await appWith(w.sender);
    await app.handle(msg('o-back', { kind: 'text', text: '你好' }));
    now = new Date(now.getTime() + 50 * HOUR);
    await enqueueMessages(
      ctx.database.db,
      ['第一条', '第二条'].map((text) => ({ channel: 'wx', chatId: 'o-back', payload: { text } })),
      now,
    );
    await app.delivery.deliverDue();
    expect(w.messages).toHaveLength(1);

    await app.handle(msg('o-back', { kind: 'text', text: '查询' }));
    const [answer, digest] = w.messages.slice(1);
    expect(answer!.text).not.toContain('第一条');
    expect(digest!.text).toBe([texts.heldDigest(2), '· 第一条', '· 第二条'].join('\n'));
    expect((await statuses('o-back')).filter((s) => s.startsWith('merged'))).toHaveLength(2);
    // Nothing is sent twice on the next pass.
    await app.delivery.deliverDue();
    expect(w.messages).toHaveLength(3);
    await app.stop();
  });

  it('believes the platform when it says the window is closed, and falls back to the notice', async () => {
    let closed = false;
    const w = windowSender({ platformSaysClosed: () => closed });
    const app = await appWith(w.sender);
    await app.handle(msg('o-platform', { kind: 'text', text: '你好' }));
    closed = true;
    await enqueueMessages(ctx.database.db, [{ channel: 'wx', chatId: 'o-platform', payload: notice('20261201-0002') }], now);
    await enqueueMessages(ctx.database.db, [{ channel: 'wx', chatId: 'o-platform', payload: { text: '普通消息' } }], now);
    await app.delivery.deliverDue();
    expect(w.notices.map((n) => n.chatId)).toEqual(['o-platform']);
    expect((await statuses('o-platform')).slice(1)).toEqual(['sent:notice', 'held:window_closed']);
    const [win] = await ctx.database.db
      .select()
      .from(replyWindows)
      .where(and(eq(replyWindows.channel, 'wx'), eq(replyWindows.chatId, 'o-platform')));
    expect(win!.sentSinceInbound).toBe(RULE.perMessage);
    await app.stop();
  });

  it('sends nothing to an account that unfollowed, and greets it with what was held when it follows again', async () => {
    const w = windowSender();
    const app = await appWith(w.sender);
    await app.handle(msg('o-follow', { kind: 'followed' }));
    expect(w.messages.map((m) => m.text)).toEqual([texts.welcome]);
    await app.handle(msg('o-follow', { kind: 'unfollowed' }));
    await enqueueMessages(ctx.database.db, [{ channel: 'wx', chatId: 'o-follow', payload: notice('20261201-0003') }], now);
    await app.delivery.deliverDue();
    expect(w.messages).toHaveLength(1);
    expect(w.notices).toHaveLength(0);
    expect((await statuses('o-follow')).at(-1)).toBe('held:blocked');

    await app.handle(msg('o-follow', { kind: 'followed' }));
    expect(w.messages.slice(1).map((m) => m.text.split('\n')[0])).toEqual([texts.welcome.split('\n')[0], texts.heldDigest(1)]);
    await app.stop();
  });

  it('leaves channels without a reply window as they were', async () => {
    const sent: string[] = [];
    const app = await appWith({
      async send(_chatId, payload) {
        sent.push(payload.text);
        return {};
      },
    });
    await enqueueMessages(ctx.database.db, [{ channel: 'wx', chatId: 'o-free', payload: { text: '随时可发' } }], now);
    await app.delivery.deliverDue();
    expect(sent).toEqual(['随时可发']);
    await app.stop();
  });
});
