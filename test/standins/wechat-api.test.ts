import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';
import { XMLParser } from 'fast-xml-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { startWechatStandin, type WechatStandin, type WechatStandinOptions } from './wechat-api.js';

const APP = { appId: 'wx0123456789abcdef', appSecret: 'secret-of-the-test-account', token: 'tok3n' };
const HOUR = 3_600_000;

interface Received {
  method: string;
  url: string;
  query: Record<string, string>;
  body: string;
}

/** A tiny stand-in of our program: records every callback and answers `answer(...)` (default `success`). */
async function startReceiver(answer: (r: Received, res: ServerResponse) => string | undefined = () => 'success') {
  const got: Received[] = [];
  const server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = req.url ?? '/';
    const r = { method: req.method ?? '', url, query: Object.fromEntries(new URL(url, 'http://x').searchParams), body: Buffer.concat(chunks).toString('utf8') };
    got.push(r);
    const body = answer(r, res);
    if (body !== undefined) res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { url: `http://127.0.0.1:${port}/wechat`, got, close };
}

let standin: WechatStandin | undefined;
let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;

async function setup(options: Partial<WechatStandinOptions> = {}, answer?: Parameters<typeof startReceiver>[0]) {
  receiver = await startReceiver(answer);
  standin = await startWechatStandin({ ...APP, callbackUrl: receiver.url, ...options });
  return { s: standin, got: receiver.got };
}

afterEach(async () => {
  await standin?.close();
  await receiver?.close();
  standin = receiver = undefined;
});

const xml = new XMLParser({ parseTagValue: false, trimValues: false });
const fieldsOf = (body: string) => (xml.parse(body) as { xml: Record<string, string> }).xml;
const plainSignature = (token: string, timestamp: string, nonce: string) => createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');

async function api(s: WechatStandin, path: string, query: Record<string, string> = {}, body?: unknown): Promise<any> {
  const url = `${s.apiRoot}${path}?${new URLSearchParams(query)}`;
  const res = await fetch(url, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  expect(res.status).toBe(200);
  return res.json();
}
const stableToken = (s: WechatStandin, extra: Record<string, unknown> = {}) =>
  api(s, '/cgi-bin/stable_token', {}, { grant_type: 'client_credential', appid: APP.appId, secret: APP.appSecret, ...extra });
const accessToken = async (s: WechatStandin) => (await stableToken(s)).access_token as string;
const userInfo = (s: WechatStandin, token: string, openid = 'oSomeone') => api(s, '/cgi-bin/user/info', { access_token: token, openid, lang: 'zh_CN' });
const sendText = (s: WechatStandin, token: string, touser: string, content: string) =>
  api(s, '/cgi-bin/message/custom/send', { access_token: token }, { touser, msgtype: 'text', text: { content } });

describe('WeChat Official Account stand-in', () => {
  it('caches the stable token until force_refresh, which invalidates the old one; /cgi-bin/token always issues a new one', async () => {
    const { s } = await setup();
    expect(await api(s, '/cgi-bin/stable_token', {}, { grant_type: 'client_credential', appid: 'wxWrong', secret: APP.appSecret })).toMatchObject({
      errcode: 40013,
    });
    const wrongSecret = await api(s, '/cgi-bin/stable_token', {}, { grant_type: 'client_credential', appid: APP.appId, secret: 'nope' });
    expect(wrongSecret).toMatchObject({ errcode: 40125, errmsg: expect.stringMatching(/^invalid appsecret rid: /) });
    expect(s.tokenFetches).toBe(0);

    const first = await stableToken(s);
    expect(first).toEqual({ access_token: expect.any(String), expires_in: 7200 });
    expect((await stableToken(s)).access_token).toBe(first.access_token);
    expect(s.tokenFetches).toBe(2);
    expect(await userInfo(s, first.access_token)).toEqual({ subscribe: 0, openid: 'oSomeone' });

    const refreshed = (await stableToken(s, { force_refresh: true })).access_token;
    expect(refreshed).not.toBe(first.access_token);
    expect(await userInfo(s, first.access_token)).toMatchObject({ errcode: 40001 });
    expect(await userInfo(s, refreshed)).toMatchObject({ subscribe: 0 });

    const query = { grant_type: 'client_credential', appid: APP.appId, secret: APP.appSecret };
    const g1 = (await api(s, '/cgi-bin/token', query)).access_token;
    const g2 = (await api(s, '/cgi-bin/token', query)).access_token;
    expect(g2).not.toBe(g1);
    expect(await userInfo(s, g1)).toMatchObject({ errcode: 40001 });
    expect(await userInfo(s, g2)).toMatchObject({ subscribe: 0 });
    expect(await userInfo(s, refreshed)).toMatchObject({ subscribe: 0 }); // the two kinds of token are isolated
    expect(s.tokenFetches).toBe(5);
    expect(await api(s, '/cgi-bin/stable_token', query)).toMatchObject({ errcode: 43002 });
  });

  it('expires tokens on expireTokens() and after 2 h of its clock (42001); refuses unknown (40001) and missing (41001) tokens', async () => {
    const { s } = await setup();
    const t1 = await accessToken(s);
    s.expireTokens();
    expect(await userInfo(s, t1)).toMatchObject({ errcode: 42001, errmsg: expect.stringContaining('access_token expired') });
    const t2 = await accessToken(s);
    expect(t2).not.toBe(t1);
    expect(await userInfo(s, t2)).toMatchObject({ subscribe: 0 });

    s.advance(2 * HOUR - 200_000); // in its last 5 minutes the platform hands out a new token; the old one still works
    const t3 = await accessToken(s);
    expect(t3).not.toBe(t2);
    expect(await userInfo(s, t2)).toMatchObject({ subscribe: 0 });
    s.advance(200_000);
    expect(await userInfo(s, t2)).toMatchObject({ errcode: 42001 });
    expect(await userInfo(s, t3)).toMatchObject({ subscribe: 0 });

    expect(await userInfo(s, 'made-up')).toMatchObject({ errcode: 40001 });
    expect(await api(s, '/cgi-bin/user/info', { openid: 'oSomeone' })).toMatchObject({ errcode: 41001 });
    expect(s.calls.map((c) => c.errcode).filter(Boolean)).toEqual([42001, 42001, 40001, 41001]);
  });

  it('enforces the custom-message window: 45015 before any message, 5 per message, 45047 after, 45015 after 48 h', async () => {
    const { s, got } = await setup({ followers: ['oUser1'] });
    let token = await accessToken(s);
    expect(await sendText(s, token, 'oUser1', 'too early')).toMatchObject({
      errcode: 45015,
      errmsg: expect.stringContaining('response out of time limit or subscription is canceled'),
    });
    expect(s.refused).toEqual([{ path: '/cgi-bin/message/custom/send', touser: 'oUser1', errcode: 45015, at: expect.any(Number) }]);

    const sentFrom = Math.floor(s.now() / 1000);
    const delivered = await s.text('oUser1', '你好');
    expect(delivered).toMatchObject({ status: 200, body: 'success' });
    expect(delivered.reply).toBeUndefined();
    expect(got).toHaveLength(1);
    const q = got[0]!.query;
    expect(Object.keys(q)).toEqual(['signature', 'timestamp', 'nonce', 'openid']);
    expect(q.signature).toBe(plainSignature(APP.token, q.timestamp!, q.nonce!));
    // The stand-in's own clock, in seconds, while the callback was made (a second may turn meanwhile).
    expect(Number(q.timestamp)).toBeGreaterThanOrEqual(sentFrom);
    expect(Number(q.timestamp)).toBeLessThanOrEqual(Math.floor(s.now() / 1000));
    expect(q.openid).toBe('oUser1');
    const fields = fieldsOf(got[0]!.body);
    expect(fields).toEqual({
      ToUserName: s.originalId,
      FromUserName: 'oUser1',
      CreateTime: q.timestamp,
      MsgType: 'text',
      Content: '你好',
      MsgId: expect.stringMatching(/^\d{17}$/),
    });
    expect(got[0]!.body).toMatch(/<CreateTime>\d+<\/CreateTime>.*<MsgId>\d+<\/MsgId>/);
    expect(got[0]!.body).toContain('<Content><![CDATA[你好]]></Content>');

    for (let i = 1; i <= 5; i++) expect(await sendText(s, token, 'oUser1', `reply ${i}`)).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await sendText(s, token, 'oUser1', 'one too many')).toMatchObject({
      errcode: 45047,
      errmsg: expect.stringContaining('out of response count limit'),
    });
    expect(s.sentTo('oUser1')).toEqual(['reply 1', 'reply 2', 'reply 3', 'reply 4', 'reply 5']);
    expect(s.sent[0]).toEqual({ touser: 'oUser1', msgtype: 'text', text: { content: 'reply 1' }, at: expect.any(Number) });

    await s.text('oUser1', '还在吗');
    expect(await sendText(s, token, 'oUser1', 'reply 6')).toMatchObject({ errcode: 0 });
    s.advance(49 * HOUR);
    expect(await sendText(s, token, 'oUser1', 'late')).toMatchObject({ errcode: 42001 });
    token = await accessToken(s);
    expect(await sendText(s, token, 'oUser1', 'late')).toMatchObject({ errcode: 45015 });
    expect(s.refused.map((r) => r.errcode)).toEqual([45015, 45047, 42001, 45015]);
    expect(s.sentTo('oUser1')).toHaveLength(6);
  });

  it('encrypts callbacks in safe mode for the appId, signs them both ways, and reads an encrypted passive reply', async () => {
    const aesKey = randomBytes(32).toString('base64').slice(0, 43);
    let replyWith: 'success' | 'encrypted' | 'plain' = 'success';
    const { s, got } = await setup({ aesKey }, (r) => {
      if (replyWith === 'success') return 'success';
      const inner = `<xml><ToUserName><![CDATA[oUser2]]></ToUserName><FromUserName><![CDATA[${APP.appId}]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[收到]]></Content></xml>`;
      if (replyWith === 'plain') return inner;
      const enc = encrypt(aesKey, inner, APP.appId);
      const sig = getSignature(APP.token, r.query.timestamp!, r.query.nonce!, enc);
      return `<xml><Encrypt><![CDATA[${enc}]]></Encrypt><MsgSignature><![CDATA[${sig}]]></MsgSignature><TimeStamp>${r.query.timestamp}</TimeStamp><Nonce><![CDATA[${r.query.nonce}]]></Nonce></xml>`;
    });
    const content = '求助 <a&b> ]]> 完';
    await s.text('oUser2', content, { msgId: '9223372036854775807' });
    const { query, body } = got[0]!;
    expect(Object.keys(query)).toEqual(['signature', 'timestamp', 'nonce', 'openid', 'encrypt_type', 'msg_signature']);
    expect(query).toMatchObject({ openid: 'oUser2', encrypt_type: 'aes' });
    expect(query.signature).toBe(plainSignature(APP.token, query.timestamp!, query.nonce!));
    const outer = fieldsOf(body);
    expect(Object.keys(outer)).toEqual(['ToUserName', 'Encrypt']);
    expect(query.msg_signature).toBe(getSignature(APP.token, query.timestamp!, query.nonce!, outer.Encrypt!));
    const { message, id } = decrypt(aesKey, outer.Encrypt!);
    expect(id).toBe(APP.appId);
    expect(fieldsOf(message)).toMatchObject({
      ToUserName: s.originalId,
      FromUserName: 'oUser2',
      MsgType: 'text',
      Content: content,
      MsgId: '9223372036854775807',
    });

    replyWith = 'encrypted';
    expect((await s.text('oUser2', 'again')).reply).toMatchObject({ ToUserName: 'oUser2', MsgType: 'text', Content: '收到' });
    replyWith = 'plain';
    expect(await s.text('oUser2', 'again')).toMatchObject({ replyError: 'reply not encrypted' });
  });

  it('sends template messages outside the window, but only to followers and with a known template id', async () => {
    const { s } = await setup({ templates: ['TPL_OK'], followers: ['oA'], unionIds: { oA: 'uA', oB: 'uB' } });
    const send = (token: string, touser: string, template_id = 'TPL_OK') =>
      api(
        s,
        '/cgi-bin/message/template/send',
        { access_token: token },
        { touser, template_id, url: 'https://example.org/t/1', data: { thing1: { value: '新工单' } } },
      );
    let token = await accessToken(s);
    const ok = await send(token, 'oA');
    expect(ok).toEqual({ errcode: 0, errmsg: 'ok', msgid: expect.any(Number) });
    expect(await send(token, 'oA', 'TPL_UNKNOWN')).toMatchObject({ errcode: 40037 });
    s.advance(72 * HOUR);
    token = await accessToken(s);
    expect((await send(token, 'oA')).msgid).toBeGreaterThan(ok.msgid);
    expect(s.templatesTo('oA').map((t) => t.data)).toEqual([{ thing1: { value: '新工单' } }, { thing1: { value: '新工单' } }]);
    expect(s.templatesTo('oA')[0]).toMatchObject({ template_id: 'TPL_OK', url: 'https://example.org/t/1', msgid: ok.msgid });

    await s.subscribe('oB');
    expect(s.follows('oB')).toBe(true);
    expect(await userInfo(s, token, 'oB')).toMatchObject({ subscribe: 1, openid: 'oB', unionid: 'uB' });
    expect(await sendText(s, token, 'oB', 'welcome')).toMatchObject({ errcode: 0 });
    await s.unsubscribe('oB');
    expect(s.follows('oB')).toBe(false);
    expect(await sendText(s, token, 'oB', 'bye')).toMatchObject({ errcode: 43004, errmsg: expect.stringContaining('require subscribe') });
    expect(await send(token, 'oB')).toMatchObject({ errcode: 43004 });
    expect(await userInfo(s, token, 'oB')).toEqual({ subscribe: 0, openid: 'oB', unionid: 'uB' });
    expect(await userInfo(s, token, 'oA')).toMatchObject({ subscribe: 1, openid: 'oA', unionid: 'uA', language: 'zh_CN' });
    expect(await userInfo(s, token, 'oA')).not.toHaveProperty('errcode');
  });

  it('validates menus like the platform and answers the last one on menu/get', async () => {
    const { s } = await setup();
    const token = await accessToken(s);
    const create = (button: unknown) => api(s, '/cgi-bin/menu/create', { access_token: token }, { button });
    const click = (name: string, key = 'K') => ({ type: 'click', name, key });
    expect(await api(s, '/cgi-bin/menu/get', { access_token: token })).toMatchObject({ errcode: 46003 });
    const cases: Array<[unknown, number]> = [
      [[], 40016],
      [[click('a'), click('b'), click('c'), click('d')], 40016],
      [[click('一二三四五六')], 40018], // 18 bytes
      [[{ type: 'click', name: '求助' }], 40019],
      [[click('求助', 'k'.repeat(129))], 40019],
      [[{ type: 'teleport', name: '求助', key: 'K' }], 40017],
      [[{ type: 'view', name: '网页' }], 40020],
      [[{ name: '更多', sub_button: Array.from({ length: 6 }, (_, i) => click(`s${i}`)) }], 40023],
      [[{ name: '更多', sub_button: [click('字'.repeat(21))] }], 40025], // 63 bytes
      [[{ name: '更多', sub_button: [{ type: 'click', name: '无键' }] }], 40026],
      [[{ name: '更多', sub_button: [{ type: 'view', name: '网页', url: `https://x.org/${'p'.repeat(1020)}` }] }], 40027],
    ];
    for (const [button, errcode] of cases) expect({ button, answer: await create(button) }).toMatchObject({ button, answer: { errcode } });
    expect(s.menus).toEqual([]);

    const menu = [
      click('我要求助', 'HELP'),
      { type: 'view', name: '须知', url: 'https://example.org/about' },
      { name: '更多', sub_button: [click('字'.repeat(20), 'SIXTY'), click('b'), click('c'), click('d'), click('e')] },
    ];
    expect(await create(menu)).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(s.menus).toEqual([{ button: menu }]);
    expect(await api(s, '/cgi-bin/menu/get', { access_token: token })).toEqual({ menu: { button: menu } });
  });

  it('failNext answers the next calls with the armed errcode, then behaves normally again', async () => {
    const { s } = await setup();
    s.failNext('/cgi-bin/stable_token', -1);
    s.failNext('message/custom/send', 45009, 2);
    s.failNext('message/custom/send', 42001);
    expect(await stableToken(s)).toMatchObject({ errcode: -1, errmsg: expect.stringContaining('system error') });
    const token = await accessToken(s);
    await s.text('oC', 'hi');
    expect(await sendText(s, token, 'oC', 'a')).toMatchObject({ errcode: 45009, errmsg: expect.stringContaining('reach max api daily quota limit') });
    expect(await sendText(s, token, 'oC', 'a')).toMatchObject({ errcode: 45009 });
    expect(await sendText(s, token, 'oC', 'a')).toMatchObject({ errcode: 42001 });
    expect(await sendText(s, token, 'oC', 'a')).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(s.sentTo('oC')).toEqual(['a']);
    expect(s.refused.map((r) => [r.touser, r.errcode])).toEqual([
      ['oC', 45009],
      ['oC', 45009],
      ['oC', 42001],
    ]);
  });

  it('replay posts the same bytes again without granting a new quota; postRaw sends hostile requests as given', async () => {
    const { s, got } = await setup({ perMessage: 1 });
    const token = await accessToken(s);
    const first = await s.text('oD', '第一条');
    expect(await sendText(s, token, 'oD', 'one')).toMatchObject({ errcode: 0 });
    expect(await sendText(s, token, 'oD', 'two')).toMatchObject({ errcode: 45047 });
    s.advance(60_000);
    const again = await s.replay(first.request);
    expect(again.status).toBe(200);
    expect(got).toHaveLength(2);
    expect(got[1]!.url).toBe(got[0]!.url);
    expect(got[1]!.body).toBe(got[0]!.body);
    expect(await sendText(s, token, 'oD', 'three')).toMatchObject({ errcode: 45047 });

    const stale = String(Math.floor(s.now() / 1000) - 3600);
    await s.postRaw({ query: { signature: 'bad', timestamp: stale, nonce: '1', openid: 'oD' }, body: '<xml/>' });
    expect(got[2]).toMatchObject({ method: 'POST', query: { signature: 'bad', timestamp: stale, nonce: '1', openid: 'oD' }, body: '<xml/>' });
  });

  it('builds the other messages and events, serves media, and applies the msgmenu and size rules', async () => {
    const { s, got } = await setup();
    const token = await accessToken(s);
    const last = () => fieldsOf(got.at(-1)!.body);
    await s.voice('oE');
    expect(last()).toMatchObject({ MsgType: 'voice', Format: 'amr', MediaId: expect.any(String) });
    expect(last()).not.toHaveProperty('Recognition');
    await s.voice('oE', '我需要帮助');
    expect(last()).toMatchObject({ MsgType: 'voice', Recognition: '我需要帮助' });

    const { request } = await s.image('oE');
    const mediaId = request.fields.MediaId!;
    expect(last()).toMatchObject({ MsgType: 'image', MediaId: mediaId, PicUrl: expect.stringMatching(/^http/) });
    const res = await fetch(`${s.apiRoot}/cgi-bin/media/get?access_token=${token}&media_id=${mediaId}`);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect([...Buffer.from(await res.arrayBuffer()).subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect(await api(s, '/cgi-bin/media/get', { access_token: token, media_id: 'never-handed-out' })).toMatchObject({ errcode: 40007 });

    await s.location('oE', 23.134521, 113.358803, '广州市天河区');
    expect(last()).toMatchObject({ MsgType: 'location', Location_X: '23.134521', Location_Y: '113.358803', Label: '广州市天河区' });
    await s.click('oE', 'HELP');
    expect(last()).toEqual({
      ToUserName: s.originalId,
      FromUserName: 'oE',
      CreateTime: expect.any(String),
      MsgType: 'event',
      Event: 'CLICK',
      EventKey: 'HELP',
    });
    await s.menuReply('oE', '101', '满意');
    expect(last()).toMatchObject({ MsgType: 'text', Content: '满意', bizmsgmenuid: '101' });
    const ids = got.map((g) => fieldsOf(g.body).MsgId).filter((id) => id !== undefined);
    expect(ids).toHaveLength(5);
    for (let i = 1; i < ids.length; i++) expect(BigInt(ids[i]!)).toBeGreaterThan(BigInt(ids[i - 1]!));

    const msgmenu = {
      head_content: '您对本次服务满意吗？',
      list: [
        { id: '101', content: '满意' },
        { id: '102', content: '不满意' },
      ],
      tail_content: '谢谢',
    };
    expect(await api(s, '/cgi-bin/message/custom/send', { access_token: token }, { touser: 'oE', msgtype: 'msgmenu', msgmenu })).toMatchObject({ errcode: 0 });
    expect(await sendText(s, token, 'oE', '好'.repeat(683))).toMatchObject({ errcode: 45002 }); // 2049 bytes
    expect(await sendText(s, token, 'oE', '好'.repeat(682))).toMatchObject({ errcode: 0 });
    expect(s.sentTo('oE')).toEqual(['您对本次服务满意吗？\n满意\n不满意\n谢谢', '好'.repeat(682)]);
  });

  it('answers the server-configuration check and gives up on a callback that takes too long', async () => {
    const { s } = await setup({ callbackTimeoutMs: 100 }, (r, res) => {
      if (r.method === 'GET') return r.query.echostr;
      setTimeout(() => res.end('success'), 400);
      return undefined;
    });
    expect(await s.verifyUrl()).toMatchObject({ status: 200, ok: true });
    expect(await s.text('oF', 'slow')).toMatchObject({ status: 0, body: '' });
  });

  it('waitFor rejects with a helpful message', async () => {
    const { s } = await setup();
    await expect(s.waitFor(() => s.sent.length > 0, 50)).rejects.toThrow(/timed out after 50 ms.*sent\.length > 0.*last calls: none/);
  });
});
