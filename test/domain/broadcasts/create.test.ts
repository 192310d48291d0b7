import { eq, like } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { broadcasts, broadcastTargets, chatGroups, outbox } from '../../../db/schema.js';
import { PRIORITY } from '../../../src/core/outbox.js';
import { broadcastKey, createBroadcast } from '../../../src/domain/broadcasts/create.js';
import { describeDb } from '../../support/db.js';
import { createDispatchApp } from '../../support/dispatch-app.js';

// === Storing a broadcast: the server's own role check, and one keyed bulk row per target

describeDb('createBroadcast', (ctx) => {
  it('refuses a station the organizer does not organize, even one picked by id, and stores nothing', async () => {
    const app = await createDispatchApp(ctx.database);
    await app.bindGroup('g-c1', 'xiuzhou-xincheng-xiuyuan');
    const organizer = await app.organizer('c-o1', 'nanhu');
    const volunteer = await app.volunteer('c-v1', 'nanhu-jianshe-wenchang');
    const at = new Date();
    const base = { text: '通知', channel: 'test', chatId: 'c-o1', at };
    const before = (await app.db.select().from(broadcasts)).length;
    expect(
      await app.db.transaction((tx) => createBroadcast(tx, app.tree, { ...base, organizerId: organizer, stationIds: [app.stationId('xiuzhou')] })),
    ).toEqual({
      ok: false,
      reason: 'not_organizer',
    });
    expect(
      await app.db.transaction((tx) =>
        createBroadcast(tx, app.tree, { ...base, organizerId: volunteer, stationIds: [app.stationId('nanhu-jianshe-wenchang')] }),
      ),
    ).toEqual({ ok: false, reason: 'not_organizer' });
    expect((await app.db.select().from(broadcasts)).length).toBe(before);
  });

  it('stores the targets with their outbox rows: bulk, keyed by broadcast and target', async () => {
    const app = await createDispatchApp(ctx.database, { noDelivery: true });
    await app.bindGroup('g-c2', 'nanhu-jiefang-zhonghe');
    await app.bindGroup('g-c3', 'nanhu-jiefang-zhonghe', 'daily-life');
    const organizer = await app.organizer('c-o2', 'nanhu-jiefang');
    const r = await app.db.transaction((tx) =>
      createBroadcast(tx, app.tree, {
        organizerId: organizer,
        stationIds: [app.stationId('nanhu-jiefang')],
        text: '通知',
        channel: 'test',
        chatId: 'c-o2',
        at: new Date(),
      }),
    );
    if (!r.ok) throw new Error('not created');
    expect(r.targets).toBe(2);
    const targets = await app.db.select().from(broadcastTargets).where(eq(broadcastTargets.broadcastId, r.id));
    for (const t of targets) {
      const [row] = await app.db.select().from(outbox).where(eq(outbox.id, t.outboxId));
      expect(row).toMatchObject({ chatId: t.chatId, dedupKey: broadcastKey(r.id, 'test', t.chatId), priority: PRIORITY.bulk, status: 'pending' });
    }
    expect(targets.map((t) => t.chatId).sort()).toEqual(['g-c2', 'g-c3']);
  });

  it('stores a broadcast to Jiaxing’s 2,342 team groups: more outbox rows than one statement takes, one per group', async () => {
    const app = await createDispatchApp(ctx.database, { noDelivery: true });
    const stationId = app.stationId('nanhu-jianshe-wenchang');
    const groups = Array.from({ length: 2342 }, (_, i) => ({ channel: 'big', chatId: `-100${i}`, stationId, boundBy: 0 }));
    for (let i = 0; i < groups.length; i += 1000) await app.db.insert(chatGroups).values(groups.slice(i, i + 1000));
    const organizer = await app.organizer('c-o3', 'nanhu-jianshe-wenchang');
    const r = await app.db.transaction((tx) =>
      createBroadcast(tx, app.tree, { organizerId: organizer, stationIds: [stationId], text: '通知', channel: 'test', chatId: 'c-o3', at: new Date() }),
    );
    if (!r.ok) throw new Error('not created');
    const targets = (await app.db.select().from(broadcastTargets).where(eq(broadcastTargets.broadcastId, r.id))).filter((t) => t.channel === 'big');
    expect(targets).toHaveLength(2342);
    const rows = await app.db
      .select({ id: outbox.id })
      .from(outbox)
      .where(like(outbox.dedupKey, `broadcast:${r.id}:big:%`));
    expect(rows).toHaveLength(2342);
    expect(new Set(targets.map((t) => t.outboxId))).toEqual(new Set(rows.map((x) => x.id)));
  });
});
