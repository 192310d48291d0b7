import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { capture } from '../support/capture.js';
import { openDatabase } from '../../db/client.js';
import { readStationsFile, syncStations } from '../../src/domain/reference-data.js';
import { loadStations } from '../../src/domain/stations/load.js';
import { createStationMatcher } from '../../src/domain/stations/matcher.js';
import { loadStationTree } from '../../src/domain/stations/tree.js';
import type { StationNode } from '../../src/domain/stations/types.js';
import { runStationsCli } from '../../src/cli/stations.js';
import { LONG_MS } from '../support/patience.js';

const dir = mkdtempSync(path.join(tmpdir(), 'lianxin-stations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fixture = path.join(import.meta.dirname, '../fixtures/division');
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
  expect(readFileSync(file, 'utf8')).toBe(readFileSync(path.join(import.meta.dirname, '../../db/seed/stations.json'), 'utf8'));
});

it('adds organizers’ aliases from a CSV, says which lines it could not take, and keeps them through a re-sync', { timeout: LONG_MS }, async () => {
  const csv = path.join(dir, 'aliases.csv');
  writeFileSync(csv, '站点,别名\n330402011016,文昌小区\n运南社区,运南新村\n文昌社区,文昌花园\n火星基地,火星小区\n新兴街道,！\n');
  const env = { DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '' };
  const out = capture();
  expect(await runStationsCli(['aliases', '--file', csv], env, out.stream)).toBe(1);
  expect(out.text()).toContain('新增 2 个别名，0 个已有，3 行没有导入');
  expect(out.text()).toContain('第 4 行：“文昌社区”有 3 个同名站点，请用编号');
  expect(out.text()).toContain('第 5 行：没有找到站点“火星基地”');
  expect(out.text()).toContain('第 6 行：别名');
  const again = capture();
  await runStationsCli(['aliases', '--file', csv], env, again.stream);
  expect(again.text()).toContain('新增 0 个别名，2 个已有');

  // A changed stations file is synced again at the next start: the aliases stay, and are matched.
  const database = await openDatabase({ kind: 'pglite', dataDir: env.DATA_DIR });
  try {
    const seed = readStationsFile();
    await syncStations(database.db, seed);
    const tree = await loadStationTree(database.db, seed);
    expect(tree.byCode('330402011015')!.aliases).toContain('运南新村');
    const m = createStationMatcher(tree);
    expect(m.matchPlaces('文昌小区').communities.map((c) => c.code)).toEqual(['330402011016']);
  } finally {
    await database.close();
  }
});
