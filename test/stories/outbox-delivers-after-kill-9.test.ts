import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { type BotApiStandin, startBotApiStandin } from '../standins/telegram-bot-api.js';
import { backends, testDatabaseUrl } from '../support/db.js';
import { DEMO_STATIONS_FILE } from '../support/stations.js';

// === kill -9 while messages are being sent and queued; the restarted program delivers them at once

const root = fileURLToPath(new URL('../..', import.meta.url));
const ORGANIZER = 7000;
const RESIDENTS = [102, 103, 104, 105, 106];

/** Forwards Bot API calls to the stand-in; while `hold` is on, `sendMessage` calls get no answer. */
async function startHoldingProxy(target: string) {
  const calls: { method: string; at: number }[] = [];
  const held: { chat_id: number | string; text: string }[] = [];
  const proxy = {
    hold: false,
    calls,
    held,
    root: '',
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const method = (req.url ?? '').split('/').pop() ?? '';
      calls.push({ method, at: Date.now() });
      if (proxy.hold && method === 'sendMessage') return void held.push(JSON.parse(body.toString('utf8')));
      fetch(target + req.url, {
        method: req.method,
        headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
        body: body.length ? body : undefined,
      })
        .then(async (r) => {
          res.writeHead(r.status, { 'content-type': 'application/json' });
          res.end(Buffer.from(await r.arrayBuffer()));
        })
        .catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  proxy.root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function startProgram(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'silent', STATIONS_FILE: DEMO_STATIONS_FILE, ...env },
    stdio: 'ignore',
  });
  cleanups.push(() => void child.kill('SIGKILL'));
  return child;
}

const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

/** How many times each (chat, text) was delivered. */
function deliveries(standin: BotApiStandin) {
  const counts = new Map<string, number>();
  for (const m of standin.sentMessages()) counts.set(`${m.chat_id}:${m.text}`, (counts.get(`${m.chat_id}:${m.text}`) ?? 0) + 1);
  return counts;
}

describe.each(backends)('outbox after kill -9 [%s]', (backend) => {
  it('a restarted program delivers at once what the killed one was sending and what waited behind it, each once', async () => {
    const standin = await startBotApiStandin();
    const proxy = await startHoldingProxy(standin.apiRoot);
    const database = await testDatabaseUrl(backend);
    const dir = mkdtempSync(path.join(tmpdir(), 'lianxin-restart-'));
    cleanups.push(
      () => standin.close(),
      () => proxy.close(),
      () => database.drop(),
      () => rmSync(dir, { recursive: true, force: true }),
    );
    const env = {
      TELEGRAM_BOT_TOKEN: standin.token,
      TELEGRAM_API_ROOT: proxy.root,
      DATA_DIR: path.join(dir, 'data'),
      DATABASE_URL: database.url,
      ORGANIZERS: `telegram:${ORGANIZER}`,
    };

    if (backend === 'pglite') {
      // Start from the migrated, seeded template (as a warm data folder) rather than a fresh one.
      const seeded = new PGlite(env.DATA_DIR, { loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
      await seeded.close();
    }
    const first = startProgram(env);
    await standin.waitFor(() => standin.calls.some((c) => c.method === 'getUpdates'), 30_000);
    // Delivered before the crash: must not be sent again.
    standin.pushUpdate(standin.textMessage({ chatId: 101, userId: 101, text: '你好' }));
    await standin.waitFor(() => standin.sentMessages(101).length > 0, 10_000);
    await new Promise((r) => setTimeout(r, 300));
    const answered = standin.sentMessages(101).length;

    // Telegram stops answering: each resident's reply and the organizer's first alert hang in flight,
    // the organizer's other four alerts wait behind it in the same chat.
    proxy.hold = true;
    for (const id of RESIDENTS) standin.pushUpdate(standin.textMessage({ chatId: id, userId: id, firstName: `居民${id}`, text: '救命 我摔倒了' }));
    await standin.waitFor(
      () =>
        RESIDENTS.every((id) => proxy.held.some((h) => String(h.chat_id) === String(id))) && proxy.held.some((h) => String(h.chat_id) === String(ORGANIZER)),
      15_000,
    );
    await killed(first);
    expect(standin.sentMessages().filter((m) => String(m.chat_id) !== '101')).toEqual([]);

    proxy.hold = false;
    const restartedAt = Date.now();
    startProgram(env);
    const done = () =>
      RESIDENTS.every((id) => standin.sentMessages(id).length > 0) &&
      standin.sentMessages(ORGANIZER).filter((m) => String(m.text).includes('摔倒')).length === RESIDENTS.length;
    await standin.waitFor(done, 20_000);
    await new Promise((r) => setTimeout(r, 500)); // anything sent twice would arrive now

    // Within seconds of the new process's first call, not after a lease of minutes.
    const firstCall = proxy.calls.find((c) => c.at >= restartedAt)!.at;
    const lastDelivery = Math.max(...standin.calls.filter((c) => c.method === 'sendMessage' && !c.failed).map((c) => c.at));
    expect(lastDelivery - firstCall).toBeLessThan(5000);
    const after = deliveries(standin);
    expect([...after].filter(([, n]) => n > 1)).toEqual([]);
    expect(standin.sentMessages(101)).toHaveLength(answered);
    for (const id of RESIDENTS) expect(standin.sentMessages(ORGANIZER).filter((m) => String(m.text).includes(`居民${id}`))).toHaveLength(1);
  }, 60_000);
});
