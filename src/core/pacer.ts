// === Pacing one channel's sends within the platform's limits, conversation messages first

/** A channel's sending limits, as the outbox keeps them (Telegram: 30/s overall, 20/min per group). */
export interface ChannelPacing {
  /** Sends per second on the channel, all chats together: never more in any one-second window. */
  perSecond: number;
  /**
   * Bulk sends (broadcasts) to one chat per minute, counting every send to it: a bulk send waits
   * while a chat had this many in the last 60 s. Conversation messages count but never wait for it.
   */
  perChatPerMinute?: number;
}

/** What the pacer reads and how it waits (real time by default; tests pass their own). */
export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: PacerClock = { now: () => performance.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

/**
 * Whose turn comes first: `reply` (a person who just wrote, waiting for the answer), then
 * `conversation` (any other conversation message, such as a backlog carried over a restart), then `bulk`.
 */
export type PacerLane = 'reply' | 'conversation' | 'bulk';

interface Waiter {
  chatId: string;
  lane: PacerLane;
  go: () => void;
}

/**
 * Grants sends one at a time within the channel's limits, evenly spaced (1/perSecond apart; sliding
 * windows of 1 s and 60 s, in this process). Lanes go in order: a waiting reply before any other
 * conversation message, and those before any bulk one, so a person's reply waits at most one slot behind
 * a backlog or a broadcast; bulk messages to a chat at its limit let others pass.
 */
export function createPacer(pacing: ChannelPacing, clock: PacerClock = realClock) {
  const second: number[] = [];
  const perChat = new Map<string, number[]>();
  const waiting: Waiter[] = [];
  let pumping = false;
  /** Ends the pump's current wait early (a message arrived that may go sooner). */
  let wake: (() => void) | null = null;

  const prune = (times: number[], now: number, windowMs: number) => {
    while (times.length > 0 && times[0]! <= now - windowMs) times.shift();
  };

  /** When a bulk send to this chat may go (now or later). */
  function chatFreeAt(chatId: string, now: number): number {
    const limit = pacing.perChatPerMinute;
    const times = perChat.get(chatId);
    if (!limit || !times) return now;
    prune(times, now, 60_000);
    if (times.length === 0) perChat.delete(chatId);
    return times.length < limit ? now : times[times.length - limit]! + 60_000;
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
        const globalAt = Math.max(spaced, second.length < pacing.perSecond ? now : second[second.length - pacing.perSecond]! + 1000);
        let pick = waiting.findIndex((w) => w.lane === 'reply');
        if (pick < 0) pick = waiting.findIndex((w) => w.lane === 'conversation');
        let at = globalAt;
        if (pick < 0) {
          let earliest = Number.POSITIVE_INFINITY;
          for (const [i, w] of waiting.entries()) {
            const free = chatFreeAt(w.chatId, now);
            if (free <= now) {
              pick = i;
              break;
            }
            earliest = Math.min(earliest, free);
          }
          if (pick < 0) at = Math.max(at, earliest);
        }
        if (pick < 0 || at > now) {
          await Promise.race([clock.sleep(Math.max(1, Math.ceil(at - now))), new Promise<void>((r) => (wake = r))]);
          wake = null;
          continue;
        }
        const [w] = waiting.splice(pick, 1);
        second.push(now);
        if (pacing.perChatPerMinute) perChat.set(w!.chatId, [...(perChat.get(w!.chatId) ?? []), now]);
        w!.go();
      }
    } finally {
      pumping = false;
    }
  }

  return {
    /** Resolves when a message to `chatId` may be sent now; the send is counted from then. */
    take(chatId: string, lane: PacerLane): Promise<void> {
      return new Promise<void>((go) => {
        waiting.push({ chatId, lane, go });
        if (lane !== 'bulk') wake?.();
        void pump();
      });
    },
    /** Messages waiting for their turn. */
    waiting: () => waiting.length,
  };
}

export type Pacer = ReturnType<typeof createPacer>;
