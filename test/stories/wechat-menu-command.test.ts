import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { menuDefinition } from '../../src/channels/wechat/menu.js';
import { dispatchTexts as t } from '../../src/texts/dispatch.js';
import { texts } from '../../src/texts/resident.js';
import { volunteerTexts } from '../../src/texts/volunteer.js';
import { wechatTexts } from '../../src/texts/wechat.js';
import { backends } from '../support/db.js';
import { startWechatHarness, WECHAT_APP, type WechatHarness } from '../support/wechat-harness.js';
import { LONG_MS, WAIT_MS } from '../support/patience.js';

// `npm run wechat -- menu`, as an operator runs it next to the bot (same settings, same database),
// creates the custom menu 一键求助 / 我的求助 / 更多 on the platform; each button's click then reaches
// the flows as its word. The account runs in 明文模式 here (no EncodingAESKey).

const root = fileURLToPath(new URL('../..', import.meta.url));
const FOLLOWER = 'oFollower_Menu_01';

/** `npm run wechat -- <args>`; resolves with the exit code and output. */
function wechatCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'wechat', '--', ...args], { cwd: root, env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (err += String(d)));
    const timer = setTimeout(() => child.kill('SIGKILL'), WAIT_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

type Button = { type?: string; name: string; key?: string; sub_button?: Button[] };

describe.each(backends)('npm run wechat -- menu [%s]', (backend) => {
  let h: WechatHarness;
  beforeAll(async () => {
    h = await startWechatHarness({ backend, safeMode: false });
  }, LONG_MS);
  afterAll(async () => {
    await h?.close();
  }, LONG_MS);

  it('the bot answers in 明文模式: a plain signature is checked, a follower is greeted', { timeout: LONG_MS }, async () => {
    expect(h.env.WECHAT_AES_KEY).toBe('');
    expect(await h.wx.verifyUrl()).toMatchObject({ status: 200, ok: true });
    const followed = await h.wx.subscribe(FOLLOWER);
    expect(followed.request.query.encrypt_type).toBeUndefined();
    await h.wx.waitFor(() => h.read(FOLLOWER).length === 1);
    expect(h.read(FOLLOWER)).toEqual([texts.welcome]);
    const forged = await h.wx.postRaw({
      query: { ...followed.request.query, signature: 'f'.repeat(40) },
      body: followed.request.body.replace('subscribe', 'unsubscribe'),
    });
    expect(forged.status).toBe(401);
  });

  it('--print shows the menu without calling the platform; without the WeChat settings it exits 2', { timeout: LONG_MS }, async () => {
    const calls = h.wx.calls.length;
    const printed = await wechatCli(['menu', '--print'], h.env);
    expect(printed.code, printed.err).toBe(0);
    expect(JSON.parse(printed.out)).toEqual(menuDefinition());
    expect(h.wx.calls).toHaveLength(calls);

    const unconfigured = await wechatCli(['menu'], { ...h.env, WECHAT_APP_ID: '', WECHAT_APP_SECRET: '', WECHAT_TOKEN: '' });
    expect(unconfigured.code).toBe(2);
    expect(unconfigured.err).toContain('WECHAT_APP_ID');
  });

  it('creates the menu with the bot’s token; every button is a click with a word: key', { timeout: LONG_MS }, async () => {
    const fetches = h.wx.tokenFetches;
    expect(fetches).toBeGreaterThan(0); // the bot fetched one to greet the follower
    // The bot keeps running: on PostgreSQL the command uses the token the bot keeps there; the embedded
    // database belongs to the bot's process alone, so there the command fetches the stable token itself.

    h.wx.failNext('menu/create', 40018);
    const refused = await wechatCli(['menu'], h.env);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('could not create the menu');
    expect(refused.err).not.toContain(WECHAT_APP.appSecret);
    expect(refused.err).not.toContain('access_token');
    expect(h.wx.menus).toEqual([]);

    const created = await wechatCli(['menu'], h.env);
    expect(created.code, created.err).toBe(0);
    expect(created.out).toBe('菜单已创建：一键求助 / 我的求助 / 更多\n');
    expect(h.wx.tokenFetches).toBe(backend === 'postgres' ? fetches : fetches + 2);
    expect(h.wx.menus).toHaveLength(1);
    const buttons = h.wx.menus[0]!.button as Button[];
    expect(buttons.map((b) => b.name)).toEqual([wechatTexts.menu.help.name, wechatTexts.menu.mine.name, wechatTexts.menu.more]);
    const clicks = buttons.flatMap((b) => b.sub_button ?? [b]);
    expect(clicks.map((b) => [b.type, b.name, b.key])).toEqual([
      ['click', '一键求助', 'word:开始'],
      ['click', '我的求助', 'word:查询'],
      ['click', '当志愿者', 'word:我要当志愿者'],
      ['click', '我的任务', 'word:我的任务'],
      ['click', '使用帮助', 'word:帮助'],
    ]);
  });

  it('each button of the created menu reaches the flows as its word', { timeout: LONG_MS }, async () => {
    const key = (name: string) => (h.wx.menus[0]!.button as Button[]).flatMap((b) => b.sub_button ?? [b]).find((b) => b.name === name)!.key!;
    const click = (name: string) => h.act(FOLLOWER, () => h.wx.click(FOLLOWER, key(name)));

    const [help] = await click('使用帮助');
    expect(help).toContain(texts.hello);
    expect(help).toContain(texts.describeHelp);
    expect((await click('一键求助'))[0]).toContain(texts.describeAgain);
    expect(await click('我的求助')).toEqual([texts.noRequests]);
    expect(await click('我的任务')).toEqual([t.notAVolunteer]);
    const [volunteer] = await click('当志愿者');
    expect(volunteer).toContain(volunteerTexts.welcome);
    expect(await h.say(FOLLOWER, '取消')).toEqual([volunteerTexts.cancelled]);
  });
});
