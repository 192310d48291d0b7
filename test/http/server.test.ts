import { afterAll, beforeAll, expect, it } from 'vitest';
import { Hono } from 'hono';
import { Refusal } from '../../src/http/body.js';
import { createHttpServer, type HttpEnv } from '../../src/http/server.js';
import { createCapturingLogger } from '../support/app.js';

const { log, lines } = createCapturingLogger();
const http = createHttpServer({ log });
let base = '';
beforeAll(async () => {
  http.route('POST', '/hook', async (_req, res) => void res.writeHead(200).end('posted'));
  http.route('GET', '/hook', async (_req, res) => void res.writeHead(200).end('got'));
  http.route('POST', '/boom', async () => {
    throw new Error('handler failed for 13812345678');
  });
  await http.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${http.port()}`;
});
afterAll(() => http.close());

it('answers the health check 503 until the process takes messages, then 200', async () => {
  const early = await fetch(`${base}/healthz`);
  expect([early.status, await early.text()]).toEqual([503, 'starting']);
  http.ready();
  const ready = await fetch(`${base}/healthz`);
  expect([ready.status, await ready.text()]).toEqual([200, 'ok']);
});

it('routes by method and path, with a health check', async () => {
  expect(await (await fetch(`${base}/healthz`)).text()).toBe('ok');
  expect(await (await fetch(`${base}/hook`, { method: 'POST' })).text()).toBe('posted');
  expect(await (await fetch(`${base}/hook?x=1`)).text()).toBe('got');
  expect((await fetch(`${base}/nothing`)).status).toBe(404);
  expect((await fetch(`${base}/hook`, { method: 'PUT' })).status).toBe(405);
});

it('answers 500 when a handler throws, logs it without personal data, and keeps serving', async () => {
  expect((await fetch(`${base}/boom`, { method: 'POST' })).status).toBe(500);
  expect(lines.join('\n')).toContain('http request failed');
  expect(lines.join('\n')).not.toContain('13812345678');
  expect((await fetch(`${base}/healthz`)).status).toBe(200);
});

it('closes even when it never listened', async () => {
  await createHttpServer({ log }).close();
});

it('serves a route added after it has answered requests (a channel adds its own when it starts)', async () => {
  expect((await fetch(`${base}/late`)).status).toBe(404);
  http.route('GET', '/late', async (_req, res) => void res.writeHead(200).end('late'));
  expect(await (await fetch(`${base}/late`)).text()).toBe('late');
  http.route('GET', '/late', async (_req, res) => void res.writeHead(200).end('replaced'));
  expect(await (await fetch(`${base}/late`)).text()).toBe('replaced');
});

it('serves mounted Hono routes, and maps a thrown Refusal to its status as a warning', async () => {
  const feeds = new Hono<HttpEnv>();
  feeds.get('/:name', (c) => c.text(`feed ${c.req.param('name')}`));
  feeds.post('/:name', () => {
    throw new Refusal(413, 'body_too_large');
  });
  http.mount('/feeds', feeds);
  expect(await (await fetch(`${base}/feeds/a.ics`)).text()).toBe('feed a.ics');
  const refused = await fetch(`${base}/feeds/a.ics`, { method: 'POST', body: 'x' });
  expect([refused.status, refused.headers.get('connection')]).toEqual([413, 'close']);
  expect(lines.join('\n')).toMatch(/"level":40.*"reason":"body_too_large".*"http request refused"/);
  expect((await fetch(`${base}/hook`)).status).toBe(200);
});
