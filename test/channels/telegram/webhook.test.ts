import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../../db/schema.js';
import { backends } from '../../support/db.js';
import { startTelegramHarness, type TelegramHarness } from '../../support/telegram-harness.js';
import { LONG_MS } from '../../support/patience.js';

const SECRET = 'a'.repeat(16) + 'B-_9'.repeat(5);

describe.each(backends)('Telegram webhook mode [%s]', (backend) => {
  let h: TelegramHarness;
  let endpoint: string;
  beforeAll(async () => {
    h = await startTelegramHarness(backend, {
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/telegram/hook',
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      PORT: '0',
      HOST: '127.0.0.1',
    });
    endpoint = `http://127.0.0.1:${h.app.telegram!.port()}/telegram/hook`;
  }, LONG_MS);
  afterAll(async () => {
    await h?.close();
  });

  const post = (update: object, secret?: string) =>
    fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret === undefined ? {} : { 'x-telegram-bot-api-secret-token': secret }) },
      body: JSON.stringify(update),
    });

  it('registers the webhook with its secret and does not poll', () => {
    const set = h.standin.calls.find((c) => c.method === 'setWebhook');
    expect(set?.params).toMatchObject({ url: 'https://bot.example.org/telegram/hook', secret_token: SECRET });
    expect(h.standin.calls.some((c) => c.method === 'getUpdates')).toBe(false);
  });

  it('rejects a wrong or missing secret with no side effect', async () => {
    const chat = 2001;
    const update = { ...h.standin.textMessage({ chatId: chat, userId: chat, text: '电视坏了' }), update_id: 5001 };
    expect((await post(update, 'wrong-secret-wrong-secret-wrong-secret')).status).toBe(401);
    expect((await post(update)).status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.standin.sentMessages(chat)).toHaveLength(0);
    const ok = await post(update, SECRET);
    expect(ok.status).toBe(200);
    // The answer came at the commit; the reply follows on its own.
    await h.standin.waitFor(() => h.standin.sentMessages(chat).length === 1);
    expect(h.standin.sentMessages(chat)[0].text).toContain('您好');
  });

  it('answers an update at its commit while Telegram still holds the reply’s send', async () => {
    const chat = 2004;
    const release = h.standin.holdAnswers((method, params) => method === 'sendMessage' && String(params.chat_id) === String(chat));
    try {
      const update = { ...h.standin.textMessage({ chatId: chat, userId: chat, text: '电视坏了' }), update_id: 5006 };
      expect((await post(update, SECRET)).status).toBe(200);
      // The reply is still waiting for Telegram's answer: not marked sent.
      const rows = await h.app.app.db
        .select()
        .from(outbox)
        .where(eq(outbox.chatId, String(chat)));
      expect(rows.map((r) => r.status)).toEqual(['pending']);
    } finally {
      release();
    }
    await h.standin.waitFor(() => h.standin.sentMessages(chat).length === 1);
    await expect
      .poll(
        async () =>
          (
            await h.app.app.db
              .select()
              .from(outbox)
              .where(eq(outbox.chatId, String(chat)))
          )[0]?.status,
      )
      .toBe('sent');
  });

  it('answers a redelivered update once', async () => {
    const chat = 2002;
    const update = { ...h.standin.textMessage({ chatId: chat, userId: chat, text: '下水道堵了' }), update_id: 5002 };
    expect((await post(update, SECRET)).status).toBe(200);
    expect((await post(update, SECRET)).status).toBe(200);
    expect(h.standin.sentMessages(chat)).toHaveLength(1);
  });

  it('refuses a body that is not an update with 400 and one over 1 MiB with 413, as warnings, handling nothing', async () => {
    const raw = (body: string | ReadableStream, headers: Record<string, string> = {}) =>
      fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET, ...headers },
        body,
        duplex: 'half',
      } as RequestInit);
    const sentBefore = h.standin.sentMessages().length;
    const logBefore = h.logLines.length;
    for (const body of ['{"update_id": 5003, "message": ', 'not json', '', 'null', '[1]', '{"message":{}}', '{"update_id":"5004"}'])
      expect((await raw(body)).status, body).toBe(400);
    const update = JSON.stringify({ ...h.standin.textMessage({ chatId: 2003, userId: 2003, text: '电视坏了' }), update_id: 5005 });
    const padded = `${update.slice(0, -1)},"padding":"${'x'.repeat(1024 * 1024)}"}`;
    expect((await raw(padded)).status).toBe(413);
    // The same without a content-length: the size is counted as the body streams in.
    const chunked = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(new TextEncoder().encode(padded.slice((i * padded.length) / 5, ((i + 1) * padded.length) / 5)));
        controller.close();
      },
    });
    expect((await raw(chunked)).status).toBe(413);
    // A wrong secret is still 401 whatever the body.
    expect((await raw('not json', { 'x-telegram-bot-api-secret-token': 'wrong-secret-wrong-secret' })).status).toBe(401);
    const logged = h.logLines.slice(logBefore).map((l) => JSON.parse(l) as { level: number; msg: string; reason?: string });
    expect(logged.filter((l) => l.level >= 50)).toEqual([]);
    expect(logged.filter((l) => l.msg === 'telegram webhook refused').map((l) => l.reason)).toEqual([
      'invalid_json',
      'invalid_json',
      'invalid_json',
      'not_an_update',
      'not_an_update',
      'not_an_update',
      'not_an_update',
      'body_too_large',
      'body_too_large',
    ]);
    expect(h.standin.sentMessages()).toHaveLength(sentBefore);
    // Still serving: a good update after all that is handled.
    expect((await raw(update)).status).toBe(200);
    await h.standin.waitFor(() => h.standin.sentMessages(2003).length === 1);
  });

  it('serves a health check and 404 elsewhere', async () => {
    const base = endpoint.replace('/telegram/hook', '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/other`, { method: 'POST' })).status).toBe(404);
  });
});
