import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { outbox } from '../../db/schema.js';
import { enqueueMessages, moveOutboxChat } from '../../src/core/outbox.js';
import { describeDb } from '../support/db.js';

const at = new Date('2026-11-30T01:00:00Z');

describeDb('writing to the outbox', (ctx) => {
  it('adds messages as pending, due at once, and returns their ids in order', async () => {
    const ids = await enqueueMessages(
      ctx.database.db,
      [1, 2, 3].map((n) => ({ channel: 'ow', chatId: 'c1', payload: { text: `第${n}条` } })),
      at,
    );
    expect(ids).toHaveLength(3);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    const rows = await ctx.database.db.select().from(outbox).where(eq(outbox.chatId, 'c1'));
    expect(rows.map((r) => [r.status, r.attempts, r.nextAttemptAt.toISOString()])).toEqual(Array(3).fill(['pending', 0, at.toISOString()]));
  });

  it('adds a message with a dedup key once, however often it is written', async () => {
    const first = await enqueueMessages(ctx.database.db, [{ channel: 'ow', chatId: 'c2', payload: { text: '卡片' }, dedupKey: 'card:1:ow:c2' }], at);
    const again = await enqueueMessages(ctx.database.db, [{ channel: 'ow', chatId: 'c2', payload: { text: '卡片' }, dedupKey: 'card:1:ow:c2' }], at);
    expect(first).toHaveLength(1);
    expect(again).toEqual([]);
    expect(await enqueueMessages(ctx.database.db, [], at)).toEqual([]);
  });

  it('moves only pending messages of a chat to its new id; sent ones stay where they were sent', async () => {
    const [sent, pending] = await enqueueMessages(
      ctx.database.db,
      [
        { channel: 'ow', chatId: 'old', payload: { text: 'a' } },
        { channel: 'ow', chatId: 'old', payload: { text: 'b' } },
      ],
      at,
    );
    await ctx.database.db.update(outbox).set({ status: 'sent' }).where(eq(outbox.id, sent!));
    await moveOutboxChat(ctx.database.db, 'ow', 'old', 'new');
    const byId = async (id: number) => (await ctx.database.db.select().from(outbox).where(eq(outbox.id, id)))[0]!.chatId;
    expect(await byId(sent!)).toBe('old');
    expect(await byId(pending!)).toBe('new');
    const other = await ctx.database.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.channel, 'ow'), eq(outbox.chatId, 'c1')));
    expect(other.every((r) => r.chatId === 'c1')).toBe(true);
  });
});
