import { and, eq, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import { outbox } from '../../db/schema.js';
import { createInstanceId } from './instance.js';
import type { OutgoingPayload } from './message.js';
import { type ChatRef, claimDue, moveOutboxChat, type OutboxRow as Row, PRIORITY, releaseRows, renewLeases, takeOverLeases } from './outbox.js';
import { asDeliveryError, failureOutcome } from './outbox-failure.js';
import { type ChannelPacing, createPacer, type PacerClock, type PacerLane } from './pacer.js';
import { type Clock, DeliveryError, type PeoplePort, type Sender } from './ports.js';
import { safeError } from './privacy.js';
import { sendWithinWindow } from './reply-window.js';

// === Delivering the outbox after commit: leases, per-chat order, retries, takeover at restart

export interface OutboxDeliveryOptions {
  db: Db;
  senders: Record<string, Sender>;
  log: Logger;
  clock?: Clock;
  /** Attempts before a message is given up as failed. */
  maxAttempts?: number;
  /**
   * How long a claimed message is reserved for this process; renewed every `renewMs` while it is
   * held, so a slow send keeps it and a crashed process lets go of it within this time. Default 30 s.
   */
  leaseMs?: number;
  /** How often held leases are renewed (real time). Default a third of `leaseMs`. */
  renewMs?: number;
  /**
   * The stable name of this instance, the same after a restart (default: the host name): a new
   * process takes over at once what an earlier process of the same name held when it died.
   */
  instanceName?: string;
  /** No other process can use this database (PGlite): every lease left in it belongs to a dead process. */
  exclusiveDatabase?: boolean;
  /**
   * The one handler of a chat that moved (a Telegram group became a supergroup): it must move the
   * chat's pending outbox rows (`moveOutboxChat`) and whatever else refers to the chat. Default: the rows only.
   */
  onChatMigrated?: (channel: string, from: string, to: string) => Promise<void>;
  /** Called in a transaction when a channel refuses delivery to a person for good (they blocked the bot). */
  onBlocked?: PeoplePort['markBlocked'];
  /**
   * Sending limits per channel (e.g. `{ telegram: { perSecond: 25, perChatPerMinute: 20 } }`): each send
   * waits its turn, conversation rows before bulk ones. A channel not listed is not paced here.
   */
  pacing?: Record<string, ChannelPacing>;
  /** The pacers' time (tests); real time by default. */
  pacerClock?: PacerClock;
}

/**
 * Delivers pending outbox messages: oldest first, one chat's messages in order, with retries
 * and backoff. Claimed rows carry this process's id (`claimed_by`) and a short lease, renewed while
 * they are held; a send starts only while the lease is still ours, and each start counts an attempt.
 * At-least-once: a crash between sending and marking sent may resend that one message per chat.
 */
export function createOutboxDelivery(options: OutboxDeliveryOptions) {
  const { db, senders, log } = options;
  const clock = options.clock ?? (() => new Date());
  const maxAttempts = options.maxAttempts ?? 8;
  const leaseMs = options.leaseMs ?? 30_000;
  const renewMs = options.renewMs ?? Math.floor(leaseMs / 3);
  const onChatMigrated = options.onChatMigrated ?? ((channel: string, from: string, to: string) => moveOutboxChat(db, channel, from, to));
  const me = createInstanceId(options.instanceName);
  let running: Promise<number> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let renewer: NodeJS.Timeout | null = null;
  let renewing: Promise<void> | null = null;
  /** Set by `stop()`: no more claims, and rows not being sent yet go back (`lost`). */
  let stopping = false;
  const passes = new Set<Promise<number>>();
  const leaseFrom = (now: Date) => new Date(now.getTime() + leaseMs);
  const mine = (id: number) => and(eq(outbox.id, id), eq(outbox.claimedBy, me), eq(outbox.status, 'pending'));
  /** Updates a row only while it is still ours and pending. */
  const updateMine = (id: number, values: Partial<typeof outbox.$inferInsert>, tx: Db = db) => tx.update(outbox).set(values).where(mine(id));
  const pacers = new Map(Object.entries(options.pacing ?? {}).map(([channel, p]) => [channel, createPacer(p, options.pacerClock)]));

  // === Leases: claimed with this process's id, renewed while held, released on failure

  async function claim(channel: string, only?: ChatRef[]): Promise<Row[]> {
    const now = clock();
    return claimDue(db, { me, channels: [channel], only, now, leaseUntil: leaseFrom(now) });
  }

  /** Extends the lease of every row this process holds. */
  const renew = () => renewLeases(db, me, leaseFrom(clock())).catch((err) => log.warn({ err: safeError(err) }, 'outbox lease renewal failed'));
  /** Gives rows back, due now. */
  const release = (ids: number[]) => releaseRows(db, me, ids, clock());

  /** Counts an attempt and returns the fresh row, or `null` when the lease is no longer ours. */
  async function startAttempt(id: number): Promise<Row | null> {
    const [row] = await db
      .update(outbox)
      .set({ attempts: sql`${outbox.attempts} + 1` })
      .where(mine(id))
      .returning();
    return row ?? null;
  }

  // === Sending one row

  /** Sends one claimed row; `reply` when a person who just wrote waits for it (their turn comes first). */
  async function sendOne(claimed: Row, reply: boolean): Promise<'sent' | 'held' | 'failed' | 'lost'> {
    const sender = senders[claimed.channel];
    if (!sender || stopping) return 'lost';
    const row = await startAttempt(claimed.id);
    if (!row) return 'lost';
    // The turn is taken right before the send, after the database work, so that the sends leave at the paced rate.
    const lane: PacerLane = claimed.priority >= PRIORITY.bulk ? 'bulk' : reply ? 'reply' : 'conversation';
    await pacers.get(claimed.channel)?.take(claimed.chatId, lane);
    if (stopping) return 'lost';
    try {
      const payload = row.payload as unknown as OutgoingPayload;
      if (payload.editOf !== undefined) {
        const [original] = await db.select().from(outbox).where(eq(outbox.id, payload.editOf));
        const { editOf: _, ...edit } = payload;
        if (original?.status === 'sent' && original.externalId && sender.edit) {
          await sender.edit(original.chatId, original.externalId, edit);
          await db
            .update(outbox)
            .set({ status: 'sent', sentAt: clock(), externalId: original.externalId, lastError: null, claimedBy: null })
            .where(eq(outbox.id, row.id));
          return 'sent';
        }
        if (original?.status === 'pending') throw new DeliveryError('network', 'the message to edit is not sent yet', { permanent: false, retryAfterMs: 1000 });
      }
      const result = await sendWithinWindow(db, sender, row.channel, row.chatId, row.payload as unknown as OutgoingPayload, clock());
      if (!result.sent) {
        await hold(row, result.hold);
        return 'held';
      }
      await db
        .update(outbox)
        .set({ status: 'sent', sentAt: clock(), externalId: result.externalId ?? null, lastError: null, claimedBy: null, sentVia: result.via })
        .where(eq(outbox.id, row.id));
      return 'sent';
    } catch (err) {
      // On a channel with a reply window, an account that unfollowed is held for, not given up.
      if (sender.replyWindow && err instanceof DeliveryError && err.code === 'blocked') {
        await db.transaction((tx) => options.onBlocked?.(tx, row.channel, row.chatId, clock()) ?? Promise.resolve());
        await hold(row, 'blocked');
        return 'held';
      }
      await recordFailure(row, err);
      return 'failed';
    }
  }

  /** Keeps a message the platform will not take now; it goes out when the person writes again (reply-window.ts). */
  async function hold(row: Row, reason: string) {
    log.info({ outboxId: row.id, channel: row.channel, reason }, 'delivery held until the person writes again');
    await updateMine(row.id, { status: 'held', lastError: reason, claimedBy: null });
  }

  async function recordFailure(row: Row, err: unknown) {
    const now = clock();
    const e = asDeliveryError(err);
    log.warn({ outboxId: row.id, channel: row.channel, code: e.code, attempts: row.attempts, err: safeError(err) }, 'delivery failed');
    const outcome = failureOutcome(row, e, maxAttempts, now);
    const unclaimed = { lastError: outcome.code, claimedBy: null };
    if (outcome.kind === 'migrate') {
      await updateMine(row.id, { chatId: outcome.to, payload: outcome.payload, nextAttemptAt: now, ...unclaimed });
      if (row.chatId !== outcome.to) await onChatMigrated(row.channel, row.chatId, outcome.to);
    } else if (outcome.kind === 'fail') {
      await db.transaction(async (tx) => {
        await updateMine(row.id, { status: 'failed', ...unclaimed }, tx as unknown as Db);
        if (outcome.blocked) await options.onBlocked?.(tx, row.channel, row.chatId, now);
      });
    } else {
      await updateMine(row.id, { nextAttemptAt: outcome.at, ...unclaimed });
    }
  }

  // === Passes: claim, send chat by chat, renew leases meanwhile

  /** Each channel claims and sends on its own, so that one channel's pacing never holds another's rows. */
  async function passOnce(only?: ChatRef[]): Promise<number> {
    const channels = Object.keys(senders).filter((channel) => !only || only.some((c) => c.channel === channel));
    return (await Promise.all(channels.map((channel) => channelPass(channel, only)))).reduce((a, b) => a + b, 0);
  }

  async function channelPass(channel: string, only?: ChatRef[]): Promise<number> {
    let sent = 0;
    /** Sends a chat's rows `from`–`to` in order; after a failure the chat's later rows go back and it stops. */
    const sendChat = async (chatRows: Row[], from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const result = await sendOne(chatRows[i]!, only !== undefined);
        if (result === 'held') continue;
        if (result !== 'sent') {
          // Keep the chat's order: later messages wait for the failed one; after a lost lease or a stop, what is still ours goes back.
          await release(chatRows.slice(result === 'lost' ? i : i + 1).map((r) => r.id));
          return false;
        }
        sent++;
      }
      return true;
    };
    for (;;) {
      if (stopping) return sent;
      const rows = await claim(channel, only);
      if (rows.length === 0) return sent;
      const byChat = new Map<string, Row[]>();
      for (const r of rows) byChat.set(r.chatId, [...(byChat.get(r.chatId) ?? []), r]);
      const chats = [...byChat.values()];
      // The batch's conversation rows (first in each chat) are sent before any of its bulk rows starts.
      const cut = chats.map((c) => c.filter((r) => r.priority < PRIORITY.bulk).length);
      const first = await Promise.all(chats.map((c, j) => sendChat(c, 0, cut[j]!)));
      const results = await Promise.all(chats.map((c, j) => first[j] && sendChat(c, cut[j]!, c.length)));
      if (!results.every(Boolean)) return sent;
    }
  }

  async function pass(only?: ChatRef[]): Promise<number> {
    const p = passOnce(only);
    passes.add(p);
    if (!renewer && renewMs > 0) {
      // One renewal at a time: a slow one overtaken by the next could write the older lease last.
      renewer = setInterval(() => void (renewing ??= renew().finally(() => (renewing = null))), renewMs);
      renewer.unref();
    }
    try {
      return await p;
    } finally {
      passes.delete(p);
      if (passes.size === 0 && renewer) {
        clearInterval(renewer);
        renewer = null;
      }
    }
  }

  /** Delivers everything due now; concurrent calls share one pass and trigger one more. */
  function deliverDue(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        again = false;
        try {
          total += await pass();
        } catch (err) {
          log.error({ err: safeError(err) }, 'outbox pass failed');
        }
      } while (again);
      return total;
    })().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    /** This process's id, written on the rows it holds (`claimed_by`). */
    instanceId: me,
    deliverDue,
    /**
     * Frees at once what a dead earlier process held — one of the same instance name, or any on an
     * exclusive database — so a restart delays those messages by seconds, not a lease. Call at start.
     */
    async takeOverLeases(): Promise<number> {
      const freed = await takeOverLeases(db, me, { exclusiveDatabase: options.exclusiveDatabase ?? false, now: clock() });
      if (freed.rows > 0) log.info(freed, 'outbox leases of a previous process taken over');
      return freed.rows;
    },
    /**
     * Delivers what is due for these chats only (a person's replies), without waiting for other
     * chats' traffic such as slow, paced group messages or a backlog: their sends take the pacer's `reply` lane.
     */
    async deliverChats(chats: ChatRef[]): Promise<number> {
      try {
        return await pass(chats);
      } catch (err) {
        log.error({ err: safeError(err) }, 'outbox pass failed');
        return 0;
      }
    },
    /** Polls for due messages (retries, messages from other instances) every `intervalMs`. */
    start(intervalMs = 1000) {
      stopping = false;
      timer ??= setInterval(() => void deliverDue(), intervalMs);
      timer.unref();
    },
    /** Stops polling and claiming; a chat's rows not yet being sent go back (due at once for the next start), sends under way finish. */
    async stop() {
      stopping = true;
      if (timer) clearInterval(timer);
      timer = null;
      await running;
      await Promise.allSettled([...passes]);
    },
  };
}

export type OutboxDelivery = ReturnType<typeof createOutboxDelivery>;
