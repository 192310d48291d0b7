import { asc, eq, inArray } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { outbox } from '../../db/schema.js';
import { createInstanceId } from '../../src/core/instance.js';
import { createOutboxDelivery } from '../../src/core/outbox-delivery.js';
import { enqueueMessages } from '../../src/core/outbox.js';
import { DeliveryError, type Sender } from '../../src/core/ports.js';
import { createCapturingLogger, createMemorySender } from '../support/app.js';
import { describeDb } from '../support/db.js';

// === Outbox leases: short, renewed while a send is in flight, taken over by a restarted process

/** A pid no process can have (above Linux's largest pid_max): a process that died. */
const DEAD_PID = 2 ** 22 + 4321;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A sender whose first send waits until `release()`; records what it finished sending. */
function gatedSender() {
  let release = () => {};
  const gate = new Promise<void>((r) => (release = r));
  const started: string[] = [];
  const sent: string[] = [];
  const sender: Sender = {
    async send(_chatId, payload) {
      started.push(payload.text);
      if (started.length === 1) await gate;
      sent.push(payload.text);
      return {};
    },
  };
  return { sender, started, sent, release };
}

describeDb('outbox leases', (ctx) => {
  const db = () => ctx.database.db;
  const clockAt = (start: string) => {
    let now = new Date(start);
    return { clock: () => now, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
  };
  const rowsOf = (chatId: string) => db().select().from(outbox).where(eq(outbox.chatId, chatId)).orderBy(asc(outbox.id));
  const enqueue = (channel: string, chatId: string, texts: string[], at: Date) =>
    enqueueMessages(
      db(),
      texts.map((text) => ({ channel, chatId, payload: { text } })),
      at,
    );
  const texts = (s: { sent: { chatId: string; payload: { text: string } }[] }, chatId: string) =>
    s.sent.filter((m) => m.chatId === chatId).map((m) => m.payload.text);
  const { log } = createCapturingLogger();

  it('renews the lease of a send in flight, so another instance cannot take it and send again', async () => {
    const time = clockAt('2026-06-01T00:00:00Z');
    const a = gatedSender();
    const other = createMemorySender();
    const holder = createOutboxDelivery({ db: db(), senders: { lr: a.sender }, log, clock: time.clock, leaseMs: 30_000, renewMs: 20, instanceName: 'a' });
    const neighbour = createOutboxDelivery({ db: db(), senders: { lr: other }, log, clock: time.clock, leaseMs: 30_000, instanceName: 'b' });
    await enqueue('lr', 'l-renew', ['一', '二'], time.clock());
    const sending = holder.deliverDue();
    while (a.started.length === 0) await sleep(5);
    expect((await rowsOf('l-renew')).map((r) => [r.claimedBy, r.nextAttemptAt.toISOString()])).toEqual([
      [holder.instanceId, '2026-06-01T00:00:30.000Z'],
      [holder.instanceId, '2026-06-01T00:00:30.000Z'],
    ]);

    time.advance(45_000); // past the first lease: only renewal keeps the rows
    const renewed = async () => (await rowsOf('l-renew')).every((r) => r.nextAttemptAt.toISOString() === '2026-06-01T00:01:15.000Z');
    while (!(await renewed())) await sleep(5);
    expect(await neighbour.deliverDue()).toBe(0);

    a.release();
    await sending;
    expect(a.sent).toEqual(['一', '二']);
    expect(other.sent).toEqual([]);
    expect((await rowsOf('l-renew')).map((r) => [r.status, r.attempts, r.claimedBy])).toEqual([
      ['sent', 1, null],
      ['sent', 1, null],
    ]);
  });

  it('a restart takes over at once what its dead predecessor held, in each chat’s order, counting only real attempts', async () => {
    const time = clockAt('2026-06-02T00:00:00Z');
    const at = time.clock();
    const [inFlight, ...queued] = await enqueue('lt', 'l-chat', ['一', '二', '三', '四'], at);
    const [otherChat] = await enqueue('lt', 'l-other', ['另一位'], at);
    const [liveRow] = await enqueue('lt', 'l-live', ['邻居在发'], at);
    const [otherName] = await enqueue('lt', 'l-y', ['别的实例'], at);
    const [backoff] = await enqueue('lt', 'l-backoff', ['稍后重试'], at);
    const lease = new Date(at.getTime() + 30_000);
    // What a process named host-x left when it was killed: one send in flight, the rest claimed behind it.
    await db()
      .update(outbox)
      .set({ claimedBy: createInstanceId('host-x', DEAD_PID), nextAttemptAt: lease })
      .where(inArray(outbox.id, [inFlight!, ...queued, otherChat!]));
    await db().update(outbox).set({ attempts: 1 }).where(eq(outbox.id, inFlight!));
    // A live process of the same name on this machine, a dead one of another name, a retry waiting.
    await db()
      .update(outbox)
      .set({ claimedBy: createInstanceId('host-x', process.ppid), nextAttemptAt: lease })
      .where(eq(outbox.id, liveRow!));
    await db()
      .update(outbox)
      .set({ claimedBy: createInstanceId('host-y', DEAD_PID), nextAttemptAt: lease })
      .where(eq(outbox.id, otherName!));
    await db()
      .update(outbox)
      .set({ attempts: 1, lastError: 'network', nextAttemptAt: new Date(at.getTime() + 60_000) })
      .where(eq(outbox.id, backoff!));

    const sender = createMemorySender();
    const restarted = createOutboxDelivery({ db: db(), senders: { lt: sender }, log, clock: time.clock, leaseMs: 30_000, instanceName: 'host-x' });
    expect(await restarted.takeOverLeases()).toBe(5);
    await restarted.deliverDue();
    expect(texts(sender, 'l-chat')).toEqual(['一', '二', '三', '四']);
    expect(texts(sender, 'l-other')).toEqual(['另一位']);
    expect(sender.sent).toHaveLength(5);
    expect((await rowsOf('l-chat')).map((r) => [r.status, r.attempts])).toEqual([
      ['sent', 2],
      ['sent', 1],
      ['sent', 1],
      ['sent', 1],
    ]);

    time.advance(31_000); // the leases nobody renewed have run out
    await restarted.deliverDue();
    expect(texts(sender, 'l-live')).toEqual(['邻居在发']);
    expect(texts(sender, 'l-y')).toEqual(['别的实例']);
    expect(texts(sender, 'l-backoff')).toEqual([]);
    time.advance(30_000);
    await restarted.deliverDue();
    expect(texts(sender, 'l-backoff')).toEqual(['稍后重试']);
  });

  it('on a database only one process can open (PGlite), every lease left in it is taken over', async () => {
    const time = clockAt('2026-06-03T00:00:00Z');
    const ids = await enqueue('lx', 'l-excl', ['甲', '乙'], time.clock());
    await db()
      .update(outbox)
      .set({ claimedBy: 'some-old-process', nextAttemptAt: new Date(time.clock().getTime() + 600_000) })
      .where(eq(outbox.id, ids[0]!));
    await db()
      .update(outbox)
      .set({ claimedBy: createInstanceId('elsewhere', process.ppid), nextAttemptAt: new Date(time.clock().getTime() + 600_000) })
      .where(eq(outbox.id, ids[1]!));
    const sender = createMemorySender();
    const restarted = createOutboxDelivery({ db: db(), senders: { lx: sender }, log, clock: time.clock, instanceName: 'new', exclusiveDatabase: true });
    expect(await restarted.takeOverLeases()).toBe(2);
    await restarted.deliverDue();
    expect(texts(sender, 'l-excl')).toEqual(['甲', '乙']);
  });

  it('a process whose lease ran out (paused too long) sends nothing more of that chat', async () => {
    const time = clockAt('2026-06-04T00:00:00Z');
    const paused = gatedSender();
    const other = createMemorySender();
    const stale = createOutboxDelivery({
      db: db(),
      senders: { lf: paused.sender },
      log,
      clock: time.clock,
      leaseMs: 30_000,
      renewMs: 3_600_000,
      instanceName: 'p',
    });
    const taker = createOutboxDelivery({ db: db(), senders: { lf: other }, log, clock: time.clock, leaseMs: 30_000, instanceName: 'q' });
    await enqueue('lf', 'l-fence', ['一', '二', '三'], time.clock());
    const sending = stale.deliverDue();
    while (paused.started.length === 0) await sleep(5);
    time.advance(31_000);
    await taker.deliverDue();
    expect(texts(other, 'l-fence')).toEqual(['一', '二', '三']);
    paused.release();
    await sending;
    // The one send in flight when the lease was lost went out twice (at-least-once); nothing else did.
    expect(paused.sent).toEqual(['一']);
    expect((await rowsOf('l-fence')).map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
  });

  it('a failed send gives the chat’s later messages back unattempted, and frees its own lease', async () => {
    const time = clockAt('2026-06-05T00:00:00Z');
    const sender = createMemorySender();
    let failures = 1;
    sender.failWith(() => (failures-- > 0 ? new DeliveryError('rate_limited', '429', { permanent: false, retryAfterMs: 3000 }) : null));
    const delivery = createOutboxDelivery({ db: db(), senders: { lb: sender }, log, clock: time.clock, instanceName: 'r' });
    await enqueue('lb', 'l-back', ['一', '二', '三'], time.clock());
    await delivery.deliverDue();
    expect((await rowsOf('l-back')).map((r) => [r.attempts, r.claimedBy, r.nextAttemptAt.toISOString()])).toEqual([
      [1, null, '2026-06-05T00:00:03.000Z'],
      [0, null, '2026-06-05T00:00:00.000Z'],
      [0, null, '2026-06-05T00:00:00.000Z'],
    ]);
    time.advance(3000);
    await delivery.deliverDue();
    expect(texts(sender, 'l-back')).toEqual(['一', '二', '三']);
    expect((await rowsOf('l-back')).map((r) => r.attempts)).toEqual([2, 1, 1]);
  });
});
