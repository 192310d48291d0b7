import { Api, Context, GrammyError, HttpError } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { keyboardOf, toDeliveryError } from '../../../src/channels/telegram/sender.js';
import { chatOf } from '../../../src/channels/telegram/polling.js';
import { decodeCallback, encodeCallback, migrationOf, toIncoming } from '../../../src/channels/telegram/updates.js';

const grammyError = (error_code: number, description: string, parameters: object = {}) =>
  new GrammyError('call failed', { ok: false, error_code, description, parameters }, 'sendMessage', {});

const me = { id: 999, is_bot: true, first_name: '连心桥', username: 'lianxin_test_bot' } as UserFromGetMe;
const contextOf = (update: Update) => new Context(update, new Api('123456:TEST'), me);
const from = { id: 5000, is_bot: false, first_name: '王站长' };
const OLD = -4321;
const NEW = -1009876543;
/** The two service messages Telegram sends when a group becomes a supergroup. */
const migrateTo = { update_id: 1, message: { message_id: 7, date: 0, chat: { id: OLD, type: 'group', title: '志愿者群' }, from, migrate_to_chat_id: NEW } } as Update;
const migrateFrom = { update_id: 2, message: { message_id: 1, date: 0, chat: { id: NEW, type: 'supergroup', title: '志愿者群' }, from, migrate_from_chat_id: OLD } } as Update;

describe('Telegram adapter pieces', () => {
  it('reads both migration service messages as the same move, and neither as a message for the flows', () => {
    expect(migrationOf(migrateTo)).toEqual({ from: String(OLD), to: String(NEW) });
    expect(migrationOf(migrateFrom)).toEqual({ from: String(OLD), to: String(NEW) });
    expect(toIncoming(contextOf(migrateTo))).toBeNull();
    expect(toIncoming(contextOf(migrateFrom))).toBeNull();
    const text = { update_id: 3, message: { message_id: 2, date: 0, chat: { id: NEW, type: 'supergroup', title: '志愿者群' }, from, text: '接单 20261122-0001' } } as Update;
    expect(migrationOf(text)).toBeNull();
    expect(toIncoming(contextOf(text))).toMatchObject({ chatId: String(NEW), isGroup: true, content: { kind: 'text', text: '接单 20261122-0001' } });
  });

  it('queues a migration with the new supergroup, so it is followed before that chat’s next messages', () => {
    expect(chatOf(migrateTo)).toBe(String(NEW));
    expect(chatOf(migrateFrom)).toBe(String(NEW));
  });


  it('puts versioned, small callback data on buttons and reads it back', () => {
    expect(encodeCallback(7, 'item:appliance-repair', 0)).toBe('v1:7:item:appliance-repair');
    expect(decodeCallback('v1:7:item:appliance-repair')).toEqual({ kind: 'choice', choiceId: 'item:appliance-repair', questionId: 7 });
    const long = encodeCallback(12, `community:${'x'.repeat(80)}`, 2);
    expect(long).toBe('v1:12:#3');
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(64);
  });

  it('reads unknown or old button data as a stale press', () => {
    expect(decodeCallback('v0:3:yes')).toMatchObject({ kind: 'choice', questionId: -1 });
    expect(decodeCallback('')).toMatchObject({ kind: 'choice', questionId: -1 });
  });

  it('numbers the buttons like the text choices, one per row', () => {
    const kb = keyboardOf({ text: 'q', questionId: 3, choices: [{ id: 'a', label: '尽快' }, { id: 'b', label: '今天' }] });
    expect(kb?.inline_keyboard.map((row) => row.map((b) => b.text))).toEqual([['1. 尽快'], ['2. 今天']]);
    expect(keyboardOf({ text: 'no choices' })).toBeUndefined();
  });

  it('tells permanent refusals from passing trouble', () => {
    expect(toDeliveryError(grammyError(403, 'Forbidden: bot was blocked by the user'))).toMatchObject({ code: 'blocked', options: { permanent: true } });
    expect(toDeliveryError(grammyError(429, 'Too Many Requests', { retry_after: 7 }))).toMatchObject({ code: 'rate_limited', options: { permanent: false, retryAfterMs: 7000 } });
    expect(toDeliveryError(grammyError(400, 'Bad Request: group chat was upgraded', { migrate_to_chat_id: -100123 }))).toMatchObject({ code: 'chat_migrated', options: { newChatId: '-100123' } });
    expect(toDeliveryError(grammyError(400, 'Bad Request: chat not found'))).toMatchObject({ code: 'chat_not_found', options: { permanent: true } });
    expect(toDeliveryError(grammyError(502, 'Bad Gateway'))).toMatchObject({ code: 'network', options: { permanent: false } });
    expect(toDeliveryError(new HttpError('Network request failed', new Error('ECONNRESET')))).toMatchObject({ code: 'network', options: { permanent: false } });
  });
});
