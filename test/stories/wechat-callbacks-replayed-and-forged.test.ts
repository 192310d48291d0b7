import { createHash, randomInt } from 'node:crypto';
import { encrypt, getSignature } from '@wecom/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchTexts as t } from '../../src/texts/dispatch.js';
import { texts } from '../../src/texts/resident.js';
import { backends } from '../support/db.js';
import { registerWechatVolunteer, startWechatHarness, ticketIn, WECHAT_APP, type WechatHarness, wechatRequest } from '../support/wechat-harness.js';
import { LONG_MS } from '../support/patience.js';

// What the platform does to a callback URL — retries of the same callback, and what others may post
// to it — through `npm start` in 安全模式: a retried callback has one effect; a forged or stale one is
// refused with nothing stored and nothing sent; a person who unfollowed is written to no more, and
// what was held for them comes as one digest when they follow again.

const RESIDENT = 'oResident_Replay_1';
const VICTIM = 'oNever_Wrote_0001';
const ORGANIZER = 'oOrganizer_000001';
const VOLUNTEER = 'oVolunteer_000001';

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
const cdata = (s: string) => `<![CDATA[${s}]]>`;

interface ForgeOptions {
  /** Seconds since the epoch; now by default. */
  timestamp?: number;
  /** The AppID sealed into the ciphertext. */
  appId?: string;
  /** A ciphertext to use instead of the real one (still signed). */
  ciphertext?: string;
  /** A msg_signature to use instead of the right one. */
  msgSignature?: string;
  /** The body instead of the `<Encrypt>` envelope. */
  body?: string;
}

/** A callback as someone who knows the protocol (and, unless told otherwise, the token and key) would post it. */
function forge(fields: Record<string, string>, o: ForgeOptions = {}) {
  const xml = `<xml>${Object.entries(fields)
    .map(([k, v]) => `<${k}>${/^\d+$/.test(v) ? v : cdata(v)}</${k}>`)
    .join('')}</xml>`;
  const timestamp = String(o.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = String(randomInt(100_000_000, 2_000_000_000));
  const ciphertext = o.ciphertext ?? encrypt(WECHAT_APP.aesKey, xml, o.appId ?? WECHAT_APP.appId);
  const query = {
    signature: sha1([WECHAT_APP.token, timestamp, nonce].sort().join('')),
    timestamp,
    nonce,
    openid: fields.FromUserName ?? '',
    encrypt_type: 'aes',
    msg_signature: o.msgSignature ?? getSignature(WECHAT_APP.token, timestamp, nonce, ciphertext),
  };
  return { query, body: o.body ?? `<xml><ToUserName>${cdata('gh_standin00001')}</ToUserName><Encrypt>${cdata(ciphertext)}</Encrypt></xml>` };
}

describe.each(backends)('WeChat callbacks replayed and forged [%s]', (backend) => {
  let h: WechatHarness;
  beforeAll(async () => {
    h = await startWechatHarness({ backend, organizers: `wechat:${ORGANIZER}` });
  }, LONG_MS);
  afterAll(async () => {
    await h?.close();
  }, LONG_MS);

  it('a callback the platform retries three times has one effect: one reply, one request', { timeout: LONG_MS }, async () => {
    // The follow event, retried at once three times (all at the same moment): one greeting.
    const followed = await h.wx.subscribe(RESIDENT);
    const again = await Promise.all([1, 2, 3].map(() => h.wx.replay(followed.request)));
    expect(again.map((r) => [r.status, r.body])).toEqual(Array(3).fill([200, 'success']));
    await h.wx.waitFor(() => h.read(RESIDENT).length >= 1);

    // A message, retried three times after it was answered: one reply.
    const problem = await h.wx.text(RESIDENT, '电视坏了');
    await h.wx.waitFor(() => h.read(RESIDENT).length >= 2);
    for (let i = 0; i < 3; i++) expect((await h.wx.replay(problem.request)).status).toBe(200);
    // The next message's reply comes after any reply to a retry would have (one chat's messages go in order).
    expect((await h.say(RESIDENT, '1'))[0]).toContain(texts.askCommunity);
    expect(h.read(RESIDENT)).toHaveLength(3);
    expect(h.read(RESIDENT)[0]).toBe(texts.welcome);

    for (const text of ['文昌', '文昌小区3幢2单元501', '13812345678', '尽快']) await h.say(RESIDENT, text);
    const before = h.read(RESIDENT).length;
    const confirm = await h.wx.text(RESIDENT, '1');
    const retries = await Promise.all([1, 2, 3].map(() => h.wx.replay(confirm.request)));
    expect([confirm, ...retries].map((r) => r.status)).toEqual([200, 200, 200, 200]);
    // The callback is answered at commit, before the receipt is sent: wait for the receipt before asking for the list.
    await h.wx.waitFor(() =>
      h
        .read(RESIDENT)
        .slice(before)
        .some((m) => m.includes('已为您登记')),
    );
    const [list] = await h.act(RESIDENT, () => h.wx.click(RESIDENT, 'word:查询'));
    const receipts = h
      .read(RESIDENT)
      .slice(before)
      .filter((m) => m.includes('已为您登记'));
    expect(receipts).toHaveLength(1);
    const ticket = ticketIn(receipts);
    // One request stored: the list names exactly one ticket.
    expect([...list!.matchAll(/\d{8}-\d{4}/g)].map((m) => m[0])).toEqual([ticket, ticket]);
    expect(await h.say(RESIDENT, '返回')).toEqual([texts.requestKept]);
  });

  it('refuses forged, stale and malformed callbacks with nothing stored or sent, and keeps working', { timeout: LONG_MS }, async () => {
    const msgId = '7311000000000000001';
    const fields = { ToUserName: 'gh_standin00001', FromUserName: VICTIM, CreateTime: String(Math.floor(Date.now() / 1000)), MsgType: 'text' };
    const message = { ...fields, Content: '电视坏了', MsgId: msgId };
    const post = (request: { query: Record<string, string>; body: string }) => h.wx.postRaw(request);

    // Signed with a wrong signature; signed the right way but ten minutes old; sealed for another account.
    expect((await post(forge(message, { msgSignature: sha1('not the token') }))).status).toBe(401);
    expect((await post(forge(message, { timestamp: Math.floor(Date.now() / 1000) - 600 }))).status).toBe(401);
    expect((await post(forge(message, { timestamp: Math.floor(Date.now() / 1000) + 600 }))).status).toBe(401);
    expect((await post(forge(message, { appId: 'wx0000000000000000' }))).status).toBe(401);
    // 明文模式 posted to a 安全模式 account: plain signature right, nothing encrypted.
    const plain = forge(message);
    const { encrypt_type: _e, msg_signature: _m, ...plainQuery } = plain.query;
    const plainBody = `<xml>${Object.entries(message)
      .map(([k, v]) => `<${k}>${cdata(v)}</${k}>`)
      .join('')}</xml>`;
    expect((await post({ query: plainQuery, body: plainBody })).status).toBe(401);
    // Bodies that are no callback: not XML, no <Encrypt>, a ciphertext that does not decrypt, too large.
    expect((await post(forge(message, { body: 'this is not xml at all' }))).status).toBe(400);
    expect((await post(forge(message, { body: '<xml><ToUserName>gh_standin00001</ToUserName></xml>' }))).status).toBe(400);
    expect((await post(forge(message, { ciphertext: Buffer.from('x'.repeat(64)).toString('base64') }))).status).toBe(400);
    expect((await post(forge(message, { body: `<xml><Encrypt>${'A'.repeat(70_000)}</Encrypt></xml>` }))).status).toBe(413);

    // The server check (GET): a wrong signature is refused, the right one echoed.
    const wrongGet = await fetch(`http://127.0.0.1:${h.port}/wechat?signature=${sha1('x')}&timestamp=1&nonce=2&echostr=31337`);
    expect([wrongGet.status, await wrongGet.text()]).toEqual([401, '']);
    expect(await h.wx.verifyUrl()).toMatchObject({ status: 200, ok: true });

    // Log lines are written asynchronously: wait until the last refusal's line is in.
    const refusals = () => h.logLines().filter((l) => l.msg === 'wechat callback refused');
    await h.wx.waitFor(() => refusals().length >= 10);
    const reasons = refusals();
    expect(reasons.map((l) => l.reason)).toEqual([
      'bad_signature',
      'stale_timestamp',
      'stale_timestamp',
      'wrong_app',
      'not_encrypted',
      'malformed_xml',
      'missing_encrypt',
      expect.stringMatching(/^undecryptable/),
      'body_too_large',
      'bad_signature',
    ]);

    // Nothing reached the person, and nothing was stored: the same message, genuine now, is new to the program.
    expect(h.read(VICTIM)).toEqual([]);
    const [answer] = await h.act(VICTIM, () => h.wx.text(VICTIM, '电视坏了', { msgId }));
    expect(answer).toContain('1. 家电维修');
    expect(h.read(VICTIM)).toHaveLength(1);
    expect(h.wx.refused).toEqual([]);
  });

  it('writes no more to a resident who unfollowed; following again brings the greeting and one digest of what was held', { timeout: LONG_MS }, async () => {
    // A volunteer of 文昌社区, approved by the organizer; a request they are offered.
    await h.act(ORGANIZER, () => h.wx.subscribe(ORGANIZER));
    const id = await registerWechatVolunteer(h, VOLUNTEER, '李师傅', ORGANIZER);
    const [decided] = await h.say(ORGANIZER, `/approve ${id}`);
    expect(decided).toBe(t.decided(id, true));
    await h.wx.waitFor(() => h.read(VOLUNTEER).includes(t.volunteerApproved));
    const ticket = await wechatRequest(h, RESIDENT, '冰箱不制冷了', '文昌小区8幢1单元101');
    await h.wx.waitFor(() => h.read(VOLUNTEER).some((m) => m.includes(`附近有新求助 ${ticket}`)));

    const unfollowed = await h.wx.unsubscribe(RESIDENT);
    expect(unfollowed.status).toBe(200);
    const readBefore = h.read(RESIDENT).length;
    const callsBefore = h.wx.calls.length;

    // The volunteer takes it and sets off: the resident would be told twice, but is not written to.
    const [details] = await h.say(VOLUNTEER, `接单 ${ticket}`);
    expect(details).toContain(`您已接单 ${ticket}`);
    expect(await h.say(VOLUNTEER, `出发 ${ticket}`)).toEqual([t.departed(ticket)]);
    await h.wx.waitFor(() => h.logLines().filter((l) => l.msg === 'delivery held until the person writes again' && l.reason === 'blocked').length >= 2);
    expect(h.read(RESIDENT)).toHaveLength(readBefore);
    const toResident = h.wx.calls.slice(callsBefore).filter((c) => c.body?.touser === RESIDENT);
    expect(toResident).toEqual([]); // not even tried (no custom message, no template)

    // Following again: the greeting, then one message with both held ones.
    const back = await h.act(RESIDENT, () => h.wx.subscribe(RESIDENT), 2);
    expect(back[0]).toBe(texts.welcome);
    expect(back[1]).toBe([texts.heldDigest(2), `· ${t.residentClaimed(ticket, '李师傅')}`, `· ${t.residentDeparted(ticket, '李师傅')}`].join('\n'));
    expect(h.wx.templatesTo(RESIDENT)).toEqual([]);
    // …and from then on as usual.
    const [list] = await h.say(RESIDENT, '查询');
    expect(list).toContain(`· ${ticket} 家电维修（志愿者服务中）`);
  });
});
