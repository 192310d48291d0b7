import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { startApp } from '../../src/main.js';
import { type BotApiStandin, type BotApiStandinOptions, startBotApiStandin } from '../standins/telegram-bot-api.js';
import { createCapturingLogger } from './app.js';
import { type Backend, testDatabaseUrl } from './db.js';
import { DEMO_STATIONS_FILE } from './stations.js';

/** The production app (as `npm start` builds it) talking to a local Bot API stand-in. */
export async function startTelegramHarness(backend: Backend, extraEnv: Record<string, string> = {}, standinOptions: BotApiStandinOptions = {}) {
  const standin = await startBotApiStandin(standinOptions);
  const dir = mkdtempSync(path.join(tmpdir(), 'lianxin-tg-'));
  const database = await testDatabaseUrl(backend);
  const { log, lines } = createCapturingLogger();
  const env = {
    TELEGRAM_BOT_TOKEN: standin.token,
    TELEGRAM_API_ROOT: standin.apiRoot,
    DATA_DIR: path.join(dir, 'data'),
    DATABASE_URL: database.url,
    STATIONS_FILE: DEMO_STATIONS_FILE,
    // A scripted person answers faster than anyone types: flood control (tested on its own) would hold them back.
    FLOOD_BURST: '1000',
    ...extraEnv,
  };
  // No pacing against the local stand-in: Telegram's limits are not being tested here, only waited for.
  const boot = () => startApp({ env, stdin: new PassThrough(), stdout: new PassThrough(), log, telegramPacing: 'off' });
  let app = await boot();
  return {
    standin,
    logLines: lines,
    get app() {
      return app;
    },
    /** Stops and starts the app on the same data, like a process restart. */
    async restart() {
      await app.stop();
      app = await boot();
    },
    /** A text message from `userId` in `chatId`, as an update to push. */
    say: (chatId: number, userId: number, text: string, firstName = '用户') => standin.textMessage({ chatId, userId, text, firstName }),
    /** A press of the button labelled `label` on `message` (default: the chat's last message), as an update to push. */
    press: (chatId: number, userId: number, label: string, message = standin.lastMessage(chatId)) =>
      standin.callbackQuery({ chatId, userId, data: buttonData(message, label), messageId: message.message_id }),
    /** Pushes an update and waits until the bot has sent `count` more messages to the chat. */
    async exchange(update: Parameters<BotApiStandin['pushUpdate']>[0], chatId: number, count = 1) {
      const before = standin.sentMessages(chatId).length;
      standin.pushUpdate(update);
      await standin.waitFor(() => standin.sentMessages(chatId).length >= before + count);
      return standin.sentMessages(chatId).slice(before);
    },
    async close() {
      await app.stop();
      await standin.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type TelegramHarness = Awaited<ReturnType<typeof startTelegramHarness>>;

/** The button whose label contains `label` in the message's inline keyboard: its callback data. */
export function buttonData(message: { reply_markup?: { inline_keyboard: { text: string; callback_data?: string }[][] } }, label: string): string {
  const button = message.reply_markup?.inline_keyboard.flat().find((b) => b.text.includes(label));
  if (!button?.callback_data) throw new Error(`no button "${label}" in ${JSON.stringify(message.reply_markup)}`);
  return button.callback_data;
}

/**
 * Registers `userId` as a volunteer of 文昌社区 through the Telegram chat, and has `organizerId`
 * approve with the button. Resolves once the volunteer was told.
 */
export async function approvedVolunteer(h: TelegramHarness, userId: number, organizerId: number, name: string, phone = '13900001234') {
  const say = (text: string) => h.say(userId, userId, text, name);
  const press = (label: string) => h.press(userId, userId, label);
  await h.exchange(say('我要当志愿者'), userId);
  await h.exchange(press(name), userId);
  await h.exchange(say(phone), userId);
  for (const label of ['是（党员）', '生活求助类', '选好了']) await h.exchange(press(label), userId);
  await h.exchange(say('文昌'), userId);
  await h.exchange(press('随时都可以'), userId);
  const before = h.standin.sentMessages(organizerId).length;
  await h.exchange(press('确认提交'), userId);
  await h.standin.waitFor(() => h.standin.sentMessages(organizerId).length > before);
  const application = h.standin.lastMessage(organizerId);
  const approve = application.reply_markup.inline_keyboard.flat().find((b: { text: string }) => b.text.includes('通过') && !b.text.includes('不通过'));
  await h.exchange(
    h.standin.callbackQuery({ chatId: organizerId, userId: organizerId, data: approve.callback_data, messageId: application.message_id }),
    userId,
  );
}
