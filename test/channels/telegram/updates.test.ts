import { Api, Context } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { contentOf, decodeCallback, encodeCallback, migrationOf, TELEGRAM_CHANNEL, toIncoming } from '../../../src/channels/telegram/updates.js';

const me = { id: 999, is_bot: true, first_name: '连心桥', username: 'lianxin_test_bot' } as UserFromGetMe;
const contextOf = (update: Update) => new Context(update, new Api('123456:TEST'), me);
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

describe('Telegram updates → messages', () => {
  it('reads both migration service messages as the same move, and neither as a message for the flows', () => {
    expect(migrationOf(migrateTo)).toEqual({ from: String(OLD), to: String(NEW) });
    expect(migrationOf(migrateFrom)).toEqual({ from: String(OLD), to: String(NEW) });
    expect(toIncoming(contextOf(migrateTo))).toBeNull();
    expect(toIncoming(contextOf(migrateFrom))).toBeNull();
    const text = {
      update_id: 3,
      message: { message_id: 2, date: 0, chat: { id: NEW, type: 'supergroup', title: '志愿者群' }, from, text: '接单 20261122-0001' },
    } as Update;
    expect(migrationOf(text)).toBeNull();
    expect(toIncoming(contextOf(text))).toMatchObject({ chatId: String(NEW), isGroup: true, content: { kind: 'text', text: '接单 20261122-0001' } });
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
});

describe('what a Telegram message carries', () => {
  const privateChat = { id: 42, type: 'private', first_name: '王' };
  const message = (extra: object, update_id = 10) =>
    ({
      update_id,
      message: { message_id: 3, date: 0, chat: privateChat, from: { id: 42, is_bot: false, first_name: '大爷', last_name: '王' }, ...extra },
    }) as unknown as Update;
  const read = (extra: object) => contentOf(contextOf(message(extra)));

  it('a private text: who, where, the update id as message id, the bot’s name dropped from a command', () => {
    expect(toIncoming(contextOf(message({ text: '/start@lianxin_test_bot 你好' }, 77)))).toEqual({
      channel: TELEGRAM_CHANNEL,
      chatId: '42',
      userId: '42',
      displayName: '大爷 王',
      isGroup: false,
      messageId: 'update:77',
      content: { kind: 'text', text: '/start 你好' },
      // A failed update comes again (webhook 500, polling fetches it again): the apology says so.
      redeliveredIfFailed: true,
    });
    // Another bot's name is left as it was typed.
    expect(read({ text: '/start@other_bot' })).toEqual({ kind: 'text', text: '/start@other_bot' });
  });

  it('a location with a venue has a label; a plain one does not; a contact gives its number', () => {
    expect(
      read({
        location: { latitude: 30.75, longitude: 120.75 },
        venue: { title: '文昌社区', address: '文昌路1号', location: { latitude: 30.75, longitude: 120.75 } },
      }),
    ).toEqual({
      kind: 'location',
      latitude: 30.75,
      longitude: 120.75,
      label: '文昌社区 文昌路1号',
    });
    expect(read({ location: { latitude: 1, longitude: 2 } })).toEqual({ kind: 'location', latitude: 1, longitude: 2, label: undefined });
    expect(read({ contact: { phone_number: '+8613812345678', first_name: '王' } })).toEqual({ kind: 'contact', phone: '+8613812345678', name: '王' });
  });

  it('media by kind; a photo keeps its largest size and its caption', () => {
    const photo = [{ file_id: 'small' }, { file_id: 'large' }];
    expect(read({ photo, caption: '水管' })).toEqual({ kind: 'media', media: 'photo', ref: 'telegram-photo:large', caption: '水管' });
    expect(read({ voice: { file_id: 'v' } })).toMatchObject({ kind: 'media', media: 'voice' });
    expect(read({ audio: { file_id: 'a' } })).toMatchObject({ kind: 'media', media: 'voice' });
    expect(read({ video_note: { file_id: 'n' } })).toMatchObject({ kind: 'media', media: 'video' });
    expect(read({ sticker: { file_id: 's' } })).toMatchObject({ kind: 'media', media: 'sticker' });
    expect(read({ document: { file_id: 'd' } })).toMatchObject({ kind: 'media', media: 'document' });
    expect(read({ dice: { emoji: '🎲', value: 3 } })).toEqual({ kind: 'media', media: 'other', ref: undefined });
    expect(read({ voice: { file_id: 'v' } })).not.toHaveProperty('caption');
  });

  it('service messages carry nothing for the flows', () => {
    expect(read({ new_chat_members: [{ id: 1, is_bot: false, first_name: 'x' }] })).toBeNull();
    expect(read({ left_chat_member: { id: 1, is_bot: false, first_name: 'x' } })).toBeNull();
    expect(read({ new_chat_title: '新群名' })).toBeNull();
    expect(read({ pinned_message: { message_id: 1 } })).toBeNull();
  });

  it('an edited message and a button press', () => {
    const edited = {
      update_id: 11,
      edited_message: { message_id: 3, date: 0, edit_date: 1, chat: privateChat, from: { id: 42, is_bot: false, first_name: '王' }, text: '改了' },
    } as unknown as Update;
    expect(toIncoming(contextOf(edited))).toMatchObject({ chatId: '42', content: { kind: 'edited' } });
    const press = {
      update_id: 12,
      callback_query: {
        id: 'q',
        chat_instance: 'c',
        data: 'v1:5:time:asap',
        from: { id: 42, is_bot: false, first_name: '王' },
        message: { message_id: 9, date: 0, chat: privateChat },
      },
    } as unknown as Update;
    expect(toIncoming(contextOf(press))).toMatchObject({
      chatId: '42',
      userId: '42',
      messageId: 'update:12',
      content: { kind: 'choice', choiceId: 'time:asap', questionId: 5 },
    });
  });

  it('ignores bots, and updates with no chat or sender', () => {
    const fromBot = {
      update_id: 13,
      message: { message_id: 3, date: 0, chat: privateChat, from: { id: 43, is_bot: true, first_name: '别的机器人' }, text: 'hi' },
    } as unknown as Update;
    expect(toIncoming(contextOf(fromBot))).toBeNull();
    expect(toIncoming(contextOf({ update_id: 14 } as Update))).toBeNull();
  });
});
