import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update, UserFromGetMe } from 'grammy/types';
import { WAIT_MS } from '../support/patience.js';

/** An update for {@link BotApiStandin.pushUpdate}; `update_id` is assigned when absent. */
export type UpdateInput = Omit<Update, 'update_id'> & { update_id?: number };

/** Error answered instead of a result, as armed by {@link BotApiStandin.failNext}. */
export interface StandinError {
  error_code: number;
  description: string;
  parameters?: Record<string, unknown>;
}

/** One Bot API request as received by the stand-in. */
export interface RecordedCall {
  method: string;
  params: any;
  at: number;
  failed?: boolean;
  /** Refused with 429 by the stand-in's `limits`. */
  rateLimited?: boolean;
}

/** Chat types the update helpers can simulate. */
export type ChatType = 'private' | 'group' | 'supergroup';

/**
 * Sender and chat of a simulated incoming message. `chatType` defaults to `private` for
 * positive ids, `supergroup` for `-100…` ids and `group` otherwise.
 */
export interface IncomingBase {
  chatId: number;
  userId: number;
  firstName?: string;
  chatType?: ChatType;
}

/** Options of {@link startBotApiStandin}. */
export interface BotApiStandinOptions {
  /** Bot token expected in request paths; default `123456:TEST`. */
  token?: string;
  /** Upper bound on how long a long poll is really held, whatever its `timeout`; default 1000 ms. */
  maxPollMs?: number;
  /**
   * Telegram's flood limits, enforced (off by default): more than `perSecond` messages in any second
   * overall, or `perGroupPerMinute` in any minute to one group (a negative chat id), is answered 429
   * with `retry_after` (seconds until a slot frees). Sends and edits count. Scale both for fast tests.
   */
  limits?: { perSecond: number; perGroupPerMinute: number };
  /** Told of every request as it is taken, once its fate (answered, refused, rate-limited) is known (the benchmark's clock). */
  onCall?: (call: RecordedCall) => void;
}

/** A running local imitation of the Telegram Bot API. */
export interface BotApiStandin {
  apiRoot: string;
  token: string;
  botInfo: UserFromGetMe;
  calls: RecordedCall[];
  /** Queues an update and wakes pending long polls; returns its `update_id`. */
  pushUpdate(update: UpdateInput): number;
  /** Updates queued and not yet confirmed through a `getUpdates` offset. */
  pendingUpdates(): Update[];
  textMessage(o: IncomingBase & { text: string; entities?: unknown[] }): UpdateInput;
  callbackQuery(o: IncomingBase & { data: string; messageId?: number }): UpdateInput;
  location(o: IncomingBase & { latitude: number; longitude: number }): UpdateInput;
  voice(o: IncomingBase & { duration?: number; fileId?: string; caption?: string }): UpdateInput;
  photo(o: IncomingBase & { fileId?: string; caption?: string }): UpdateInput;
  sticker(o: IncomingBase & { emoji?: string; fileId?: string }): UpdateInput;
  contact(o: IncomingBase & { phoneNumber: string; contactFirstName?: string; contactUserId?: number }): UpdateInput;
  document(o: IncomingBase & { fileName?: string; mimeType?: string; fileId?: string; caption?: string }): UpdateInput;
  editedMessage(o: IncomingBase & { messageId: number; text: string }): UpdateInput;
  /** Params of successful `sendMessage` calls, optionally only those to `chatId`. */
  sentMessages(chatId?: number | string): any[];
  /** Current state (after edits) of the latest message the bot sent to `chatId`. */
  lastMessage(chatId: number | string): any;
  /** Makes the next `times` calls of `method` fail with `error`. */
  failNext(method: string, times: number, error: StandinError): void;
  /**
   * Telegram slow to answer: the calls `match` picks are taken (recorded, counted against the limits)
   * but get their answer only once the returned function is called.
   */
  holdAnswers(match: (method: string, params: any) => boolean): () => void;
  /** Resolves once `predicate` holds, checking every 10 ms; rejects after `timeoutMs` (default: generous, `WAIT_MS`). */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  /** Answers pending long polls and shuts the server down. */
  close(): Promise<void>;
}

class ApiFailure extends Error {
  constructor(readonly error: StandinError) {
    super(error.description);
  }
}

const NOT_MODIFIED =
  'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';

async function readParams(req: IncomingMessage, url: URL): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
  if (body.length === 0) return params;
  if (!type.includes('multipart/form-data')) return { ...params, ...(JSON.parse(body.toString('utf8')) as object) };
  const boundary = /boundary=("?)([^";]+)\1/.exec(type)?.[2] ?? '';
  const files: Record<string, { file: string; size: number }> = {};
  for (const part of body.toString('latin1').split(`--${boundary}`)) {
    const split = part.indexOf('\r\n\r\n');
    const name = /name="([^"]*)"/.exec(part.slice(0, split))?.[1];
    if (split < 0 || name === undefined) continue;
    const raw = Buffer.from(part.slice(split + 4).replace(/\r\n$/, ''), 'latin1');
    const filename = /filename="?([^";\r\n]*)/.exec(part.slice(0, split))?.[1];
    if (filename === undefined) params[name] = parseLoose(raw.toString('utf8'));
    else files[name] = { file: filename, size: raw.length };
  }
  for (const [key, value] of Object.entries(params))
    if (typeof value === 'string' && value.startsWith('attach://')) params[key] = files[value.slice(9)] ?? value;
  return params;
}

function parseLoose(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Starts a stand-in Bot API server on a random local port. */
export async function startBotApiStandin(options: BotApiStandinOptions = {}): Promise<BotApiStandin> {
  const token = options.token ?? '123456:TEST';
  const maxPollMs = options.maxPollMs ?? 1000;
  const botInfo: UserFromGetMe = {
    id: 999,
    is_bot: true,
    first_name: '连心桥',
    username: 'lianxin_test_bot',
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
  };
  const botUser = { id: botInfo.id, is_bot: true, first_name: botInfo.first_name, username: botInfo.username };
  const calls: RecordedCall[] = [];
  const queue: Update[] = [];
  const waiters = new Set<() => void>();
  const failures = new Map<string, Array<{ left: number; error: StandinError }>>();
  const chats = new Map<string, Record<string, unknown>>();
  const lastIds = new Map<string, number>();
  const messages = new Map<string, Record<string, any>>();
  const lastSent = new Map<string, number>();
  const commands = new Map<string, unknown>();
  const accepted: number[] = [];
  const acceptedByGroup = new Map<string, number[]>();
  let webhookUrl = '';
  let nextUpdateId = 1;
  let seq = 0;
  let closed = false;
  let holding: { match: (method: string, params: any) => boolean; released: Promise<void> } | null = null;

  const now = () => Math.floor(Date.now() / 1000);
  const msgKey = (chatId: unknown, messageId: unknown) => `${String(chatId)}:${String(messageId)}`;
  const nextMessageId = (chatId: unknown) => lastIds.set(String(chatId), (lastIds.get(String(chatId)) ?? 0) + 1).get(String(chatId))!;
  const makeChat = (chatId: number, type?: ChatType, firstName?: string): Record<string, unknown> => {
    const t = type ?? (chatId > 0 ? 'private' : String(chatId).startsWith('-100') ? 'supergroup' : 'group');
    return t === 'private' ? { id: chatId, type: t, first_name: firstName ?? 'Tester' } : { id: chatId, type: t, title: 'Test group' };
  };
  const chatFor = (chatId: unknown) => {
    const n = Number(chatId);
    return chats.get(String(chatId)) ?? (Number.isNaN(n) ? { id: chatId, type: 'channel', title: String(chatId) } : makeChat(n));
  };
  const sender = (o: IncomingBase) => ({ id: o.userId, is_bot: false, first_name: o.firstName ?? 'Tester' });
  const incoming = (o: IncomingBase, extra: Record<string, unknown>, key = 'message', messageId?: number) => {
    const chat = makeChat(o.chatId, o.chatType, o.firstName);
    chats.set(String(o.chatId), chat);
    const message = { message_id: messageId ?? nextMessageId(o.chatId), date: now(), chat, from: sender(o), ...extra };
    return { [key]: message } as UpdateInput;
  };
  const fileIds = (fileId: string | undefined, kind: string) => {
    const id = fileId ?? `${kind}-${seq++}`;
    return { file_id: id, file_unique_id: `u-${id}` };
  };
  const wake = () => {
    for (const waiter of [...waiters]) waiter();
  };

  function takeUpdates(p: any): Update[] {
    const offset = Number(p.offset ?? 0);
    if (offset < 0) queue.splice(0, Math.max(0, queue.length + offset));
    else if (offset > 0) while (queue.length > 0 && queue[0]!.update_id < offset) queue.shift();
    const limit = Math.min(Math.max(Number(p.limit ?? 100) || 100, 1), 100);
    return queue.slice(0, limit);
  }

  async function getUpdates(p: any, res: ServerResponse): Promise<Update[]> {
    const updates = takeUpdates(p);
    const waitMs = Math.min(Number(p.timeout ?? 0) * 1000, maxPollMs);
    if (updates.length > 0 || !(waitMs > 0) || closed) return updates;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        waiters.delete(done);
        res.off('close', done);
        resolve();
      };
      const timer = setTimeout(done, waitMs);
      waiters.add(done);
      res.on('close', done);
    });
    return takeUpdates(p);
  }

  function send(method: string, p: any) {
    if (p.chat_id === undefined || p.chat_id === '') throw new ApiFailure({ error_code: 400, description: 'Bad Request: chat_id is empty' });
    if (method === 'sendMessage' && !String(p.text ?? '').trim()) throw new ApiFailure({ error_code: 400, description: 'Bad Request: message text is empty' });
    const id = nextMessageId(p.chat_id);
    const msg: Record<string, unknown> = { message_id: id, date: now(), chat: chatFor(p.chat_id), from: botUser };
    if (method === 'sendMessage') msg.text = p.text;
    else if (p.caption !== undefined) msg.caption = p.caption;
    if (p.entities !== undefined) msg.entities = p.entities;
    if (p.reply_markup !== undefined) msg.reply_markup = p.reply_markup;
    messages.set(msgKey(p.chat_id, id), msg);
    lastSent.set(String(p.chat_id), id);
    return structuredClone(msg);
  }

  function edit(method: string, p: any) {
    const key = p.inline_message_id !== undefined ? `inline:${String(p.inline_message_id)}` : msgKey(p.chat_id, p.message_id);
    const current = messages.get(key) ?? { message_id: Number(p.message_id), date: now(), chat: chatFor(p.chat_id), from: botUser };
    const next: Record<string, any> = { ...current, edit_date: now() };
    if (method === 'editMessageText') {
      next.text = p.text;
      if (p.entities !== undefined) next.entities = p.entities;
      else delete next.entities;
    }
    if (p.reply_markup !== undefined) next.reply_markup = p.reply_markup;
    else delete next.reply_markup;
    if (next.text === current.text && JSON.stringify(next.reply_markup) === JSON.stringify(current.reply_markup))
      throw new ApiFailure({ error_code: 400, description: NOT_MODIFIED });
    messages.set(key, next);
    return p.inline_message_id !== undefined ? true : structuredClone(next);
  }

  async function answer(method: string, p: any, res: ServerResponse): Promise<unknown> {
    switch (method) {
      case 'getUpdates':
        return getUpdates(p, res);
      case 'getMe':
        return botInfo;
      case 'deleteWebhook':
      case 'setWebhook':
        webhookUrl = method === 'setWebhook' ? String(p.url ?? '') : '';
        if (p.drop_pending_updates === true) queue.length = 0;
        return true;
      case 'getWebhookInfo':
        return { url: webhookUrl, has_custom_certificate: false, pending_update_count: queue.length };
      case 'setMyCommands':
      case 'getMyCommands':
      case 'deleteMyCommands': {
        const key = JSON.stringify([p.scope ?? { type: 'default' }, p.language_code ?? '']);
        if (method === 'getMyCommands') return commands.get(key) ?? [];
        commands.set(key, method === 'setMyCommands' ? p.commands : []);
        return true;
      }
      case 'editMessageText':
      case 'editMessageReplyMarkup':
        return edit(method, p);
      default:
        if (method.startsWith('send') && method !== 'sendChatAction' && method !== 'sendMediaGroup') return send(method, p);
        return true;
    }
  }

  /** The flood limits: a 429 error when this message would exceed them, else counts it. */
  function floodCheck(method: string, p: any): StandinError | undefined {
    const limits = options.limits;
    if (!limits || !(method.startsWith('send') || method.startsWith('edit')) || method === 'sendChatAction') return undefined;
    const t = performance.now();
    while (accepted.length > 0 && accepted[0]! <= t - 1000) accepted.shift();
    const chat = String(p.chat_id);
    const group = chat.startsWith('-') ? (acceptedByGroup.get(chat) ?? []) : null;
    while (group && group.length > 0 && group[0]! <= t - 60_000) group.shift();
    let waitMs = 0;
    if (accepted.length >= limits.perSecond) waitMs = accepted[accepted.length - limits.perSecond]! + 1000 - t;
    if (group && group.length >= limits.perGroupPerMinute) waitMs = Math.max(waitMs, group[group.length - limits.perGroupPerMinute]! + 60_000 - t);
    if (waitMs > 0) {
      const retry_after = Math.max(1, Math.ceil(waitMs / 1000));
      return { error_code: 429, description: `Too Many Requests: retry after ${retry_after}`, parameters: { retry_after } };
    }
    accepted.push(t);
    if (group) acceptedByGroup.set(chat, [...group, t]);
    return undefined;
  }

  function respond(res: ServerResponse, status: number, body: unknown) {
    if (res.destroyed || res.writableEnded) return;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    const params = await readParams(req, url);
    if (!route) return respond(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    if (route[1] !== token) return respond(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = route[2]!;
    const call: RecordedCall = { method, params, at: Date.now() };
    calls.push(call);
    const armed = failures.get(method)?.[0];
    let error = floodCheck(method, params);
    if (error) call.rateLimited = true;
    else if (armed) {
      if (--armed.left <= 0) failures.get(method)!.shift();
      error = armed.error;
    } else {
      if (holding?.match(method, params)) await holding.released;
      try {
        const result = await answer(method, params, res);
        options.onCall?.(call);
        return respond(res, 200, { ok: true, result });
      } catch (e) {
        if (!(e instanceof ApiFailure)) throw e;
        error = e.error;
      }
    }
    call.failed = true;
    options.onCall?.(call);
    const { error_code, description, parameters } = error;
    respond(res, error_code, { ok: false, error_code, description, ...(parameters ? { parameters } : {}) });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => respond(res, 500, { ok: false, error_code: 500, description: `Internal Server Error: ${String(e)}` }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    botInfo,
    calls,
    pushUpdate(update) {
      const id = update.update_id ?? nextUpdateId;
      nextUpdateId = Math.max(nextUpdateId, id + 1);
      queue.push({ ...update, update_id: id } as Update);
      queue.sort((a, b) => a.update_id - b.update_id);
      wake();
      return id;
    },
    pendingUpdates: () => structuredClone(queue),
    textMessage({ text, entities, ...o }) {
      const command = /^\/\S+/.exec(text);
      const all = entities ?? (command ? [{ type: 'bot_command', offset: 0, length: command[0].length }] : undefined);
      return incoming(o, { text, ...(all ? { entities: all } : {}) });
    },
    callbackQuery({ data, messageId, ...o }) {
      const id = messageId ?? lastSent.get(String(o.chatId)) ?? 0;
      const chat = chats.get(String(o.chatId)) ?? makeChat(o.chatId, o.chatType, o.firstName);
      const message = messages.get(msgKey(o.chatId, id)) ?? { message_id: id, date: now(), chat, from: botUser, text: '' };
      const query = { id: `cbq-${++seq}`, from: sender(o), chat_instance: `ci-${o.chatId}`, data, message };
      return { callback_query: structuredClone(query) } as UpdateInput;
    },
    location: ({ latitude, longitude, ...o }) => incoming(o, { location: { latitude, longitude } }),
    voice: ({ duration, fileId, caption, ...o }) =>
      incoming(o, { voice: { ...fileIds(fileId, 'voice'), duration: duration ?? 3, mime_type: 'audio/ogg' }, ...(caption ? { caption } : {}) }),
    photo: ({ fileId, caption, ...o }) => {
      const ids = fileIds(fileId, 'photo');
      const sizes = [90, 800].map((w, i) => ({ file_id: `${ids.file_id}-${i}`, file_unique_id: `${ids.file_unique_id}-${i}`, width: w, height: w }));
      return incoming(o, { photo: sizes, ...(caption ? { caption } : {}) });
    },
    sticker: ({ emoji, fileId, ...o }) =>
      incoming(o, {
        sticker: { ...fileIds(fileId, 'sticker'), type: 'regular', width: 512, height: 512, is_animated: false, is_video: false, emoji: emoji ?? '👍' },
      }),
    contact: ({ phoneNumber, contactFirstName, contactUserId, ...o }) =>
      incoming(o, { contact: { phone_number: phoneNumber, first_name: contactFirstName ?? o.firstName ?? 'Tester', user_id: contactUserId ?? o.userId } }),
    document: ({ fileName, mimeType, fileId, caption, ...o }) =>
      incoming(o, {
        document: { ...fileIds(fileId, 'document'), file_name: fileName ?? 'file.pdf', mime_type: mimeType ?? 'application/pdf' },
        ...(caption ? { caption } : {}),
      }),
    editedMessage: ({ messageId, text, ...o }) => incoming(o, { text, edit_date: now() }, 'edited_message', messageId),
    sentMessages: (chatId) =>
      calls
        .filter((c) => c.method === 'sendMessage' && !c.failed && (chatId === undefined || String(c.params.chat_id) === String(chatId)))
        .map((c) => c.params),
    lastMessage(chatId) {
      const msg = messages.get(msgKey(chatId, lastSent.get(String(chatId))));
      return msg && structuredClone(msg);
    },
    failNext(method, times, error) {
      if (times > 0) failures.set(method, [...(failures.get(method) ?? []), { left: times, error }]);
    },
    holdAnswers(match) {
      let release = () => {};
      holding = { match, released: new Promise<void>((r) => (release = r)) };
      return () => {
        holding = null;
        release();
      };
    },
    async waitFor(predicate, timeoutMs = WAIT_MS) {
      const started = Date.now();
      let lastError: unknown;
      for (;;) {
        try {
          if (predicate()) return;
        } catch (e) {
          lastError = e;
        }
        if (Date.now() - started >= timeoutMs) {
          const recent =
            calls
              .slice(-10)
              .map((c) => c.method + (c.failed ? '(failed)' : ''))
              .join(', ') || 'none';
          const thrown = lastError === undefined ? '' : `; predicate last threw: ${String(lastError)}`;
          throw new Error(`waitFor timed out after ${timeoutMs} ms: ${predicate.toString().slice(0, 160)}${thrown}; last calls: ${recent}`);
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close() {
      closed = true;
      wake();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        setTimeout(() => server.closeAllConnections(), 20);
      });
    },
  };
}
