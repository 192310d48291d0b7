import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { texts } from '../../../src/texts/resident.js';
import { backends } from '../../support/db.js';
import { buttonData, startTelegramHarness, type TelegramHarness } from '../../support/telegram-harness.js';
import { LONG_MS } from '../../support/patience.js';

const TICKET = /单号 (\d{8}-\d{4})/;

describe.each(backends)('Telegram channel end to end [%s]', (backend) => {
  let h: TelegramHarness;
  beforeAll(async () => {
    h = await startTelegramHarness(backend);
  }, LONG_MS);
  afterAll(async () => {
    await h?.close();
  });

  const text = (chatId: number, t: string) => h.standin.textMessage({ chatId, userId: chatId, text: t, firstName: '王大爷' });
  const press = (chatId: number, label: string) => {
    const last = h.standin.lastMessage(chatId);
    return h.standin.callbackQuery({ chatId, userId: chatId, data: buttonData(last, label), messageId: last.message_id });
  };

  it('registers its commands', () => {
    const call = h.standin.calls.find((c) => c.method === 'setMyCommands');
    expect(call?.params.commands.map((c: { command: string }) => c.command)).toEqual(['start', 'my', 'cancel', 'help']);
  });

  it('takes a resident through a request using only buttons, location and contact', async () => {
    const chat = 1001;
    const [greeting] = await h.exchange(text(chat, '/start'), chat);
    expect(greeting.reply_markup.inline_keyboard.flat().map((b: { text: string }) => b.text)).toContain('1. 修东西（生活求助类）');
    await h.exchange(press(chat, '修东西（生活求助类）'), chat);
    const pressedQuestion = h.standin.lastMessage(chat).message_id;
    await h.exchange(press(chat, '家电维修'), chat);
    await h.standin.waitFor(() => h.standin.calls.some((c) => c.method === 'editMessageText' && c.params.message_id === pressedQuestion));
    const edited = h.standin.calls.find((c) => c.method === 'editMessageText' && c.params.message_id === pressedQuestion)!;
    expect(edited.params.text).toContain('✅ 您选择了：家电维修');
    // Step by step: 区 → 街道 → 社区, by buttons.
    for (const label of ['按区、街道一步步选', '南湖区总站', '建设街道分站', '文昌社区']) await h.exchange(press(chat, label), chat);
    const [phoneQ] = await h.exchange(h.standin.location({ chatId: chat, userId: chat, latitude: 30.7522, longitude: 120.7555 }), chat);
    expect(phoneQ.text).toContain('位置 30.75220,120.75550');
    expect(phoneQ.text).toContain(texts.askPhone);
    await h.exchange(h.standin.contact({ chatId: chat, userId: chat, phoneNumber: '+86 138 1234 5678' }), chat);
    const [summary] = await h.exchange(press(chat, '尽快'), chat);
    expect(summary.text).toContain('社区：文昌社区');
    expect(summary.text).toContain('电话：13812345678');
    const [done] = await h.exchange(press(chat, '确认提交'), chat);
    expect(done.text).toMatch(TICKET);
  });

  it('takes a resident through a request by typing only', async () => {
    const chat = 1002;
    for (const t of ['下水道堵了', '1', '紫阳', '紫阳小区5幢301', '0573-82345678', '明天上午']) await h.exchange(text(chat, t), chat);
    const [done] = await h.exchange(text(chat, '确认'), chat);
    expect(done.text).toMatch(TICKET);
  });

  it('answers a button from an old question politely and asks the current one again', async () => {
    const chat = 1003;
    await h.exchange(text(chat, '电视坏了'), chat);
    const oldQuestion = h.standin.lastMessage(chat);
    await h.exchange(press(chat, '家电维修'), chat);
    const stale = h.standin.callbackQuery({ chatId: chat, userId: chat, data: buttonData(oldQuestion, '家电维修'), messageId: oldQuestion.message_id });
    const [reply] = await h.exchange(stale, chat);
    expect(reply.text).toContain(texts.stale);
    expect(reply.text).toContain(texts.askCommunity);
    expect(reply.reply_markup.inline_keyboard.length).toBeGreaterThan(0);
    await h.standin.waitFor(() =>
      h.standin.calls.some(
        (c) =>
          c.method === 'editMessageText' && c.params.message_id === oldQuestion.message_id && String(c.params.text).includes(texts.telegramQuestionExpired),
      ),
    );
    const garbage = h.standin.callbackQuery({ chatId: chat, userId: chat, data: 'something-else', messageId: oldQuestion.message_id });
    const [again] = await h.exchange(garbage, chat);
    expect(again.text).toContain(texts.stale);
  });

  it('answers voice, stickers, documents, photos and edited messages clearly', async () => {
    const chat = 1004;
    const [voice] = await h.exchange(h.standin.voice({ chatId: chat, userId: chat }), chat);
    expect(voice.text).toContain(texts.voiceNotSupported('96345'));
    const [photo] = await h.exchange(h.standin.photo({ chatId: chat, userId: chat, fileId: 'ph-1' }), chat);
    expect(photo.text).toContain(texts.photoAttached);
    const [sticker] = await h.exchange(h.standin.sticker({ chatId: chat, userId: chat }), chat);
    expect(sticker.text).toContain(texts.mediaNotSupported);
    const [doc] = await h.exchange(h.standin.document({ chatId: chat, userId: chat }), chat);
    expect(doc.text).toContain(texts.mediaNotSupported);
    const [edited] = await h.exchange(h.standin.editedMessage({ chatId: chat, userId: chat, messageId: 1, text: '改了' }), chat);
    expect(edited.text).toContain(texts.editedMessage);
    const [unknown] = await h.exchange(text(chat, '/whatever'), chat);
    expect(unknown.text).toContain(texts.unknownCommand);
  });

  it('has one effect for an update delivered twice', async () => {
    const chat = 1005;
    const update = { ...text(chat, '电视坏了'), update_id: 900_001 };
    await h.exchange(update, chat);
    const before = h.standin.sentMessages(chat).length;
    h.standin.pushUpdate({ ...update });
    await h.exchange(text(chat, '帮助'), chat);
    const after = h.standin.sentMessages(chat).slice(before);
    expect(after).toHaveLength(1);
    expect(after[0].text).toContain(texts.confirmItemHelp);
  });

  it('loses and duplicates nothing through a burst of 429s', { timeout: LONG_MS }, async () => {
    const chat = 1006;
    h.standin.failNext('sendMessage', 2, { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    const replies = [];
    for (const t of ['电视坏了', '1', '文昌']) replies.push(...(await h.exchange(text(chat, t), chat)));
    const failed = h.standin.calls.filter((c) => c.method === 'sendMessage' && c.failed && String(c.params.chat_id) === String(chat));
    expect(failed).toHaveLength(2);
    const sent = h.standin.sentMessages(chat).map((m: { text: string }) => m.text);
    expect(sent).toHaveLength(3);
    expect(new Set(sent).size).toBe(3);
    expect(sent[2]).toContain(texts.askAddress);
  });

  it('confirms a batch once it is committed and fetches the next, while the batch’s replies are still on their way', async () => {
    const held = 1008;
    const other = 1009;
    const release = h.standin.holdAnswers((method, params) => method === 'sendMessage' && String(params.chat_id) === String(held));
    try {
      h.standin.pushUpdate(text(held, '电视坏了'));
      // Its reply is at Telegram, unanswered; the update is confirmed all the same, and the next one handled.
      await h.standin.waitFor(() => h.standin.sentMessages(held).length === 1 && h.standin.pendingUpdates().length === 0);
      const [reply] = await h.exchange(text(other, '电视坏了'), other);
      expect(JSON.stringify(reply.reply_markup)).toContain('家电维修');
    } finally {
      release();
    }
    await h.standin.waitFor(() => h.standin.lastMessage(held) !== undefined);
    expect(JSON.stringify(h.standin.lastMessage(held).reply_markup)).toContain('家电维修');
  });

  it('continues a conversation after a restart', { timeout: LONG_MS }, async () => {
    const chat = 1007;
    await h.exchange(text(chat, '水管漏水'), chat);
    await h.exchange(text(chat, '1'), chat);
    await h.restart();
    const [reply] = await h.exchange(text(chat, '文昌'), chat);
    expect(reply.text).toContain(texts.askAddress);
  });

  it('keeps personal details out of its logs', () => {
    const logs = h.logLines.join('\n');
    expect(logs).not.toContain('13812345678');
    expect(logs).not.toContain('紫阳小区5幢301');
    expect(logs).not.toContain('82345678');
  });
});
