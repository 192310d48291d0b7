// === Pacing one channel's sends within the platform's limits, replies first: the one pacing layer

/** A channel's sending limits, as the outbox keeps them (Telegram: 30/s overall, 20/min per group, private chats about 1/s). */
export interface ChannelPacing {
  /** Sends per second on the channel, all chats together: never more in any one-second window. */
  perSecond: number;
  /** Sends to one group chat in any 60 s, every kind of message counted and held to it (Telegram: 20). */
  perGroupPerMinute?: number;
  /** Sends to one private chat: a burst of `burst`, then `perSecond` on average (Telegram: 5, then 1 a second). */
  privateChat?: { burst: number; perSecond: number };
}

/** What the pacer reads and how it waits (real time by default; tests pass their own). */
export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: PacerClock = { now: () => performance.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

/**
 * Whose turn comes first: `reply` (a person who just wrote, waiting for the answer), then
 * `conversation` (any other conversation message, such as a card or a backlog carried over a restart), then `bulk`.
 */
export type PacerLane = 'reply' | 'conversation' | 'bulk';
const LANES: PacerLane[] = ['reply', 'conversation', 'bulk'];

interface Waiter {
  chatId: string;
  group: boolean;
  lane: PacerLane;
  go: () => void;
}

/** Chats whose limits are remembered; past it, those that are fully free again are forgotten. */
const REMEMBERED_CHATS = 10_000;

/**
 * Grants sends one at a time within the channel's limits: evenly spaced (1/perSecond apart, a sliding
 * window of 1 s), each group chat within its minute, each private chat within its burst (in this
 * process). The first waiter whose chat is free goes, lanes in order: a waiting reply before any other
 * conversation message, and those before any bulk one; a chat at its limit lets the others pass.
 */
export function createPacer(pacing: ChannelPacing, clock: PacerClock = realClock) {
  const second: number[] = [];
  /** Group chats: their sends of the last minute. */
  const groups = new Map<string, number[]>();
  /** Private chats: tokens left and when they were counted (a bucket of `burst`, refilled at `perSecond`). */
  const privates = new Map<string, { tokens: number; at: number }>();
  const waiting: Waiter[] = [];
  let pumping = false;
  /** Ends the pump's current wait early (a message arrived that may go sooner). */
  let wake: (() => void) | null = null;

  const prune = (times: number[], now: number, windowMs: number) => {
    while (times.length > 0 && times[0]! <= now - windowMs) times.shift();
  };
  const tokensOf = (chatId: string, now: number) => {
    const p = pacing.privateChat!;
    const b = privates.get(chatId);
    return b ? Math.min(p.burst, b.tokens + ((now - b.at) * p.perSecond) / 1000) : p.burst;
  };

  /** When a send to this chat may go (now or later). */
  function chatFreeAt(w: Waiter, now: number): number {
    if (w.group) {
      const limit = pacing.perGroupPerMinute;
      const times = limit ? groups.get(w.chatId) : undefined;
      if (!limit || !times) return now;
      prune(times, now, 60_000);
      return times.length < limit ? now : times[times.length - limit]! + 60_000;
    }
    if (!pacing.privateChat) return now;
    const tokens = tokensOf(w.chatId, now);
    return tokens >= 1 ? now : now + ((1 - tokens) * 1000) / pacing.privateChat.perSecond;
  }

  function count(w: Waiter, now: number) {
    second.push(now);
    if (w.group && pacing.perGroupPerMinute) groups.set(w.chatId, [...(groups.get(w.chatId) ?? []), now]);
    if (!w.group && pacing.privateChat) privates.set(w.chatId, { tokens: tokensOf(w.chatId, now) - 1, at: now });
    if (groups.size + privates.size > REMEMBERED_CHATS) forgetFree(now);
  }

  function forgetFree(now: number) {
    for (const [chatId, times] of groups) {
      prune(times, now, 60_000);
      if (times.length === 0) groups.delete(chatId);
    }
    for (const chatId of privates.keys()) if (tokensOf(chatId, now) >= pacing.privateChat!.burst) privates.delete(chatId);
  }

  async function pump() {
    if (pumping) return;
    pumping = true;
    try {
      while (waiting.length > 0) {
        const now = clock.now();
        prune(second, now, 1000);
        // Evenly spaced, never in bursts: a burst that reaches the platform a little late overlaps the next second's.
        const spaced = second.length > 0 ? second[second.length - 1]! + 1000 / pacing.perSecond : now;
        let at = Math.max(spaced, second.length < pacing.perSecond ? now : second[second.length - pacing.perSecond]! + 1000);
        let pick = -1;
        let earliest = Number.POSITIVE_INFINITY;
        for (const lane of LANES) {
          for (const [i, w] of waiting.entries()) {
            if (w.lane !== lane) continue;
            const free = chatFreeAt(w, now);
            if (free <= now) {
              pick = i;
              break;
            }
            earliest = Math.min(earliest, free);
          }
          if (pick >= 0) break;
        }
        if (pick < 0) at = Math.max(at, earliest);
        if (pick < 0 || at > now) {
          await Promise.race([clock.sleep(Math.max(1, Math.ceil(at - now))), new Promise<void>((r) => (wake = r))]);
          wake = null;
          continue;
        }
        const [w] = waiting.splice(pick, 1);
        count(w!, now);
        w!.go();
      }
    } finally {
      pumping = false;
    }
  }

  return {
    /** Resolves when a message to `chatId` (a group chat when `group`) may be sent now; the send is counted from then. */
    take(chatId: string, lane: PacerLane, group = false): Promise<void> {
      return new Promise<void>((go) => {
        waiting.push({ chatId, group, lane, go });
        if (lane !== 'bulk') wake?.();
        void pump();
      });
    },
    /** Messages waiting for their turn. */
    waiting: () => waiting.length,
  };
}

export type Pacer = ReturnType<typeof createPacer>;
