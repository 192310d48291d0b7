import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { safeError } from '../../core/privacy.js';

// === The HTTP server behind a reverse proxy that receives Telegram's webhook calls

export interface WebhookServerOptions {
  /** The path Telegram posts to (from TELEGRAM_WEBHOOK_URL). */
  path: string;
  /** grammY's `webhookCallback(bot, 'http', …)`: checks the secret, handles, then answers. */
  callback: (req: IncomingMessage, res: ServerResponse) => Promise<unknown>;
  log: Logger;
}

/** `POST <path>` → the bot; `GET /healthz` → 200; anything else → 404. */
export function createWebhookServer({ path, callback, log }: WebhookServerOptions) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (req.method !== 'POST' || url.pathname !== path) {
      res.writeHead(404).end();
      return;
    }
    callback(req, res).catch((err: unknown) => {
      log.error({ err: safeError(err) }, 'webhook update failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  return {
    listen: (port: number, host = '0.0.0.0') =>
      new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      }),
    port: () => (server.address() as AddressInfo | null)?.port ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
