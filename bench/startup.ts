// Start-up to the first reply: `npm start` as a person runs it, one message piped in.
//   npx tsx bench/startup.ts [--runs 5] [--root DIR]   (--root: another checkout, to compare)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface StartupRun {
  /** Milliseconds from spawning `npm start` to the first reply on standard output. */
  firstReplyMs: number;
  /** Milliseconds from spawning to the process's exit after the end of input. */
  exitMs: number;
}

const MESSAGE = '电视坏了';
/** The console channel's prefix of a reply (the intro line reads `连心桥 · …`). */
const REPLY = '连心桥：';

/** Runs `npm start` once in `root` with `dataDir`, pipes one message, ends input at the first reply. */
export function startOnce(root: string, dataDir: string, timeoutMs = 120_000): Promise<StartupRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('npm', ['start', '--silent'], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', TELEGRAM_BOT_TOKEN: '', LOG_LEVEL: 'warn' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let firstReplyMs = 0;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no reply within ${timeoutMs} ms; output:\n${out}\n${err}`));
    }, timeoutMs);
    child.stdin.write(`${MESSAGE}\n`);
    child.stdout.on('data', (d) => {
      out += String(d);
      if (!firstReplyMs && out.includes(REPLY)) {
        firstReplyMs = performance.now() - started;
        child.stdin.end();
      }
    });
    child.stderr.on('data', (d) => (err += String(d)));
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0 || !firstReplyMs) reject(new Error(`npm start exited ${code} (first reply: ${firstReplyMs > 0}); output:\n${out}\n${err}`));
      else resolve({ firstReplyMs, exitMs: performance.now() - started });
    });
  });
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/**
 * `runs` starts on a fresh data folder each (a new folder every time) and `runs` on a warm one
 * (a folder used before), alternating, after one start that brings the build up to date.
 */
export async function measureStartup(root: string, runs = 5): Promise<{ fresh: number[]; warm: number[] }> {
  const base = mkdtempSync(path.join(tmpdir(), 'lianxin-bench-start-'));
  try {
    const warmDir = path.join(base, 'warm');
    await startOnce(root, warmDir);
    const fresh: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < runs; i++) {
      fresh.push((await startOnce(root, path.join(base, `fresh-${i}`))).firstReplyMs);
      warm.push((await startOnce(root, warmDir)).firstReplyMs);
    }
    return { fresh, warm };
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const root = path.resolve(arg('--root') ?? fileURLToPath(new URL('..', import.meta.url)));
  const { fresh, warm } = await measureStartup(root, Number(arg('--runs') ?? 5));
  const show = (xs: number[]) => `median ${(median(xs) / 1000).toFixed(2)} s (${xs.map((x) => (x / 1000).toFixed(2)).join(', ')})`;
  process.stdout.write(`${root}\n  fresh data folder: ${show(fresh)}\n  warm data folder:  ${show(warm)}\n`);
}
