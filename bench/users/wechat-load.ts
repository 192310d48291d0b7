import { startWechatStandin, type WechatStandin } from '../../test/standins/wechat-api.js';
import { quantile } from './stats.js';
import { ORDINARY_SCRIPT } from './telegram-load.js';

// === Residents writing to a WeChat service account: the platform's callbacks, timed by the stand-in

/** The made-up service account both the stand-in and the program are configured with (安全模式). */
export const BENCH_WECHAT = {
  appId: 'wx0b1e2c3d4e5f6a7b',
  appSecret: 'B3nchS3cretB3nchS3cretB3nchS3cr0',
  token: 'benchTok3n',
  aesKey: 'BenchAesKeyBenchAesKeyBenchAesKeyBenchAesKe',
} as const;

/** lianxin's settings for the account, its API at `standin`, its callback on `port`. */
export function wechatEnv(standin: WechatStandin, port: number): Record<string, string> {
  return {
    WECHAT_APP_ID: BENCH_WECHAT.appId,
    WECHAT_APP_SECRET: BENCH_WECHAT.appSecret,
    WECHAT_TOKEN: BENCH_WECHAT.token,
    WECHAT_AES_KEY: BENCH_WECHAT.aesKey,
    WECHAT_API_ROOT: standin.apiRoot,
    PORT: String(port),
    HOST: '127.0.0.1',
  };
}

export const startBenchWechat = (callbackUrl: string) => startWechatStandin({ ...BENCH_WECHAT, callbackUrl });

export interface CallbackLoadResult {
  /** Callbacks answered 200 in the measured time, per second. */
  perSecond: number;
  p50: number;
  p99: number;
  /** Callbacks with no answer within the platform's 5 s, or answered with an error. */
  unanswered: number;
  callbacks: number;
}

/**
 * `residents` people, each writing the next line as soon as the platform has its answer to the previous
 * callback (what they read comes later, at the send pace: not waited for). The measured window opens after
 * `warmupSeconds` and lasts `seconds` — longer while fewer callbacks than residents ended in it (a minute
 * at most): callbacks that wait out WeChat's 5 s are measured too.
 */
export async function callbacksLoad(
  wx: WechatStandin,
  o: { residents: number; seconds: number; warmupSeconds: number; firstId: number },
): Promise<CallbackLoadResult> {
  const from = performance.now() + o.warmupSeconds * 1000;
  let to = Number.POSITIVE_INFINITY;
  const latencies: number[] = [];
  let unanswered = 0;
  const ended = () => latencies.length + unanswered;
  const tick = () => {
    const now = performance.now();
    if (to === Number.POSITIVE_INFINITY && now >= from + o.seconds * 1000 && (ended() >= o.residents || now >= from + 60_000)) to = now;
  };
  const ticking = setInterval(tick, 20);
  await Promise.all(
    Array.from({ length: o.residents }, async (_, i) => {
      const openid = `o-bench-${o.firstId + i}`;
      for (let k = 0; performance.now() < to; k++) {
        const posted = performance.now();
        const result = await wx.text(openid, ORDINARY_SCRIPT[k % ORDINARY_SCRIPT.length]!);
        const at = performance.now();
        if (at < from || at > to) continue;
        if (result.status === 200 && !result.replyError) latencies.push(at - posted);
        else unanswered++;
        tick();
      }
    }),
  );
  clearInterval(ticking);
  const seconds = (to - from) / 1000;
  return {
    perSecond: latencies.length / seconds,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    unanswered,
    callbacks: latencies.length + unanswered,
  };
}
