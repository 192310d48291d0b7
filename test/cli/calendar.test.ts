import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { runCalendarCli } from '../../src/cli/calendar.js';
import { capture } from '../support/capture.js';
import { DEMO_STATIONS_FILE } from '../support/stations.js';
import { LONG_MS } from '../support/patience.js';

/** The demo stations (codes such as nanhu-jianshe-wenchang), as the other tests use. */
const demo = { STATIONS_FILE: DEMO_STATIONS_FILE };

const dir = mkdtempSync(path.join(tmpdir(), 'lianxin-calcli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function preview(from: string, to: string, env: Record<string, string> = {}) {
  const out = capture();
  const err = capture();
  const code = await runCalendarCli(['preview', '--from', from, '--to', to], env, out.stream, err.stream);
  return { code, lines: out.text().trimEnd().split('\n'), err: err.text() };
}

it('previews 2027: every occurrence and reminder, one per line, with the year reported as not yet published', async () => {
  const { code, lines } = await preview('2027-01-01', '2027-12-31');
  expect(code).toBe(0);
  expect(lines[0]).toMatch(/^# 2027年放假安排尚未公布/);
  const days = lines.filter((l) => l.split('\t')[2] === 'day');
  // 12 last Saturdays + 12 25ths − coincidences (Sep 25 and Dec 25 are Saturdays) + 元旦 春节 五一 七一 重阳.
  expect(days).toHaveLength(12 + 12 - 2 + 5);
  expect(days).toContain('2027-12-25\t全天\tday\t党员志愿服务日、党员先锋服务日\t2027年放假安排尚未公布');
  expect(days).toContain('2027-02-06\t全天\tday\t春节\t2027年放假安排尚未公布');
  expect(days).toContain('2027-10-08\t全天\tday\t重阳节\t2027年放假安排尚未公布');
  const reminders = lines.filter((l) => l.split('\t')[2]?.startsWith('reminder:'));
  expect(reminders).toContain('2027-12-22\t09:00\treminder:three-days-before\t党员志愿服务日、党员先锋服务日（2027-12-25）\t2027年放假安排尚未公布');
  expect(reminders).toContain('2027-12-25\t07:30\treminder:morning-of\t党员志愿服务日、党员先锋服务日（2027-12-25）\t2027年放假安排尚未公布');
  expect(reminders).toContain('2027-12-29\t09:00\treminder:three-days-before\t元旦（2028-01-01）\t2028年放假安排尚未公布');
  expect(reminders).not.toContain('2026-12-29\t09:00\treminder:three-days-before\t元旦（2027-01-01）\t2027年放假安排尚未公布');
  // Two per day, less 元旦 2027's first (due 2026-12-29), plus 元旦 2028's first (due 2027-12-29).
  expect(reminders).toHaveLength(days.length * 2 - 1 + 1);
  const sorted = [...lines.slice(1)].sort((a, b) => (a.slice(0, 10) < b.slice(0, 10) ? -1 : a.slice(0, 10) > b.slice(0, 10) ? 1 : 0));
  expect(lines.slice(1).map((l) => l.slice(0, 10))).toEqual(sorted.map((l) => l.slice(0, 10)));
});

it('shows published holidays and make-up working days beside the days they touch', async () => {
  const { lines } = await preview('2026-02-01', '2026-02-28');
  expect(lines).toContain('2026-02-28\t全天\tday\t党员志愿服务日\t春节调休上班日');
  expect(lines).toContain('2026-02-17\t全天\tday\t春节\t春节假期');
  expect(lines.some((l) => l.startsWith('#'))).toBe(false);
});

it('reads the calendar file and the time zone from the configuration', async () => {
  const file = path.join(dir, 'calendar.json');
  writeFileSync(
    file,
    JSON.stringify({
      recurring: [{ id: 'service-day', rule: { kind: 'last-saturday' }, title: '服务日', theme: '便民', onHoliday: 'skip' }],
      reminders: [{ id: 'eve', daysBefore: 1, time: '18:00' }],
    }),
  );
  const { lines } = await preview('2025-05-01', '2025-05-31', { CALENDAR_FILE: file, TIME_ZONE: 'Europe/Berlin' });
  expect(lines).toEqual(['2025-05-31\t全天\tskipped\t服务日\t逢端午假期，本月不办']);
  const june = await preview('2025-06-01', '2025-06-30', { CALENDAR_FILE: file });
  expect(june.lines).toEqual(['2025-06-27\t18:00\treminder:eve\t服务日（2025-06-28）', '2025-06-28\t全天\tday\t服务日']);
});

it('refuses bad arguments with the usage', async () => {
  for (const args of [
    ['nonsense'],
    ['preview', '--from', '2027-02-30', '--to', '2027-03-01'],
    ['preview', '--from', '2027-03-01', '--to', '2027-01-01'],
    ['preview'],
  ]) {
    const err = capture();
    expect(await runCalendarCli(args, {}, capture().stream, err.stream), args.join(' ')).toBe(2);
    expect(err.text()).toContain('usage: npm run calendar -- preview');
  }
});

it('prints the same lines whatever the machine’s own time zone (npm run calendar)', { timeout: LONG_MS }, async () => {
  const run = (tz: string) =>
    promisify(execFile)(process.execPath, ['scripts/cli.mjs', 'calendar', 'preview', '--from', '2026-12-20', '--to', '2027-01-31'], {
      env: { ...process.env, TZ: tz },
    });
  const [a, b] = await Promise.all([run('America/Los_Angeles'), run('Pacific/Kiritimati')]);
  expect(a.stdout).toBe(b.stdout);
  expect(a.stdout).toContain('2026-12-29\t09:00\treminder:three-days-before\t元旦（2027-01-01）');
  expect(a.stdout).toContain('2027-01-01\t07:30\treminder:morning-of\t元旦（2027-01-01）');
});

it('writes a station’s feed, found by code or name (npm run calendar -- ics)', async () => {
  const file = path.join(dir, 'wenchang.ics');
  const err = capture();
  expect(await runCalendarCli(['ics', '--station', '文昌社区', '--out', file], demo, capture().stream, err.stream)).toBe(0);
  expect(err.text()).toContain('nanhu-jianshe-wenchang');
  const body = readFileSync(file, 'utf8');
  expect(body).toMatch(/^BEGIN:VCALENDAR\r\n/);
  expect(body).toContain('X-WR-CALNAME:文昌社区 服务日历');
  expect(body).toContain('SUMMARY:党员志愿服务日');
  const out = capture();
  expect(await runCalendarCli(['ics', '--station', 'nanhu-jianshe-wenchang'], demo, out.stream, capture().stream)).toBe(0);
  expect(out.text().split('BEGIN:VEVENT').length).toBe(body.split('BEGIN:VEVENT').length);
  const bad = capture();
  expect(await runCalendarCli(['ics', '--station', '不存在的站'], demo, capture().stream, bad.stream)).toBe(2);
  expect(bad.text()).toContain('no station is called 不存在的站');
});
