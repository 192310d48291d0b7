import { and, eq, like, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { outbox } from '../../db/schema.js';
import { createOutboxDelivery } from '../../src/core/outbox-delivery.js';
import { enqueueKeyed, enqueueMessages } from '../../src/core/outbox.js';
import type { Sender } from '../../src/core/ports.js';
import { createCapturingLogger } from '../support/app.js';
import { describeDb } from '../support/db.js';
import { LONG_MS } from '../support/patience.js';

// === Bulk rows (a broadcast to many groups): a crash in the middle resumes without repeats; the
// one window where a message can be sent twice is a send in flight at the crash, and only that

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const never = new Promise<never>(() => {});

/**
 * The platform, and a process sending to it that dies after `crashAfter` messages: from then on, each
 * send either never reaches the platform (`inFlightReached` = 0) or the first `inFlightReached` of them
 * reach it but their answer never comes back (the process died while they were on the wire).
 */
function dyingProcess(platform: Map<string, number>, crashAfter: number, inFlightReached = 0) {
  let calls = 0;
  const sender: Sender = {
    async send(chatId) {
      calls++;
      if (calls > crashAfter + inFlightReached) return never;
      platform.set(chatId, (platform.get(chatId) ?? 0) + 1);
      if (calls > crashAfter) return never;
      return { externalId: String(calls) };
    },
  };
  return sender;
}

function platformSender(platform: Map<string, number>): Sender {
  return {
    async send(chatId) {
      platform.set(chatId, (platform.get(chatId) ?? 0) + 1);
      return {};
    },
  };
}

describeDb('bulk outbox rows', (ctx) => {
  const db = () => ctx.database.db;
  const { log } = createCapturingLogger();

  /** A broadcast's rows as the domain writes them: one bulk row per group, keyed by broadcast and target. */
  async function broadcastRows(channel: string, id: number, groups: number) {
    const at = new Date();
    await enqueueKeyed(
      db(),
      Array.from({ length: groups }, (_, i) => ({
        channel,
        chatId: `-100${i}`,
        payload: { text: '通知' },
        dedupKey: `broadcast:${id}:${channel}:-100${i}`,
        bulk: true,
      })),
      at,
    );
    // Enqueued again (a retried transaction): no second row for any target.
    await enqueueKeyed(db(), [{ channel, chatId: '-1000', payload: { text: '通知' }, dedupKey: `broadcast:${id}:${channel}:-1000`, bulk: true }], at);
  }
  const sentCount = async (channel: string) =>
    (
      await db()
        .select({ n: sql<number>`count(*)::int` })
        .from(outbox)
        .where(and(eq(outbox.channel, channel), eq(outbox.status, 'sent')))
    )[0]!.n;

  // Hundreds of rows, each sent and marked: generous limits for a busy machine.
  it('a process killed in the middle of a broadcast to 300 groups: the restart sends the rest, each group exactly once', { timeout: LONG_MS }, async () => {
    const platform = new Map<string, number>();
    await broadcastRows('bk', 1, 300);
    const dying = createOutboxDelivery({ db: db(), senders: { bk: dyingProcess(platform, 150) }, log, renewMs: 0, instanceName: 'dead' });
    void dying.deliverDue();
    // The process stops at its 151st send, in its second batch; what it had sent is marked (nothing was on the wire when it died).
    while ((await sentCount('bk')) < 150) await sleep(10);
    expect(platform.size).toBe(150);

    const restarted = createOutboxDelivery({ db: db(), senders: { bk: platformSender(platform) }, log, instanceName: 'new', exclusiveDatabase: true });
    expect(await restarted.takeOverLeases()).toBeGreaterThan(0);
    expect(await restarted.deliverDue()).toBe(150);
    expect(platform.size).toBe(300);
    expect([...platform.values()].every((n) => n === 1)).toBe(true);
    const rows = await db().select().from(outbox).where(like(outbox.dedupKey, 'broadcast:1:bk:%'));
    expect(rows).toHaveLength(300);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
  });

  it('the only repeats after a crash are the sends that reached the platform but whose answer was lost, one each', { timeout: LONG_MS }, async () => {
    const platform = new Map<string, number>();
    await broadcastRows('bw', 2, 250);
    const dying = createOutboxDelivery({ db: db(), senders: { bw: dyingProcess(platform, 100, 3) }, log, renewMs: 0, instanceName: 'dead2' });
    void dying.deliverDue();
    while ((await sentCount('bw')) < 100 || platform.size < 103) await sleep(10);

    const restarted = createOutboxDelivery({ db: db(), senders: { bw: platformSender(platform) }, log, instanceName: 'new2', exclusiveDatabase: true });
    await restarted.takeOverLeases();
    await restarted.deliverDue();
    expect(platform.size).toBe(250);
    // Exactly the three in flight at the crash went out twice; every other group once.
    expect([...platform.values()].filter((n) => n === 2)).toHaveLength(3);
    expect([...platform.values()].filter((n) => n > 2)).toHaveLength(0);
  });

  it('a conversation row enqueued after a broadcast is sent before any of the broadcast’s rows starts', async () => {
    const order: string[] = [];
    let residentDone = false;
    const early: string[] = [];
    const sender: Sender = {
      async send(chatId) {
        order.push(chatId);
        if (chatId !== 'resident') {
          if (!residentDone) early.push(chatId);
          return {};
        }
        // A slow send (a few database round trips): bulk rows claimed with it must still wait for it.
        for (let i = 0; i < 3; i++) await db().execute(sql`select 1`);
        residentDone = true;
        return {};
      },
    };
    await broadcastRows('bp', 3, 150);
    await enqueueMessages(db(), [{ channel: 'bp', chatId: 'resident', payload: { text: '您的单号…' } }], new Date());
    await createOutboxDelivery({ db: db(), senders: { bp: sender }, log, instanceName: 'p' }).deliverDue();
    expect(order[0]).toBe('resident');
    expect(early).toEqual([]);
    expect(order).toHaveLength(151);
  });
});
