import { type Bot, GrammyError } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from 'pino';
import { safeError } from '../../core/privacy.js';

// === Long polling, at least once: an update's offset is confirmed only after it was handled

/** The chat an update belongs to, so one chat's updates stay in order. */
export function chatOf(update: Update): string {
  const chat =
    update.message?.chat ?? update.edited_message?.chat ?? update.callback_query?.message?.chat ?? update.channel_post?.chat ?? update.my_chat_member?.chat;
  // A migration belongs to the new supergroup: it is followed before that chat's next messages.
  const moved = update.message?.migrate_to_chat_id;
  if (moved !== undefined) return String(moved);
  return chat ? String(chat.id) : `update:${update.update_id}`;
}

/**
 * The queue an update waits in: one chat's updates in order, and in a group one person's (so that many
 * people pressing one card race in parallel and the database decides; each person's own words stay in
 * order). A group whose migration is in the batch keeps one queue, so that the move is followed first.
 */
export function queueOf(update: Update, migrating: ReadonlySet<string>): string {
  const chat = chatOf(update);
  const from = update.message?.from ?? update.edited_message?.from ?? update.callback_query?.from ?? update.my_chat_member?.from;
  return chat.startsWith('-') && from && !migrating.has(chat) ? `${chat}:${from.id}` : chat;
}

export interface PollingOptions {
  bot: Bot;
  log: Logger;
  /** Handles one update; must not throw (the error boundary is inside). False: nothing was committed, fetch it again. */
  handle: (update: Update) => Promise<boolean | void>;
  /** Long-poll timeout in seconds. */
  timeoutSeconds?: number;
  /** How often an update that was not committed is fetched again before it is given up (default 8: about two minutes). */
  maxRefetches?: number;
  /** The wait before the first fetch again, doubled each time up to 30 s (default 500 ms). */
  refetchDelayMs?: number;
}

/**
 * Fetches a batch, handles it (different chats — and in a group different people — concurrently, each
 * in order), and as soon as every update of it is committed asks for the next batch — which confirms
 * the previous one to Telegram (the replies are sent by the outbox meanwhile). A crash mid-batch means
 * the batch is delivered again; the flow runner's de-duplication by update_id absorbs that. An update
 * whose handling failed (the database down) is not confirmed: after a wait it is fetched again, with
 * its chat's later ones, up to `maxRefetches` times — as Telegram redelivers a webhook answered 500.
 */
export function createPolling({ bot, log, handle, timeoutSeconds = 30, maxRefetches = 8, refetchDelayMs = 500 }: PollingOptions) {
  let running = false;
  let abort = new AbortController();
  let done: Promise<void> = Promise.resolve();
  /** Failed updates not yet confirmed: how often each was fetched again (more than `maxRefetches`: given up). */
  const refetched = new Map<number, number>();

  /** Handles one queue's updates in order; returns the first left for a fetch again (it and the rest wait). */
  async function handleChat(updates: Update[]): Promise<number | null> {
    for (const u of updates) {
      const times = refetched.get(u.update_id) ?? 0;
      if (times > maxRefetches || (await handle(u)) !== false) continue;
      refetched.set(u.update_id, times + 1);
      if (times < maxRefetches) return u.update_id;
      log.error({ updateId: u.update_id, times }, 'telegram update still failing; given up');
    }
    return null;
  }

  async function loop() {
    let offset = 0;
    let failures = 0;
    while (running) {
      let updates: Update[];
      try {
        updates = await bot.api.getUpdates(
          { offset, timeout: timeoutSeconds, allowed_updates: ['message', 'edited_message', 'callback_query', 'my_chat_member'] },
          abort.signal as never,
        );
        failures = 0;
      } catch (err) {
        if (!running) break;
        failures++;
        const conflict = err instanceof GrammyError && err.error_code === 409;
        log.warn({ err: safeError(err), failures, conflict }, conflict ? 'another instance is polling with this token' : 'getUpdates failed');
        await new Promise((r) => setTimeout(r, Math.min(30_000, 500 * 2 ** Math.min(failures, 6))));
        continue;
      }
      const migrating = new Set(
        updates.filter((u) => u.message?.migrate_to_chat_id !== undefined || u.message?.migrate_from_chat_id !== undefined).map(chatOf),
      );
      const queues = new Map<string, Update[]>();
      for (const u of updates) queues.set(queueOf(u, migrating), [...(queues.get(queueOf(u, migrating)) ?? []), u]);
      const again = (await Promise.all([...queues.values()].map(handleChat))).filter((id) => id !== null);
      if (again.length > 0) {
        offset = Math.min(...again);
        const times = Math.max(...again.map((id) => refetched.get(id) ?? 1));
        await pause(Math.min(30_000, refetchDelayMs * 2 ** (times - 1)));
      } else if (updates.length > 0) offset = updates.at(-1)!.update_id + 1;
      for (const id of refetched.keys()) if (id < offset) refetched.delete(id);
    }
    if (offset > 0) {
      // Confirm the last handled batch so it is not delivered again after a clean stop.
      await bot.api.getUpdates({ offset, limit: 1, timeout: 0 }).catch(() => {});
    }
  }

  /** Waits, or less when polling stops. */
  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      abort.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  return {
    async start() {
      await bot.api.deleteWebhook({ drop_pending_updates: false });
      running = true;
      abort = new AbortController();
      done = loop();
    },
    async stop() {
      running = false;
      abort.abort();
      await done;
    },
  };
}
