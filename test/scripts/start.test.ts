import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_STATIONS_FILE } from '../support/stations.js';
import { LONG_MS, WAIT_MS } from '../support/patience.js';

// `npm start` runs the program with a bounded old generation: on a machine with much memory V8's own limit
// is gigabytes, and it lets garbage pile up to hundreds of MiB under load before collecting it
// (docs/benchmarks.md, "Where the time and the memory go").

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'lianxin-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const childrenOf = (pid: number) => readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);

describe.runIf(process.platform === 'linux')('npm start', () => {
  it('runs node with --max-old-space-size=512', { timeout: LONG_MS }, async () => {
    const child = spawn('npm', ['start', '--silent'], {
      cwd: root,
      env: { ...process.env, DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '', TELEGRAM_BOT_TOKEN: '', LOG_LEVEL: 'warn', STATIONS_FILE: DEMO_STATIONS_FILE },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    const until = Date.now() + WAIT_MS;
    while (!out.includes('连心桥') && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    const program = childrenOf(child.pid!)[0]!;
    const argv = readFileSync(`/proc/${program}/cmdline`, 'utf8').split('\0');
    child.stdin.end();
    await new Promise((r) => child.on('exit', r));
    expect(argv).toContain('--max-old-space-size=512');
    expect(argv.at(-2)).toBe('scripts/start.mjs');
  });
});
