import { expect, it } from 'vitest';
import { createDispatchApp } from '../support/dispatch-app.js';
import { describeDb } from '../support/db.js';

// The app as main.ts builds it: the reminder reaches each bound group through the outbox, once, even
// when a second instance runs the same minute.

describeDb('a service-day reminder reaches every bound group once', (ctx) => {
  it('three days before the 25th at 09:00, through the outbox, once for two instances', async () => {
    let now = new Date('2027-01-22T09:00:05+08:00');
    const clock = () => now;
    const first = await createDispatchApp(ctx.database, { clock });
    const second = await createDispatchApp(ctx.database, { clock });
    await first.bindGroup('g-wenchang', 'nanhu-jianshe-wenchang');
    await first.bindGroup('g-xiuzhou', 'xiuzhou');
    const [a, b] = await Promise.all([first.reminders.runOnce(), second.reminders.runOnce()]);
    expect(a.sent + b.sent).toBe(2);
    now = new Date('2027-01-22T09:01:05+08:00');
    expect((await first.reminders.runOnce()).sent).toBe(0);
    await first.delivery.deliverDue();
    await second.delivery.deliverDue();
    const sent = [...first.sender.log, ...second.sender.log].filter((s) => s.payload.text.startsWith('📅'));
    expect(sent.map((s) => s.chatId).sort()).toEqual(['g-wenchang', 'g-xiuzhou']);
    expect(sent[0]?.payload.text).toContain('1月25日（星期一）是党员先锋服务日');
    expect(sent[0]?.payload.text).toContain('请提前安排时间');
  });
});
