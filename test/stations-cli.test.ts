import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { capture } from './support/capture.js';
import { loadStations } from '../src/domain/stations/load.js';
import type { StationNode } from '../src/domain/stations/types.js';
import { runStationsCli } from '../src/stations-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'lianxin-stations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fixture = path.join(import.meta.dirname, 'fixtures/division');
const levels = (root: StationNode) => {
  const n: Record<string, number> = { city: 0, county: 0, town: 0, community: 0 };
  const walk = (s: StationNode) => {
    n[s.level]!++;
    for (const c of s.children ?? []) walk(c);
  };
  walk(root);
  return n;
};

it('imports a city into the stations file and, run again, keeps what an organizer added', async () => {
  const file = path.join(dir, 'fixture.json');
  const out = capture();
  expect(await runStationsCli(['import', '--region', '3304', '--file', file, '--data', fixture], {}, out.stream)).toBe(0);
  expect(out.text()).toMatch(/嘉兴市（3304）：2 个区县，3 个街道\/镇，\d+ 个社区\/村/);
  const first = loadStations(JSON.parse(readFileSync(file, 'utf8')));
  // An organizer adds an alias and a station of their own, then imports again.
  const xinxing = first.children![0]!.children!.find((t) => t.name === '新兴街道')!;
  xinxing.aliases = [...(xinxing.aliases ?? []), '新兴街道办'];
  xinxing.children!.push({ code: 'wenchang-xiaoqu', name: '文昌小区服务点', level: 'community' });
  writeFileSync(file, JSON.stringify(first));
  const again = capture();
  expect(await runStationsCli(['import', '--region', '3304', '--file', file, '--data', fixture], {}, again.stream)).toBe(0);
  expect(again.text()).toContain('保留了原文件的 1 个自建站点、1 个别名');
  const second = loadStations(JSON.parse(readFileSync(file, 'utf8')));
  const town = second.children![0]!.children!.find((t) => t.name === '新兴街道')!;
  expect(town.aliases).toContain('新兴街道办');
  expect(town.children!.at(-1)).toMatchObject({ code: 'wenchang-xiaoqu' });
});

it('says what is wrong: no region, a missing package folder', async () => {
  const err = capture();
  expect(await runStationsCli(['import'], {}, undefined, err.stream)).toBe(2);
  expect(err.text()).toContain('--region');
  const err2 = capture();
  expect(await runStationsCli(['import', '--region', '3304', '--file', path.join(dir, 'x.json'), '--data', dir], {}, undefined, err2.stream)).toBe(1);
  expect(err2.text()).toMatch(/cities\.csv is missing/);
});

it('imports Jiaxing from the real package: 7 areas, 72 streets and towns, 1,202 communities', async () => {
  const file = path.join(dir, 'jiaxing.json');
  expect(await runStationsCli(['import', '--region', '3304', '--file', file], {}, capture().stream)).toBe(0);
  const tree = loadStations(JSON.parse(readFileSync(file, 'utf8')));
  expect(levels(tree)).toEqual({ city: 1, county: 7, town: 72, community: 1202 });
  // The committed default seed is this import.
  expect(readFileSync(file, 'utf8')).toBe(readFileSync(path.join(import.meta.dirname, '../db/seed/stations.json'), 'utf8'));
});
