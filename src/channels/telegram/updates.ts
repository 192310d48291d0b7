import type { Context } from 'grammy';
import type { Update } from 'grammy/types';
import type { IncomingContent, IncomingMessage } from '../../core/message.js';

// === Telegram updates → the channel-neutral message model

export const TELEGRAM_CHANNEL = 'telegram';
const CALLBACK_VERSION = 'v1';
const MAX_CALLBACK_BYTES = 64;

/** Button data `v1:<questionId>:<choiceId>`, or `v1:<questionId>:#<index>` when the id is too long. */
export function encodeCallback(questionId: number, choiceId: string, index: number): string {
  const data = `${CALLBACK_VERSION}:${questionId}:${choiceId}`;
  return Buffer.byteLength(data) <= MAX_CALLBACK_BYTES ? data : `${CALLBACK_VERSION}:${questionId}:#${index + 1}`;
}

/** Parses button data; anything unknown (older versions, other bots' data) is a stale press. */
export function decodeCallback(data: string): IncomingContent {
  const m = /^v1:(\d{1,9}):(.+)$/s.exec(data);
  if (!m) return { kind: 'choice', choiceId: '', questionId: -1 };
  return { kind: 'choice', choiceId: m[2]!, questionId: Number(m[1]) };
}

/** `/start@lianxin_bot arg` → `/start arg`. */
function stripBotName(text: string, username: string | undefined): string {
  if (!username) return text;
  return text.replace(new RegExp(`^(/[A-Za-z0-9_]+)@${username}\\b`, 'i'), '$1');
}

/** What a Telegram message carries, as channel-neutral content; null for service messages. */
export function contentOf(ctx: Context): IncomingContent | null {
  const msg = ctx.message ?? ctx.channelPost;
  if (ctx.callbackQuery) return decodeCallback(ctx.callbackQuery.data ?? '');
  if (ctx.editedMessage) return { kind: 'edited' };
  if (!msg) return null;
  if (msg.text !== undefined) return { kind: 'text', text: stripBotName(msg.text, ctx.me?.username) };
  if (msg.location)
    return {
      kind: 'location',
      latitude: msg.location.latitude,
      longitude: msg.location.longitude,
      label: msg.venue?.title ? `${msg.venue.title} ${msg.venue.address}` : undefined,
    };
  if (msg.contact) return { kind: 'contact', phone: msg.contact.phone_number, name: msg.contact.first_name };
  const caption = msg.caption;
  const media = (kind: Extract<IncomingContent, { kind: 'media' }>['media'], ref?: string): IncomingContent => ({
    kind: 'media',
    media: kind,
    ref,
    ...(caption ? { caption } : {}),
  });
  if (msg.photo) return media('photo', `telegram-photo:${msg.photo.at(-1)?.file_id ?? ''}`);
  if (msg.voice || msg.audio) return media('voice');
  if (msg.video || msg.video_note || msg.animation) return media('video');
  if (msg.sticker) return media('sticker');
  if (msg.document) return media('document');
  if (
    msg.new_chat_members ||
    msg.left_chat_member ||
    msg.new_chat_title ||
    msg.migrate_to_chat_id ||
    msg.migrate_from_chat_id ||
    msg.pinned_message ||
    msg.group_chat_created ||
    msg.supergroup_chat_created
  )
    return null;
  return media('other');
}

/** A group's move to a supergroup, from either service message (`migrate_to_chat_id` in the old group, `migrate_from_chat_id` in the new one); null otherwise. */
export function migrationOf(update: Update): { from: string; to: string } | null {
  const msg = update.message;
  if (!msg) return null;
  if (msg.migrate_to_chat_id !== undefined) return { from: String(msg.chat.id), to: String(msg.migrate_to_chat_id) };
  if (msg.migrate_from_chat_id !== undefined) return { from: String(msg.migrate_from_chat_id), to: String(msg.chat.id) };
  return null;
}

/** The incoming message for an update, or null when there is nothing for the flows. */
export function toIncoming(ctx: Context): IncomingMessage | null {
  const chat = ctx.chat;
  const from = ctx.from;
  if (!chat || !from || from.is_bot) return null;
  const content = contentOf(ctx);
  if (!content) return null;
  return {
    channel: TELEGRAM_CHANNEL,
    chatId: String(chat.id),
    userId: String(from.id),
    displayName: [from.first_name, from.last_name].filter(Boolean).join(' '),
    isGroup: chat.type !== 'private',
    messageId: `update:${ctx.update.update_id}`,
    content,
    // Webhook: answered 500; polling: fetched again (polling.ts).
    redeliveredIfFailed: true,
  };
}
