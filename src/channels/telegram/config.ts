import { z } from 'zod';
import { channelConfigSection, type ConfigProblem, optionalOf } from '../../core/config-section.js';
import { TELEGRAM_CHANNEL } from './updates.js';

// === Telegram's settings: the bot, its API server, webhook mode, and the outbox's pace within Telegram's limits

export const telegramConfig = channelConfigSection({
  channel: TELEGRAM_CHANNEL,
  vars: {
    TELEGRAM_BOT_TOKEN: optionalOf(z.string().regex(/^\d+:[A-Za-z0-9_-]+$/, 'looks wrong: a token from @BotFather looks like 123456789:AAE…')),
    TELEGRAM_API_ROOT: optionalOf(z.url('must be a URL, e.g. http://127.0.0.1:8081 for a self-hosted Bot API server')),
    TELEGRAM_WEBHOOK_URL: optionalOf(z.url('must be the public https URL Telegram posts to, e.g. https://bot.example.org/telegram')),
    TELEGRAM_WEBHOOK_SECRET: optionalOf(
      z.string().regex(/^[A-Za-z0-9_-]{32,256}$/, 'must be 32–256 characters of A-Z a-z 0-9 _ - (e.g. `openssl rand -hex 32`)'),
    ),
    TELEGRAM_SEND_PER_SECOND: z.coerce.number().int().min(1).max(1000).default(25),
    TELEGRAM_GROUP_SENDS_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(20),
  },
  problems(e) {
    const problems: ConfigProblem[] = [];
    if (e.TELEGRAM_WEBHOOK_URL && !e.TELEGRAM_WEBHOOK_SECRET) {
      problems.push({ variable: 'TELEGRAM_WEBHOOK_SECRET', message: 'is required with TELEGRAM_WEBHOOK_URL (32+ characters, e.g. `openssl rand -hex 32`)' });
    }
    if (e.TELEGRAM_WEBHOOK_URL && !e.TELEGRAM_BOT_TOKEN) {
      problems.push({ variable: 'TELEGRAM_BOT_TOKEN', message: 'is required with TELEGRAM_WEBHOOK_URL' });
    }
    return problems;
  },
  read: (e) => ({
    /** Set when the Telegram channel should run. */
    telegram: e.TELEGRAM_BOT_TOKEN
      ? {
          token: e.TELEGRAM_BOT_TOKEN,
          apiRoot: e.TELEGRAM_API_ROOT,
          webhook: e.TELEGRAM_WEBHOOK_URL && e.TELEGRAM_WEBHOOK_SECRET ? { url: e.TELEGRAM_WEBHOOK_URL, secret: e.TELEGRAM_WEBHOOK_SECRET } : undefined,
        }
      : undefined,
  }),
  // About 30/s overall, 20 a minute in a group, a person's chat about 1/s after a short burst.
  pacing: (e) => ({ perSecond: e.TELEGRAM_SEND_PER_SECOND, perGroupPerMinute: e.TELEGRAM_GROUP_SENDS_PER_MINUTE, privateChat: { burst: 5, perSecond: 1 } }),
});

export type TelegramConfig = NonNullable<ReturnType<typeof telegramConfig.read>['telegram']>;
