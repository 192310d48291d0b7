import { describe, expect, it } from 'vitest';
import { lockKey, redactUrl } from '../../db/client.js';
import { describeDb } from '../support/db.js';

describe('redactUrl', () => {
  it('hides the password of a database URL, and only that', () => {
    expect(redactUrl('postgres://lianxin:s3cret@db.example.org:5432/lianxin')).toBe('postgres://lianxin:***@db.example.org:5432/lianxin');
    expect(redactUrl('postgres://lianxin@localhost/lianxin')).toBe('postgres://lianxin@localhost/lianxin');
  });

  it('gives nothing of a string it cannot read as a URL', () => {
    expect(redactUrl('not a url with s3cret')).toBe('postgres://…');
  });
});

describeDb('lockKey', (ctx) => {
  it('holds a key until the transaction ends: two transactions on one key run one after the other', async () => {
    const db = ctx.database.db;
    const log: string[] = [];
    const hold = (name: string) =>
      db.transaction(async (tx) => {
        await lockKey(tx, 'lock-test');
        log.push(`${name} in`);
        await new Promise((r) => setTimeout(r, 30));
        log.push(`${name} out`);
      });
    await Promise.all([hold('a'), hold('b')]);
    expect(log).toHaveLength(4);
    expect(log[1]).toBe(`${log[0]!.split(' ')[0]} out`);
  });
});
