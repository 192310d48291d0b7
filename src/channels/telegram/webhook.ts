import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Bot, webhookCallback } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from 'pino';
import { Refusal, readBody } from '../../http/body.js';
import type { HttpHandler } from '../../http/server.js';

// === Telegram's webhook on the process's HTTP server: the secret, then a body that is an update, then grammY

/** Far above any update Telegram sends (a message is at most 4,096 characters): more is not Telegram. */
export const MAX_UPDATE_BYTES = 1024 * 1024;

/** The body as an update: at most `maxBytes`, JSON, an object with a numeric `update_id`; else a `Refusal`, before grammY sees it. */
async function readUpdate(req: IncomingMessage, maxBytes: number): Promise<Update> {
  const body = await readBody(req, maxBytes);
  let update: unknown;
  try {
    update = JSON.parse(body);
  } catch {
    throw new Refusal(400, 'invalid_json');
  }
  if (update === null || typeof update !== 'object' || Array.isArray(update) || !Number.isSafeInteger((update as { update_id?: unknown }).update_id))
    throw new Refusal(400, 'not_an_update');
  return update as Update;
}

/** grammY's adapter for Node's `http`, with the body read by `readUpdate` (only after the secret matched). */
const adapter = (maxBytes: number) => (req: IncomingMessage, res: ServerResponse) => {
  const header = req.headers['x-telegram-bot-api-secret-token'];
  return {
    get update() {
      return readUpdate(req, maxBytes);
    },
    header: Array.isArray(header) ? header[0] : header,
    end: () => res.end(),
    respond: (json: string) => res.writeHead(200, { 'content-type': 'application/json' }).end(json),
    unauthorized: () => res.writeHead(401).end('secret token is wrong'),
  };
};

/**
 * The webhook's request handler: a wrong or missing secret → 401; a body over `maxBodyBytes` → 413;
 * a body that is not an update (not JSON, not an object with `update_id`) → 400, a warning and nothing
 * handled; otherwise grammY handles the update (a thrown error is the HTTP server's 500, so Telegram
 * delivers the update again).
 */
export function createWebhookHandler(bot: Bot, o: { secret: string; log: Logger; maxBodyBytes?: number }): HttpHandler {
  const callback = webhookCallback(bot, adapter(o.maxBodyBytes ?? MAX_UPDATE_BYTES), {
    secretToken: o.secret,
    onTimeout: 'throw',
    timeoutMilliseconds: 50_000,
  });
  return async (req, res) => {
    try {
      await callback(req, res);
    } catch (err) {
      if (!(err instanceof Refusal)) throw err;
      o.log.warn({ reason: err.reason, status: err.status }, 'telegram webhook refused');
      if (!res.headersSent) res.writeHead(err.status, { connection: 'close' }).end();
    }
  };
}
