import type { SharedToken, TokenFetcher } from '../../core/shared-token.js';
import type { WechatConfig } from './config.js';

// === The WeChat Official Account API over HTTP: a shared access token, JSON calls, error codes

/** An answer of the platform with a non-zero `errcode`. */
export class WechatApiError extends Error {
  override readonly name = 'WechatApiError';
  constructor(
    readonly errcode: number,
    message: string,
  ) {
    super(message);
  }
}

/** The token was refused: expired (42001), invalid (40001) or not the latest (40014). */
export const TOKEN_ERRORS = new Set([40001, 40014, 42001]);

export interface WechatApiOptions extends Pick<WechatConfig, 'apiRoot' | 'appId' | 'appSecret'> {
  /** Makes the shared token from its fetcher (the database-backed cache, src/core/shared-token.ts). */
  tokenStore: (fetch: TokenFetcher) => SharedToken;
  /** Per call. Default 10 s. */
  timeoutMs?: number;
}

type Json = Record<string, unknown>;

export function createWechatApi(options: WechatApiOptions) {
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function request(path: string, init: { method: 'GET' | 'POST'; query?: Record<string, string>; body?: unknown }): Promise<Json> {
    const url = new URL(`${options.apiRoot}${path}`);
    for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, v);
    // The URL carries the access token: it is never put in an error or a log line.
    const res = await fetch(url, {
      method: init.method,
      headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) throw new WechatApiError(-1, `HTTP ${res.status} from ${path}`);
    const json = (await res.json()) as Json;
    const errcode = typeof json.errcode === 'number' ? json.errcode : 0;
    if (errcode !== 0) throw new WechatApiError(errcode, `${path} errcode ${errcode}: ${String(json.errmsg ?? '')}`.slice(0, 200));
    return json;
  }

  /** The stable access token (接口调用凭据 stable_token): the same for every caller until it expires. */
  const fetchToken: TokenFetcher = async (force) => {
    const json = await request('/cgi-bin/stable_token', {
      method: 'POST',
      body: { grant_type: 'client_credential', appid: options.appId, secret: options.appSecret, force_refresh: force },
    });
    return { token: String(json.access_token), expiresInSeconds: Number(json.expires_in ?? 7200) };
  };
  const token = options.tokenStore(fetchToken);

  /** A call with the access token; a refused token is renewed once and the call made again. */
  async function call(path: string, init: { method: 'GET' | 'POST'; query?: Record<string, string>; body?: unknown }): Promise<Json> {
    let current = await token.get();
    try {
      return await request(path, { ...init, query: { ...init.query, access_token: current } });
    } catch (err) {
      if (!(err instanceof WechatApiError && TOKEN_ERRORS.has(err.errcode))) throw err;
      current = await token.renew(current);
      return request(path, { ...init, query: { ...init.query, access_token: current } });
    }
  }

  return {
    /** 客服消息: text or msgmenu, within the reply window. */
    sendCustom: (body: Json) => call('/cgi-bin/message/custom/send', { method: 'POST', body }),
    /** 模板消息: allowed outside the reply window. */
    sendTemplate: (body: Json) => call('/cgi-bin/message/template/send', { method: 'POST', body }),
    /** 自定义菜单 */
    createMenu: (menu: Json) => call('/cgi-bin/menu/create', { method: 'POST', body: menu }),
    /** 用户基本信息: `unionid` when the account is bound to an open platform account. */
    userInfo: (openid: string) => call('/cgi-bin/user/info', { method: 'GET', query: { openid, lang: 'zh_CN' } }),
  };
}

export type WechatApi = ReturnType<typeof createWechatApi>;
