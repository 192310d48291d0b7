import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWechatApi } from '../../../src/channels/wechat/api.js';
import { createWechatSender, customMessage, templateMessage, templateValue, textOf } from '../../../src/channels/wechat/sender.js';
import type { OutgoingPayload } from '../../../src/core/message.js';
import { DeliveryError } from '../../../src/core/ports.js';
import { createSharedToken } from '../../../src/core/shared-token.js';
import { startWechatStandin, type WechatStandin } from '../../standins/wechat-api.js';
import { describeDb } from '../../support/db.js';

const APP = { appId: 'wx0123456789abcdef', appSecret: 'b'.repeat(32), token: 'tok3n' };
const TEMPLATES = {
  request_claimed: { id: 'TPL_CLAIMED', fields: { character_string1: 'ticket', thing2: 'service', thing3: 'volunteer', phrase4: 'status' } },
  request_done: { id: 'TPL_DONE', fields: { character_string1: 'ticket', thing2: '=服务已完成，谢谢您的信任' } },
};
const question: OutgoingPayload = {
  text: '您需要的是不是下面这项？',
  questionId: 7,
  choices: [
    { id: 'item:tv', label: '家电维修' },
    { id: 'none', label: '都不是，我自己选' },
  ],
};
const claimed = (ticket: string): OutgoingPayload => ({
  text: `好消息：您的求助 ${ticket} 已由志愿者 王师傅 接单。`,
  notice: { kind: 'request_claimed', fields: { ticket, service: '家电维修（电视、冰箱、洗衣机和空调的上门检修）', volunteer: '王师傅', status: '已接单了' } },
});

it('lists choices as numbered lines, or as a clickable menu whose ids say question and number', () => {
  expect(textOf(question)).toBe('您需要的是不是下面这项？\n请回复数字：\n1. 家电维修\n2. 都不是，我自己选');
  expect(customMessage('o1', question, true)).toEqual({
    touser: 'o1',
    msgtype: 'msgmenu',
    msgmenu: {
      head_content: '您需要的是不是下面这项？\n点下面的选项，或回复数字：',
      list: [
        { id: '7_1', content: '1. 家电维修' },
        { id: '7_2', content: '2. 都不是，我自己选' },
      ],
      tail_content: '',
    },
  });
  expect(customMessage('o1', question, false)).toMatchObject({ msgtype: 'text' });
  expect(customMessage('o1', { text: '你好' }, true)).toEqual({ touser: 'o1', msgtype: 'text', text: { content: '你好' } });
  // Within the platform's 2048 bytes, never splitting a character.
  const long = textOf({ text: '很'.repeat(2000) });
  expect(Buffer.byteLength(long)).toBeLessThanOrEqual(2048);
  expect(long.endsWith('…')).toBe(true);
});

it('says “reply with a number” once, and lets the buttons of a message that asks no question carry their choice', () => {
  const asked = { ...question, text: '您需要的是不是下面这项？请回复数字：' };
  expect(textOf(asked)).toBe('您需要的是不是下面这项？\n请回复数字：\n1. 家电维修\n2. 都不是，我自己选');
  expect(customMessage('o1', asked, true).msgmenu?.head_content).toBe('您需要的是不是下面这项？\n点下面的选项，或回复数字：');
  const community = { ...question, text: '请问您住在哪个社区（村）？回复数字，或直接打社区名称：' };
  expect(customMessage('o1', community, true).msgmenu?.head_content).toBe(`${community.text}\n也可以直接点下面的选项：`);
  expect(textOf(community)).toBe(`${community.text}\n1. 家电维修\n2. 都不是，我自己选`);

  const card: OutgoingPayload = {
    text: '新任务 20261201-0001 …回复“接单 20261201-0001”即可接单。',
    choices: [{ id: 'claim:20261201-0001', label: '我来接单' }],
  };
  expect(customMessage('o1', card, true).msgmenu).toEqual({
    head_content: card.text,
    list: [{ id: 'c:claim:20261201-0001', content: '我来接单' }],
    tail_content: '',
  });
  // Typed numbers would not reach such a message: its text says what to type, and no number is listed.
  expect(textOf(card)).toBe(card.text);
});

it('fills a template from the notice, within each field kind’s limits, and only for configured kinds', () => {
  const body = templateMessage('o1', claimed('20261201-0001'), { templates: TEMPLATES, templateUrl: 'https://x.org/t/{ticket}' });
  expect(body).toEqual({
    touser: 'o1',
    template_id: 'TPL_CLAIMED',
    url: 'https://x.org/t/20261201-0001',
    data: {
      character_string1: { value: '20261201-0001' },
      thing2: { value: '家电维修（电视、冰箱、洗衣机和空调的上…' },
      thing3: { value: '王师傅' },
      phrase4: { value: '已接单了' },
    },
  });
  expect([...(body!.data.thing2?.value ?? '')]).toHaveLength(20);
  expect(templateValue('phrase1', '志愿者已出发')).toBe('志愿者已…');
  expect(templateValue('character_string9', '单号 20261201-0001')).toBe('20261201-0001');
  expect(templateMessage('o1', { text: '普通消息' }, { templates: TEMPLATES })).toBeNull();
  expect(
    templateMessage('o1', { ...claimed('x'), notice: { kind: 'task_offered', fields: { ticket: 'x', status: '待接单' } } }, { templates: TEMPLATES }),
  ).toBeNull();
});

describeDb('WeChat API and sender against the stand-in', (ctx) => {
  let standin: WechatStandin;
  let receiver: ReturnType<typeof createServer>;
  let api: ReturnType<typeof createWechatApi>;
  let sender: ReturnType<typeof createWechatSender>;

  beforeAll(async () => {
    receiver = createServer((_req, res) => res.end('success'));
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    standin = await startWechatStandin({ ...APP, templates: ['TPL_CLAIMED', 'TPL_DONE'] });
    standin.setCallbackUrl(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/wechat`);
    api = createWechatApi({ ...APP, apiRoot: standin.apiRoot, tokenStore: (fetch) => createSharedToken({ db: ctx.database.db, key: 'wechat:test', fetch }) });
    sender = createWechatSender({ api, templates: TEMPLATES, replyWindow: { ms: 48 * 3_600_000, perMessage: 5 }, menuReplies: true });
  });
  afterAll(async () => {
    await standin.close();
    receiver.closeAllConnections();
    receiver.close();
  });
  const failure = async (p: Promise<unknown>) => {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DeliveryError);
    return err as DeliveryError;
  };

  it('fetches the token once for many calls, and renews it once when the platform says it expired', async () => {
    await standin.text('o-a', '你好');
    await Promise.all([sender.send('o-a', { text: '一' }), sender.send('o-a', { text: '二' }), sender.send('o-a', question)]);
    expect(standin.tokenFetches).toBe(1);
    expect(standin.sentTo('o-a')).toHaveLength(3);
    standin.expireTokens();
    await sender.send('o-a', { text: '三' });
    expect(standin.tokenFetches).toBe(2);
    expect(standin.sentTo('o-a').at(-1)).toBe('三');
  });

  it('says the window is closed when the platform does, and sends the notice as a template instead', async () => {
    await standin.subscribe('o-b');
    standin.advance(49 * 3_600_000);
    expect((await failure(sender.send('o-b', claimed('20261201-0002')))).code).toBe('window_closed');
    await sender.sendNotice!('o-b', claimed('20261201-0002'));
    expect(standin.templatesTo('o-b').map((t) => [t.template_id, t.data.character_string1?.value])).toEqual([['TPL_CLAIMED', '20261201-0002']]);
    expect((await failure(sender.sendNotice!('o-b', { text: '没有模板的消息' }))).code).toBe('window_closed');
  });

  it('maps the platform’s refusals to delivery errors that say whether to try again', async () => {
    await standin.text('o-c', '你好');
    standin.failNext('/cgi-bin/message/custom/send', 45009);
    const quota = await failure(sender.send('o-c', { text: 'x' }));
    expect([quota.code, quota.options.permanent, quota.options.retryAfterMs]).toEqual(['rate_limited', false, 3_600_000]);
    standin.failNext('/cgi-bin/message/custom/send', -1);
    expect((await failure(sender.send('o-c', { text: 'x' }))).options).toMatchObject({ permanent: false });
    await standin.unsubscribe('o-c');
    const gone = await failure(sender.send('o-c', { text: 'x' }));
    expect([gone.code, gone.options.permanent]).toEqual(['blocked', true]);
    expect((await failure(sender.sendNotice!('o-c', claimed('20261201-0003')))).code).toBe('blocked');
  });

  it('reads the union id of a follower', async () => {
    const info = await api.userInfo('o-a');
    expect(info).toMatchObject({ openid: 'o-a' });
  });
});
