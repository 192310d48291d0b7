import { autoRetry } from '@grammyjs/auto-retry';
import { Bot, GrammyError, InlineKeyboard, InputFile } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { type BotApiStandin, type BotApiStandinOptions, startBotApiStandin } from './telegram-bot-api.js';
import { LONG_MS } from '../support/patience.js';

const CHAT = 4242;

let standin: BotApiStandin | undefined;
let running: { bot: Bot; done: Promise<void> } | undefined;

async function setup(options: BotApiStandinOptions = {}) {
  standin = await startBotApiStandin(options);
  const bot = new Bot(standin.token, { client: { apiRoot: standin.apiRoot } });
  return { s: standin, bot };
}

function start(bot: Bot) {
  const done = bot.start({ drop_pending_updates: false });
  running = { bot, done };
  return done;
}

afterEach(async () => {
  if (running) {
    if (running.bot.isRunning()) await running.bot.stop();
    await running.done;
    running = undefined;
  }
  await standin?.close();
  standin = undefined;
});

describe('Bot API stand-in driven by grammY', () => {
  it('answers getMe', async () => {
    const { s, bot } = await setup();
    const me = await bot.api.getMe();
    expect(me).toEqual(s.botInfo);
    expect(me.username).toBe('lianxin_test_bot');
    expect(s.calls.map((c) => c.method)).toEqual(['getMe']);
  });

  it('delivers a text update to a polling bot and records its reply', async () => {
    // Long polls held far longer than the test may take: stop() returning shows it does not wait one out.
    const { s, bot } = await setup({ maxPollMs: 10 * 60_000 });
    bot.on('message:text', (ctx) => ctx.reply('echo ' + ctx.message.text));
    void start(bot);
    await s.waitFor(() => s.calls.some((c) => c.method === 'getUpdates'));
    s.pushUpdate(s.textMessage({ chatId: CHAT, userId: CHAT, text: 'hello' }));
    await s.waitFor(() => s.sentMessages(CHAT).length === 1);
    expect(s.sentMessages(CHAT)[0]).toMatchObject({ chat_id: CHAT, text: 'echo hello' });
    expect(s.lastMessage(CHAT)).toMatchObject({ text: 'echo hello', chat: { id: CHAT, type: 'private' } });
    await bot.stop();
    await running!.done;
    expect(s.calls.slice(0, 2).map((c) => c.method)).toEqual(['getMe', 'deleteWebhook']);
    expect(s.calls.at(-1)).toMatchObject({ method: 'getUpdates', params: { offset: 2, limit: 1 } });
  });

  it('honours getUpdates offset: confirmed updates are dropped', async () => {
    const { s, bot } = await setup();
    const id = s.pushUpdate(s.textMessage({ chatId: CHAT, userId: CHAT, text: 'once' }));
    expect((await bot.api.getUpdates()).map((u) => u.update_id)).toEqual([id]);
    expect((await bot.api.getUpdates({ offset: id })).map((u) => u.update_id)).toEqual([id]);
    expect(await bot.api.getUpdates({ offset: id + 1 })).toEqual([]);
    expect(await bot.api.getUpdates()).toEqual([]);
    expect(s.pendingUpdates()).toEqual([]);
    const second = s.pushUpdate(s.textMessage({ chatId: CHAT, userId: CHAT, text: 'two' }));
    s.pushUpdate(s.textMessage({ chatId: CHAT, userId: CHAT, text: 'three' }));
    expect((await bot.api.getUpdates({ limit: 1 })).map((u) => u.update_id)).toEqual([second]);
  });

  it('delivers an update exactly once to a polling bot', async () => {
    const { s, bot } = await setup();
    const seen: string[] = [];
    bot.on('message:text', (ctx) => void seen.push(ctx.message.text));
    void start(bot);
    const id = s.pushUpdate(s.textMessage({ chatId: CHAT, userId: CHAT, text: 'once' }));
    await s.waitFor(() => s.calls.some((c) => c.method === 'getUpdates' && c.params.offset === id + 1));
    s.pushUpdate(s.textMessage({ chatId: CHAT, userId: CHAT, text: 'twice?' }));
    await s.waitFor(() => seen.length === 2);
    expect(seen).toEqual(['once', 'twice?']);
  });

  it('long poll holds until an update arrives and close() ends it', async () => {
    const { s, bot } = await setup();
    const t0 = Date.now();
    const poll = bot.api.getUpdates({ timeout: 30 });
    setTimeout(() => s.pushUpdate(s.textMessage({ chatId: CHAT, userId: CHAT, text: 'late' })), 100);
    expect(await poll).toHaveLength(1);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(90);
    const pending = bot.api.getUpdates({ offset: 2, timeout: 30 });
    await s.waitFor(() => s.calls.length === 2);
    await s.close();
    standin = undefined;
    expect(await pending).toEqual([]);
  });

  it('retries a 429 with auto-retry and sends the message exactly once', { timeout: LONG_MS }, async () => {
    const { s, bot } = await setup();
    bot.api.config.use(autoRetry());
    s.failNext('sendMessage', 2, { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    const msg = await bot.api.sendMessage(CHAT, 'hi');
    expect(msg).toMatchObject({ text: 'hi', chat: { id: CHAT } });
    const attempts = s.calls.filter((c) => c.method === 'sendMessage');
    expect(attempts.map((c) => c.failed ?? false)).toEqual([true, true, false]);
    expect(attempts[2]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(1900);
    expect(s.sentMessages(CHAT)).toHaveLength(1);
  });

  it('surfaces 403 and migrate_to_chat_id failures as GrammyError', async () => {
    const { s, bot } = await setup();
    s.failNext('sendMessage', 1, { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    s.failNext('sendMessage', 1, {
      error_code: 400,
      description: 'Bad Request: group chat was upgraded to a supergroup chat',
      parameters: { migrate_to_chat_id: -1001234 },
    });
    const blocked = await bot.api.sendMessage(CHAT, 'a').catch((e: unknown) => e);
    expect(blocked).toBeInstanceOf(GrammyError);
    expect((blocked as GrammyError).error_code).toBe(403);
    const migrated = (await bot.api.sendMessage(-55, 'b').catch((e: unknown) => e)) as GrammyError;
    expect(migrated.parameters.migrate_to_chat_id).toBe(-1001234);
    expect((await bot.api.sendMessage(-55, 'c')).chat).toMatchObject({ id: -55, type: 'group' });
  });

  it('tracks edits and rejects identical ones with "message is not modified"', async () => {
    const { s, bot } = await setup();
    const kb = new InlineKeyboard().text('是', 'yes').text('否', 'no');
    const sent = await bot.api.sendMessage(CHAT, '确认吗？', { reply_markup: kb });
    const again = await bot.api.sendMessage(CHAT, 'second');
    expect(again.message_id).toBe(sent.message_id + 1);
    expect(sent.reply_markup).toEqual({ inline_keyboard: kb.inline_keyboard });
    const same = bot.api.editMessageText(CHAT, sent.message_id, '确认吗？', { reply_markup: kb });
    await expect(same).rejects.toThrow(/message is not modified/);
    await expect(same).rejects.toMatchObject({ error_code: 400 });
    const edited = await bot.api.editMessageText(CHAT, sent.message_id, '已确认');
    expect(edited).toMatchObject({ text: '已确认', message_id: sent.message_id });
    expect(edited).not.toHaveProperty('reply_markup');
    await expect(bot.api.editMessageReplyMarkup(CHAT, sent.message_id)).rejects.toThrow(/not modified/);
    await bot.api.editMessageReplyMarkup(CHAT, again.message_id, { reply_markup: kb });
    expect(s.lastMessage(CHAT)).toMatchObject({ text: 'second', reply_markup: { inline_keyboard: kb.inline_keyboard } });
    expect(await bot.api.editMessageTextInline('inl-1', 'x')).toBe(true);
    expect(s.calls.filter((c) => c.failed).map((c) => c.method)).toEqual(['editMessageText', 'editMessageReplyMarkup']);
  });

  it('routes a callback query to callback_query:data', async () => {
    const { s, bot } = await setup();
    bot.on('callback_query:data', async (ctx) => {
      await ctx.answerCallbackQuery();
      await ctx.editMessageText('选择: ' + ctx.callbackQuery.data);
    });
    void start(bot);
    const kb = new InlineKeyboard().text('是', 'yes');
    await bot.api.sendMessage(CHAT, '确认吗？', { reply_markup: kb });
    s.pushUpdate(s.callbackQuery({ chatId: CHAT, userId: CHAT, data: 'yes' }));
    await s.waitFor(() => s.lastMessage(CHAT)?.text === '选择: yes');
    expect(s.calls.find((c) => c.method === 'answerCallbackQuery')?.params.callback_query_id).toMatch(/^cbq-/);
    expect(s.lastMessage(CHAT).reply_markup).toBeUndefined();
  });

  it('builds updates that match grammY filter queries', async () => {
    const { s, bot } = await setup();
    const hits: string[] = [];
    bot.command('start', (ctx) => void hits.push('command:' + ctx.match));
    for (const q of ['location', 'voice', 'photo', 'sticker', 'contact', 'document'] as const) bot.on(`message:${q}`, () => void hits.push(q));
    bot.on('edited_message:text', (ctx) => void hits.push('edited:' + ctx.editedMessage.text));
    bot.on('message:text', (ctx) => void hits.push(`${ctx.chat.type}:${ctx.message.text}`));
    void start(bot);
    const base = { chatId: CHAT, userId: CHAT, firstName: '小明' };
    const first = s.textMessage({ ...base, text: '/start ref42' });
    s.pushUpdate(first);
    s.pushUpdate(s.location({ ...base, latitude: 39.9, longitude: 116.4 }));
    s.pushUpdate(s.voice(base));
    s.pushUpdate(s.photo({ ...base, caption: 'pic' }));
    s.pushUpdate(s.sticker(base));
    s.pushUpdate(s.contact({ ...base, phoneNumber: '+8613800000000' }));
    s.pushUpdate(s.document({ ...base, fileName: 'a.pdf' }));
    s.pushUpdate(s.editedMessage({ ...base, messageId: first.message!.message_id, text: 'fixed' }));
    s.pushUpdate(s.textMessage({ chatId: -100777, userId: CHAT, text: 'hi all', chatType: 'supergroup' }));
    await s.waitFor(() => hits.length === 9);
    expect(hits).toEqual(['command:ref42', 'location', 'voice', 'photo', 'sticker', 'contact', 'document', 'edited:fixed', 'supergroup:hi all']);
  });

  it('accepts multipart uploads and records the file', async () => {
    const { s, bot } = await setup();
    const msg = await bot.api.sendDocument(CHAT, new InputFile(Buffer.from('你好'), 'note.txt'), { caption: '附件' });
    expect(msg).toMatchObject({ caption: '附件', chat: { id: CHAT } });
    expect(s.calls.at(-1)?.params).toEqual({ chat_id: CHAT, document: { file: 'note.txt', size: 6 }, caption: '附件' });
    expect(s.lastMessage(CHAT)?.caption).toBe('附件');
  });

  it('waitFor rejects with a helpful message', async () => {
    const { s } = await setup();
    await expect(s.waitFor(() => s.calls.length > 0, 50)).rejects.toThrow(/timed out after 50 ms.*calls\.length > 0.*last calls: none/);
  });
});

describe('the stand-in’s flood limits (off unless asked for)', () => {
  async function limited(limits: { perSecond: number; perGroupPerMinute: number }) {
    standin = await startBotApiStandin({ limits });
    return { s: standin, bot: new Bot(standin.token, { client: { apiRoot: standin.apiRoot } }) };
  }
  const refusal = (bot: Bot, chatId: number) =>
    bot.api.sendMessage(chatId, 'x').then(
      () => null,
      (e: unknown) => e,
    );

  it('answers 429 with retry_after past perSecond messages in a second, and takes them again a second later', async () => {
    const { s, bot } = await limited({ perSecond: 3, perGroupPerMinute: 100 });
    for (const chat of [1, 2, 3]) await bot.api.sendMessage(chat, 'x');
    const err = await refusal(bot, 4);
    expect(err).toBeInstanceOf(GrammyError);
    expect((err as GrammyError).error_code).toBe(429);
    expect((err as GrammyError).parameters.retry_after).toBe(1);
    expect(s.calls.filter((c) => c.rateLimited)).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await refusal(bot, 4)).toBeNull();
  });

  it('limits one group per minute, not private chats or other groups', async () => {
    const { bot } = await limited({ perSecond: 100, perGroupPerMinute: 2 });
    for (let i = 0; i < 2; i++) await bot.api.sendMessage(-42, 'x');
    const err = (await refusal(bot, -42)) as GrammyError;
    expect(err.error_code).toBe(429);
    expect(err.parameters.retry_after).toBeGreaterThan(50);
    expect(await refusal(bot, -43)).toBeNull();
    for (let i = 0; i < 3; i++) expect(await refusal(bot, CHAT)).toBeNull();
  });

  it('without limits, any number goes through', async () => {
    const { s, bot } = await setup();
    await Promise.all(Array.from({ length: 50 }, () => bot.api.sendMessage(-42, 'x')));
    expect(s.sentMessages(-42)).toHaveLength(50);
  });
});
