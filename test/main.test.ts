import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config.js';
import { startApp } from '../src/main.js';
import { texts } from '../src/texts/resident.js';
import { createCapturingLogger } from './support/app.js';
import { DEMO_STATIONS_FILE } from './support/stations.js';
import { LONG_MS } from './support/patience.js';

// === startApp in this process (the program itself, with signals, is run in test/stories/)

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('startApp', () => {
  it('without a chat platform: a console conversation on the given streams; done at the end of input; stop closes once', { timeout: LONG_MS }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lianxin-main-'));
    dirs.push(dir);
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    let shown = '';
    stdout.on('data', (d) => (shown += String(d)));
    const app = await startApp({
      env: { DATA_DIR: path.join(dir, 'data'), STATIONS_FILE: DEMO_STATIONS_FILE },
      stdin,
      stdout,
      log: createCapturingLogger().log,
    });
    expect(app.telegram).toBeUndefined();
    expect(app.config.telegram).toBeUndefined();
    stdin.end('电视坏了\n');
    await app.done;
    expect(shown).toContain(texts.consoleIntro(path.join(dir, 'data')));
    expect(shown).toContain('您：电视坏了');
    expect(shown).toMatch(/连心桥：.*家电维修/s);
    const stopping = app.stop();
    expect(app.stop()).toBe(stopping);
    await stopping;
  });

  it('CALENDAR_FEED=on starts the HTTP server for the stations’ feeds, even with no chat platform, and stop closes it', { timeout: LONG_MS }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lianxin-main-'));
    dirs.push(dir);
    const stdin = new PassThrough();
    const app = await startApp({
      env: { DATA_DIR: path.join(dir, 'data'), STATIONS_FILE: DEMO_STATIONS_FILE, CALENDAR_FEED: 'on', PORT: '0', HOST: '127.0.0.1' },
      stdin,
      stdout: new PassThrough(),
      log: createCapturingLogger().log,
    });
    const res = await fetch(`http://127.0.0.1:${app.httpPort()}/calendar/nanhu-jianshe-wenchang.ics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('X-WR-CALNAME:文昌社区 服务日历');
    const port = app.httpPort();
    stdin.end();
    await app.stop();
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it('refuses a wrong setting before opening anything, with a ConfigError naming it', async () => {
    const io = { stdin: new PassThrough(), stdout: new PassThrough(), log: createCapturingLogger().log };
    const data = path.join(tmpdir(), `lianxin-main-never-${process.pid}`);
    const failure = startApp({ env: { LOG_LEVEL: 'loud', DATA_DIR: data }, ...io });
    await expect(failure).rejects.toBeInstanceOf(ConfigError);
    await expect(startApp({ env: { LOG_LEVEL: 'loud', DATA_DIR: data }, ...io })).rejects.toThrow(/LOG_LEVEL/);
    expect(existsSync(data)).toBe(false);
  });
});

describe('the program (npm start)', () => {
  it('prints every problem of a calendar file that stops the start, not only the first line', { timeout: LONG_MS }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lianxin-main-'));
    dirs.push(dir);
    const calendar = path.join(dir, 'calendar.json');
    writeFileSync(calendar, JSON.stringify({ recurring: [], reminders: [{ id: 'Eve', daysBefore: 1, time: '25:00' }] }));
    const env = {
      ...process.env,
      DATABASE_URL: '',
      LOG_LEVEL: 'silent',
      DATA_DIR: path.join(dir, 'data'),
      STATIONS_FILE: DEMO_STATIONS_FILE,
      CALENDAR_FILE: calendar,
    };
    const root = fileURLToPath(new URL('..', import.meta.url));
    const failed = await promisify(execFile)(process.execPath, ['scripts/start.mjs'], { cwd: root, env }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain(`the calendar file ${calendar} is not valid:`);
    expect(failed?.stderr).toContain('  recurring: ');
    expect(failed?.stderr).toContain('  reminders.0.id: must be kebab-case ascii');
    expect(failed?.stderr).toContain('  reminders.0.time: must be a time HH:MM');
    expect(failed?.stderr).toContain('Fix it (see README "Service days and reminders").');
    expect(failed?.stderr).not.toMatch(/^\s+at /m);
  });
});
