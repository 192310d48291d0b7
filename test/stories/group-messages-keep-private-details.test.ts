import { expect, it } from 'vitest';
import { describeDb } from '../support/db.js';
import { createDispatchApp } from '../support/dispatch-app.js';
import { LONG_MS } from '../support/patience.js';

const MIN = 60_000;
const PHONE_LIKE = /1[3-9]\d{9}|0\d{2,3}-?\d{7,8}/;

describeDb('privacy of group messages', (ctx) => {
  it('never puts a phone number or a detailed address in any group message, through a busy day', { timeout: LONG_MS }, async () => {
    const t0 = new Date('2026-07-01T01:00:00Z');
    let now = t0;
    const app = await createDispatchApp(ctx.database, { clock: () => now });
    await app.bindGroup('g-p-wen', 'nanhu-jianshe-wenchang');
    await app.bindGroup('g-p-town', 'nanhu-jianshe');
    await app.bindGroup('g-p-city', 'jx', 'daily-life');
    await app.volunteer('v-p1', 'nanhu-jianshe-wenchang', { name: '周师傅' });
    await app.volunteer('v-p2', 'nanhu-jianshe-wenchang', { name: '吴阿姨' });
    const secrets = [
      { problem: '我住文昌小区3幢2单元501，电话13912345678，水管漏水', address: '文昌小区3幢2单元501', phone: '13912345678' },
      { problem: '电视坏了，打0573-82345678找我', address: '禾兴南路100号2单元303室', phone: '0573-82345678', community: '禾兴' },
      { problem: '下水道堵了', address: '紫阳街17号', phone: '13766665555', community: '紫阳', when: '明天下午，到了打13955554444' },
    ];
    const tickets = [];
    for (const [i, s] of secrets.entries()) tickets.push(await app.request(`r-p${i}`, s));
    await app.press('g-p-wen', 'v-p1', `claim:${tickets[0]}`);
    await app.say('v-p1', 'v-p1', `放弃 ${tickets[0]} 临时有事`);
    await app.say('g-p-wen', 'v-p2', `接单 ${tickets[0]}`);
    await app.say('v-p2', 'v-p2', `完成 ${tickets[0]} 2小时 换了水管`);
    for (const m of [10, 30, 60, 90]) {
      now = new Date(t0.getTime() + m * MIN);
      await app.dispatch.sweep(app.db, now);
      await app.delivery.deliverDue();
    }
    const traffic = app.groupTraffic();
    expect(traffic.length).toBeGreaterThan(8);
    for (const m of traffic) {
      expect(m.payload.text).not.toMatch(PHONE_LIKE);
      for (const s of secrets) {
        expect(m.payload.text).not.toContain(s.address);
        expect(m.payload.text).not.toContain(s.phone);
      }
      expect(m.payload.text).not.toMatch(/\d+幢|\d+单元|\d+室/);
    }
    // The details did reach the volunteers, privately.
    expect(app.to('v-p2').some((m) => m.payload.text.includes('13912345678'))).toBe(true);
    expect(traffic.some((m) => /时间：明天下午.到了打\*\*\*/.test(m.payload.text))).toBe(true);
    const logs = app.logLines.join('\n');
    for (const s of secrets) {
      expect(logs).not.toContain(s.phone);
      expect(logs).not.toContain(s.address);
    }
  });

  it("never puts a WeChat or QQ account, an e-mail address, a link, a plate or an ID card in the card, from the resident's own words", async () => {
    const app = await createDispatchApp(ctx.database);
    await app.bindGroup('g-c-wen', 'nanhu-jianshe-wenchang');
    await app.volunteer('v-c1', 'nanhu-jianshe-wenchang', { name: '郑师傅' });
    const secrets = [
      'wxid_abc123xyz',
      'wang_xiuying1950',
      'wang.xy1950@163.com',
      '12345678',
      'u.wechat.com/EMj8xyzAbC',
      '浙F·12345',
      '33040219500101123X',
      'li_ming88',
    ];
    const ticket = await app.request('r-c1', {
      problem:
        '电视坏了 加我微信wxid_abc123xyz，微信号wang_xiuying1950 找我，或QQ 12345678，邮箱wang.xy1950@163.com，扫码https://u.wechat.com/EMj8xyzAbC，车牌浙F·12345，身份证33040219500101123X',
      when: '明天下午3点，vx: li_ming88',
    });
    const cards = app.to('g-c-wen');
    expect(cards).toHaveLength(1);
    const card = cards[0]!.payload.text;
    for (const s of secrets) expect(card).not.toContain(s);
    expect(card).not.toMatch(/wxid|wang|@|https?:|浙F|123X/);
    // The calm words stay: the ticket, the problem, the time.
    expect(card).toContain(ticket);
    expect(card).toContain('问题：电视坏了 加我微信[联系方式已隐去]');
    expect(card).toContain('微信号[联系方式已隐去] 找我');
    expect(card).toContain('扫码[链接已隐去],车牌[车牌已隐去]');
    expect(card).toContain('时间：明天下午3点');
    // The volunteer who takes it gets the resident's words privately, as they were written.
    await app.press('g-c-wen', 'v-c1', `claim:${ticket}`);
    expect(app.to('v-c1').some((m) => m.payload.text.includes('wang_xiuying1950'))).toBe(true);
    for (const m of app.groupTraffic()) for (const s of secrets) expect(m.payload.text).not.toContain(s);
    const logs = app.logLines.join('\n');
    for (const s of secrets) expect(logs).not.toContain(s);
  });
});
