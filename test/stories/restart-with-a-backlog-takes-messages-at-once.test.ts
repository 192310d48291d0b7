import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { startApp } from '../../src/main.js';
import { enqueueMessages } from '../../src/core/outbox.js';
import { recordInbound } from '../../src/core/reply-window.js';
import { startBotApiStandin } from '../standins/telegram-bot-api.js';
import { startWechatStandin } from '../standins/wechat-api.js';
import { createCapturingLogger } from '../support/app.js';
import { backends, testDatabaseUrl } from '../support/db.js';
import { DEMO_STATIONS_FILE } from '../support/stations.js';
import { freePort, WECHAT_APP } from '../support/wechat-harness.js';

// === A restart with 300 replies queued on WeChat and 300 group cards on Telegram: the callback and the
// long poll work from the first moment; the backlog goes out behind the new conversation, each row once.
// No wall-clock bounds: the backlog is paced (10 WeChat sends a second, 20 Telegram ones), so "while
// most of it is still queued" leaves a loaded machine many seconds.

const BACKLOG = 300;
const WAITING = Array.from({ length: BACKLOG }, (_, i) => `oBacklog_${String(i).padStart(4, '0')}`);
const GROUPS = Array.from({ length: 10 }, (_, i) => -1001000000100 - i);
const WX_RESIDENT = 'oResident_Restart_01';
const TG_RESIDENT = 501;

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe.each(backends)('a restart with a backlog [%s]', (backend) => {
  it('answers the first WeChat callback and polls Telegram before the backlog went out, replies to new messages first, sends every queued row once', async () => {
    const port = await freePort();
    const wx = await startWechatStandin({
      ...WECHAT_APP,
      callbackUrl: `http://127.0.0.1:${port}/wechat`,
      // The program's own 4 s answer is tested elsewhere; here only the order matters.
      callbackTimeoutMs: 30_000,
    });
    const tg = await startBotApiStandin();
    const dir = mkdtempSync(path.join(tmpdir(), 'lianxin-backlog-'));
    const database = await testDatabaseUrl(backend);
    cleanups.push(
      () => wx.close(),
      () => tg.close(),
      () => database.drop(),
      () => rmSync(dir, { recursive: true, force: true }),
    );
    const env = {
      DATA_DIR: path.join(dir, 'data'),
      DATABASE_URL: database.url,
      STATIONS_FILE: DEMO_STATIONS_FILE,
      PORT: String(port),
      HOST: '127.0.0.1',
      WECHAT_APP_ID: WECHAT_APP.appId,
      WECHAT_APP_SECRET: WECHAT_APP.appSecret,
      WECHAT_TOKEN: WECHAT_APP.token,
      WECHAT_AES_KEY: WECHAT_APP.aesKey,
      WECHAT_API_ROOT: wx.apiRoot,
      TELEGRAM_BOT_TOKEN: tg.token,
      TELEGRAM_API_ROOT: tg.apiRoot,
      TELEGRAM_SEND_PER_SECOND: '20',
    };

    // What the stopped program left: each waiting person wrote (the platform's window is open; its
    // callback found nothing listening), and their reply and the groups' cards are queued.
    expect(new Set((await Promise.all(WAITING.map((openid) => wx.text(openid, '你好')))).map((r) => r.status))).toEqual(new Set([0]));
    const left = await openDatabase(database.url ? { kind: 'postgres', url: database.url } : { kind: 'pglite', dataDir: env.DATA_DIR });
    const now = new Date();
    for (const openid of WAITING) await recordInbound(left.db, 'wechat', openid, now);
    await enqueueMessages(
      left.db,
      WAITING.map((openid, i) => ({ channel: 'wechat', chatId: openid, payload: { text: `积压的回复 ${i}` } })),
      now,
    );
    await enqueueMessages(
      left.db,
      Array.from({ length: BACKLOG }, (_, i) => ({ channel: 'telegram', chatId: String(GROUPS[i % GROUPS.length]), payload: { text: `积压的卡片 ${i}` } })),
      now,
    );
    await left.close();

    const { log } = createCapturingLogger();
    const starting = startApp({ env, stdin: new PassThrough(), stdout: new PassThrough(), log, telegramPacing: 'off' });
    cleanups.push(async () => (await starting).stop());
    const wxBacklogSent = () => wx.sent.filter((m) => m.touser.startsWith('oBacklog_')).length;
    const tgBacklogSent = () => tg.sentMessages().filter((m) => String(m.text).startsWith('积压的卡片')).length;

    // /healthz answers once the process takes messages; the very next callback is taken.
    for (;;) {
      const health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
      if (health?.status === 200) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const answer = await wx.text(WX_RESIDENT, '电视坏了');
    expect({ status: answer.status, body: answer.body }).toEqual({ status: 200, body: 'success' });
    await wx.waitFor(() => wx.sentTo(WX_RESIDENT).length > 0, 30_000);
    // The resident's reply went out while most of the backlog still waited (it takes the next paced slot).
    const wxReply = wx.sent.findIndex((m) => m.touser === WX_RESIDENT);
    expect(wx.sent.slice(0, wxReply).length).toBeLessThan(BACKLOG / 3);

    // Telegram polled while most of its backlog still waited, and a new message is answered before the rest.
    await tg.waitFor(() => tg.calls.some((c) => c.method === 'getUpdates'), 30_000);
    const firstPoll = tg.calls.findIndex((c) => c.method === 'getUpdates');
    expect(tg.calls.slice(0, firstPoll).filter((c) => c.method === 'sendMessage').length).toBeLessThan(BACKLOG / 3);
    tg.pushUpdate(tg.textMessage({ chatId: TG_RESIDENT, userId: TG_RESIDENT, text: '电视坏了' }));
    await tg.waitFor(() => tg.sentMessages(TG_RESIDENT).length > 0, 30_000);
    expect(tgBacklogSent()).toBeLessThan((BACKLOG * 2) / 3);

    await starting;
    // Then the whole backlog, each row once, and a group's cards in their order.
    await wx.waitFor(() => wxBacklogSent() >= BACKLOG, 90_000);
    await tg.waitFor(() => tgBacklogSent() >= BACKLOG, 90_000);
    await new Promise((r) => setTimeout(r, 500)); // anything sent twice would arrive now
    expect(wx.sent.filter((m) => m.touser.startsWith('oBacklog_')).map((m) => m.text?.content)).toHaveLength(BACKLOG);
    for (const [i, openid] of WAITING.entries()) expect(wx.sentTo(openid)).toEqual([`积压的回复 ${i}`]);
    const cards = tg.sentMessages().filter((m) => String(m.text).startsWith('积压的卡片'));
    expect(new Set(cards.map((m) => m.text)).size).toBe(BACKLOG);
    expect(cards).toHaveLength(BACKLOG);
    const group = String(GROUPS[0]);
    const first = cards.filter((m) => String(m.chat_id) === group).map((m) => Number(String(m.text).split(' ')[1]));
    expect(first).toEqual([...first].sort((a, b) => a - b));
  }, 180_000);
});
