import { Api, GrammyError, HttpError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { createTelegramSender, keyboardOf, toDeliveryError } from '../../../src/channels/telegram/sender.js';
import { DeliveryError } from '../../../src/core/ports.js';

const grammyError = (error_code: number, description: string, parameters: object = {}) =>
  new GrammyError('call failed', { ok: false, error_code, description, parameters }, 'sendMessage', {});

describe('Telegram sender pieces', () => {
  it('numbers the buttons like the text choices, one per row', () => {
    const kb = keyboardOf({
      text: 'q',
      questionId: 3,
      choices: [
        { id: 'a', label: '尽快' },
        { id: 'b', label: '今天' },
      ],
    });
    expect(kb?.inline_keyboard.map((row) => row.map((b) => b.text))).toEqual([['1. 尽快'], ['2. 今天']]);
    expect(keyboardOf({ text: 'no choices' })).toBeUndefined();
  });
  it('tells permanent refusals from passing trouble', () => {
    expect(toDeliveryError(grammyError(403, 'Forbidden: bot was blocked by the user'))).toMatchObject({ code: 'blocked', options: { permanent: true } });
    expect(toDeliveryError(grammyError(429, 'Too Many Requests', { retry_after: 7 }))).toMatchObject({
      code: 'rate_limited',
      options: { permanent: false, retryAfterMs: 7000 },
    });
    expect(toDeliveryError(grammyError(400, 'Bad Request: group chat was upgraded', { migrate_to_chat_id: -100123 }))).toMatchObject({
      code: 'chat_migrated',
      options: { newChatId: '-100123' },
    });
    expect(toDeliveryError(grammyError(400, 'Bad Request: chat not found'))).toMatchObject({ code: 'chat_not_found', options: { permanent: true } });
    expect(toDeliveryError(grammyError(502, 'Bad Gateway'))).toMatchObject({ code: 'network', options: { permanent: false } });
    expect(toDeliveryError(new HttpError('Network request failed', new Error('ECONNRESET')))).toMatchObject({ code: 'network', options: { permanent: false } });
  });
});

/** An Api whose calls are answered here (an API transformer), recording method and payload. */
function fakeApi(
  answer: (method: string, payload: any) => { ok: true; result: unknown } | { ok: false; error_code: number; description: string; parameters?: object },
) {
  const calls: { method: string; payload: any }[] = [];
  const api = new Api('123456:TEST');
  api.config.use(async (_prev, method, payload) => {
    calls.push({ method, payload });
    return answer(method, payload) as never;
  });
  return { api, calls };
}

describe('createTelegramSender', () => {
  it('sends the text with the numbered keyboard and answers with Telegram’s message id', async () => {
    const { api, calls } = fakeApi(() => ({ ok: true, result: { message_id: 321, date: 0, chat: { id: 42, type: 'private' } } }));
    const sent = await createTelegramSender(api).send('42', { text: '几点方便？', questionId: 4, choices: [{ id: 'time:asap', label: '尽快' }] });
    expect(sent).toEqual({ externalId: '321' });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.method).toBe('sendMessage');
    expect(calls[0]!.payload).toMatchObject({ chat_id: '42', text: '几点方便？' });
    expect(calls[0]!.payload.reply_markup.inline_keyboard).toEqual([[{ text: '1. 尽快', callback_data: 'v1:4:time:asap' }]]);
  });

  it('cuts a text longer than Telegram allows, ending it with …', async () => {
    const { api, calls } = fakeApi(() => ({ ok: true, result: { message_id: 1, date: 0, chat: { id: 42, type: 'private' } } }));
    await createTelegramSender(api).send('42', { text: '长'.repeat(5000) });
    const text = calls[0]!.payload.text as string;
    expect(text).toHaveLength(4096);
    expect(text.endsWith('…')).toBe(true);
    await createTelegramSender(api).send('42', { text: '短'.repeat(4096) });
    expect(calls[1]!.payload.text).toBe('短'.repeat(4096));
  });

  it('turns a refusal into a DeliveryError', async () => {
    const { api } = fakeApi(() => ({ ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' }));
    const failure = createTelegramSender(api).send('42', { text: 'hi' });
    await expect(failure).rejects.toBeInstanceOf(DeliveryError);
    await expect(createTelegramSender(api).send('42', { text: 'hi' })).rejects.toMatchObject({ code: 'blocked', options: { permanent: true } });
  });

  it('edits a message by its id; "message is not modified" is no failure, other refusals are', async () => {
    let refuse: { error_code: number; description: string } | null = null;
    const { api, calls } = fakeApi(() => (refuse ? { ok: false, ...refuse } : { ok: true, result: true }));
    const sender = createTelegramSender(api);
    await sender.edit!('-100', '77', { text: '已接单' });
    expect(calls[0]).toMatchObject({ method: 'editMessageText', payload: { chat_id: '-100', message_id: 77, text: '已接单' } });
    refuse = { error_code: 400, description: 'Bad Request: message is not modified' };
    await expect(sender.edit!('-100', '77', { text: '已接单' })).resolves.toBeUndefined();
    refuse = { error_code: 400, description: 'Bad Request: chat not found' };
    await expect(sender.edit!('-100', '77', { text: '已接单' })).rejects.toMatchObject({ code: 'chat_not_found' });
  });
});
