import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWechatChannel } from '../../../src/channels/wechat/wechat-channel.js';
import type { HandleResult } from '../../../src/core/flow-runner.js';
import { createHttpServer } from '../../../src/http/server.js';
import type { IncomingMessage } from '../../../src/core/message.js';
import { startWechatStandin, type WechatStandin } from '../../standins/wechat-api.js';
import { createCapturingLogger } from '../../support/app.js';
import { IN_PROCESS_APP, inProcessChannelSettings } from '../../support/wechat-harness.js';

const APP = IN_PROCESS_APP;
const handled: IncomingMessage[] = [];
let standin: WechatStandin;
const { log } = createCapturingLogger();
const http = createHttpServer({ log });

beforeAll(async () => {
  standin = await startWechatStandin({ ...APP, unionIds: { 'o-linked': 'u-same-person' } });
  const channel = createWechatChannel({
    ...inProcessChannelSettings(standin, http),
    handle: async (msg): Promise<HandleResult> => {
      handled.push(msg);
      return { status: 'handled', outboxIds: [], state: null, events: [], command: false, stale: false };
    },
    log,
  });
  await http.listen(0, '127.0.0.1');
  await channel.start();
  standin.setCallbackUrl(`http://127.0.0.1:${http.port()}/wechat`);
});
afterAll(async () => {
  await http.close();
  await standin.close();
});

it('receives the platform’s callbacks on its path and answers its URL check', async () => {
  expect((await standin.verifyUrl()).ok).toBe(true);
  const res = await standin.text('o-plain', '电视坏了');
  expect([res.status, res.body]).toEqual([200, 'success']);
  expect(handled.at(-1)).toMatchObject({ channel: 'wechat', chatId: 'o-plain', content: { kind: 'text', text: '电视坏了' } });
  expect(handled.at(-1)!.unionId).toBeUndefined();
});

it('adds the union id the platform gives, looked up once per person', async () => {
  await standin.subscribe('o-linked');
  await standin.text('o-linked', '你好');
  await standin.text('o-linked', '再问一下');
  expect(handled.slice(-3).map((m) => [m.content.kind, m.unionId])).toEqual([
    ['followed', 'u-same-person'],
    ['text', 'u-same-person'],
    ['text', 'u-same-person'],
  ]);
  expect(standin.calls.filter((c) => c.path === '/cgi-bin/user/info' && c.query.openid === 'o-linked')).toHaveLength(1);
});

it('hands on an unfollow without asking the platform about the person', async () => {
  const before = standin.calls.length;
  await standin.unsubscribe('o-gone');
  expect(handled.at(-1)).toMatchObject({ chatId: 'o-gone', content: { kind: 'unfollowed' } });
  expect(standin.calls.slice(before).some((c) => c.path === '/cgi-bin/user/info')).toBe(false);
});
