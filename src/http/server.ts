import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener, type HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { type Context, Hono } from 'hono';
import type { Logger } from 'pino';
import { safeError } from '../core/privacy.js';
import { Refusal } from './body.js';

// === The one HTTP server of a process, behind a reverse proxy: Hono routes it (README: "The HTTP wing");
// each channel that receives calls from its platform (Telegram's webhook, WeChat's callback) and each
// feature that serves pages or files (the calendar feeds) adds its routes

/** What a Hono route on this server sees: Node's request and response as `c.env.incoming` / `c.env.outgoing`. */
export type HttpEnv = { Bindings: HttpBindings };

/** A route written against Node's `http` (a platform library's adapter, a raw body reader): it answers on `res` itself. */
export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => Promise<unknown>;

type Method = 'GET' | 'POST';

/**
 * `GET /healthz` → 200 once `ready()` was called (the process takes messages), 503 before; the added
 * routes; anything else → 404 (405 for a known path with another method). A route that throws →
 * 500 and an error logged without personal data; one that throws a `Refusal` → its status, a warning.
 */
export function createHttpServer({ log }: { log: Logger }) {
  const routes = new Map<string, Map<Method, HttpHandler>>();
  const mounts: { path: string; app: Hono<HttpEnv> }[] = [];
  let ready = false;
  // Routes may be added while the server listens (a channel adds its own when it starts): the router
  // is built again from the table at the first request after a change.
  let router: Hono<HttpEnv> | null = null;

  const nodeRoute = (handler: HttpHandler) => async (c: Context<HttpEnv>) => {
    await handler(c.env.incoming, c.env.outgoing);
    return RESPONSE_ALREADY_SENT;
  };

  function build(): Hono<HttpEnv> {
    const app = new Hono<HttpEnv>();
    app.get('/healthz', (c) => c.body(ready ? 'ok' : 'starting', ready ? 200 : 503, { 'content-type': 'text/plain' }));
    for (const { path, app: routes } of mounts) app.route(path, routes);
    for (const [path, byMethod] of routes) {
      for (const [method, handler] of byMethod) app.on(method, path, nodeRoute(handler));
      app.all(path, (c) => c.body(null, 405));
    }
    app.notFound((c) => c.body(null, 404));
    app.onError((err, c) => {
      if (c.env.outgoing.headersSent) {
        log.error({ path: c.req.path, err: safeError(err) }, 'http request failed');
        return RESPONSE_ALREADY_SENT;
      }
      if (err instanceof Refusal) {
        log.warn({ path: c.req.path, reason: err.reason, status: err.status }, 'http request refused');
        return c.body(null, err.status, { connection: 'close' });
      }
      log.error({ path: c.req.path, err: safeError(err) }, 'http request failed');
      return c.body(null, 500);
    });
    return app;
  }

  const listener = getRequestListener((request, env) => (router ??= build()).fetch(request, env), {
    // Routing ignores the host, as a proxy may send any (or none).
    hostname: 'localhost',
    // Leave the process's fetch and Request as Node made them (grammY and the WeChat API client use them).
    overrideGlobalObjects: false,
  });
  const server = createServer(listener);

  return {
    /** Adds a route written against Node's `http`; a second handler for the same method and path replaces the first. */
    route(method: Method, path: string, handler: HttpHandler) {
      const byMethod = routes.get(path) ?? new Map<Method, HttpHandler>();
      byMethod.set(method, handler);
      routes.set(path, byMethod);
      router = null;
    },
    /** Adds Hono routes under `path` (`app.get('/:file', …)` mounted at `/calendar` serves `/calendar/<file>`). */
    mount(path: string, app: Hono<HttpEnv>) {
      mounts.push({ path, app });
      router = null;
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
