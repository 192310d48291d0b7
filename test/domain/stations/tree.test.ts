import { describe, expect, it } from 'vitest';
import { stations } from '../../../db/schema.js';
import { syncStations } from '../../../src/domain/reference-data.js';
import type { StationNode } from '../../../src/domain/stations/types.js';
import { createStationTree, loadStationTree, type StationRow, stationTreeOf } from '../../../src/domain/stations/tree.js';
import { describeDb } from '../../support/db.js';
import { stationLevels } from '../../../src/domain/stations/types.js';
import { readDemoStations } from '../../support/stations.js';

const file = readDemoStations();
const tree = stationTreeOf(file);
const id = (code: string) => tree.byCode(code)!.id;
const codesOf = (ids: readonly number[]) => ids.map((i) => tree.byId(i)!.code);

describe('the station tree', () => {
  it('numbers the file level by level (as the batched sync does), parents before children', () => {
    expect(tree.root().code).toBe('jx');
    const byLevel = [...tree.all()].sort((a, b) => stationLevels.indexOf(a.level) - stationLevels.indexOf(b.level));
    expect(byLevel.map((s) => s.id)).toEqual(byLevel.map((_, i) => i + 1));
    for (const s of tree.all()) if (s.parentId !== null) expect(s.parentId).toBeLessThan(s.id);
    expect(tree.byCode('nanhu-jianshe')).toMatchObject({ name: '建设街道分站', level: 'town', parentId: id('nanhu'), aliases: ['建设街道'], retired: false });
  });

  it('walks up from a station to the city, the station first', () => {
    expect(codesOf(tree.chain(id('nanhu-jianshe-wenchang')))).toEqual(['nanhu-jianshe-wenchang', 'nanhu-jianshe', 'nanhu', 'jx']);
    expect(codesOf(tree.chain(id('jx')))).toEqual(['jx']);
    expect(tree.chain(9999)).toEqual([]);
  });

  it('lists children, the subtree under stations, and the communities', () => {
    expect(tree.children(id('nanhu')).map((s) => s.code)).toEqual(['nanhu-jianshe', 'nanhu-jiefang', 'nanhu-xinfeng']);
    expect(tree.under([id('xiuzhou-tanghui')]).map((s) => s.code)).toEqual(['xiuzhou-tanghui', 'xiuzhou-tanghui-baihua', 'xiuzhou-tanghui-jiangnan']);
    // Overlapping and disjoint stations: each station once, in tree order.
    const both = tree.under([id('xiuzhou-tanghui-jiangnan'), id('nanhu-jiefang'), id('xiuzhou-tanghui')]).map((s) => s.code);
    expect(both).toEqual([
      'nanhu-jiefang',
      'nanhu-jiefang-zhonghe',
      'nanhu-jiefang-tianfu',
      'nanhu-jiefang-dongmen',
      'xiuzhou-tanghui',
      'xiuzhou-tanghui-baihua',
      'xiuzhou-tanghui-jiangnan',
    ]);
    expect(tree.under([id('jx')])).toHaveLength(tree.all().length);
    expect(tree.under([])).toEqual([]);
    expect(tree.communities()).toHaveLength(20);
    expect(tree.communities().every((s) => s.level === 'community')).toBe(true);
  });

  it('finds a station an organizer names: code, name, alias, then a name it starts', () => {
    expect(tree.find('nanhu-jianshe')?.code).toBe('nanhu-jianshe');
    expect(tree.find(' 文昌社区 ')?.code).toBe('nanhu-jianshe-wenchang');
    expect(tree.find('南湖区')?.code).toBe('nanhu');
    expect(tree.find('秀洲区总')?.code).toBe('xiuzhou');
    expect(tree.find('秀')).toBeUndefined();
    expect(tree.find('火星')).toBeUndefined();
  });

  it('marks stations the file no longer lists as retired: kept, but not offered nor preferred', () => {
    const rows: StationRow[] = [
      { id: 1, code: 'old-root', name: '旧中心', level: 'city', parentId: null, aliases: [] },
      { id: 2, code: 'old', name: '柳岸社区', level: 'community', parentId: 1, aliases: [] },
      { id: 3, code: 'root', name: '新中心', level: 'city', parentId: null, aliases: [] },
      { id: 4, code: 'new', name: '柳岸社区', level: 'community', parentId: 3, aliases: [] },
    ];
    const all = createStationTree(rows);
    expect(all.root().code).toBe('old-root');
    expect(all.find('柳岸社区')?.code).toBe('old');
    const current = createStationTree(rows, new Set(['root', 'new']));
    expect(current.byCode('old')).toMatchObject({ id: 2, retired: true });
    expect(current.chain(2)).toEqual([2, 1]);
    expect(current.root().code).toBe('root');
    expect(current.find('柳岸社区')?.code).toBe('new');
    expect(current.find('old')?.code).toBe('old');
    expect(current.communities().map((s) => s.code)).toEqual(['new']);
  });

  it('survives a parent cycle in the rows (each station listed once)', () => {
    const rows: StationRow[] = [
      { id: 1, code: 'a', name: '甲', level: 'town', parentId: 2, aliases: [] },
      { id: 2, code: 'b', name: '乙', level: 'town', parentId: 1, aliases: [] },
    ];
    const t = createStationTree(rows);
    expect(
      t
        .all()
        .map((s) => s.code)
        .sort(),
    ).toEqual(['a', 'b']);
    expect(t.chain(1)).toEqual([1, 2]);
  });
});

describeDb('the station tree from the database', (ctx) => {
  it('is the tree of the synced file: same ids, parents and order', async () => {
    const loaded = await loadStationTree(ctx.database.db, file);
    expect(loaded.all()).toEqual(tree.all());
    expect(loaded.root()).toEqual(tree.root());
  });

  it('retires a station the synced file no longer lists', async () => {
    const db = ctx.database.db;
    const changed: StationNode = structuredClone(file);
    changed.children![0]!.children!.push({
      code: 'nanhu-test-town',
      name: '测试街道分站',
      level: 'town',
      children: [{ code: 'nanhu-test-town-a', name: '试点社区', level: 'community' }],
    });
    await syncStations(db, changed);
    const withTest = await loadStationTree(db, changed);
    expect(withTest.communities().map((s) => s.code)).toContain('nanhu-test-town-a');
    // Back to the shipped file: the rows stay (requests may refer to them), retired.
    await syncStations(db, file);
    const back = await loadStationTree(db, file);
    expect((await db.select().from(stations)).map((r) => r.code)).toContain('nanhu-test-town-a');
    expect(back.byCode('nanhu-test-town-a')).toMatchObject({ retired: true });
    expect(back.communities().map((s) => s.code)).toEqual(tree.communities().map((s) => s.code));
    expect(back.chain(back.byCode('nanhu-test-town-a')!.id).map((i) => back.byId(i)!.code)).toEqual(['nanhu-test-town-a', 'nanhu-test-town', 'nanhu', 'jx']);
  });
});
