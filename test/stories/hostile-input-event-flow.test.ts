import fc from 'fast-check';
import { expect, it } from 'vitest';
import { describeDb } from '../support/db.js';
import { createDispatchApp } from '../support/dispatch-app.js';
import { LONG_MS } from '../support/patience.js';

// === Whatever an organizer sends while creating an event, they get an answer and no transaction fails

const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('\u0000', '\ud800', '\u202e1', '   ', '😀'.repeat(3000), 'あ'.repeat(10_000), '取消', '返回', '帮助', '1', '99', '/unknown', '不限'),
  fc.constantFrom('明天上午9点', '12月31日 25点', '2026-02-30 09:00', '下下周日晚上7点到6点', '报名 1', '签到', '发布活动'),
);

describeDb('hostile input through the event flow', (ctx) => {
  // Dozens of random conversations through the database: a limit for a busy machine, not for this one.
  it('answers every message of random Unicode at any step of 发布活动, with no failed transaction', { timeout: LONG_MS }, async () => {
    const app = await createDispatchApp(ctx.database);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 6 }), fc.array(hostileText, { minLength: 1, maxLength: 5 }), async (steps, messages) => {
        const user = `hev-o${++n}`;
        await app.organizer(user, 'nanhu-jianshe');
        await app.say(user, user, '发布活动');
        const path = ['河道清洁', '下周六上午9点', '南湖边', '文昌', '不限', '10'];
        for (const answer of path.slice(0, steps)) await app.say(user, user, answer);
        for (const text of messages) {
          const before = app.to(user).length;
          const result = await app.say(user, user, text);
          expect(result.status).toBe('handled');
          expect(app.to(user).length).toBeGreaterThan(before);
        }
      }),
      { numRuns: 30 },
    );
    expect(app.logLines.filter((l) => l.includes('message failed'))).toEqual([]);
  });
});
