import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runWechatCli } from '../../src/cli/wechat.js';
import { startWechatStandin } from '../standins/wechat-api.js';
import { capture } from '../support/capture.js';
import { LONG_MS } from '../support/patience.js';

const dir = mkdtempSync(path.join(tmpdir(), 'lianxin-wxcli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('prints the menu: three buttons whose clicks send words', async () => {
  const out = capture();
  expect(await runWechatCli(['menu', '--print'], {}, out.stream)).toBe(0);
  const menu = JSON.parse(out.text());
  expect(menu.button.map((b: { name: string }) => b.name)).toEqual(['一键求助', '我的求助', '更多']);
  expect(menu.button[2].sub_button.map((b: { key: string }) => b.key)).toEqual(['word:我要当志愿者', 'word:我的任务', 'word:帮助']);
});

it('refuses an unknown command or a missing configuration, saying what to do', async () => {
  const err = capture();
  expect(await runWechatCli(['nonsense'], {}, capture().stream, err.stream)).toBe(2);
  expect(err.text()).toContain('usage: npm run wechat -- menu');
  const err2 = capture();
  expect(await runWechatCli(['menu'], { DATA_DIR: path.join(dir, 'none') }, capture().stream, err2.stream)).toBe(2);
  expect(err2.text()).toContain('WECHAT_APP_ID');
});

it('creates the menu through the API, and says why when the platform refuses', { timeout: LONG_MS }, async () => {
  const standin = await startWechatStandin({ appId: 'wx0123456789abcdef', appSecret: 'c'.repeat(32), token: 'tok3n' });
  const env = {
    DATA_DIR: path.join(dir, 'data'),
    WECHAT_APP_ID: 'wx0123456789abcdef',
    WECHAT_APP_SECRET: 'c'.repeat(32),
    WECHAT_TOKEN: 'tok3n',
    WECHAT_API_ROOT: standin.apiRoot,
  };
  try {
    const out = capture();
    expect(await runWechatCli(['menu'], env, out.stream)).toBe(0);
    expect(out.text()).toContain('菜单已创建');
    expect(standin.menus).toHaveLength(1);
    standin.failNext('/cgi-bin/menu/create', 40018);
    const err = capture();
    expect(await runWechatCli(['menu'], env, capture().stream, err.stream)).toBe(1);
    expect(err.text()).toContain('40018');
  } finally {
    await standin.close();
  }
});
