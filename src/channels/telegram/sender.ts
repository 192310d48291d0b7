import { type Api, GrammyError, HttpError, InlineKeyboard } from 'grammy';
import type { OutgoingPayload } from '../../core/message.js';
import { DeliveryError, type Sender } from '../../core/ports.js';
import { encodeCallback } from './updates.js';

// === The core's outgoing messages → Telegram messages with inline keyboards

const MAX_TEXT = 4096;

/** One button per row, numbered like the text choices, so typing the number works too. */
export function keyboardOf(payload: OutgoingPayload): InlineKeyboard | undefined {
  if (!payload.choices?.length) return undefined;
  return InlineKeyboard.from(payload.choices.map((c, i) => [InlineKeyboard.text(`${i + 1}. ${c.label}`, encodeCallback(payload.questionId ?? 0, c.id, i))]));
}

/** Telegram's refusal → a `DeliveryError` saying whether trying again can help. */
export function toDeliveryError(err: unknown): DeliveryError {
  if (err instanceof GrammyError) {
    const params = err.parameters ?? {};
    if (params.migrate_to_chat_id)
      return new DeliveryError('chat_migrated', err.description, { permanent: false, newChatId: String(params.migrate_to_chat_id), cause: err });
    if (err.error_code === 429)
      return new DeliveryError('rate_limited', err.description, { permanent: false, retryAfterMs: (params.retry_after ?? 5) * 1000, cause: err });
    if (err.error_code === 403) return new DeliveryError('blocked', err.description, { permanent: true, cause: err });
    if (err.error_code === 400 && /chat not found/i.test(err.description))
      return new DeliveryError('chat_not_found', err.description, { permanent: true, cause: err });
    if (err.error_code >= 500) return new DeliveryError('network', err.description, { permanent: false, cause: err });
    return new DeliveryError('rejected', err.description, { permanent: true, cause: err });
  }
  if (err instanceof HttpError) return new DeliveryError('network', err.message, { permanent: false, cause: err });
  return new DeliveryError('network', String(err), { permanent: false, cause: err });
}

export function createTelegramSender(api: Api): Sender {
  return {
    // Groups and supergroups have negative ids; people's chats positive ones.
    isGroup: (chatId) => chatId.startsWith('-'),
    async send(chatId, payload) {
      const text = payload.text.length > MAX_TEXT ? `${payload.text.slice(0, MAX_TEXT - 1)}…` : payload.text;
      try {
        const sent = await api.sendMessage(chatId, text, { reply_markup: keyboardOf(payload) });
        return { externalId: String(sent.message_id) };
      } catch (err) {
        throw toDeliveryError(err);
      }
    },
    async edit(chatId, externalId, payload) {
      const text = payload.text.length > MAX_TEXT ? `${payload.text.slice(0, MAX_TEXT - 1)}…` : payload.text;
      try {
        await api.editMessageText(chatId, Number(externalId), text, { reply_markup: keyboardOf(payload) });
      } catch (err) {
        if (err instanceof GrammyError && /message is not modified/i.test(err.description)) return;
        throw toDeliveryError(err);
      }
    },
  };
}
