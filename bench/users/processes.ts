import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export { freePort } from '../../test/support/free-port.js';

// === The programs under measure, each started as people start them: `npm start` in its project folder

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A program started with `npm start`; `pid` is the program's own process (npm's child), for its memory. */
export interface Program {
  name: string;
  /** When `npm start` was spawned (performance.now()). */
  spawnedAt: number;
  pid(): number;
  /** Resident set size of the program's process, MiB (Linux /proc). */
  rssMiB(): number;
  /** The last lines it wrote to standard error (for failures). */
  errTail(): string;
  stop(): Promise<void>;
}

/** The project folder of the bare echo bot: a package.json whose `start` runs bench/users/echo-bot.mjs. */
export function makeEchoProject(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'lianxin-bench-echo-'));
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'echo', private: true, type: 'module', scripts: { start: 'exec node bot.mjs', noop: 'exec node -e 0' } }),
  );
  copyFileSync(fileURLToPath(new URL('./echo-bot.mjs', import.meta.url)), path.join(dir, 'bot.mjs'));
  symlinkSync(path.join(projectRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function children(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** The deepest descendant of `pid` (npm → the program it execs), or `pid` itself. */
function leaf(pid: number): number {
  const next = children(pid)[0];
  return next === undefined ? pid : leaf(next);
}

export function rssOf(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Spawns `npm start` in `cwd` with `env` added to the bench's environment (`DATABASE_URL` only as given). */
export function npmStart(
  name: string,
  cwd: string,
  env: Record<string, string>,
  script = 'start',
): Program & { child: ChildProcess; exited: Promise<number | null> } {
  const full: Record<string, string | undefined> = { ...process.env, DATABASE_URL: '', ...env };
  // The program's own default unless asked (LOG_LEVEL of the bench's shell is not the program's).
  if (!env.LOG_LEVEL) delete full.LOG_LEVEL;
  const spawnedAt = performance.now();
  const child = spawn('npm', ['run', script, '--silent'], {
    cwd,
    env: full,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stdout!.resume();
  child.stderr!.on('data', (d) => {
    err = (err + String(d)).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let program = 0;
  const pid = () => (program && program !== child.pid ? program : (program = leaf(child.pid!)));
  return {
    name,
    child,
    exited,
    spawnedAt,
    pid,
    rssMiB: () => rssOf(pid()),
    errTail: () => err,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        try {
          process.kill(pid(), 'SIGKILL');
        } catch {}
        child.kill('SIGKILL');
      }, 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resolves once `predicate` holds (checked every 5 ms); rejects after `timeoutMs` or when `program` exits first. */
export async function until(predicate: () => boolean, timeoutMs: number, program?: { exited: Promise<unknown>; errTail(): string; name: string }) {
  let gone = false;
  void program?.exited.then(() => (gone = true));
  const started = performance.now();
  while (!predicate()) {
    if (gone) throw new Error(`${program!.name} exited:\n${program!.errTail()}`);
    if (performance.now() - started > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms${program ? ` waiting for ${program.name}:\n${program.errTail()}` : ''}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
