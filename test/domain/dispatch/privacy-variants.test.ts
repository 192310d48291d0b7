import { expect, it } from 'vitest';
import { describeDb } from '../../support/db.js';
import { createDispatchApp } from '../../support/dispatch-app.js';

const DIGIT_ANYHOW = /[0-9\uFF10-\uFF19零〇一二三四五六七八九幺两壹贰叁肆伍陆柒捌玖]/u;

describeDb('group cards with phones and addresses written in everyday variant forms', (ctx) => {
  it.each([
    ['电视坏了 电话138，1234，5678'],
    ['电视坏了 138\u200b1234\u200b5678'],
    ['电视坏了 138/1234/5678'],
    ['电视坏了 打一三八一二三四五六七八'],
    ['电视坏了 打幺三八一二三四五六七八'],
    ['电视坏了 我家文昌苑A座1203'],
    ['电视坏了 \u202e8765 4321 831\u202c'],
  ])('%s reaches the group with no digit of it', async (problem) => {
    const app = await createDispatchApp(ctx.database);
    const user = `pv-${Math.random().toString(36).slice(2, 8)}`;
    await app.bindGroup(`g-${user}`, 'nanhu-jianshe-wenchang');
    await app.request(user, { problem });
    const cards = app.to(`g-${user}`);
    expect(cards.length).toBeGreaterThan(0);
    const problems = cards.map((c) => /^问题：(.*)$/m.exec(c.payload.text)?.[1]).filter((p) => p !== undefined);
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p).not.toMatch(DIGIT_ANYHOW);
    for (const card of cards) {
      expect(card.payload.text).not.toMatch(/[\u202a-\u202e\u200b\u0000]/);
      expect(card.payload.text).not.toContain('A座');
    }
  });
});
