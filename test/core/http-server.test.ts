import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHttpServer } from '../../src/core/http-server.js';
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
