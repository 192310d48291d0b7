import type { WechatStandin } from '../../test/standins/wechat-api.js';
import { type Program, freePort, makeEchoProject, npmStart, projectRoot, until } from './processes.js';
import type { BenchBackend } from './seed.js';
import { type WatchedStandin, startWatchedStandin } from './telegram-load.js';
import { startBenchWechat, wechatEnv } from './wechat-load.js';

// === lianxin and the bare echo bot, each against stand-ins of its own, started with `npm start`

/** Telegram's real limits, as the stand-in enforces them when `limits` is on. */
export const TELEGRAM_LIMITS = { perSecond: 30, perGroupPerMinute: 20 };
/** lianxin's default pace (TELEGRAM_SEND_PER_SECOND), which the paced echo bot follows too. */
export const DEFAULT_PACE = 25;

export type Pacing = 'engine' | 'limits';

export interface Bot {
  program: Program & { exited: Promise<number | null> };
  telegram: WatchedStandin;
  wechat?: WechatStandin;
  /** Where WeChat's callbacks go. */
  callbackUrl?: string;
  /** Stops the program (the stand-ins stay, for a program started again on them). */
  stop(): Promise<void>;
}

/** Resolves once the program polls `standin` (its first getUpdates after now). */
function polling(standin: WatchedStandin): Promise<void> {
  return new Promise((resolve) => {
    const off = standin.listen((call) => {
      if (call.method !== 'getUpdates') return;
      off();
      resolve();
    });
  });
}

async function answersHttp(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1000) })).status === 200;
  } catch {
    return false;
  }
}

/** Waits for the program's first poll (and its HTTP server, when `health` is given). */
async function ready(bot: Bot, polled: Promise<void>, health?: string) {
  let ok = false;
  void polled.then(() => (ok = true));
  await until(() => ok, 180_000, bot.program);
  if (!health) return;
  let up = false;
  while (!up) {
    up = await answersHttp(health);
    if (!up) await until(() => false, 50).catch(() => {});
  }
}

export interface LianxinOptions {
  backend: BenchBackend;
  pacing: Pacing;
  wechat?: boolean;
  /** Stand-ins to use again (a restart); new ones otherwise. */
  reuse?: Pick<Bot, 'telegram' | 'wechat'>;
  env?: Record<string, string>;
  /** Don't wait for readiness (start-up is measured by the caller). */
  noWait?: boolean;
}

/** lianxin by `npm start`: Telegram (polling) against a Bot API stand-in, WeChat too when asked. */
export async function startLianxin(o: LianxinOptions): Promise<Bot> {
  const telegram = o.reuse?.telegram ?? (await startWatchedStandin({ limits: o.pacing === 'limits' ? TELEGRAM_LIMITS : undefined }));
  const env: Record<string, string> = { TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot, INSTANCE_NAME: 'bench', ...o.backend.env };
  // Engine cost: the outbox's pace as high as configuration allows (TELEGRAM_SEND_PER_SECOND's maximum).
  if (o.pacing === 'engine') Object.assign(env, { TELEGRAM_SEND_PER_SECOND: '1000', TELEGRAM_GROUP_SENDS_PER_MINUTE: '1000', WECHAT_SEND_PER_SECOND: '1000' });
  let wechat = o.reuse?.wechat;
  let callbackUrl: string | undefined;
  let health: string | undefined;
  if (o.wechat) {
    const port = await freePort();
    callbackUrl = `http://127.0.0.1:${port}/wechat`;
    health = `http://127.0.0.1:${port}/healthz`;
    if (wechat) wechat.setCallbackUrl(callbackUrl);
    else wechat = await startBenchWechat(callbackUrl);
    Object.assign(env, wechatEnv(wechat, port));
  }
  Object.assign(env, o.env);
  const polled = polling(telegram);
  const program = npmStart(`lianxin (${o.backend.label})`, projectRoot, env);
  const bot: Bot = { program, telegram, wechat, callbackUrl, stop: () => program.stop() };
  if (!o.noWait) await ready(bot, polled, health);
  return bot;
}

/** The echo project, made once per run. */
let echoProject: ReturnType<typeof makeEchoProject> | undefined;
export const echoDir = () => (echoProject ??= makeEchoProject()).dir;
export const removeEchoProject = () => echoProject?.remove();

/** The bare grammY echo bot (paced as lianxin is when `limits`), and with `wechat` the bare callback server. */
export async function startEcho(o: { pacing: Pacing; wechat?: boolean; reuse?: Pick<Bot, 'telegram'>; noWait?: boolean }): Promise<Bot> {
  const limits = o.pacing === 'limits';
  const telegram = o.reuse?.telegram ?? (await startWatchedStandin({ token: '654321:ECHO', limits: limits ? TELEGRAM_LIMITS : undefined }));
  const env: Record<string, string> = {
    ECHO_TELEGRAM_TOKEN: telegram.token,
    ECHO_TELEGRAM_API_ROOT: telegram.apiRoot,
    ECHO_PACE: limits ? String(DEFAULT_PACE) : '0',
  };
  let callbackUrl: string | undefined;
  let health: string | undefined;
  if (o.wechat) {
    const port = await freePort();
    env.ECHO_WECHAT_PORT = String(port);
    callbackUrl = `http://127.0.0.1:${port}/wechat`;
    health = callbackUrl;
  }
  const polled = polling(telegram);
  const program = npmStart('echo', echoDir(), env);
  const wechat = callbackUrl ? await startBenchWechat(callbackUrl) : undefined;
  const bot: Bot = { program, telegram, wechat, callbackUrl, stop: () => program.stop() };
  if (!o.noWait) await ready(bot, polled, health);
  return bot;
}

/** Closes a bot's stand-ins (after its program stopped). */
export async function closeStandins(bot: Pick<Bot, 'telegram' | 'wechat'>) {
  await bot.telegram.close();
  await bot.wechat?.close();
}
