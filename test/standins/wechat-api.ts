import { createHash, randomBytes, randomInt } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';
import { XMLParser } from 'fast-xml-parser';
import { WAIT_MS } from '../support/patience.js';

// =================================================================================== public types

/** Options of {@link startWechatStandin}. */
export interface WechatStandinOptions {
  appId: string;
  appSecret: string;
  /** The 令牌 (Token) of the server configuration: signs every callback. */
  token: string;
  /** EncodingAESKey, 43 characters: callbacks are sent in safe mode (安全模式) when set, in plain mode otherwise. */
  aesKey?: string;
  /** Where callbacks are POSTed; can be set later with {@link WechatStandin.setCallbackUrl}. */
  callbackUrl?: string;
  /** The account's original id, `ToUserName` of every callback; default `gh_standin00001`. */
  originalId?: string;
  /** Known template ids; when omitted every template id is accepted. */
  templates?: string[];
  /** How long after a user's last message custom messages may be sent; default 48 h. */
  windowMs?: number;
  /** How many custom messages may be sent per user message; default 5. */
  perMessage?: number;
  /** openid → unionid, answered by `user/info`. */
  unionIds?: Record<string, string>;
  /** Users who follow the account from the start (without any message yet). */
  followers?: string[];
  /** How long the platform waits for the program's answer to a callback before dropping it; default 5000 ms. */
  callbackTimeoutMs?: number;
}

/** A custom message (客服消息) the platform accepted. `at` is the stand-in's clock, in ms. */
export interface CustomMessage {
  touser: string;
  msgtype: 'text' | 'msgmenu' | 'image';
  text?: { content: string };
  msgmenu?: { head_content?: string; list: Array<{ id: string; content: string }>; tail_content?: string };
  image?: { media_id: string };
  at: number;
}

/** A template message the platform accepted. */
export interface TemplateMessage {
  touser: string;
  template_id: string;
  url?: string;
  data: Record<string, { value: string; color?: string }>;
  msgid: number;
  at: number;
}

/** A send attempt (custom or template) answered with a non-zero errcode, injected faults included. */
export interface RefusedSend {
  path: string;
  touser: string;
  errcode: number;
  at: number;
}

/** One API request as received by the stand-in, with the errcode it was answered (0 on success). */
export interface ApiCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: any;
  errcode: number;
  at: number;
}

/** A callback exactly as sent to the program: query parameters, raw body, and the plain message fields. */
export interface CallbackRequest {
  query: Record<string, string>;
  body: string;
  fields: Record<string, string>;
}

/**
 * The program's answer to a callback. `status` is 0 when the connection failed or the program did not answer within
 * `callbackTimeoutMs`. A passive reply (被动回复) is verified, decrypted in safe mode and parsed into `reply`; an answer
 * that is neither empty, `success` nor a valid reply sets `replyError` (the user would see "该公众号暂时无法提供服务").
 */
export interface CallbackResult {
  status: number;
  body: string;
  request: CallbackRequest;
  reply?: Record<string, unknown>;
  replyError?: string;
}

/** A running local imitation of the WeChat Official Account platform (api.weixin.qq.com and its callbacks). */
export interface WechatStandin {
  /** Replaces `https://api.weixin.qq.com`, e.g. `http://127.0.0.1:PORT`. */
  apiRoot: string;
  appId: string;
  token: string;
  aesKey: string | undefined;
  originalId: string;
  /** Successful answers of `stable_token` and `token` (cached answers included). */
  readonly tokenFetches: number;
  calls: ApiCall[];
  sent: CustomMessage[];
  refused: RefusedSend[];
  templateSent: TemplateMessage[];
  /** Every menu accepted by `menu/create`, oldest first. */
  menus: Array<{ button: unknown[] }>;
  setCallbackUrl(url: string): void;
  /** How long the platform waits for the program's answer to a callback from now on (`callbackTimeoutMs`). */
  setCallbackTimeout(ms: number): void;
  /** Whether `openid` follows the account now. */
  follows(openid: string): boolean;
  /** Makes every token issued so far expire: calls with them get 42001. */
  expireTokens(): void;
  /** Answers the next `times` requests to `path` (`/cgi-bin/...`, or without the `/cgi-bin/` prefix) with `errcode`. */
  failNext(path: string, errcode: number, times?: number): void;
  /**
   * Holds the answer to every API request to `path` from now on (a platform slow to answer; the request
   * is in `calls` already) until the returned function is called; the requests are handled then.
   */
  holdAnswers(path: string): () => void;
  /** The stand-in's clock in ms (real time plus every {@link advance}). */
  now(): number;
  /** Moves the stand-in's clock forward: windows, token lifetimes, CreateTime and callback timestamps follow it. */
  advance(ms: number): void;
  /** Sends the message or event `fields` (FromUserName required) as the platform does, after updating followers and windows. */
  post(fields: Record<string, string>): Promise<CallbackResult>;
  /** POSTs `body` with `query` to the callback URL as is: no signing, no state change. */
  postRaw(request: { query: Record<string, string>; body: string }): Promise<CallbackResult>;
  /** Posts the same request again, byte for byte (the platform's retry); no state change. */
  replay(request: CallbackRequest): Promise<CallbackResult>;
  /** The GET of the server configuration check with `echostr`; `ok` when the program echoes it. */
  verifyUrl(): Promise<{ status: number; body: string; ok: boolean }>;
  text(openid: string, content: string, opts?: { msgId?: string }): Promise<CallbackResult>;
  /** A voice message; the `Recognition` element is present only when `recognition` is given. */
  voice(openid: string, recognition?: string): Promise<CallbackResult>;
  /** An image message with a new media id that `media/get` serves. */
  image(openid: string): Promise<CallbackResult>;
  location(openid: string, x: number, y: number, label: string): Promise<CallbackResult>;
  subscribe(openid: string): Promise<CallbackResult>;
  unsubscribe(openid: string): Promise<CallbackResult>;
  /** A CLICK event of a menu button. */
  click(openid: string, eventKey: string): Promise<CallbackResult>;
  /** The text message sent when the user taps an item of a `msgmenu` message. */
  menuReply(openid: string, bizmsgmenuid: string, content: string): Promise<CallbackResult>;
  /** Resolves once `predicate` holds, checking every 10 ms; rejects after `timeoutMs` (default: generous, `WAIT_MS`). */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  /** What `openid` read from custom messages, one string each (a msgmenu is head, items and tail joined by newlines). */
  sentTo(openid: string): string[];
  templatesTo(openid: string): TemplateMessage[];
  close(): Promise<void>;
}

// =================================================================================== platform constants

const ERRMSG: Record<number, string> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40007: 'invalid media_id',
  40008: 'invalid message type',
  40013: 'invalid appid',
  40016: 'invalid button size',
  40017: 'invalid button type',
  40018: 'invalid button name size',
  40019: 'invalid button key size',
  40020: 'invalid button url size',
  40023: 'invalid sub button size',
  40024: 'invalid sub button type',
  40025: 'invalid sub button name size',
  40026: 'invalid sub button key size',
  40027: 'invalid sub button url size',
  40037: 'invalid template_id',
  40125: 'invalid appsecret',
  41001: 'access_token missing',
  41002: 'appid missing',
  41004: 'appsecret missing',
  42001: 'access_token expired',
  43001: 'require GET method',
  43002: 'require POST method',
  43004: 'require subscribe',
  44002: 'empty post data',
  44004: 'empty content',
  45002: 'content size out of limit',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit, must slower, retry next minute',
  45015: 'response out of time limit or subscription is canceled',
  45047: 'out of response count limit',
  46003: 'menu no exist',
  47001: 'data format error',
};
const TOKEN_TTL_MS = 7_200_000;
const BUTTON_TYPES = new Set(
  'click view miniprogram scancode_push scancode_waitmsg pic_sysphoto pic_photo_or_album pic_weixin location_select media_id article_id article_view_limited'.split(
    ' ',
  ),
);
/** Events that are not a user's interaction and so grant no custom-message quota. */
const NO_WINDOW_EVENTS = new Set(['unsubscribe', 'VIEW', 'view_miniprogram', 'TEMPLATESENDJOBFINISH', 'MASSSENDJOBFINISH']);
/** Elements the platform writes without CDATA. */
const NUMERIC = new Set(['CreateTime', 'MsgId', 'MsgID', 'Location_X', 'Location_Y', 'Scale', 'Latitude', 'Longitude', 'Precision']);
const OK = { errcode: 0, errmsg: 'ok' };
const JPEG = (id: string) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(id), Buffer.from([0xff, 0xd9])]);

class ApiError extends Error {
  constructor(readonly errcode: number) {
    super(ERRMSG[errcode] ?? `error ${errcode}`);
  }
}
const fail = (errcode: number): never => {
  throw new ApiError(errcode);
};
const bytes = (s: unknown) => Buffer.byteLength(String(s ?? ''), 'utf8');
const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
const cdata = (s: string) => `<![CDATA[${s.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
const xmlParser = new XMLParser({ parseTagValue: false, trimValues: false });
const parseXml = (body: string): Record<string, unknown> | undefined => {
  const doc = xmlParser.parse(body, true) as { xml?: unknown };
  return doc.xml && typeof doc.xml === 'object' ? (doc.xml as Record<string, unknown>) : undefined;
};

/** Checks a `menu/create` body as the platform does; throws the platform's errcode. */
function validateMenu(body: any): void {
  const buttons: any[] = Array.isArray(body?.button) ? body.button : fail(40016);
  if (buttons.length < 1 || buttons.length > 3) fail(40016);
  for (const b of buttons) {
    if (bytes(b?.name) < 1 || bytes(b.name) > 16) fail(40018);
    const subs: any[] | undefined = Array.isArray(b.sub_button) && b.sub_button.length > 0 ? b.sub_button : undefined;
    if (!subs) {
      if (!BUTTON_TYPES.has(b.type)) fail(40017);
      if (b.type !== 'view' && b.type !== 'media_id' && b.type !== 'article_id' && (bytes(b.key) < 1 || bytes(b.key) > 128)) fail(40019);
      if (b.type === 'view' && (bytes(b.url) < 1 || bytes(b.url) > 1024)) fail(40020);
      continue;
    }
    if (subs.length > 5) fail(40023);
    for (const s of subs) {
      if (bytes(s?.name) < 1 || bytes(s.name) > 60) fail(40025);
      if (!BUTTON_TYPES.has(s.type)) fail(40024);
      if (s.type !== 'view' && s.type !== 'media_id' && s.type !== 'article_id' && (bytes(s.key) < 1 || bytes(s.key) > 128)) fail(40026);
      if (s.type === 'view' && (bytes(s.url) < 1 || bytes(s.url) > 1024)) fail(40027);
    }
  }
}

/** Starts a stand-in of the WeChat Official Account platform on a random local port. */
export async function startWechatStandin(options: WechatStandinOptions): Promise<WechatStandin> {
  const { appId, appSecret, token, aesKey } = options;
  const originalId = options.originalId ?? 'gh_standin00001';
  const windowMs = options.windowMs ?? 48 * 3_600_000;
  const perMessage = options.perMessage ?? 5;
  const templates = options.templates ? new Set(options.templates) : undefined;
  let callbackTimeoutMs = options.callbackTimeoutMs ?? 5000;
  let callbackUrl = options.callbackUrl;
  let offset = 0;
  let tokenFetches = 0;
  let nextMsgId = 24_417_093_475_981_313n; // 64-bit like the platform's: beyond Number.MAX_SAFE_INTEGER
  let nextTemplateMsgId = 3_147_483_001;
  let mediaSeq = 0;
  const calls: ApiCall[] = [];
  const sent: CustomMessage[] = [];
  const refused: RefusedSend[] = [];
  const templateSent: TemplateMessage[] = [];
  const menus: Array<{ button: unknown[] }> = [];
  const followers = new Set(options.followers ?? []);
  const windows = new Map<string, { openedAt: number; used: number }>();
  const media = new Map<string, { type: string; bytes: Buffer }>();
  const failures = new Map<string, Array<{ left: number; errcode: number }>>();
  const holds = new Map<string, Promise<void>>();
  const now = () => Date.now() + offset;
  const seconds = () => String(Math.floor(now() / 1000));
  const newNonce = () => String(randomInt(100_000_000, 2_000_000_000));

  // ================================================================================= access tokens

  const tokens = new Map<string, { expiresAt: number; revoked: boolean }>();
  let stable: string | undefined;
  let plain: string | undefined;
  const issue = () => {
    const t = `${randomBytes(48).toString('base64url')}_standin`;
    tokens.set(t, { expiresAt: now() + TOKEN_TTL_MS, revoked: false });
    return t;
  };
  const answerToken = (t: string) => ({ access_token: t, expires_in: Math.ceil((tokens.get(t)!.expiresAt - now()) / 1000) });
  const checkCredentials = (grant: unknown, appid: unknown, secret: unknown) => {
    if (grant !== 'client_credential') fail(40002);
    if (!appid) fail(41002);
    if (appid !== appId) fail(40013);
    if (!secret) fail(41004);
    if (secret !== appSecret) fail(40125);
    tokenFetches++;
  };
  const checkToken = (q: URLSearchParams) => {
    const t = q.get('access_token');
    if (!t) fail(41001);
    const issued = tokens.get(t!);
    if (!issued || issued.revoked) fail(40001);
    if (now() >= issued!.expiresAt) fail(42001);
  };

  // ================================================================================= API handlers

  /** Custom-message rules of the platform, against the stand-in's clock. */
  function customSend(b: any): object {
    const touser = typeof b.touser === 'string' && b.touser !== '' ? b.touser : fail(40003);
    const msg: CustomMessage = { touser, msgtype: b.msgtype, at: now() };
    if (b.msgtype === 'text') {
      const content = String(b.text?.content ?? '');
      if (content === '') fail(44004);
      if (bytes(content) > 2048) fail(45002);
      msg.text = { content };
    } else if (b.msgtype === 'msgmenu') {
      const list = b.msgmenu?.list;
      if (!Array.isArray(list) || list.length === 0 || list.some((i: any) => i?.id === undefined || i.id === '' || !i.content)) fail(47001);
      msg.msgmenu = structuredClone(b.msgmenu);
    } else if (b.msgtype === 'image') {
      msg.image = { media_id: b.image?.media_id || fail(40007) };
    } else fail(40008);
    if (!followers.has(touser)) fail(43004);
    const window = windows.get(touser);
    if (!window || now() - window.openedAt > windowMs) fail(45015);
    if (window!.used >= perMessage) fail(45047);
    window!.used++;
    sent.push(msg);
    return OK;
  }

  function templateSend(b: any): object {
    const touser = typeof b.touser === 'string' && b.touser !== '' ? b.touser : fail(40003);
    if (typeof b.template_id !== 'string' || (templates && !templates.has(b.template_id))) fail(40037);
    if (!followers.has(touser)) fail(43004);
    const msgid = nextTemplateMsgId++;
    const data = structuredClone(b.data ?? {});
    templateSent.push({ touser, template_id: b.template_id, ...(b.url ? { url: String(b.url) } : {}), data, msgid, at: now() });
    return { ...OK, msgid };
  }

  function userInfo(q: URLSearchParams): object {
    const openid = q.get('openid') || fail(40003);
    const unionid = options.unionIds?.[openid];
    const extra = unionid ? { unionid } : {};
    if (!followers.has(openid)) return { subscribe: 0, openid, ...extra };
    const basics = { language: 'zh_CN', subscribe_time: Number(seconds()), remark: '', groupid: 0, tagid_list: [] };
    return { subscribe: 1, openid, ...basics, ...extra, subscribe_scene: 'ADD_SCENE_SEARCH', qr_scene: 0, qr_scene_str: '' };
  }

  function stableToken(b: any): object {
    checkCredentials(b.grant_type, b.appid, b.secret);
    const current = stable ? tokens.get(stable) : undefined;
    if (b.force_refresh === true && current) current.revoked = true;
    // The platform hands out a fresh token in the last 5 minutes; the old one lives until it expires.
    if (b.force_refresh === true || !current || current.revoked || current.expiresAt - now() <= 300_000) stable = issue();
    return answerToken(stable!);
  }

  function plainToken(q: URLSearchParams): object {
    checkCredentials(q.get('grant_type'), q.get('appid'), q.get('secret'));
    if (plain) tokens.get(plain)!.revoked = true;
    plain = issue();
    return answerToken(plain);
  }

  function menuCreate(b: any): object {
    validateMenu(b);
    menus.push(structuredClone({ button: b.button }));
    return OK;
  }

  type Route = { method: 'GET' | 'POST'; auth: boolean; run: (q: URLSearchParams, body: any) => object | Buffer };
  const route = (method: Route['method'], auth: boolean, run: Route['run']): Route => ({ method, auth, run });
  const routes: Record<string, Route> = {
    '/cgi-bin/stable_token': route('POST', false, (_q, b) => stableToken(b)),
    '/cgi-bin/token': route('GET', false, (q) => plainToken(q)),
    '/cgi-bin/message/custom/send': route('POST', true, (_q, b) => customSend(b)),
    '/cgi-bin/message/template/send': route('POST', true, (_q, b) => templateSend(b)),
    '/cgi-bin/menu/create': route('POST', true, (_q, b) => menuCreate(b)),
    '/cgi-bin/menu/get': route('GET', true, () => ({ menu: structuredClone(menus.at(-1) ?? fail(46003)) })),
    '/cgi-bin/user/info': route('GET', true, (q) => userInfo(q)),
    '/cgi-bin/media/get': route('GET', true, (q) => media.get(q.get('media_id') ?? '')?.bytes ?? fail(40007)),
  };

  function respond(res: ServerResponse, body: object | Buffer, mediaId = '') {
    if (res.destroyed || res.writableEnded) return;
    if (Buffer.isBuffer(body)) {
      const [type, ext] = media.get(mediaId)?.type === 'voice' ? ['audio/amr', 'amr'] : ['image/jpeg', 'jpg'];
      res.writeHead(200, { 'content-type': type!, 'content-disposition': `attachment; filename="${mediaId}.${ext}"` });
      return res.end(body);
    }
    res.writeHead(200, { 'content-type': 'application/json; encoding=utf-8' });
    res.end(JSON.stringify(body));
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: any = raw;
    try {
      body = raw === '' ? raw : JSON.parse(raw);
    } catch {}
    const call: ApiCall = { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), body, errcode: 0, at: now() };
    const route = routes[url.pathname];
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('Not Found');
    }
    calls.push(call);
    await holds.get(url.pathname);
    try {
      const armed = failures.get(url.pathname)?.[0];
      if (armed) {
        if (--armed.left <= 0) failures.get(url.pathname)!.shift();
        fail(armed.errcode);
      }
      if (route.method !== call.method) fail(route.method === 'GET' ? 43001 : 43002);
      if (route.auth) checkToken(url.searchParams);
      if (route.method === 'POST' && raw === '') fail(44002);
      if (route.method === 'POST' && (typeof body !== 'object' || body === null)) fail(47001);
      const result = route.run(url.searchParams, body);
      respond(res, result, url.searchParams.get('media_id') ?? '');
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      call.errcode = e.errcode;
      if (url.pathname.includes('/message/')) refused.push({ path: url.pathname, touser: String(body?.touser ?? ''), errcode: e.errcode, at: call.at });
      respond(res, { errcode: e.errcode, errmsg: `${e.message} rid: ${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}` });
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      res.writeHead(500);
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  // ================================================================================= callbacks

  /** Signs (and in safe mode encrypts) `fields` the way the platform does. */
  function sign(fields: Record<string, string>): CallbackRequest {
    const xml = `<xml>${Object.entries(fields)
      .map(([k, v]) => `<${k}>${NUMERIC.has(k) ? v : cdata(v)}</${k}>`)
      .join('')}</xml>`;
    const timestamp = seconds();
    const nonce = newNonce();
    const query: Record<string, string> = { signature: sha1([token, timestamp, nonce].sort().join('')), timestamp, nonce, openid: fields.FromUserName! };
    if (!aesKey) return { query, body: xml, fields };
    const ciphered = encrypt(aesKey, xml, appId);
    Object.assign(query, { encrypt_type: 'aes', msg_signature: getSignature(token, timestamp, nonce, ciphered) });
    return { query, body: `<xml><ToUserName>${cdata(fields.ToUserName!)}</ToUserName><Encrypt>${cdata(ciphered)}</Encrypt></xml>`, fields };
  }

  /** Reads a passive reply as the platform would: verified and decrypted in safe mode. */
  function readReply(body: string): Pick<CallbackResult, 'reply' | 'replyError'> {
    if (body === '' || body === 'success') return {};
    try {
      const doc = parseXml(body);
      if (!doc) return { replyError: 'not an XML reply' };
      if (!aesKey) return { reply: doc };
      const { Encrypt, MsgSignature, TimeStamp, Nonce } = doc as Record<string, string>;
      if (!Encrypt) return { replyError: 'reply not encrypted' };
      if (getSignature(token, TimeStamp ?? '', Nonce ?? '', Encrypt) !== MsgSignature) return { replyError: 'bad MsgSignature' };
      const { message, id } = decrypt(aesKey, Encrypt);
      if (id !== appId) return { replyError: `reply encrypted for ${id}` };
      return parseXml(message) ? { reply: parseXml(message) } : { replyError: 'not an XML reply' };
    } catch (e) {
      return { replyError: String(e) };
    }
  }

  async function deliver(request: CallbackRequest, method = 'POST'): Promise<CallbackResult> {
    if (!callbackUrl) throw new Error('wechat stand-in: no callback URL (pass callbackUrl or call setCallbackUrl)');
    const url = new URL(callbackUrl);
    for (const [k, v] of Object.entries(request.query)) url.searchParams.append(k, v);
    try {
      const init = method === 'POST' ? { body: request.body, headers: { 'content-type': 'text/xml' } } : {};
      const res = await fetch(url, { method, ...init, signal: AbortSignal.timeout(callbackTimeoutMs) });
      const body = await res.text();
      return { status: res.status, body, request, ...(res.status === 200 && method === 'POST' ? readReply(body) : {}) };
    } catch (e) {
      return { status: 0, body: '', request, replyError: String(e) };
    }
  }

  /** The platform's bookkeeping for a message or event from a user. */
  function interact(fields: Record<string, string>) {
    const openid = fields.FromUserName!;
    if (fields.MsgType === 'event' && fields.Event === 'unsubscribe') {
      followers.delete(openid);
      windows.delete(openid);
      return;
    }
    if (fields.MsgType === 'event' && NO_WINDOW_EVENTS.has(fields.Event ?? '')) return;
    followers.add(openid); // only followers can write to an Official Account
    windows.set(openid, { openedAt: now(), used: 0 });
  }

  function post(fields: Record<string, string>) {
    if (!fields.FromUserName) throw new Error('wechat stand-in: post() needs FromUserName');
    const full = { ToUserName: originalId, FromUserName: '', CreateTime: seconds(), MsgType: 'text', ...fields };
    interact(full);
    return deliver(sign(full));
  }
  const msgId = () => String(nextMsgId++);
  const newMedia = (type: string) => {
    const id = `${type}-${++mediaSeq}-${randomBytes(12).toString('base64url')}`;
    media.set(id, { type, bytes: JPEG(id) });
    return id;
  };

  // ================================================================================= the stand-in

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    appId,
    token,
    aesKey,
    originalId,
    get tokenFetches() {
      return tokenFetches;
    },
    calls,
    sent,
    refused,
    templateSent,
    menus,
    setCallbackUrl(url) {
      callbackUrl = url;
    },
    setCallbackTimeout(ms) {
      callbackTimeoutMs = ms;
    },
    follows: (openid) => followers.has(openid),
    expireTokens() {
      for (const issued of tokens.values()) issued.expiresAt = Math.min(issued.expiresAt, now());
      stable = plain = undefined;
    },
    failNext(path, errcode, times = 1) {
      const full = path.startsWith('/') ? path : `/cgi-bin/${path}`;
      if (times > 0) failures.set(full, [...(failures.get(full) ?? []), { left: times, errcode }]);
    },
    holdAnswers(path) {
      const full = path.startsWith('/') ? path : `/cgi-bin/${path}`;
      let release = () => {};
      holds.set(full, new Promise<void>((r) => (release = r)));
      return () => {
        holds.delete(full);
        release();
      };
    },
    now,
    advance(ms) {
      offset += ms;
    },
    post,
    postRaw: ({ query, body }) => deliver({ query, body, fields: {} }),
    replay: (request) => deliver(request),
    async verifyUrl() {
      const timestamp = seconds();
      const nonce = newNonce();
      const echostr = randomBytes(8).readBigUInt64BE().toString();
      const signature = sha1([token, timestamp, nonce].sort().join(''));
      const { status, body } = await deliver({ query: { signature, echostr, timestamp, nonce }, body: '', fields: {} }, 'GET');
      return { status, body, ok: status === 200 && body === echostr };
    },
    text: (openid, content, opts) => post({ FromUserName: openid, MsgType: 'text', Content: content, MsgId: opts?.msgId ?? msgId() }),
    voice: (openid, recognition) =>
      post({
        FromUserName: openid,
        MsgType: 'voice',
        MediaId: newMedia('voice'),
        Format: 'amr',
        ...(recognition !== undefined ? { Recognition: recognition } : {}),
        MsgId: msgId(),
      }),
    image(openid) {
      const id = newMedia('image');
      return post({ FromUserName: openid, MsgType: 'image', PicUrl: `http://mmbiz.qpic.cn/mmbiz_jpg/${id}/0`, MediaId: id, MsgId: msgId() });
    },
    location: (openid, x, y, label) =>
      post({ FromUserName: openid, MsgType: 'location', Location_X: String(x), Location_Y: String(y), Scale: '15', Label: label, MsgId: msgId() }),
    subscribe: (openid) => post({ FromUserName: openid, MsgType: 'event', Event: 'subscribe' }),
    unsubscribe: (openid) => post({ FromUserName: openid, MsgType: 'event', Event: 'unsubscribe' }),
    click: (openid, eventKey) => post({ FromUserName: openid, MsgType: 'event', Event: 'CLICK', EventKey: eventKey }),
    menuReply: (openid, bizmsgmenuid, content) => post({ FromUserName: openid, MsgType: 'text', Content: content, MsgId: msgId(), bizmsgmenuid }),
    async waitFor(predicate, timeoutMs = WAIT_MS) {
      const started = Date.now();
      let lastError: unknown;
      for (;;) {
        try {
          if (predicate()) return;
        } catch (e) {
          lastError = e;
        }
        if (Date.now() - started >= timeoutMs) {
          const recent = calls
            .slice(-10)
            .map((c) => c.path.replace('/cgi-bin/', '') + (c.errcode ? `(${c.errcode})` : ''))
            .join(', ');
          const thrown = lastError === undefined ? '' : `; predicate last threw: ${String(lastError)}`;
          throw new Error(`waitFor timed out after ${timeoutMs} ms: ${predicate.toString().slice(0, 160)}${thrown}; last calls: ${recent || 'none'}`);
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    sentTo: (openid) =>
      sent
        .filter((m) => m.touser === openid)
        .map((m) => {
          if (m.text) return m.text.content;
          if (m.image) return `[image ${m.image.media_id}]`;
          const { head_content, list, tail_content } = m.msgmenu!;
          return [head_content, ...list.map((i) => i.content), tail_content].filter((s) => s !== undefined && s !== '').join('\n');
        }),
    templatesTo: (openid) => templateSent.filter((t) => t.touser === openid),
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        setTimeout(() => server.closeAllConnections(), 20);
      });
    },
  };
}
