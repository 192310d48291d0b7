import { autoRetry } from '@grammyjs/auto-retry';
import { Bot, type Context } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import type { Logger } from 'pino';
import { apologyPayload } from '../../core/apology.js';
import type { HandleResult } from '../../core/flow-runner.js';
import type { IncomingMessage } from '../../core/message.js';
import { safeError } from '../../core/privacy.js';
import type { HttpServer } from '../../http/server.js';
import { texts } from '../../texts/resident.js';
import { createPolling } from './polling.js';
import { createTelegramSender } from './sender.js';
import { migrationOf, TELEGRAM_CHANNEL, toIncoming } from './updates.js';
import { createWebhookHandler } from './webhook.js';

// === Telegram channel (grammY): updates in, outbox messages out

export interface TelegramChannelOptions {
  token: string;
  /** A self-hosted Bot API server (or a test stand-in); Telegram's by default. */
  apiRoot?: string;
  log: Logger;
  /** The flow runner's `handle`. */
  handle: (msg: IncomingMessage) => Promise<HandleResult>;
  /** Webhook mode when set: Telegram posts updates to this URL, received on `http` (the process's server, listening already or soon). */
  webhook?: { url: string; secret: string; http: HttpServer };
  /** A group became a supergroup with a new chat id: move its binding (the same handler the outbox uses). */
  onChatMigrated?: (channel: string, from: string, to: string) => Promise<void>;
  /** Known bot identity (skips `getMe`), for tests. */
  botInfo?: UserFromGetMe;
}

export const TELEGRAM_COMMANDS = [
  { command: 'start', description: '开始求助' },
  { command: 'my', description: '我的求助' },
  { command: 'cancel', description: '取消当前操作' },
  { command: 'help', description: '帮助' },
];

export function createTelegramChannel(options: TelegramChannelOptions) {
  const { log } = options;
  const bot = new Bot(options.token, { client: options.apiRoot ? { apiRoot: options.apiRoot } : {}, botInfo: options.botInfo });
  // Pacing within Telegram's limits is the outbox's (config.pacing.telegram: overall, per group, per
  // person); nothing here holds a send back. A 429 that still comes is waited out here, bounded so that
  // one slow chat does not hold its later messages for long; past that the outbox retries after the
  // platform's retry_after (its lease is renewed while a send is in flight, so it is never sent twice).
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));
  const sender = createTelegramSender(bot.api);

  // An update whose transaction failed comes again: in webhook mode it is answered 500, so Telegram
  // delivers it again; when polling it is fetched again (handleUpdate).
  const uncommitted = new Set<number>();
  bot.use(async (ctx, next) => {
    await next();
    if (options.webhook && uncommitted.delete(ctx.update.update_id)) throw new Error('update not committed; Telegram will deliver it again');
  });

  /** The error boundary: log with context (no personal data), apologise, keep running. */
  const safe = bot.errorBoundary(async (err) => {
    log.error({ updateId: err.ctx.update.update_id, err: safeError(err.error) }, 'telegram update failed');
    if (err.ctx.chat) await err.ctx.api.sendMessage(err.ctx.chat.id, apologyPayload(null).text).catch(() => {});
  });

  safe.use(async (ctx) => {
    const migration = migrationOf(ctx.update);
    if (migration) return followMigration(ctx.update.update_id, migration);
    const msg = toIncoming(ctx);
    if (!msg) return;
    const result = await options.handle(msg);
    if (result.status === 'failed') uncommitted.add(ctx.update.update_id);
    if (ctx.callbackQuery) {
      const notice = result.status === 'handled' ? result.notice : undefined;
      await ctx
        .answerCallbackQuery(notice ? { text: notice, show_alert: true } : undefined)
        .catch((err) => log.debug({ err: safeError(err) }, 'answerCallbackQuery failed'));
      if (result.status === 'handled' && !result.command) await markPressed(ctx, result.stale);
    }
  });

  /**
   * Follows a group's move to a supergroup as soon as Telegram says so (both service messages come;
   * the second finds nothing left to move). No answer in either chat; after three failed tries it is
   * logged, and in webhook mode the update is asked for again.
   */
  async function followMigration(updateId: number, { from, to }: { from: string; to: string }) {
    if (!options.onChatMigrated || from === to) return;
    for (let attempt = 1; ; attempt++) {
      try {
        await options.onChatMigrated(TELEGRAM_CHANNEL, from, to);
        log.info({ updateId, from, to }, 'group moved to a supergroup; binding followed');
        return;
      } catch (err) {
        if (attempt < 3) continue;
        // The outbox still follows the move when a send to the old chat fails.
        log.error({ updateId, err: safeError(err) }, 'could not follow a group migration');
        uncommitted.add(updateId);
        return;
      }
    }
  }

  /** Shows on the question what was chosen (or that it expired), and removes its buttons. */
  async function markPressed(ctx: Context, stale: boolean) {
    const message = ctx.callbackQuery?.message;
    if (!message || !('text' in message) || !message.text) return;
    const data = ctx.callbackQuery?.data;
    const button = message.reply_markup?.inline_keyboard.flat().find((b) => 'callback_data' in b && b.callback_data === data);
    const note = stale ? texts.telegramQuestionExpired : texts.telegramChosen(button?.text.replace(/^\d+\.\s*/, '') ?? '');
    await ctx.editMessageText(`${message.text}\n\n${note}`).catch((err) => log.debug({ err: safeError(err) }, 'could not mark the pressed question'));
  }

  /** Polling: false when nothing was committed, to fetch the update again. Last line of defence (the boundary above catches middleware errors). */
  async function handleUpdate(update: Update): Promise<boolean> {
    try {
      await bot.handleUpdate(update);
    } catch (err) {
      log.error({ updateId: update.update_id, err: safeError(err) }, 'telegram update failed');
      const chatId = update.message?.chat.id ?? update.callback_query?.message?.chat.id ?? update.edited_message?.chat.id;
      if (chatId !== undefined) await bot.api.sendMessage(chatId, apologyPayload(null).text).catch(() => {});
    }
    return !uncommitted.delete(update.update_id);
  }

  const polling = createPolling({ bot, log, handle: handleUpdate });

  return {
    bot,
    sender,
    async start() {
      await bot.init();
      await bot.api.setMyCommands(TELEGRAM_COMMANDS);
      if (options.webhook) {
        const { url, secret, http } = options.webhook;
        http.route('POST', new URL(url).pathname, createWebhookHandler(bot, { secret, log }));
        await bot.api.setWebhook(url, { secret_token: secret, allowed_updates: ['message', 'edited_message', 'callback_query', 'my_chat_member'] });
        log.info({ path: new URL(url).pathname }, 'telegram webhook route added');
      } else {
        await polling.start();
        log.info('telegram long polling started');
      }
    },
    /** The webhook server's port (0 when polling). */
    port: () => options.webhook?.http.port() ?? 0,
    async stop() {
      if (!options.webhook) await polling.stop();
    },
  };
}

export type TelegramChannel = ReturnType<typeof createTelegramChannel>;
