import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import { createInstanceId } from './instance.js';
import { claimDue, type Handed, moveOutboxChat, type OutboxClaim, type OutboxRow as Row, PRIORITY, releaseRows } from './outbox.js';
import { createRowsInHand, type Item, type ItemOutcome } from './outbox-hand.js';
import { createOutboxLeases } from './outbox-leases.js';
import { createRowSender } from './outbox-send.js';
import { type ChannelPacing, createPacer, type PacerClock, type PacerLane } from './pacer.js';
import type { Clock, PeoplePort, Sender } from './ports.js';
import { safeError } from './privacy.js';

// === Delivering the outbox on its own: rows handed over after commit or claimed when woken, per-chat
// order, retries; the leases of the rows in hand are outbox-leases.ts

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
   * Sending limits per channel (e.g. `{ telegram: { perSecond: 25, perGroupPerMinute: 20, … } }`): each
   * send waits its turn, replies first, bulk last. A channel not listed is not paced here.
   */
  pacing?: Record<string, ChannelPacing>;
  /** The pacers' time (tests); real time by default. */
  pacerClock?: PacerClock;
  /**
   * Subscribes to the database's `outbox` notifications (payload `channel:chat`, or `channel` for bulk
   * rows), sent when a transaction that wrote due rows commits — in this process or another one.
   */
  listen?: (onNotify: (payload: string) => void) => Promise<() => Promise<void>>;
  /** Rows claimed at a time, and about how many bulk rows are kept in hand per channel. Default 100. */
  claimLimit?: number;
}

/**
 * Delivers outbox messages: replies handed over right after their transaction (written claimed, no
 * claim needed), and due rows claimed when woken — by an `outbox` notification, `deliverDue`, or the
 * poll. One chat's messages go in order, chats concurrently; each channel claims and sends on its own.
 * Claimed rows carry this process's id and a lease, renewed while they are held; a claim counts an
 * attempt. At-least-once: a crash between sending and marking sent may resend that one message per chat.
 */
export function createOutboxDelivery(options: OutboxDeliveryOptions) {
  const { db, senders, log } = options;
  const clock = options.clock ?? (() => new Date());
  const leaseMs = options.leaseMs ?? 30_000;
  const renewMs = options.renewMs ?? Math.floor(leaseMs / 3);
  const claimLimit = options.claimLimit ?? 100;
  const me = createInstanceId(options.instanceName);
  const rows = createRowSender({
    db,
    log,
    clock,
    me,
    maxAttempts: options.maxAttempts ?? 8,
    onChatMigrated: options.onChatMigrated ?? ((channel: string, from: string, to: string) => moveOutboxChat(db, channel, from, to)),
    onBlocked: options.onBlocked,
  });
  const pacers = new Map(Object.entries(options.pacing ?? {}).map(([channel, p]) => [channel, createPacer(p, options.pacerClock)]));
  const leases = createOutboxLeases({ db, log, clock, me, leaseMs, renewMs, exclusiveDatabase: options.exclusiveDatabase ?? false });
  const { leaseFrom } = leases;

  /** Channels to claim for, channels with more due rows than were taken, and the claims running. */
  const wanted = new Set<string>();
  const more = new Set<string>();
  const claims = new Map<string, Promise<void>>();
  const idleWaiters: (() => void)[] = [];
  let sentTotal = 0;
  let timer: NodeJS.Timeout | null = null;
  let unlisten: (() => Promise<void>) | null = null;
  /** Set by `stop()`: no more claims, and rows not being sent yet go back. */
  let stopping = false;

  /** Gives rows back unsent (those still ours); a failure leaves them to their lease. */
  const giveBack = (held: Row[]) =>
    releaseRows(
      db,
      me,
      held.map((r) => r.id),
      clock(),
    ).catch((err) => log.warn({ err: safeError(err) }, 'outbox rows could not be given back; their lease runs out'));

  /** Sends one row in hand: `lost` when it is no longer ours (or we are stopping). */
  async function sendOne(item: Item): Promise<ItemOutcome> {
    const { channel, chatId } = item.row;
    const sender = senders[channel];
    if (!sender || stopping) return 'lost';
    await pacers.get(channel)?.take(chatId, item.lane, sender.isGroup?.(chatId) ?? false);
    if (stopping || !(await leases.confirm(item))) return 'lost';
    return rows.send(sender, item.row);
  }

  const hand = createRowsInHand({
    log,
    send: sendOne,
    release: (items) => giveBack(items.map((i) => i.row)),
    stopping: () => stopping,
    chatDone(channel, recheck) {
      if (recheck) wake(channel);
      checkIdle();
    },
    settled(channel, sent, inHand) {
      if (sent) sentTotal++;
      if (more.has(channel) && inHand < claimLimit / 2) {
        more.delete(channel);
        wake(channel);
      }
    },
  });
  const accept = (claimed: Row[], lane: (row: Row) => PacerLane) => {
    if (claimed.length > 0) leases.keepRenewing(true);
    return hand.add(claimed, lane, clock().getTime());
  };

  // === Claims: when woken, per channel, a limited number of rows at a time

  function wake(channel: string) {
    if (!senders[channel] || stopping) return;
    wanted.add(channel);
    if (!claims.has(channel))
      claims.set(
        channel,
        claimLoop(channel).finally(() => {
          claims.delete(channel);
          checkIdle();
        }),
      );
  }

  async function claimLoop(channel: string) {
    await Promise.resolve();
    while (wanted.delete(channel) && !stopping) {
      // Many bulk rows in hand already: only conversation rows now, the rest when these have gone.
      const conversationOnly = hand.inHand(channel) >= claimLimit;
      const now = clock();
      let claimed: Row[];
      try {
        claimed = await claimDue(db, { me, channel, now, leaseUntil: leaseFrom(now), limit: claimLimit, conversationOnly });
      } catch (err) {
        log.error({ err: safeError(err) }, 'outbox pass failed');
        return;
      }
      const full = claimed.length === claimLimit;
      if (full || conversationOnly) more.add(channel);
      else more.delete(channel);
      accept(claimed, (r) => (r.priority >= PRIORITY.bulk ? 'bulk' : 'conversation'));
      if (full && hand.inHand(channel) < claimLimit) wanted.add(channel);
    }
  }

  function checkIdle() {
    if (hand.chats() > 0 || claims.size > 0) return;
    leases.keepRenewing(false);
    for (const done of idleWaiters.splice(0)) done();
  }

  const idle = () =>
    new Promise<void>((resolve) => {
      idleWaiters.push(resolve);
      checkIdle();
    });

  /** An `outbox` notification: a chat (or a channel's bulk rows) got due rows. */
  function notified(payload: string) {
    const cut = payload.indexOf(':');
    const channel = cut < 0 ? payload : payload.slice(0, cut);
    // Its rows in hand may have made a claim skip the new one (one chat in order): look again after them.
    if (cut >= 0) hand.recheck(channel, payload.slice(cut + 1));
    wake(channel);
  }

  return {
    /** This process's id, written on the rows it holds (`claimed_by`). */
    instanceId: me,
    /** How replies are written for this process to deliver (`FlowRunnerOptions.claim`); null for a channel it does not send. */
    claimFor(channel: string, now: Date): OutboxClaim | null {
      return senders[channel] && !stopping ? { by: me, until: leaseFrom(now) } : null;
    },
    /** Takes replies written claimed by this process, after their commit; resolves when they have gone (or were given back). */
    async handOff(handed: Handed): Promise<void> {
      if (handed.rows.length === 0) return;
      if (stopping) {
        await giveBack(handed.rows);
        return;
      }
      await Promise.all(accept(handed.rows, () => 'reply'));
    },
    /** Resolves once nothing is in hand and no claim runs (without looking for more). */
    settled: idle,
    /** Claims what is due on every channel and resolves, with the number sent meanwhile, once nothing is left in hand. */
    async deliverDue(): Promise<number> {
      const before = sentTotal;
      for (const channel of Object.keys(senders)) wake(channel);
      await idle();
      return sentTotal - before;
    },
    /**
     * Frees at once what a dead earlier process held — one of the same instance name, or any on an
     * exclusive database — so a restart delays those messages by seconds, not a lease. Call at start.
     */
    takeOverLeases: () => leases.takeOver(),
    /** Listens for `outbox` notifications, and polls for due rows (retries, leases run out) every `intervalMs`. */
    async start(intervalMs = 1000) {
      stopping = false;
      timer ??= setInterval(() => {
        for (const channel of Object.keys(senders)) wake(channel);
      }, intervalMs);
      timer.unref();
      if (!unlisten && options.listen) {
        try {
          unlisten = await options.listen(notified);
        } catch (err) {
          log.warn({ err: safeError(err) }, 'outbox notifications unavailable; polling only');
        }
      }
    },
    /** Stops listening, polling and claiming; a chat's rows not yet being sent go back (due at once for the next start), sends under way finish. */
    async stop() {
      stopping = true;
      if (timer) clearInterval(timer);
      timer = null;
      const listening = unlisten;
      unlisten = null;
      await listening?.().catch(() => {});
      hand.wakeBulk();
      await idle();
    },
  };
}

export type OutboxDelivery = ReturnType<typeof createOutboxDelivery>;
