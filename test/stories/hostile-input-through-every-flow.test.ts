import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { requests } from '../../db/schema.js';
import { texts } from '../../src/texts/resident.js';
import { describeDb } from '../support/db.js';
import { createDispatchApp } from '../support/dispatch-app.js';
import { LONG_MS } from '../support/patience.js';

// === Whatever a person sends, they get an answer and no transaction fails

/** Text people (and attackers) really send: controls, NUL, lone surrogates, bidi marks, emoji, CJK, very long. */
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '\u0000',
    '电视\u0000坏了',
    '\ud800',
    '\udfff电话',
    '\u202e1',
    '\u200b',
    '   ',
    '😀'.repeat(3000),
    'あ'.repeat(10_000),
    '取消',
    '返回',
    '帮助',
    '1',
    '2',
    '/start',
    '/unknown',
    '接单',
    '我要当志愿者',
  ),
  fc.array(fc.constantFrom('\u0000', '\u202e', '\ud83d', '水管', '1', '\u0007', '漏水', '\r\n', '🧯'), { maxLength: 30 }).map((a) => a.join('')),
);

describeDb('hostile input through every flow', (ctx) => {
  // Dozens of random conversations through the database: a limit for a busy machine, not for this one.
  it('answers every message of random Unicode, in the resident flow and the volunteer flow, with no failed transaction', { timeout: LONG_MS }, async () => {
    const app = await createDispatchApp(ctx.database);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(hostileText, { minLength: 1, maxLength: 5 }), async (volunteer, messages) => {
        const user = `h${++n}`;
        if (volunteer) await app.say(user, user, '我要当志愿者');
        for (const text of messages) {
          const before = app.to(user).length;
          const result = await app.say(user, user, text);
          expect(result.status).toBe('handled');
          expect(app.to(user).length).toBeGreaterThan(before);
        }
      }),
      { numRuns: 40 },
    );
    expect(app.logLines.filter((l) => l.includes('message failed'))).toEqual([]);
  });

  it('takes a NUL byte at every step of an intake and stores clean text (it used to fail the transaction)', async () => {
    const app = await createDispatchApp(ctx.database);
    for (const t of ['电视\u0000坏了', '1', '文\u0000昌', '文昌小区3幢\u00002单元501', '138\u00001234\u00005678', '尽\u0000快', '1']) {
      const result = await app.say('nul-1', 'nul-1', t);
      expect(result.status).toBe('handled');
      expect(app.lastTo('nul-1')?.payload.text).not.toBe(texts.sorry);
    }
    const [req] = await app.db.select().from(requests).where(eq(requests.chatId, 'nul-1'));
    expect(req).toMatchObject({ description: '电视坏了', address: '文昌小区3幢2单元501', phone: '13812345678' });
  });

  it('stores a display name with controls and bidi overrides cleaned', async () => {
    const app = await createDispatchApp(ctx.database);
    await app.say('nm-1', 'nm-1', '你好', '\u202e王\u0000阿姨');
    const rows = await app.db.execute<{ display_name: string }>(sql`select display_name from people where display_name like '%阿姨%'`);
    const names = (Array.isArray(rows) ? rows : (rows as unknown as { rows: { display_name: string }[] }).rows).map((r) => r.display_name);
    expect(names).toContain('王阿姨');
  });
});
