import { describe, expect, it } from 'vitest';
import { redactContacts, redactForGroup } from '../../../src/core/privacy.js';

const C = '[联系方式已隐去]';

describe('redacting the other ways to reach a person', () => {
  it.each([
    // WeChat: its own ids, and an account after (or before) a word that names it
    ['电视坏了 加我微信wxid_abc123xyz', `电视坏了 加我微信${C}`],
    ['微信号wang_xiuying1950 找我', `微信号${C} 找我`],
    ['微信号是：wangxiuying', `微信号是：${C}`],
    ['威信 wang1950', `威信 ${C}`],
    ['vx: wangxiuying', `vx: ${C}`],
    ['VX wang1950，晚上联系', `VX ${C}，晚上联系`],
    ['V信 Wang-xy88', `V信 ${C}`],
    ['加V wangxy', `加V ${C}`],
    ['加我 wangxy1950', `加我 ${C}`],
    ['wang1950是我微信', `${C}是我微信`],
    ['wangxiuying（微信）', `${C}（微信）`],
    ['有事找wang_xy1950', `有事找${C}`],
    // QQ numbers, however written, and QQ mail
    ['QQ 12345678', `QQ ${C}`],
    ['qq号：987654', `qq号：${C}`],
    ['扣扣 一二三四五六', `扣扣 ${C}`],
    ['企鹅号 1234 5678', `企鹅号 ${C}`],
    ['12345678@qq.com', C],
    ['邮箱 12345678 @ qq.com', `邮箱 ${C}`],
    // e-mail and Telegram names
    ['有事发邮件 wang.xy1950@163.com', `有事发邮件 ${C}`],
    ['wang(at)qq点com', C],
    ['找我 @wang_xy1950', `找我 ${C}`],
    // links that carry anything after the site
    ['扫这个 https://u.wechat.com/EMj8xyzAbC?from=1 加我', '扫这个 [链接已隐去] 加我'],
    ['weixin.qq.com/r/abcDEF123', '[链接已隐去]'],
    ['扫码https://u.wechat.com/EMj8xyz, 谢谢', '扫码[链接已隐去], 谢谢'],
    ['见 weixin.qq.com/r/abcDEF123.', '见 [链接已隐去].'],
    ['表在 http://example.org/f?token=9f8e7d6c5b', '表在 [链接已隐去]'],
    // licence plates
    ['车牌浙F·12345', '车牌[车牌已隐去]'],
    ['浙A D12345 停在楼下', '[车牌已隐去] 停在楼下'],
    ['苏E12345挂', '[车牌已隐去]'],
    ['浙f-1234x', '[车牌已隐去]'],
  ])('%s → %s', (input, expected) => {
    expect(redactForGroup(input)).toBe(expected);
  });
});

describe('leaving calm words as they are', () => {
  it.each([
    '单号20261122-0007还没人来',
    '20261122-0007 3点以后都在家',
    '明天下午3点',
    '下午3点到5点',
    '2台电视，3个灯泡，花了500块',
    'TCL电视坏了',
    '格力空调KFR-35GW不制冷',
    'iPhone14充不进电，WiFi连不上',
    '电视没图像，LED灯不亮',
    '微信支付500元',
    '加我微信吧',
    '我不会用微信，也没有QQ',
    '我的QQ号丢了',
    '微信上问过了，单号 20261122-0007',
    '微信 20261122-0007 还没人接',
    'QQ 2026-12-01 08:30 之后都行',
    '官网 https://www.gree.com/ 有说明',
    '我两三天没人来了',
    '周六上午，大概2小时',
    '2026-12-01 08:30:00 之后都行',
    '12月1号下午来',
  ])('%s', (input) => {
    expect(redactForGroup(input)).toBe(input);
  });

  it('after 微信 or QQ, a comma or a new line ends the account: the next clause is not one', () => {
    expect(redactForGroup('没有QQ，iPhone14充不进电')).toBe('没有QQ，iPhone14充不进电');
    expect(redactForGroup('我不会用微信\niPhone14充不进电')).toBe('我不会用微信\niPhone14充不进电');
  });

  it('but a word with a digit right after 微信 or QQ and a space is taken for an account (the price of catching "vx wang1950")', () => {
    expect(redactForGroup('没有QQ iPhone14充不进电')).toBe('没有QQ [联系方式已隐去]充不进电');
  });

  it.each(['wechat callback refused', 'telegram update failed', 'delivery failed', 'chat_not_found', 'window_closed', 'snapshot_unfit', 'api.openai.com'])(
    'and the words of log lines: %s',
    (input) => {
      expect(redactContacts(input)).toBe(input);
    },
  );
});
