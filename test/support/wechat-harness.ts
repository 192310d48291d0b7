import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Logger } from 'pino';
import type { App } from '../../src/app.js';
import { createWechatChannel } from '../../src/channels/wechat/wechat-channel.js';
import type { HttpServer } from '../../src/http/server.js';
import type { SharedToken } from '../../src/core/shared-token.js';
import { type BotApiStandin, startBotApiStandin } from '../standins/telegram-bot-api.js';
import { type CallbackResult, startWechatStandin, type WechatStandin } from '../standins/wechat-api.js';
import { type Backend, testDatabaseUrl } from './db.js';
import { WAIT_MS } from './patience.js';
import { buttonData } from './telegram-harness.js';
import { DEMO_STATIONS_FILE } from './stations.js';
import { freePort } from './free-port.js';

// === `npm start` as users run it, with WeChat (and optionally Telegram) pointed at local stand-ins

/** An access-token store without a database, for a channel built in the test's process (it takes whatever store it is given). */
export function memoryToken(fetch: (force: boolean) => Promise<{ token: string }>): SharedToken {
  let token: string | null = null;
  return { get: async () => (token ??= (await fetch(false)).token), renew: async () => (token = (await fetch(true)).token) };
}

/** The made-up account of the channels tests build in their own process. */
export const IN_PROCESS_APP = { appId: 'wx0123456789abcdef', appSecret: 'd'.repeat(32), token: 'tok3n', aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' };

/** The settings of a WeChat channel built in the test's process against the stand-in `wx` (which plays `IN_PROCESS_APP`), on `http`. */
export function inProcessChannelSettings(wx: WechatStandin, http: HttpServer) {
  return {
    ...IN_PROCESS_APP,
    apiRoot: wx.apiRoot,
    path: '/wechat',
    templates: {},
    replyWindow: { ms: 48 * 3_600_000, perMessage: 5 },
    menuReplies: true,
    http,
    tokenStore: memoryToken,
  };
}

/**
 * Starts `app` with a WeChat channel built in the test's process against the stand-in `wx`, listening on
 * `http` (channel settings `extra` on top of the usual ones); the platform's callbacks go to it. Returns its stop.
 */
export async function startInProcessWechat(
  app: App,
  wx: WechatStandin,
  http: HttpServer,
  log: Logger,
  extra: Partial<Parameters<typeof createWechatChannel>[0]> = {},
): Promise<() => Promise<void>> {
  const channel = createWechatChannel({ ...inProcessChannelSettings(wx, http), handle: app.handle, log, ...extra });
  app.addSender('wechat', channel.sender);
  await http.listen(0, '127.0.0.1');
  await app.start();
  await channel.start();
  wx.setCallbackUrl(`http://127.0.0.1:${http.port()}/wechat`);
  return async () => {
    await app.stop();
    await http.close();
  };
}

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The service account the stand-in plays and the program is configured with (made up). */
export const WECHAT_APP = {
  appId: 'wx5e1f0a2b3c4d5e6f',
  appSecret: 'Q7mZ2xK9pL4vN8rT1wY6bC3dF5gH0jS2',
  token: 'lianxinTok3n',
  aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
} as const;

/** Template ids by notice kind, as WECHAT_TEMPLATES configures them. */
export const TEMPLATE_IDS = {
  request_claimed: 'TPL_CLAIMED_0001',
  volunteer_departed: 'TPL_DEPARTED_002',
  volunteer_arrived: 'TPL_ARRIVED_0003',
  request_done: 'TPL_DONE_0000004',
  request_released: 'TPL_RELEASED_005',
  task_offered: 'TPL_OFFERED_0006',
} as const;

/** WECHAT_TEMPLATES: the ticket in `character_string1` of every template. */
export const WECHAT_TEMPLATES = Object.fromEntries(
  Object.entries(TEMPLATE_IDS).map(([kind, id]) => [
    kind,
    { id, fields: { character_string1: 'ticket', thing2: 'service', thing3: kind === 'task_offered' ? 'community' : 'volunteer', phrase4: 'status' } },
  ]),
);

export interface WechatHarnessOptions {
  backend: Backend;
  /** 安全模式 (encrypted callbacks, WECHAT_AES_KEY set); default true. 明文模式 when false. */
  safeMode?: boolean;
  /** Also run the Telegram channel against a Bot API stand-in. */
  telegram?: boolean;
  /** ORGANIZERS. */
  organizers?: string;
  /** More settings, or overrides. */
  env?: Record<string, string>;
}

export { freePort };

/**
 * Every message an openid read, in the order the platform accepted them: customer-service messages
 * as the stand-in's `sentTo` flattens them (a msgmenu is head and items), templates as
 * `[模板 <id>] key=value …`. (The stand-in's `at` follows its clock, which a story may move.)
 */
function readBy(wx: WechatStandin, openid: string): string[] {
  return wx.calls
    .filter((c) => c.errcode === 0 && c.method === 'POST' && c.body?.touser === openid)
    .flatMap((c) => {
      if (c.path === '/cgi-bin/message/template/send') {
        const data = Object.entries((c.body.data ?? {}) as Record<string, { value: string }>);
        return [`[模板 ${c.body.template_id}] ${data.map(([k, v]) => `${k}=${v.value}`).join(' ')}`];
      }
      if (c.path !== '/cgi-bin/message/custom/send') return [];
      const b = c.body as { text?: { content: string }; msgmenu?: { head_content?: string; list: { content: string }[]; tail_content?: string } };
      if (b.text) return [b.text.content];
      if (b.msgmenu)
        return [
          [b.msgmenu.head_content, ...b.msgmenu.list.map((i) => i.content), b.msgmenu.tail_content].filter((x) => x !== undefined && x !== '').join('\n'),
        ];
      return [JSON.stringify(b)];
    });
}

type Child = ChildProcessWithoutNullStreams & { out: () => string };

export async function startWechatHarness(options: WechatHarnessOptions) {
  const safeMode = options.safeMode ?? true;
  const wx = await startWechatStandin({
    appId: WECHAT_APP.appId,
    appSecret: WECHAT_APP.appSecret,
    token: WECHAT_APP.token,
    ...(safeMode ? { aesKey: WECHAT_APP.aesKey } : {}),
    templates: Object.values(TEMPLATE_IDS),
    // The program's own 4 s answer is proven in test/channels/wechat/callback.test.ts; on a busy
    // machine the platform's 5 s would only make these stories flaky.
    callbackTimeoutMs: WAIT_MS,
  });
  const tg = options.telegram ? await startBotApiStandin() : undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'lianxin-wx-'));
  const database = await testDatabaseUrl(options.backend);
  const port = await freePort();
  const env: Record<string, string> = {
    DATA_DIR: path.join(dir, 'data'),
    DATABASE_URL: database.url,
    STATIONS_FILE: DEMO_STATIONS_FILE,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    WECHAT_APP_ID: WECHAT_APP.appId,
    WECHAT_APP_SECRET: WECHAT_APP.appSecret,
    WECHAT_TOKEN: WECHAT_APP.token,
    WECHAT_AES_KEY: safeMode ? WECHAT_APP.aesKey : '',
    WECHAT_API_ROOT: wx.apiRoot,
    WECHAT_TEMPLATES: JSON.stringify(WECHAT_TEMPLATES),
    TELEGRAM_BOT_TOKEN: tg ? tg.token : '',
    TELEGRAM_API_ROOT: tg ? tg.apiRoot : '',
    TELEGRAM_WEBHOOK_URL: '',
    TELEGRAM_WEBHOOK_SECRET: '',
    ORGANIZERS: options.organizers ?? '',
    // A scripted person answers faster than anyone types: flood control (tested on its own) would hold them back.
    FLOOD_BURST: '1000',
    ...options.env,
  };

  let child: Child | undefined;
  let exited: Promise<{ code: number | null; signal: string | null }> = Promise.resolve({ code: null, signal: null });

  /** `npm start --silent`, as a person or a process manager runs it; resolves once it logged `started`. */
  async function start() {
    // Its own process group: npm stays the parent of node, and a SIGKILL must reach both.
    const c = spawn('npm', ['start', '--silent'], { cwd: root, env: { ...process.env, ...env }, detached: true });
    let out = '';
    c.stdout.on('data', (d) => (out += String(d)));
    c.stderr.on('data', (d) => (out += String(d)));
    child = Object.assign(c, { out: () => out });
    // Should the test process end without afterAll (Ctrl+C), the program does not outlive it.
    const orphaned = () => {
      try {
        process.kill(-c.pid!, 'SIGKILL');
      } catch {}
    };
    process.once('exit', orphaned);
    exited = new Promise((resolve) =>
      c.on('exit', (code, signal) => {
        process.off('exit', orphaned);
        resolve({ code, signal });
      }),
    );
    await waitForLog('started');
    wx.setCallbackUrl(`http://127.0.0.1:${port}${env.WECHAT_PATH ?? '/wechat'}`);
  }

  /** The program's log lines (JSON on standard error) so far. */
  function logLines(): Record<string, unknown>[] {
    return (child?.out() ?? '')
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
  }

  async function waitForLog(msg: string, timeoutMs = WAIT_MS) {
    const until = Date.now() + timeoutMs;
    while (!logLines().some((l) => l.msg === msg)) {
      if (Date.now() > until || child?.exitCode !== null) throw new Error(`no log line "${msg}"; output so far:\n${child?.out()}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** One SIGTERM (npm passes it on to the program); SIGKILL to the process group if it is still there after `WAIT_MS`. Resolves with how it ended. */
  async function stop() {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return exited;
    const force = setTimeout(() => {
      try {
        process.kill(-c.pid!, 'SIGKILL');
      } catch {
        c.kill('SIGKILL');
      }
    }, WAIT_MS);
    c.kill('SIGTERM');
    const end = await exited;
    clearTimeout(force);
    return end;
  }

  const read = (openid: string) => readBy(wx, openid);

  /**
   * Posts a callback (`post`, e.g. `() => wx.text(openid, '你好')`), checks it was answered `success`,
   * and waits until `openid` read at least `count` more messages (custom or template); returns them.
   */
  async function act(openid: string, post: () => Promise<CallbackResult>, count = 1, timeoutMs = WAIT_MS): Promise<string[]> {
    const before = read(openid).length;
    const result = await post();
    expect({ status: result.status, body: result.body }, child?.out().slice(-2000)).toEqual({ status: 200, body: 'success' });
    await wx.waitFor(() => read(openid).length >= before + count, timeoutMs);
    return read(openid).slice(before);
  }

  /** The msgmenu last sent to `openid`: its option ids and texts. */
  function lastMenu(openid: string) {
    const menu = wx.sent.filter((m) => m.touser === openid && m.msgtype === 'msgmenu').at(-1)?.msgmenu;
    if (!menu) throw new Error(`no msgmenu sent to ${openid}`);
    return menu;
  }

  /** A Telegram update pushed; waits until `chatId` got `count` more messages; returns their params. */
  async function tgExchange(update: Parameters<BotApiStandin['pushUpdate']>[0], chatId: number, count = 1, timeoutMs = WAIT_MS) {
    if (!tg) throw new Error('Telegram is not running in this harness');
    const before = tg.sentMessages(chatId).length;
    tg.pushUpdate(update);
    await tg.waitFor(() => tg.sentMessages(chatId).length >= before + count, timeoutMs);
    return tg.sentMessages(chatId).slice(before);
  }

  async function cleanUp() {
    await stop();
    await wx.close();
    await tg?.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }

  try {
    await start();
  } catch (err) {
    await cleanUp();
    throw err;
  }

  return {
    wx,
    tg,
    port,
    env,
    dataDir: env.DATA_DIR!,
    get child() {
      return child!;
    },
    /** Everything the program wrote so far. */
    output: () => child?.out() ?? '',
    logLines,
    waitForLog,
    /** What an openid read so far (custom messages and templates), as strings. */
    read,
    act,
    /** A text from `openid`; the replies to it. */
    say: (openid: string, text: string, count = 1) => act(openid, () => wx.text(openid, text), count),
    lastMenu,
    tgExchange,
    /** Stops the program (SIGTERM; SIGKILL if that does not end it). */
    stop,
    /** Starts the program again on the same data. */
    restart: async () => {
      await stop();
      await start();
    },
    /** Stops the program, closes the stand-ins, drops the database and removes the data folder. */
    close: cleanUp,
  };
}

export type WechatHarness = Awaited<ReturnType<typeof startWechatHarness>>;

/** The ticket (YYYYMMDD-NNNN) named in a text, or throws. */
export function ticketIn(texts: string[] | string): string {
  const all = [
    ...[texts]
      .flat()
      .join('\n')
      .matchAll(/单号 (\d{8}-\d{4})/g),
  ];
  if (all.length === 0) throw new Error(`no ticket in ${JSON.stringify(texts)}`);
  return all.at(-1)![1]!;
}

/** A resident's whole intake over WeChat by typed text; returns the ticket. */
export async function wechatRequest(h: WechatHarness, openid: string, problem = '电视坏了', address = '文昌小区3幢2单元501', phone = '13812345678') {
  for (const text of [problem, '1', '文昌', address, phone, '尽快']) await h.say(openid, text);
  return ticketIn(await h.say(openid, '1'));
}

/**
 * Registers `openid` as a volunteer of 文昌社区 with the skill 家电维修 over WeChat (typed answers),
 * and returns the registration's 编号 from the notice the organizer `organizerOpenid` got on WeChat.
 */
export async function registerWechatVolunteer(h: WechatHarness, openid: string, name: string, organizerOpenid: string, phone = '13900001111') {
  for (const text of ['我要当志愿者', name, phone, '1', '家电维修', '选好了', '文昌', '随时都可以']) await h.say(openid, text);
  const before = h.read(organizerOpenid).length;
  await h.say(openid, '1');
  await h.wx.waitFor(() =>
    h
      .read(organizerOpenid)
      .slice(before)
      .some((t) => t.includes(name)),
  );
  return idInRegistration(h.read(organizerOpenid).slice(before), name);
}

/** The 编号 in the organizers' registration notice naming `name`. */
export function idInRegistration(texts: string[], name: string): number {
  const notice = texts.find((t) => t.includes('新志愿者报名') && t.includes(name));
  const m = notice && /#(\d+)/.exec(notice);
  if (!m) throw new Error(`no registration notice for ${name} in ${JSON.stringify(texts)}`);
  return Number(m[1]);
}

/** Registers a Telegram user as a volunteer of 文昌社区 (家电维修) with buttons; resolves once submitted. */
export async function registerTelegramVolunteer(h: WechatHarness, userId: number, name: string, phone = '13900002222') {
  const tg = h.tg!;
  const say = (text: string) => tg.textMessage({ chatId: userId, userId, text, firstName: name });
  const press = (label: string) => {
    const message = tg.lastMessage(userId);
    return tg.callbackQuery({ chatId: userId, userId, data: buttonData(message, label), messageId: message.message_id });
  };
  await h.tgExchange(say('我要当志愿者'), userId);
  await h.tgExchange(say(name), userId);
  await h.tgExchange(say(phone), userId);
  await h.tgExchange(press('是（党员）'), userId);
  await h.tgExchange(say('家电维修'), userId);
  await h.tgExchange(press('选好了'), userId);
  await h.tgExchange(say('文昌'), userId);
  await h.tgExchange(press('随时都可以'), userId);
  await h.tgExchange(press('确认提交'), userId);
}
