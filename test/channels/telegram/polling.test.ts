import { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { chatOf, createPolling, queueOf } from '../../../src/channels/telegram/polling.js';
import { createTelegramChannel } from '../../../src/channels/telegram/telegram-channel.js';
import type { HandleResult } from '../../../src/core/flow-runner.js';
import type { IncomingMessage } from '../../../src/core/message.js';
import { type BotApiStandin, startBotApiStandin } from '../../standins/telegram-bot-api.js';

const from = { id: 5000, is_bot: false, first_name: '王站长' };
const OLD = -4321;
const NEW = -1009876543;
/** The two service messages Telegram sends when a group becomes a supergroup. */
const migrateTo = {
  update_id: 1,
  message: { message_id: 7, date: 0, chat: { id: OLD, type: 'group', title: '志愿者群' }, from, migrate_to_chat_id: NEW },
} as Update;
const migrateFrom = {
  update_id: 2,
  message: { message_id: 1, date: 0, chat: { id: NEW, type: 'supergroup', title: '志愿者群' }, from, migrate_from_chat_id: OLD },
} as Update;

describe('long polling, at least once', () => {
  let standin: BotApiStandin;
  let stop = async () => {};
  afterEach(async () => {
    await stop();
    await standin?.close();
  });

  it('handles different chats concurrently and one chat in order, confirming a batch only after it was handled', async () => {
    standin = await startBotApiStandin();
    const bot = new Bot(standin.token, { client: { apiRoot: standin.apiRoot }, botInfo: standin.botInfo });
    const log: string[] = [];
    let release: () => void = () => {};
    const slowFirst = new Promise<void>((r) => (release = r));
    const polling = createPolling({
      bot,
      log: pino({ level: 'silent' }),
      timeoutSeconds: 1,
      handle: async (u: Update) => {
        const text = u.message?.text ?? '';
        log.push(`start ${text}`);
        if (text === 'A1') await slowFirst;
        log.push(`end ${text}`);
      },
    });
    standin.pushUpdate(standin.textMessage({ chatId: 1, userId: 1, text: 'A1' }));
    standin.pushUpdate(standin.textMessage({ chatId: 1, userId: 1, text: 'A2' }));
    standin.pushUpdate(standin.textMessage({ chatId: 2, userId: 2, text: 'B1' }));
    await polling.start();
    stop = () => polling.stop();
    await standin.waitFor(() => log.includes('end B1'));
    // B1 finished while A1 was still being handled; A2 waits for A1.
    expect(log).toContain('start A1');
    expect(log).not.toContain('end A1');
    expect(log).not.toContain('start A2');
    // Nothing of the batch is confirmed yet: a crash now would mean redelivery.
    expect(standin.pendingUpdates()).toHaveLength(3);
    release();
    await standin.waitFor(() => log.includes('end A2'));
    expect(log.indexOf('end A1')).toBeLessThan(log.indexOf('start A2'));
    await standin.waitFor(() => standin.pendingUpdates().length === 0);
  });

  it('fetches an update that was not committed again, its chat’s later ones after it, and gives up on one that always fails', async () => {
    standin = await startBotApiStandin();
    const bot = new Bot(standin.token, { client: { apiRoot: standin.apiRoot }, botInfo: standin.botInfo });
    const seen: string[] = [];
    let outage = 2;
    const polling = createPolling({
      bot,
      log: pino({ level: 'silent' }),
      timeoutSeconds: 1,
      maxRefetches: 3,
      refetchDelayMs: 5,
      handle: async (u: Update) => {
        const text = u.message?.text ?? '';
        seen.push(text);
        if (text === 'A1' && outage-- > 0) return false;
        return text !== 'C1';
      },
    });
    for (const [chatId, t] of [
      [1, 'A1'],
      [1, 'A2'],
      [2, 'B1'],
      [3, 'C1'],
      [3, 'C2'],
    ] as const)
      standin.pushUpdate(standin.textMessage({ chatId, userId: chatId, text: t }));
    await polling.start();
    stop = () => polling.stop();
    await standin.waitFor(() => standin.pendingUpdates().length === 0, 10_000);
    const count = (t: string) => seen.filter((s) => s === t).length;
    // A1 failed twice, then went through; A2 never ran before it.
    expect(count('A1')).toBe(3);
    expect(seen.indexOf('A2')).toBeGreaterThan(seen.lastIndexOf('A1'));
    // C1 always fails: tried once and fetched again three times, then given up, and C2 goes on.
    expect(count('C1')).toBe(4);
    expect(count('C2')).toBeGreaterThanOrEqual(1);
    expect(seen.indexOf('C2')).toBeGreaterThan(seen.lastIndexOf('C1'));
  });

  it('the channel fetches a message whose handling failed again, marked as one the platform delivers again', async () => {
    standin = await startBotApiStandin();
    const handled: IncomingMessage[] = [];
    const channel = createTelegramChannel({
      token: standin.token,
      apiRoot: standin.apiRoot,
      botInfo: standin.botInfo,
      log: pino({ level: 'silent' }),
      handle: async (msg): Promise<HandleResult> => {
        handled.push(msg);
        return handled.length === 1 ? { status: 'failed', error: new Error('database down') } : { status: 'duplicate' };
      },
    });
    standin.pushUpdate(standin.textMessage({ chatId: 7, userId: 7, text: '电视坏了' }));
    await channel.start();
    stop = () => channel.stop();
    await standin.waitFor(() => handled.length === 2 && standin.pendingUpdates().length === 0, 10_000);
    expect(handled[1]!.messageId).toBe(handled[0]!.messageId);
    expect(handled[0]!.redeliveredIfFailed).toBe(true);
  });

  it('keys updates by chat', () => {
    expect(chatOf({ update_id: 1, message: { chat: { id: -100 } } } as unknown as Update)).toBe('-100');
    expect(chatOf({ update_id: 7 } as Update)).toBe('update:7');
  });

  it('queues a group’s updates by person (presses race, each person’s words in order), and a migrating group as one', () => {
    const inGroup = (userId: number, chatId = -100) =>
      ({ update_id: userId, message: { message_id: 1, date: 0, chat: { id: chatId, type: 'supergroup' }, from: { ...from, id: userId } } }) as Update;
    const press = {
      update_id: 9,
      callback_query: { id: 'q', from: { ...from, id: 8 }, chat_instance: 'c', message: { chat: { id: -100 } } },
    } as unknown as Update;
    const none = new Set<string>();
    expect(queueOf(inGroup(7), none)).toBe('-100:7');
    expect(queueOf(press, none)).toBe('-100:8');
    expect(queueOf(inGroup(7), none)).not.toBe(queueOf(inGroup(8), none));
    // A person's own chat is one queue already.
    expect(queueOf({ update_id: 3, message: { chat: { id: 55 }, from: { ...from, id: 55 } } } as unknown as Update, none)).toBe('55');
    // A group moving to a supergroup in this batch: all its updates in one queue, the move first.
    const moving = new Set([String(NEW)]);
    expect(queueOf(migrateTo, moving)).toBe(String(NEW));
    expect(queueOf(inGroup(7, NEW), moving)).toBe(String(NEW));
  });

  it('queues a migration with the new supergroup, so it is followed before that chat’s next messages', () => {
    expect(chatOf(migrateTo)).toBe(String(NEW));
    expect(chatOf(migrateFrom)).toBe(String(NEW));
  });
});
