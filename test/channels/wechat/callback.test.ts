import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createWechatCallback, type WechatCallbackOptions } from '../../../src/channels/wechat/callback.js';
import { encryptMessage, msgSignature, plainSignature } from '../../../src/channels/wechat/crypto.js';
import { buildXml } from '../../../src/channels/wechat/xml.js';
import type { IncomingMessage } from '../../../src/core/message.js';
import { createLogger } from '../../../src/logger.js';
import { WAIT_MS } from '../../support/patience.js';

const TOKEN = 'lianxinTestToken2026';
const APP_ID = 'wx00000000000test01';
const AES_KEY = 'TestOnlyEncodingAesKey0123456789abcdefghijk';
const OPENID = 'oTestOpenId000000000000001';
const NOW = new Date('2026-03-01T08:00:00Z');
const TS = String(NOW.getTime() / 1000);
const TEXT = '我家电视坏了';

/** The 公众号 sample of WeChat's 消息加解密 docs (see crypto.test.ts for where it was found). */
const SAMPLE = {
  token: 'spamtest',
  aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appId: 'wx2c2769f8efd9abc2',
  query: 'timestamp=1409735669&nonce=1320562132&encrypt_type=aes&msg_signature=5d197aaffba7e9b25a30732f161a50dee96bd5fa',
  body: '<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><Encrypt><![CDATA[hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=]]></Encrypt></xml>',
};

type Handle = WechatCallbackOptions['handle'];
const servers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((close) => close()));
});

async function start(options: Partial<WechatCallbackOptions> & { handle?: Handle } = {}) {
  const handled: IncomingMessage[] = [];
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  const log = createLogger('debug', sink);
  const handle: Handle = options.handle ?? (async () => ({ status: 'handled' }));
  const callback = createWechatCallback({
    token: TOKEN,
    appId: APP_ID,
    clock: () => NOW,
    log,
    ...options,
    handle: (msg) => {
      handled.push(msg);
      return handle(msg);
    },
  });
  const server = createServer((req, res) => void callback(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat`;
  servers.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return { base, handled, lines };
}

const textXml = (content = TEXT, msgId = '24810000000000001') =>
  buildXml({ ToUserName: 'gh_10f6c3c3ac5a', FromUserName: OPENID, CreateTime: Number(TS), MsgType: 'text', Content: content, MsgId: msgId });

const plainQuery = (ts = TS, nonce = '1320562132') => `signature=${plainSignature(TOKEN, ts, nonce)}&timestamp=${ts}&nonce=${nonce}&openid=${OPENID}`;

/** A 安全模式 POST of `xml`: the query with both signatures, the body with `<Encrypt>`. */
function safePost(xml: string, { appId = APP_ID, ts = TS, nonce = '987654321' } = {}) {
  const encrypt = encryptMessage(AES_KEY, xml, appId);
  const query = `${plainQuery(ts, nonce)}&encrypt_type=aes&msg_signature=${msgSignature(TOKEN, ts, nonce, encrypt)}`;
  return { query, body: buildXml({ ToUserName: 'gh_10f6c3c3ac5a', Encrypt: encrypt }), encrypt };
}

const post = (url: string, body: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });

describe('WeChat callback: URL verification', () => {
  it('echoes echostr when the signature matches, and refuses otherwise', async () => {
    const { base, handled } = await start();
    const ok = await fetch(`${base}?${plainQuery()}&echostr=4937305712839216781`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await ok.text()).toBe('4937305712839216781');
    const bad = await fetch(`${base}?signature=${'0'.repeat(40)}&timestamp=${TS}&nonce=1&echostr=4937305712839216781`);
    expect(bad.status).toBe(401);
    expect(await bad.text()).not.toContain('4937305712839216781');
    expect((await fetch(`${base}?${plainQuery()}`)).status).toBe(401);
    expect((await fetch(`${base}?echostr=x`)).status).toBe(401);
    expect(handled).toHaveLength(0);
  });
});

describe('WeChat callback: 明文模式', () => {
  it('passes a signed message to handle once and answers success', async () => {
    const { base, handled, lines } = await start();
    const res = await post(`${base}?${plainQuery()}`, textXml());
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('success');
    expect(handled).toEqual([expect.objectContaining({ chatId: OPENID, messageId: 'msg:24810000000000001', content: { kind: 'text', text: TEXT } })]);
    expect(lines.join('')).not.toContain(TEXT);
  });

  it('refuses a bad or missing signature and a stale timestamp, before handle', async () => {
    const { base, handled, lines } = await start();
    const badSignature = `signature=${plainSignature(TOKEN, TS, '1')}&timestamp=${TS}&nonce=2`;
    expect((await post(`${base}?${badSignature}`, textXml())).status).toBe(401);
    expect((await post(`${base}?timestamp=${TS}&nonce=2`, textXml())).status).toBe(401);
    expect((await post(`${base}?${plainQuery(String(Number(TS) - 301))}`, textXml())).status).toBe(401);
    expect((await post(`${base}?${plainQuery(String(Number(TS) + 301))}`, textXml())).status).toBe(401);
    expect((await post(`${base}?${plainQuery('1e9')}`, textXml())).status).toBe(401);
    expect(handled).toHaveLength(0);
    expect(lines.filter((l) => l.includes('"reason":"bad_signature"'))).toHaveLength(2);
    expect(lines.filter((l) => l.includes('"reason":"missing_params"'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('"reason":"stale_timestamp"'))).toHaveLength(2);
    // within the skew is fine
    expect((await post(`${base}?${plainQuery(String(Number(TS) - 299))}`, textXml())).status).toBe(200);
    expect(handled).toHaveLength(1);
  });

  it('refuses a malformed body with 400 and an oversized one with 413', async () => {
    const { base, handled } = await start({ maxBodyBytes: 1024 });
    expect((await post(`${base}?${plainQuery()}`, '<xml><Content>unclosed</xml>')).status).toBe(400);
    expect((await post(`${base}?${plainQuery()}`, '{"MsgType":"text"}')).status).toBe(400);
    expect((await post(`${base}?${plainQuery()}`, textXml('长'.repeat(400)))).status).toBe(413);
    // the same without a content-length: the size is counted as the body streams in
    const chunked = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(400)));
        controller.close();
      },
    });
    const streamed = await fetch(`${base}?${plainQuery()}`, { method: 'POST', body: chunked, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(handled).toHaveLength(0);
    // and the server still answers afterwards
    expect((await post(`${base}?${plainQuery()}`, textXml())).status).toBe(200);
  });

  it('answers success to an ignored event without calling handle', async () => {
    const { base, handled } = await start();
    const report = buildXml({ ToUserName: 'gh_1', FromUserName: OPENID, CreateTime: Number(TS), MsgType: 'event', Event: 'LOCATION', Latitude: '23.1' });
    const res = await post(`${base}?${plainQuery()}`, report);
    expect([res.status, await res.text()]).toEqual([200, 'success']);
    expect(handled).toHaveLength(0);
  });

  it('refuses other methods', async () => {
    const { base } = await start();
    const res = await fetch(`${base}?${plainQuery()}`, { method: 'PUT', body: textXml() });
    expect(res.status).toBe(405);
  });
});

describe('WeChat callback: 安全模式', () => {
  it('decrypts WeChat’s published sample and passes its message to handle', async () => {
    const { base, handled } = await start({ token: SAMPLE.token, aesKey: SAMPLE.aesKey, appId: SAMPLE.appId, clock: () => new Date(1409735669_000) });
    const res = await post(`${base}?${SAMPLE.query}`, SAMPLE.body);
    expect([res.status, await res.text()]).toEqual([200, 'success']);
    expect(handled).toEqual([
      expect.objectContaining({
        chatId: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs',
        messageId: 'msg:6054768590064713728',
        content: { kind: 'text', text: 'abcdteT' },
      }),
    ]);
  });

  it('passes an encrypted message to handle once, a redelivery with the same id', async () => {
    const { base, handled } = await start({ aesKey: AES_KEY });
    const { query, body } = safePost(textXml('水管漏水，老人独居🙏'));
    expect((await post(`${base}?${query}`, body)).status).toBe(200);
    expect(handled).toHaveLength(1);
    expect(handled[0]?.content).toEqual({ kind: 'text', text: '水管漏水，老人独居🙏' });
    expect((await post(`${base}?${query}`, body)).status).toBe(200);
    expect(handled.map((m) => m.messageId)).toEqual(['msg:24810000000000001', 'msg:24810000000000001']);
  });

  it('refuses what is not encrypted, badly signed, for another app, stale or undecryptable', async () => {
    const { base, handled, lines } = await start({ aesKey: AES_KEY });
    const xml = textXml();
    const good = safePost(xml);
    // a plain-mode POST to a safe-mode endpoint, even correctly signed
    expect((await post(`${base}?${plainQuery()}`, xml)).status).toBe(401);
    expect((await post(`${base}?${good.query.replace(/msg_signature=[0-9a-f]+/, `msg_signature=${'a'.repeat(40)}`)}`, good.body)).status).toBe(401);
    expect((await post(`${base}?${good.query.replace(/&msg_signature=[0-9a-f]+/, '')}`, good.body)).status).toBe(401);
    const otherApp = safePost(xml, { appId: 'wx00000000000other' });
    expect((await post(`${base}?${otherApp.query}`, otherApp.body)).status).toBe(401);
    const stale = safePost(xml, { ts: String(Number(TS) - 3600) });
    expect((await post(`${base}?${stale.query}`, stale.body)).status).toBe(401);
    // correctly signed garbage
    const garbage = 'AAAA'.repeat(16);
    const signed = `${plainQuery()}&encrypt_type=aes&msg_signature=${msgSignature(TOKEN, TS, '1320562132', garbage)}`;
    expect((await post(`${base}?${signed}`, buildXml({ ToUserName: 'gh_1', Encrypt: garbage }))).status).toBe(400);
    expect((await post(`${base}?${good.query}`, '<xml><ToUserName>gh_1</ToUserName></xml>')).status).toBe(400);
    expect((await post(`${base}?${good.query}`, 'not xml')).status).toBe(400);
    expect(handled).toHaveLength(0);
    for (const reason of ['not_encrypted', 'bad_signature', 'wrong_app', 'stale_timestamp', 'undecryptable_bad_padding', 'missing_encrypt', 'malformed_xml']) {
      expect(
        lines.some((l) => l.includes(`"reason":"${reason}"`)),
        reason,
      ).toBe(true);
    }
  });
});

describe('WeChat callback: 安全模式, what the decrypted XML must be', () => {
  it('refuses with 400 an encrypted message that is not well-formed or uses an entity XML does not define; nothing is handled', async () => {
    const { base, handled, lines } = await start({ aesKey: AES_KEY });
    const inner = (content: string) =>
      `<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><FromUserName><![CDATA[${OPENID}]]></FromUserName><CreateTime>${TS}</CreateTime>` +
      `<MsgType><![CDATA[text]]></MsgType><Content>${content}</Content><MsgId>24810000000000009</MsgId></xml>`;
    for (const xml of [
      inner('电视坏了&nbsp;'),
      inner('&xxe;'),
      inner('a & b'),
      inner('<![CDATA[电视坏了]]>').replace('</Content>', ''),
      '<xml><Content>unclosed</xml>',
    ]) {
      const { query, body } = safePost(xml);
      expect((await post(`${base}?${query}`, body)).status, xml).toBe(400);
    }
    expect(handled).toHaveLength(0);
    expect(lines.filter((l) => l.includes('"reason":"malformed_inner_xml"'))).toHaveLength(5);
    // The same message, well-formed, goes through: `&amp;` and character references are text.
    const { query, body } = safePost(inner('电视坏了&amp;&#x4e2d;'));
    expect((await post(`${base}?${query}`, body)).status).toBe(200);
    expect(handled.map((m) => m.content)).toEqual([{ kind: 'text', text: '电视坏了&中' }]);
  });
});

describe('WeChat callback: answering in time', () => {
  it('gives no answer to a message not committed within answerWithinMs, so the platform delivers it again; its retry is answered once it has', async () => {
    let commit = () => {};
    const committed = new Promise<void>((r) => (commit = r));
    let calls = 0;
    // The first handle commits only when the test says; the platform's retry finds it done (a duplicate).
    const handle: Handle = async () => {
      if (++calls > 1) return { status: 'duplicate' };
      await committed;
      return { status: 'handled' };
    };
    const { base, handled, lines } = await start({ answerWithinMs: 150, handle });
    await expect(post(`${base}?${plainQuery()}`, textXml())).rejects.toThrow();
    expect(handled).toHaveLength(1);
    expect(lines.some((l) => l.includes('not committed in time'))).toBe(true);
    commit();
    const res = await post(`${base}?${plainQuery()}`, textXml());
    expect([res.status, await res.text()]).toEqual([200, 'success']);
  });

  it('answers after handle when it is done first', async () => {
    let done = false;
    const handle: Handle = async () => {
      await new Promise((r) => setTimeout(r, 80));
      done = true;
      return { status: 'handled' };
    };
    // A time limit longer than the test's own: the answer can only come from handle being done.
    const { base } = await start({ answerWithinMs: WAIT_MS, handle });
    const res = await post(`${base}?${plainQuery()}`, textXml());
    expect(done).toBe(true);
    expect(await res.text()).toBe('success');
  });

  it('gives no answer when nothing was committed (handle failed or threw), so the platform delivers again; keeps serving', async () => {
    let calls = 0;
    const handle: Handle = async () => {
      calls++;
      if (calls === 1) throw new Error('database is down');
      if (calls === 2) return { status: 'failed' };
      return { status: 'handled' };
    };
    const { base, lines } = await start({ handle });
    await expect(post(`${base}?${plainQuery()}`, textXml())).rejects.toThrow();
    expect(lines.some((l) => l.includes('wechat handle threw') && l.includes('database is down'))).toBe(true);
    expect(lines.join('')).not.toContain(TEXT);
    await expect(post(`${base}?${plainQuery()}`, textXml())).rejects.toThrow();
    // The platform's redelivery of the same message is handled.
    const res = await post(`${base}?${plainQuery()}`, textXml());
    expect([res.status, await res.text()]).toEqual([200, 'success']);
    expect(calls).toBe(3);
  });
});
