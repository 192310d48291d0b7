import type { Logger } from 'pino';
import type { HandleResult } from '../../core/flow-runner.js';
import type { IncomingMessage } from '../../core/message.js';
import { safeError } from '../../core/privacy.js';
import type { SharedToken, TokenFetcher } from '../../core/shared-token.js';
import type { HttpServer } from '../../http/server.js';
import { createWechatApi } from './api.js';
import { createWechatCallback } from './callback.js';
import type { WechatConfig } from './config.js';
import { createWechatSender } from './sender.js';

// === WeChat service account (服务号): callbacks in on the process's HTTP server, API calls out

/** The service account's settings (`aesKey` and `templateUrl` may be left out), and what the process gives the channel. */
export interface WechatChannelOptions extends Omit<WechatConfig, 'aesKey' | 'templateUrl'>, Partial<Pick<WechatConfig, 'aesKey' | 'templateUrl'>> {
  http: HttpServer;
  /** The shared, database-backed access token (src/core/shared-token.ts) made from its fetcher. */
  tokenStore: (fetch: TokenFetcher) => SharedToken;
  handle: (msg: IncomingMessage) => Promise<HandleResult>;
  log: Logger;
  clock?: () => Date;
  /** How long a message may take to commit before its callback goes unanswered (default 4500 ms; tests shorten it). */
  answerWithinMs?: number;
}

/** How many openids' union ids are remembered in this process. */
const UNION_CACHE = 10_000;

export function createWechatChannel(options: WechatChannelOptions) {
  const { log } = options;
  const api = createWechatApi(options);
  const sender = createWechatSender({ ...options, api });
  const unionIds = new Map<string, string | null>();

  /**
   * The account's `unionid` (present when it is bound to an open-platform account): looked up once per
   * openid in this process, on following or on the first message; a failed look-up is not retried here.
   */
  async function unionIdOf(openid: string, followed: boolean): Promise<string | undefined> {
    if (!followed && unionIds.has(openid)) return unionIds.get(openid) ?? undefined;
    let union: string | null = null;
    try {
      const info = await api.userInfo(openid);
      union = typeof info.unionid === 'string' && info.unionid ? info.unionid : null;
    } catch (err) {
      log.debug({ err: safeError(err) }, 'wechat user info not available');
    }
    if (unionIds.size >= UNION_CACHE) unionIds.delete(unionIds.keys().next().value!);
    unionIds.set(openid, union);
    return union ?? undefined;
  }

  const handle = async (msg: IncomingMessage): Promise<HandleResult> => {
    if (msg.content.kind === 'unfollowed') return options.handle(msg);
    const unionId = await unionIdOf(msg.userId, msg.content.kind === 'followed');
    return options.handle(unionId ? { ...msg, unionId } : msg);
  };

  const callback = createWechatCallback({
    token: options.token,
    appId: options.appId,
    aesKey: options.aesKey,
    handle,
    log,
    clock: options.clock,
    answerWithinMs: options.answerWithinMs,
  });

  return {
    api,
    sender,
    /** Receives callbacks on `path` (GET: the platform's URL check; POST: messages and events). */
    async start() {
      options.http.route('GET', options.path, callback);
      options.http.route('POST', options.path, callback);
      log.info({ path: options.path, safeMode: Boolean(options.aesKey) }, 'wechat callback route added');
    },
    async stop() {},
  };
}

export type WechatChannel = ReturnType<typeof createWechatChannel>;
