import { sql } from 'drizzle-orm';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { describeDb } from '../support/db.js';
import { createDispatchApp } from '../support/dispatch-app.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { log: createLogger('debug', stream), lines };
}

describe('the logger redaction step', () => {
  it('redacts phones and addresses in any field and in the message, and keeps ids', () => {
    const { log, lines } = capture();
    log.warn({ key: 'telegram:123456789:123456789', chatId: '-1001234567890', nested: { note: '住文昌小区3幢2单元501，电话138 1234 5678' }, list: ['幺三八一二三四五六七八'] }, '打给13812345678');
    const line = lines.join('');
    expect(line).toContain('telegram:123456789:123456789');
    expect(line).toContain('-1001234567890');
    expect(line).not.toMatch(/文昌小区|138 1234|幺三八/);
    expect(JSON.parse(line)).toMatchObject({ msg: '打给***', nested: { note: '[地址已隐去]，电话***' }, list: ['***'] });
  });

  it('makes any Error safe, wherever it sits in the object', () => {
    const { log, lines } = capture();
    const err = new Error('Failed query: update "people" set "display_name" = $1\nparams: 王阿姨');
    log.error({ failure: err, deeper: { err } }, 'failed');
    expect(lines.join('')).not.toContain('王阿姨');
  });
});

describeDb('error logs of a failed transaction', (ctx) => {
  it('carry no address, description, name or phone of the resident (they used to, in the stack)', async () => {
    const db = ctx.database.db;
    await db.execute(sql`create or replace function lianxin_test_fail() returns trigger language plpgsql as $$ begin raise exception 'refused by test trigger'; end $$`);
    await db.execute(sql`create trigger lianxin_test_fail before insert on requests for each row execute function lianxin_test_fail()`);
    try {
      const app = await createDispatchApp(ctx.database);
      for (const t of ['门锁坏了，进不了门', '1', '文昌', '紫薇苑B座1203', '13877776666', '尽快', '1']) await app.say('lp-1', 'lp-1', t, '钱秀英');
      const logs = app.logLines.join('\n');
      expect(logs).toContain('message failed');
      for (const secret of ['紫薇苑', '1203', '13877776666', '7776666', '门锁坏了', '钱秀英']) expect(logs).not.toContain(secret);
    } finally {
      await db.execute(sql`drop trigger if exists lianxin_test_fail on requests`);
    }
  });
});
