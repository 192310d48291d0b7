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

export interface PollingOptions {
  bot: Bot;
  log: Logger;
  /** Handles one update; must not throw (the error boundary is inside). */
  handle: (update: Update) => Promise<void>;
  /** Long-poll timeout in seconds. */
  timeoutSeconds?: number;
}

/**
 * Fetches a batch, handles it (different chats concurrently, each chat in order), and only then
 * asks for the next batch — which confirms the previous one to Telegram. A crash mid-batch means
 * the batch is delivered again; the flow runner's de-duplication by update_id absorbs that.
 */
export function createPolling({ bot, log, handle, timeoutSeconds = 30 }: PollingOptions) {
  let running = false;
  let abort = new AbortController();
  let done: Promise<void> = Promise.resolve();

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
      const byChat = new Map<string, Update[]>();
      for (const u of updates) byChat.set(chatOf(u), [...(byChat.get(chatOf(u)) ?? []), u]);
      await Promise.all(
        [...byChat.values()].map(async (chatUpdates) => {
          for (const u of chatUpdates) await handle(u);
        }),
      );
      if (updates.length > 0) offset = updates.at(-1)!.update_id + 1;
    }
    if (offset > 0) {
      // Confirm the last handled batch so it is not delivered again after a clean stop.
      await bot.api.getUpdates({ offset, limit: 1, timeout: 0 }).catch(() => {});
    }
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
