import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import { texts } from '../texts/resident.js';
import type { HandleResult } from './flow-runner.js';
import { cleanIncoming } from './input-clean.js';
import { conversationKey, type IncomingContent, type IncomingMessage, isFlowContent } from './message.js';
import { enqueueMessages } from './outbox.js';
import type { Clock } from './ports.js';
import { safeError } from './privacy.js';

// === Flood control: one person sending faster than anyone types is not handled message by message.
// A token bucket per conversation, in memory, in front of the runner: messages within the allowance are
// handled as always; the rest are dropped (acknowledged, so the platform does not send them again) with
// one polite notice per flood. Every dropped message is still read for danger: an urgent one goes through.

/** How much one person may send: `burst` messages at once, then `perMinute` for as long as they like. */
export interface FloodLimits {
  burst: number;
  perMinute: number;
}

/** Urgent messages beyond the allowance still reach the flow (the numbers, an alert): two at once, then one per 30 s. */
export const URGENT_LIMITS: FloodLimits = { burst: 2, perMinute: 2 };
/** People tracked at most; past it the least recently seen is forgotten (a fresh allowance when they come back). */
export const MAX_TRACKED = 10_000;

interface Bucket {
  tokens: number;
  /** When `tokens` was counted (ms). */
  at: number;
}

interface Tracked {
  ordinary: Bucket;
  urgent: Bucket;
  /** Told to slow down in this flood already (a flood ends when the allowance is whole again). */
  noticed: boolean;
}

/** What happens to one message: handled, or dropped (with the notice when it is the flood's first). */
export type FloodVerdict = { pass: true; urgent: boolean } | { pass: false; notice: boolean };

/** The tokens of `b` at `now`, refilled at `limits.perMinute`, at most `limits.burst`. */
function refill(b: Bucket, limits: FloodLimits, now: number): void {
  b.tokens = Math.min(limits.burst, b.tokens + ((now - b.at) * limits.perMinute) / 60_000);
  b.at = now;
}

/** Takes one token when there is one. */
function take(b: Bucket, limits: FloodLimits, now: number): boolean {
  refill(b, limits, now);
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}

/** Milliseconds until a bucket is whole again. */
const untilWhole = (b: Bucket, limits: FloodLimits) => ((limits.burst - b.tokens) * 60_000) / limits.perMinute;

/**
 * The allowance per key, bounded in memory: an entry whose buckets are whole again carries nothing a
 * fresh one would not, so idle entries are dropped as new messages come (the least recently seen first),
 * and never more than `maxTracked` are kept.
 */
export function createFloodAllowance(o: { limits: FloodLimits; urgentLimits?: FloodLimits; maxTracked?: number }) {
  const urgentLimits = o.urgentLimits ?? URGENT_LIMITS;
  const maxTracked = o.maxTracked ?? MAX_TRACKED;
  /** Least recently seen first: every message moves its key to the end. */
  const tracked = new Map<string, Tracked>();
  const idle = (t: Tracked, now: number) => now - t.ordinary.at >= untilWhole(t.ordinary, o.limits) && now - t.urgent.at >= untilWhole(t.urgent, urgentLimits);

  function forgetIdle(now: number) {
    for (const [key, t] of tracked) {
      if (tracked.size > maxTracked) tracked.delete(key);
      else if (idle(t, now)) tracked.delete(key);
      else break;
    }
  }

  function decide(t: Tracked, now: number, isUrgent: () => boolean): FloodVerdict {
    refill(t.ordinary, o.limits, now);
    // A pause long enough to fill the allowance ends a flood: the next one gets its notice.
    if (t.ordinary.tokens >= o.limits.burst) t.noticed = false;
    if (take(t.ordinary, o.limits, now)) return { pass: true, urgent: false };
    if (isUrgent() && take(t.urgent, urgentLimits, now)) return { pass: true, urgent: true };
    const notice = !t.noticed;
    t.noticed = true;
    return { pass: false, notice };
  }

  return {
    /** One message of `key` at `now` (ms); `isUrgent` is asked only for a message beyond the allowance. */
    check(key: string, now: number, isUrgent: () => boolean): FloodVerdict {
      let t = tracked.get(key);
      if (t) tracked.delete(key);
      else t = { ordinary: { tokens: o.limits.burst, at: now }, urgent: { tokens: urgentLimits.burst, at: now }, noticed: false };
      tracked.set(key, t);
      const verdict = decide(t, now, isUrgent);
      forgetIdle(now);
      return verdict;
    },
    /** People tracked now. */
    get size() {
      return tracked.size;
    },
  };
}

export interface FloodControlOptions {
  db: Db;
  log: Logger;
  clock?: Clock;
  limits: FloodLimits;
  /** True when content read as urgent danger (the flows' own recogniser, given by the composition root). */
  isUrgent: (content: IncomingContent) => boolean;
  /** Delivers what waits for one chat (after the notice is written). */
  deliver: (chat: { channel: string; chatId: string }) => Promise<unknown>;
  maxTracked?: number;
}

/** What flood control did, for logs, tests and the benchmark. */
export interface FloodStats {
  /** Messages dropped. */
  dropped: number;
  /** Urgent messages let through beyond the allowance. */
  urgentPassed: number;
  /** Notices written. */
  notices: number;
}

/**
 * Flood control in front of `handle`, for every channel, keyed by conversation (`channel:chatId:userId`).
 * A dropped message resolves as `throttled` (the channel acknowledges it); the flood's first dropped message
 * in a private chat writes the one notice (`texts.tooFast`) to the outbox. Follow and unfollow are never held.
 */
export function createFloodControl(o: FloodControlOptions) {
  const clock = o.clock ?? (() => new Date());
  const allowance = createFloodAllowance({ limits: o.limits, maxTracked: o.maxTracked });
  const stats: FloodStats = { dropped: 0, urgentPassed: 0, notices: 0 };

  /** The text a dropped message carried, cleaned as the runner would (it never reaches the runner). */
  function readsUrgent(msg: IncomingMessage): boolean {
    const content = cleanIncoming(msg).content;
    return isFlowContent(content) && o.isUrgent(content);
  }

  async function notify(msg: IncomingMessage, now: Date) {
    const chat = { channel: msg.channel, chatId: msg.chatId };
    try {
      await enqueueMessages(o.db, [{ ...chat, payload: { text: texts.tooFast } }], now);
      stats.notices++;
      await o.deliver(chat);
    } catch (err) {
      o.log.warn({ channel: msg.channel, err: safeError(err) }, 'could not write the flood notice');
    }
  }

  return {
    stats,
    /** People tracked now (bounded). */
    get tracked() {
      return allowance.size;
    },
    /** `handle` behind flood control. */
    guard(handle: (msg: IncomingMessage) => Promise<HandleResult>) {
      return async (msg: IncomingMessage): Promise<HandleResult> => {
        if (!isFlowContent(msg.content)) return handle(msg);
        const now = clock();
        const key = conversationKey(msg);
        const verdict = allowance.check(key, now.getTime(), () => readsUrgent(msg));
        if (verdict.pass) {
          if (verdict.urgent) {
            stats.urgentPassed++;
            o.log.warn({ key, messageId: msg.messageId }, 'flood: an urgent message let through beyond the allowance');
          }
          return handle(msg);
        }
        stats.dropped++;
        if (verdict.notice) {
          o.log.warn({ key, burst: o.limits.burst, perMinute: o.limits.perMinute }, 'flood: messages beyond the allowance are dropped');
          if (!msg.isGroup) await notify(msg, now);
        }
        return { status: 'throttled' };
      };
    },
  };
}

export type FloodControl = ReturnType<typeof createFloodControl>;
