import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { afterEach } from 'vitest';
import { type BotApiStandinOptions, startBotApiStandin } from '../standins/telegram-bot-api.js';
import { type Backend, testDatabaseUrl } from './db.js';
import { DEMO_STATIONS_FILE } from './stations.js';

// === The real program in a child process, killed with SIGKILL, behind a proxy that can stop Telegram answering

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Forwards Bot API calls to the stand-in; while `hold` is on, `sendMessage` calls get no answer (nor
 * reach the stand-in). `holdAfter` switches `hold` on by itself once that many more `sendMessage`
 * calls have passed, at an exact point however fast the program runs.
 */
export async function startHoldingProxy(target: string) {
  const calls: { method: string; at: number }[] = [];
  const held: { chat_id: number | string; text: string }[] = [];
  const proxy = {
    hold: false,
    holdAfter: (sends: number) => {
      holdAt = passed + sends;
    },
    calls,
    held,
    root: '',
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  let passed = 0;
  let holdAt = Number.POSITIVE_INFINITY;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const method = (req.url ?? '').split('/').pop() ?? '';
      calls.push({ method, at: Date.now() });
      if (method === 'sendMessage' && !proxy.hold && ++passed > holdAt) {
        proxy.hold = true;
        holdAt = Number.POSITIVE_INFINITY;
      }
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

/** Cleanups run after each test, last first. */
export const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** `npm start`'s program (its bundle of `src/main.ts`) with `env`, killed after the test. */
export function startProgram(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'silent', STATIONS_FILE: DEMO_STATIONS_FILE, FLOOD_BURST: '1000', ...env },
    stdio: 'ignore',
  });
  cleanups.push(() => void child.kill('SIGKILL'));
  return child;
}

/** Kills the program with SIGKILL; resolves when it is gone. */
export const killed = (child: ChildProcess) => ended(child, 'SIGKILL');

/** Stops the program with one SIGTERM; resolves when it is gone: nothing more can be sent after that. */
export const stopped = (child: ChildProcess) => ended(child, 'SIGTERM');

const ended = (child: ChildProcess, signal: NodeJS.Signals) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });

/**
 * Runs `query` on the database of a program that is not running (killed, or not yet started): its
 * PostgreSQL database, or the PGlite folder in its `DATA_DIR`. Returns the rows.
 */
export async function queryProgramDatabase(env: Record<string, string>, query: string): Promise<Record<string, unknown>[]> {
  if (env.DATABASE_URL) {
    const sql = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
    try {
      return [...(await sql.unsafe(query))];
    } finally {
      await sql.end();
    }
  }
  const db = new PGlite(env.DATA_DIR);
  try {
    return (await db.query<Record<string, unknown>>(query)).rows;
  } finally {
    await db.close();
  }
}

/**
 * What a kill -9 story needs: the Bot API stand-in (with `standinOptions`), the holding proxy in front
 * of it, a database, a data folder, and the program's environment; all cleaned up after the test.
 */
export async function killableProgramSetup(backend: Backend, env: Record<string, string>, standinOptions: BotApiStandinOptions = {}) {
  const standin = await startBotApiStandin(standinOptions);
  const proxy = await startHoldingProxy(standin.apiRoot);
  const database = await testDatabaseUrl(backend);
  const dir = mkdtempSync(path.join(tmpdir(), 'lianxin-killed-'));
  cleanups.push(
    () => standin.close(),
    () => proxy.close(),
    () => database.drop(),
    () => rmSync(dir, { recursive: true, force: true }),
  );
  return {
    standin,
    proxy,
    database,
    env: { TELEGRAM_BOT_TOKEN: standin.token, TELEGRAM_API_ROOT: proxy.root, DATA_DIR: path.join(dir, 'data'), DATABASE_URL: database.url, ...env },
  };
}
