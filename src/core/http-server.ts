import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { safeError } from './privacy.js';

// === The one HTTP server of a process, behind a reverse proxy: each channel that receives calls
// from its platform (Telegram's webhook, WeChat's callback) adds its route

export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => Promise<unknown>;

/**
 * `GET /healthz` → 200 once `ready()` was called (the process takes messages), 503 before; a channel's
 * routes; anything else → 404 (405 for a known path with another method).
 */
export function createHttpServer({ log }: { log: Logger }) {
  const routes = new Map<string, Map<string, HttpHandler>>();
  let ready = false;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/healthz') {
      res.writeHead(ready ? 200 : 503, { 'content-type': 'text/plain' }).end(ready ? 'ok' : 'starting');
      return;
    }
    const byMethod = routes.get(url.pathname);
    const handler = byMethod?.get(req.method ?? '');
    if (!handler) {
      res.writeHead(byMethod ? 405 : 404).end();
      return;
    }
    handler(req, res).catch((err: unknown) => {
      log.error({ path: url.pathname, err: safeError(err) }, 'http request failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  return {
    /** Adds a route; a second handler for the same method and path replaces the first. */
    route(method: 'GET' | 'POST', path: string, handler: HttpHandler) {
      const byMethod = routes.get(path) ?? new Map<string, HttpHandler>();
      byMethod.set(method, handler);
      routes.set(path, byMethod);
    },
    /** Every route is in place and the app takes messages: `/healthz` answers 200 from now on. */
    ready() {
      ready = true;
    },
    listen: (port: number, host = '0.0.0.0') =>
      new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      }),
    port: () => (server.address() as AddressInfo | null)?.port ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export type HttpServer = ReturnType<typeof createHttpServer>;

/** A request body larger than its limit: answer 413. */
export class BodyTooLarge extends Error {
  override readonly name = 'BodyTooLarge';
}

/** A request body as UTF-8, refusing (`BodyTooLarge`) a declared or streamed size over `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
    // A client gone mid-body: no 'end' will come (after a whole body, 'close' follows 'end' and changes nothing).
    req.on('close', () => reject(new Error('request closed')));
  });
}
