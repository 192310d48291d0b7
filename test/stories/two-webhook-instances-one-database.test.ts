import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { outbox, processedMessages, requests } from '../../db/schema.js';
import { startApp } from '../../src/main.js';
import { startBotApiStandin, type BotApiStandin } from '../standins/telegram-bot-api.js';
import { startWechatStandin, type WechatStandin } from '../standins/wechat-api.js';
import { createCapturingLogger } from '../support/app.js';
import { testDatabaseUrl } from '../support/db.js';
import { LONG_MS } from '../support/patience.js';
import { DEMO_STATIONS_FILE } from '../support/stations.js';
import { WECHAT_APP } from '../support/wechat-harness.js';

// Two instances of the program on one PostgreSQL database, as behind a load balancer that delivers some
// updates twice: every Telegram webhook update and every WeChat callback reaches BOTH at the same moment.
// Residents on both channels go through a whole request at once. Each update is handled once, each reply
// is sent once, each request is stored once. (The bench runs the big version of this load.)

const SECRET = 'two-instances-secret-0123456789abcdef';
const TG_RESIDENTS = [7101, 7102, 7103, 7104];
const WX_RESIDENTS = ['oTwoInst_Res_1', 'oTwoInst_Res_2', 'oTwoInst_Res_3', 'oTwoInst_Res_4'];
const INTAKE = ['电视坏了', '1', '文昌', '文昌小区3幢2单元501', '13812345678', '尽快', '1'];

type Started = Awaited<ReturnType<typeof startApp>>;

describe.skipIf(!process.env.DATABASE_URL)('two webhook instances on one PostgreSQL [postgres]', () => {
  let tg: BotApiStandin;
  let wx: WechatStandin;
  let database: Awaited<ReturnType<typeof testDatabaseUrl>>;
  const instances: Started[] = [];
  let fanOut: Server;
  const dirs: string[] = [];

  beforeAll(async () => {
    tg = await startBotApiStandin();
    wx = await startWechatStandin({ appId: WECHAT_APP.appId, appSecret: WECHAT_APP.appSecret, token: WECHAT_APP.token, aesKey: WECHAT_APP.aesKey });
    database = await testDatabaseUrl('postgres');
    for (const name of ['web-1', 'web-2']) {
      const dir = mkdtempSync(path.join(tmpdir(), 'lianxin-two-'));
      dirs.push(dir);
      const env = {
        DATABASE_URL: database.url,
        DATA_DIR: path.join(dir, 'data'),
        STATIONS_FILE: DEMO_STATIONS_FILE,
        INSTANCE_NAME: name,
        PORT: '0',
        HOST: '127.0.0.1',
        TELEGRAM_BOT_TOKEN: tg.token,
        TELEGRAM_API_ROOT: tg.apiRoot,
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/telegram/hook',
        TELEGRAM_WEBHOOK_SECRET: SECRET,
        WECHAT_APP_ID: WECHAT_APP.appId,
        WECHAT_APP_SECRET: WECHAT_APP.appSecret,
        WECHAT_TOKEN: WECHAT_APP.token,
        WECHAT_AES_KEY: WECHAT_APP.aesKey,
        WECHAT_API_ROOT: wx.apiRoot,
        // The residents here answer faster than anyone types: flood control would rightly hold them back.
        FLOOD_BURST: '100',
      };
      instances.push(await startApp({ env, stdin: new PassThrough(), stdout: new PassThrough(), log: createCapturingLogger().log, telegramPacing: 'off' }));
    }
    // The platform's callback reaches both instances at once; the platform reads the first answer.
    fanOut = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        const body = Buffer.concat(chunks);
        const answers = instances.map((i) =>
          fetch(`http://127.0.0.1:${i.httpPort()}${req.url}`, { method: req.method, body: req.method === 'POST' ? body : undefined }).then(async (r) => ({
            status: r.status,
            text: await r.text(),
          })),
        );
        const first = await Promise.any(answers);
        await Promise.allSettled(answers);
        res.writeHead(first.status).end(first.text);
      });
    });
    await new Promise<void>((r) => fanOut.listen(0, '127.0.0.1', r));
    const address = fanOut.address();
    wx.setCallbackUrl(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/wechat`);
  }, LONG_MS);

  afterAll(async () => {
    for (const i of instances) await i.stop();
    await new Promise((r) => fanOut?.close(r));
    await tg?.close();
    await wx?.close();
    await database?.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }, LONG_MS);

  /** A Telegram update POSTed to both instances' webhooks at the same moment; both must answer 200. */
  async function telegramToBoth(update: object) {
    const statuses = await Promise.all(
      instances.map((i) =>
        fetch(`http://127.0.0.1:${i.httpPort()}/telegram/hook`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
          body: JSON.stringify(update),
        }).then((r) => r.status),
      ),
    );
    expect(statuses).toEqual([200, 200]);
  }
  let updateId = 900_000;

  it('handles each update once, sends each reply once and stores each request once', { timeout: LONG_MS }, async () => {
    const telegramResident = async (chatId: number) => {
      for (const text of INTAKE) {
        const update = { ...tg.textMessage({ chatId, userId: chatId, text, firstName: '居民' }), update_id: ++updateId };
        await telegramToBoth(update);
        // The platform delivers it again (to both): no second effect.
        if (text === '文昌') await telegramToBoth(update);
      }
    };
    const wechatResident = async (openid: string) => {
      for (const text of INTAKE) {
        const answer = await wx.text(openid, text);
        expect(answer.status).toBe(200);
        // The platform retries a callback byte for byte (same MsgId): both instances get it again.
        if (text === '文昌') expect((await wx.replay(answer.request)).status).toBe(200);
      }
    };
    await Promise.all([...TG_RESIDENTS.map(telegramResident), ...WX_RESIDENTS.map(wechatResident)]);

    // Every resident reads one ticket, once.
    for (const chatId of TG_RESIDENTS) await tg.waitFor(() => tg.sentMessages(chatId).some((m) => String(m.text).includes('单号')));
    for (const openid of WX_RESIDENTS) await wx.waitFor(() => wx.sentTo(openid).some((m) => m.includes('单号')));

    const { db, close } = await openDatabase({ kind: 'postgres', url: database.url });
    try {
      // Requests: one per resident, each ticket once.
      const stored = await db.select({ ticket: requests.ticket, chatId: requests.chatId }).from(requests);
      expect(stored.map((r) => r.chatId).sort()).toEqual([...TG_RESIDENTS.map(String), ...WX_RESIDENTS].sort());
      expect(new Set(stored.map((r) => r.ticket)).size).toBe(stored.length);

      // Updates: each one handled once (one processed row per distinct message).
      const processed = await db.select().from(processedMessages);
      expect(processed.filter((p) => p.key.startsWith('telegram:'))).toHaveLength(TG_RESIDENTS.length * INTAKE.length);
      expect(processed.filter((p) => p.key.startsWith('wechat:'))).toHaveLength(WX_RESIDENTS.length * INTAKE.length);

      // Replies: what each person read is exactly the outbox rows written for them, each sent once.
      for (const chatId of [...TG_RESIDENTS.map(String), ...WX_RESIDENTS]) {
        const rows = await db.select({ status: outbox.status, channel: outbox.channel }).from(outbox).where(eq(outbox.chatId, chatId));
        expect(rows.every((r) => r.status === 'sent')).toBe(true);
        const read = rows[0]?.channel === 'telegram' ? tg.sentMessages(chatId).length : wx.sentTo(chatId).length;
        expect(read, chatId).toBe(rows.length);
        const tickets = (rows[0]?.channel === 'telegram' ? tg.sentMessages(chatId).map((m) => String(m.text)) : wx.sentTo(chatId)).filter((t) =>
          t.includes('单号'),
        );
        expect(tickets, chatId).toHaveLength(1);
      }
    } finally {
      await close();
    }
  });
});
