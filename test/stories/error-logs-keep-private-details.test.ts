import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeDb } from '../support/db.js';
import { createDispatchApp } from '../support/dispatch-app.js';

describeDb('error logs of a failed transaction', (ctx) => {
  it('carry no address, description, name or phone of the resident (they used to, in the stack)', async () => {
    const db = ctx.database.db;
    await db.execute(
      sql`create or replace function lianxin_test_fail() returns trigger language plpgsql as $$ begin raise exception 'refused by test trigger'; end $$`,
    );
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
