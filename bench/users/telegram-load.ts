import { type BotApiStandin, type BotApiStandinOptions, type RecordedCall, startBotApiStandin } from '../../test/standins/telegram-bot-api.js';
import { quantile } from './stats.js';

// === Residents writing to a bot through the Bot API stand-in, timed by the stand-in's own clock

/** A Bot API stand-in that says when a chat got its next message and when a button press was answered. */
export interface WatchedStandin extends BotApiStandin {
  /** Resolves with the time (performance.now()) of the next message sent to `chatId`, or NaN after `timeoutMs`. */
  nextSend(chatId: number | string, timeoutMs?: number): Promise<number>;
  /** Resolves with the time the press `queryId` was answered, or NaN after `timeoutMs`. */
  answered(queryId: string, timeoutMs?: number): Promise<number>;
  /** Messages sent (accepted) so far, and sends refused with 429. */
  counts: { sends: number; refused: number };
  /** Called for every accepted call, with its time. */
  listen(fn: (call: RecordedCall, at: number) => void): () => void;
}

type Waiters = Map<string, (at: number) => void>;

function waitIn(waiters: Waiters, key: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      waiters.delete(key);
      resolve(Number.NaN);
    }, timeoutMs);
    waiters.set(key, (at) => {
      clearTimeout(timer);
      resolve(at);
    });
  });
}

function wake(waiters: Waiters, key: string, at: number) {
  const w = waiters.get(key);
  if (!w) return;
  waiters.delete(key);
  w(at);
}

export async function startWatchedStandin(options: BotApiStandinOptions = {}): Promise<WatchedStandin> {
  const sends: Waiters = new Map();
  const answers: Waiters = new Map();
  const listeners = new Set<(call: RecordedCall, at: number) => void>();
  const counts = { sends: 0, refused: 0 };
  const standin = await startBotApiStandin({
    ...options,
    onCall(call) {
      const at = performance.now();
      if (call.rateLimited) counts.refused++;
      if (call.failed) return;
      if (call.method === 'sendMessage') {
        counts.sends++;
        wake(sends, String(call.params.chat_id), at);
      } else if (call.method === 'answerCallbackQuery') wake(answers, String(call.params.callback_query_id), at);
      for (const fn of listeners) fn(call, at);
    },
  });
  return Object.assign(standin, {
    nextSend: (chatId: number | string, timeoutMs = 60_000) => waitIn(sends, String(chatId), timeoutMs),
    answered: (queryId: string, timeoutMs = 60_000) => waitIn(answers, queryId, timeoutMs),
    counts,
    listen(fn: (call: RecordedCall, at: number) => void) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  });
}

/** A resident's messages, over and over: the intake's questions answered, then 取消 at the summary (no request stored). */
export const ORDINARY_SCRIPT = ['电视坏了', '1', '运南', '运南小区3幢2单元501', '13812345678', '尽快', '取消'];
/** The same, confirmed at the summary: a request stored and announced. */
export const CONFIRMED_SCRIPT = [...ORDINARY_SCRIPT.slice(0, -1), '1'];

export interface LoadOptions {
  residents: number;
  /** Measured seconds, after `warmupSeconds` of the same load. */
  seconds: number;
  warmupSeconds: number;
  /** The first resident's user (and chat) id; the others follow. */
  firstId: number;
  script?: string[];
  /** Stop once this many messages were answered, the warm-up's included. */
  maxMessages?: number;
}

export interface LoadResult {
  /** Messages answered in the measured time. */
  messages: number;
  /** Messages answered, the warm-up's included. */
  total: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** Messages with no reply within a minute. */
  unanswered: number;
  /** Every message the bot sent in the measured time, per second, and the sends refused with 429 in it. */
  sendsPerSecond: number;
  refused: number;
}

/** The longest a measured window waits to open, or stays open to gather as many messages as there are residents. */
const PATIENCE_MS = 60_000;

/**
 * `residents` people, each writing the next line of the script as soon as the previous one was answered
 * (the first message sent to their chat after it). The measured window opens after `warmupSeconds`, once
 * every resident has had a reply, and lasts `seconds` — longer while it holds fewer answered messages than
 * there are residents (a slow bot is measured on enough of them).
 */
export async function residentsLoad(standin: WatchedStandin, o: LoadOptions): Promise<LoadResult> {
  const script = o.script ?? ORDINARY_SCRIPT;
  const warm = performance.now() + o.warmupSeconds * 1000;
  const latencies: number[] = [];
  const replied = new Set<number>();
  let unanswered = 0;
  let total = 0;
  const window = { from: Number.POSITIVE_INFINITY, to: Number.POSITIVE_INFINITY, closed: false, sends: 0, refused: 0 };
  const close = () => {
    if (window.closed) return;
    window.closed = true;
    window.to = performance.now();
    if (window.from > window.to) window.from = window.to;
    window.sends = standin.counts.sends - window.sends;
    window.refused = standin.counts.refused - window.refused;
  };
  const tick = () => {
    const now = performance.now();
    if (window.from === Number.POSITIVE_INFINITY) {
      if (now < warm || (replied.size < o.residents && now < warm + PATIENCE_MS)) return;
      Object.assign(window, { from: now, to: now + o.seconds * 1000, sends: standin.counts.sends, refused: standin.counts.refused });
    } else if (!window.closed && now >= window.to && (latencies.length >= o.residents || now >= window.from + PATIENCE_MS)) close();
  };
  const ticking = setInterval(tick, 20);
  await Promise.all(
    Array.from({ length: o.residents }, async (_, i) => {
      const chatId = o.firstId + i;
      for (let k = 0; !window.closed; k++) {
        const pushed = performance.now();
        const reply = standin.nextSend(chatId);
        standin.pushUpdate(standin.textMessage({ chatId, userId: chatId, text: script[k % script.length]!, firstName: '居民' }));
        const at = await reply;
        if (Number.isNaN(at)) {
          unanswered++;
          return;
        }
        total++;
        replied.add(i);
        if (!window.closed && at >= window.from) latencies.push(at - pushed);
        if (o.maxMessages && total >= o.maxMessages) close();
        tick();
      }
    }),
  );
  clearInterval(ticking);
  close();
  const seconds = Math.max(0.001, (window.to - window.from) / 1000);
  return {
    messages: latencies.length,
    total,
    perSecond: latencies.length / seconds,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    unanswered,
    sendsPerSecond: window.sends / seconds,
    refused: window.refused,
  };
}

/** Pushes one update for each of `userIds` pressing `data` on `message` in `chatId` at once; the time each was answered. */
export async function pressAll(standin: WatchedStandin, chatId: number, message: { message_id: number }, data: string, userIds: number[]) {
  const updates = userIds.map((userId) => standin.callbackQuery({ chatId, userId, data, messageId: message.message_id, firstName: `志愿者${userId}` }));
  const pushed = performance.now();
  const answers = updates.map((u) => standin.answered((u as { callback_query: { id: string } }).callback_query.id));
  for (const u of updates) standin.pushUpdate(u);
  const times = (await Promise.all(answers)).map((at) => at - pushed);
  const answered = times.filter(Number.isFinite);
  return { p50: quantile(answered, 0.5), p99: quantile(answered, 0.99), unanswered: times.length - answered.length };
}
