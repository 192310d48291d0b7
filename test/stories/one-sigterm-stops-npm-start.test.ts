import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startBotApiStandin } from '../standins/telegram-bot-api.js';
import { backends, testDatabaseUrl } from '../support/db.js';
import { DEMO_STATIONS_FILE } from '../support/stations.js';
import { LONG_MS, WAIT_MS } from '../support/patience.js';

// One SIGTERM to `npm start` stops the bot with exit code 0: in console mode, while Telegram long polls
// are held open (60 s), and while a reply waits out a rate limit (20 s). Exit code 0 means it stopped
// by itself within its own limit of 5 s (a longer stop exits 1), so it waited for neither.

const root = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function dataDir() {
  const d = mkdtempSync(path.join(tmpdir(), 'lianxin-stop-'));
  dirs.push(d);
  return path.join(d, 'data');
}

type Started = ChildProcessWithoutNullStreams & { out: () => string };

/** `npm start` as a person or a process manager runs it. */
function npmStart(env: Record<string, string>): Started {
  const child = spawn('npm', ['start', '--silent'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', TELEGRAM_BOT_TOKEN: '', LOG_LEVEL: 'info', STATIONS_FILE: DEMO_STATIONS_FILE, ...env },
  });
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (out += String(d)));
  return Object.assign(child, { out: () => out });
}

async function waitForOutput(child: Started, text: string, timeoutMs = WAIT_MS) {
  const until = Date.now() + timeoutMs;
  while (!child.out().includes(text)) {
    if (Date.now() > until || child.exitCode !== null) throw new Error(`no "${text}"; output so far:\n${child.out()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Sends one SIGTERM; resolves with how the process ended (killed if it is still there after `WAIT_MS`). */
function terminate(child: Started): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), WAIT_MS);
    child.on('exit', (code, signal) => {
      clearTimeout(force);
      resolve({ code, signal });
    });
    child.kill('SIGTERM');
  });
}

describe('one SIGTERM stops npm start', () => {
  it('in console mode, with the terminal input still open', { timeout: LONG_MS }, async () => {
    const child = npmStart({ DATA_DIR: dataDir() });
    child.stdin.write('电视坏了\n');
    await waitForOutput(child, '连心桥：');
    const end = await terminate(child);
    expect(end, child.out()).toMatchObject({ code: 0, signal: null });
  });

  describe.each(backends)('in Telegram mode [%s]', (backend) => {
    it('while a long poll is held open', { timeout: LONG_MS }, async () => {
      const standin = await startBotApiStandin({ maxPollMs: 60_000 });
      const database = await testDatabaseUrl(backend);
      try {
        const child = npmStart({ DATA_DIR: dataDir(), DATABASE_URL: database.url, TELEGRAM_BOT_TOKEN: standin.token, TELEGRAM_API_ROOT: standin.apiRoot });
        await waitForOutput(child, 'telegram long polling started');
        await standin.waitFor(() => standin.calls.some((c) => c.method === 'getUpdates' && Number(c.params.timeout) > 0));
        const end = await terminate(child);
        expect(end, child.out()).toMatchObject({ code: 0, signal: null });
      } finally {
        await standin.close();
        await database.drop();
      }
    });

    it('while a reply waits out a 20-second rate limit', { timeout: LONG_MS }, async () => {
      const standin = await startBotApiStandin({ maxPollMs: 60_000 });
      const database = await testDatabaseUrl(backend);
      try {
        const child = npmStart({ DATA_DIR: dataDir(), DATABASE_URL: database.url, TELEGRAM_BOT_TOKEN: standin.token, TELEGRAM_API_ROOT: standin.apiRoot });
        await waitForOutput(child, 'telegram long polling started');
        standin.failNext('sendMessage', 1, { error_code: 429, description: 'Too Many Requests: retry after 20', parameters: { retry_after: 20 } });
        standin.pushUpdate(standin.textMessage({ chatId: 501, userId: 501, text: '电视坏了' }));
        await standin.waitFor(() => standin.calls.some((c) => c.method === 'sendMessage' && c.failed));
        const end = await terminate(child);
        expect(end, child.out()).toMatchObject({ code: 0, signal: null });
      } finally {
        await standin.close();
        await database.drop();
      }
    });
  });
});
