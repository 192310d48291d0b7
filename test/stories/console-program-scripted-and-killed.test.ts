import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_STATIONS_FILE } from '../support/stations.js';
import { LONG_MS, WAIT_MS } from '../support/patience.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function dataDir() {
  const d = mkdtempSync(path.join(tmpdir(), 'lianxin-console-'));
  dirs.push(d);
  return path.join(d, 'data');
}

/** Starts the program as `npm start` does (its bundle), with piped standard input. */
function start(env: Record<string, string>): ChildProcessWithoutNullStreams & { out: () => string } {
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent', STATIONS_FILE: DEMO_STATIONS_FILE, ...env },
  });
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (out += String(d)));
  return Object.assign(child, { out: () => out });
}

const exited = (child: ChildProcessWithoutNullStreams) => new Promise<number | null>((r) => child.on('exit', (code) => r(code)));

async function waitForOutput(child: ReturnType<typeof start>, text: string, timeoutMs = WAIT_MS) {
  const until = Date.now() + timeoutMs;
  while (!child.out().includes(text)) {
    if (Date.now() > until) throw new Error(`timed out waiting for "${text}"; output so far:\n${child.out()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('console channel (npm start without a chat platform)', () => {
  it('takes a scripted conversation on standard input to a ticket and exits 0', { timeout: LONG_MS }, async () => {
    const child = start({ DATA_DIR: dataDir() });
    child.stdin.end(['电视坏了', '1', '文昌', '文昌小区3幢2单元501', '13812345678', '1', '1', ''].join('\n'));
    const code = await exited(child);
    const out = child.out();
    expect(code).toBe(0);
    expect(out).toContain('数据保存在');
    expect(out).toContain('TELEGRAM_BOT_TOKEN');
    expect(out).toMatch(/ {2}1\. 家电维修/);
    expect(out).toMatch(/已为您登记，单号 \d{8}-\d{4}/);
  });

  it('continues the conversation after the process is killed mid-way', { timeout: LONG_MS }, async () => {
    const dir = dataDir();
    const first = start({ DATA_DIR: dir });
    first.stdin.write('电视坏了\n1\n文昌\n');
    await waitForOutput(first, '请告诉我们详细地址');
    first.kill('SIGKILL');
    await exited(first);

    const second = start({ DATA_DIR: dir });
    second.stdin.end('文昌小区3幢2单元501\n13812345678\n1\n1\n');
    expect(await exited(second)).toBe(0);
    expect(second.out()).toContain('请留一个联系电话');
    expect(second.out()).toMatch(/单号 \d{8}-\d{4}/);
  });

  it('refuses to start with a wrong setting and says how to fix it', { timeout: LONG_MS }, async () => {
    const child = start({ DATABASE_URL: 'mysql://nope' });
    child.stdin.end();
    expect(await exited(child)).toBe(1);
    expect(child.out()).toContain('DATABASE_URL');
    expect(child.out()).toContain('postgres://');
  });
});
