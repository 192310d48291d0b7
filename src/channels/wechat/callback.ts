import type { IncomingMessage as HttpRequest, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { IncomingMessage } from '../../core/message.js';
import { safeError } from '../../core/privacy.js';
import { Refusal, readBody } from '../../http/body.js';
import { decryptMessage, msgSignature, plainSignature, signaturesEqual, WechatCryptoError } from './crypto.js';
import { toIncoming } from './inbound.js';
import { parseCallbackXml } from './xml.js';

// === The HTTP endpoint WeChat calls: URL verification, then signed (and in 安全模式 encrypted) callbacks

export interface WechatCallbackOptions {
  /** The Token set in the account's server configuration. */
  token: string;
  /** The account's AppID: a decrypted callback must carry it. */
  appId: string;
  /** The 43-character EncodingAESKey; set for 安全模式, absent for 明文模式. */
  aesKey?: string;
  /** The app's `handle`. */
  handle: (msg: IncomingMessage) => Promise<{ status: string }>;
  log: Logger;
  clock?: () => Date;
  /** How far a callback's timestamp may be from our clock; default 300 s. */
  maxSkewSeconds?: number;
  /**
   * WeChat gives up after 5 s and delivers again. A message not committed within this time (default
   * 4500 ms) gets no answer: the platform's retry comes, and is a duplicate once the first commits.
   */
  answerWithinMs?: number;
  /** Default 64 KiB. */
  maxBodyBytes?: number;
}

/** The outcome of checking a callback: its fields, or the HTTP status to refuse it with and why. */
export type VerifyResult = { ok: true; fields: Record<string, string> } | { ok: false; status: 400 | 401; reason: string };

export interface VerifyOptions {
  token: string;
  appId: string;
  aesKey?: string;
  now: Date;
  maxSkewSeconds: number;
}

const TIMESTAMP = /^\d{1,12}$/;

/** URL verification (GET): the `echostr` to answer with when the plain signature matches, else null. */
export function verifyUrl(query: URLSearchParams, token: string): string | null {
  const signature = query.get('signature');
  const timestamp = query.get('timestamp');
  const nonce = query.get('nonce');
  const echostr = query.get('echostr');
  if (!signature || timestamp === null || nonce === null || echostr === null) return null;
  return signaturesEqual(plainSignature(token, timestamp, nonce), signature) ? echostr : null;
}

/**
 * Checks a callback POST (query and body) and returns its fields: in 明文模式 the `signature`; in
 * 安全模式 `encrypt_type=aes`, the `msg_signature` over `<Encrypt>`, decryption and the AppID. The
 * timestamp must be within `maxSkewSeconds` of `now`. Pure: no I/O, no logging.
 */
export function verifyCallback(query: URLSearchParams, body: string, options: VerifyOptions): VerifyResult {
  const refuse = (status: 400 | 401, reason: string): VerifyResult => ({ ok: false, status, reason });
  const timestamp = query.get('timestamp') ?? '';
  const nonce = query.get('nonce') ?? '';
  if (!TIMESTAMP.test(timestamp) || !nonce) return refuse(401, 'missing_params');
  if (Math.abs(options.now.getTime() / 1000 - Number(timestamp)) > options.maxSkewSeconds) return refuse(401, 'stale_timestamp');

  if (options.aesKey === undefined) {
    const signature = query.get('signature') ?? '';
    if (!signaturesEqual(plainSignature(options.token, timestamp, nonce), signature)) return refuse(401, 'bad_signature');
    const fields = parseCallbackXml(body);
    return fields ? { ok: true, fields } : refuse(400, 'malformed_xml');
  }

  if (query.get('encrypt_type') !== 'aes') return refuse(401, 'not_encrypted');
  const given = query.get('msg_signature') ?? '';
  if (!given) return refuse(401, 'bad_signature');
  const outer = parseCallbackXml(body);
  if (!outer) return refuse(400, 'malformed_xml');
  const encrypt = outer.Encrypt;
  if (!encrypt) return refuse(400, 'missing_encrypt');
  if (!signaturesEqual(msgSignature(options.token, timestamp, nonce, encrypt), given)) return refuse(401, 'bad_signature');
  let inner: { xml: string; appId: string };
  try {
    inner = decryptMessage(options.aesKey, encrypt);
  } catch (err) {
    return refuse(400, err instanceof WechatCryptoError ? `undecryptable_${err.code}` : 'undecryptable');
  }
  if (inner.appId !== options.appId) return refuse(401, 'wrong_app');
  const fields = parseCallbackXml(inner.xml);
  return fields ? { ok: true, fields } : refuse(400, 'malformed_inner_xml');
}

function answer(res: ServerResponse, status: number, body = '', close = false): void {
  if (res.headersSent || res.writableEnded) return;
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'x-content-type-options': 'nosniff',
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(body);
}

/**
 * The request handler for WeChat's server URL. Refusals get 401 (signature, timestamp, AppID), 413
 * (body size) or 400 (XML, decryption) and never reach `handle`; a valid callback is answered
 * `success` as soon as `handle` resolves — at the commit of its transaction, never after sending the
 * replies (the outbox sends them as customer-service messages on its own; the answer carries no
 * passive reply) and never before the commit: a message not committed within `answerWithinMs`, or
 * not at all, gets no answer, so the platform delivers it again. Never throws.
 */
export function createWechatCallback(options: WechatCallbackOptions): (req: HttpRequest, res: ServerResponse) => Promise<void> {
  const { token, appId, aesKey, handle, log } = options;
  const clock = options.clock ?? (() => new Date());
  const maxSkewSeconds = options.maxSkewSeconds ?? 300;
  const answerWithinMs = options.answerWithinMs ?? 4500;
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  const refuse = (res: ServerResponse, status: number, reason: string, close = false) => {
    log.warn({ reason, status }, 'wechat callback refused');
    answer(res, status, '', close);
  };

  /** Runs `handle`, logging its failure; resolves with whether it was committed. */
  async function run(msg: IncomingMessage): Promise<'ok' | 'failed'> {
    try {
      const result = await handle(msg);
      if (result.status !== 'failed') return 'ok';
      log.warn({ messageId: msg.messageId, status: result.status }, 'wechat message failed');
    } catch (err) {
      log.error({ err: safeError(err), messageId: msg.messageId }, 'wechat handle threw');
    }
    return 'failed';
  }

  async function post(req: HttpRequest, res: ServerResponse, query: URLSearchParams): Promise<void> {
    let body: string;
    try {
      body = await readBody(req, maxBodyBytes);
    } catch (err) {
      if (err instanceof Refusal) refuse(res, err.status, err.reason, true);
      else refuse(res, 400, 'body_unreadable', true);
      return;
    }
    const checked = verifyCallback(query, body, { token, appId, aesKey, now: clock(), maxSkewSeconds });
    if (!checked.ok) return refuse(res, checked.status, checked.reason);
    const inbound = toIncoming(checked.fields);
    if ('ignore' in inbound) {
      log.debug({ reason: inbound.ignore }, 'wechat callback ignored');
      return answer(res, 200, 'success');
    }
    let timer: NodeJS.Timeout | undefined;
    const slow = new Promise<'slow'>((resolve) => {
      timer = setTimeout(() => resolve('slow'), answerWithinMs);
    });
    const done = run(inbound.message);
    const first = await Promise.race([done, slow]);
    clearTimeout(timer);
    if (first === 'slow')
      log.warn({ messageId: inbound.message.messageId, ms: answerWithinMs }, 'wechat message not committed in time; no answer, the platform delivers it again');
    // Nothing committed (yet, or at all — the person then got the apology): no answer, so the platform
    // delivers it again (it retries a callback it got no answer to, up to three times) and nothing is lost.
    if (first !== 'ok') {
      res.destroy();
      return;
    }
    answer(res, 200, 'success');
  }

  return async (req, res) => {
    try {
      const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
      if (req.method === 'GET') {
        const echostr = verifyUrl(query, token);
        if (echostr === null) return refuse(res, 401, 'bad_signature');
        return answer(res, 200, echostr);
      }
      if (req.method === 'POST') return await post(req, res, query);
      res.setHeader('allow', 'GET, POST');
      return refuse(res, 405, 'method_not_allowed');
    } catch (err) {
      log.error({ err: safeError(err) }, 'wechat callback failed');
      answer(res, 500);
    }
  };
}
