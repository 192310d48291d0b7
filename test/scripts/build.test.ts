import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureBuilt, projectRoot } from '../../scripts/build.mjs';
import { LONG_MS } from '../support/patience.js';

// The bundle `npm start` runs: built once, reused while the sources are unchanged, rebuilt when one
// changes, and it behaves as the sources do (migrations and seed data found next to them).

const root = mkdtempSync(path.join(tmpdir(), 'lianxin-build-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
for (const dir of ['src', 'flows', 'db']) cpSync(path.join(projectRoot, dir), path.join(root, dir), { recursive: true });
cpSync(path.join(projectRoot, 'package.json'), path.join(root, 'package.json'));
symlinkSync(path.join(projectRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
const cacheDir = path.join(root, '.build-cache');

/** Runs the bundle's `run()` with one piped message, as scripts/start.mjs does. */
function runBundle(entry: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', `(await import(${JSON.stringify(pathToFileURL(entry).href)})).run()`], {
      cwd: root,
      env: { ...process.env, DATA_DIR: path.join(root, 'data'), DATABASE_URL: '', TELEGRAM_BOT_TOKEN: '', LOG_LEVEL: 'warn' },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}: ${out}`))));
    child.stdin.end('电视坏了\n');
  });
}

describe('start bundle', () => {
  it('is built once and reused while no source changed', { timeout: LONG_MS }, async () => {
    const first = await ensureBuilt({ root, cacheDir });
    expect(first.built).toBe(true);
    expect(first.entry.startsWith(cacheDir)).toBe(true);
    const again = await ensureBuilt({ root, cacheDir });
    expect(again).toEqual({ entry: first.entry, built: false });
  });

  it('is rebuilt when a source changes, and runs like the sources', { timeout: LONG_MS }, async () => {
    const before = await ensureBuilt({ root, cacheDir });
    const source = path.join(root, 'src/channels/console/console-channel.ts');
    writeFileSync(source, readFileSync(source, 'utf8').replace("const PROMPT = '您：';", "const PROMPT = '您说：';"));
    const after = await ensureBuilt({ root, cacheDir });
    expect(after.built).toBe(true);
    expect(after.entry).not.toBe(before.entry);
    const out = await runBundle(after.entry);
    expect(out).toContain('您说：电视坏了');
    expect(out).toMatch(/连心桥：[\s\S]*\n {2}1\. 家电维修/);
    expect(await ensureBuilt({ root, cacheDir })).toEqual({ entry: after.entry, built: false });
  });
});
