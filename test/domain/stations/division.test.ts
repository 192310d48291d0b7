import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvFields, divisionTree, mergeStations, shortNamesOf } from '../../../src/domain/stations/division.js';
import { readDivisionRows } from '../../../src/domain/stations/division-package.js';
import { loadStations } from '../../../src/domain/stations/load.js';
import type { StationNode } from '../../../src/domain/stations/types.js';

const fixture = path.join(import.meta.dirname, '../../fixtures/division');
const find = (root: StationNode, code: string): StationNode | undefined =>
  root.code === code ? root : (root.children ?? []).map((c) => find(c, code)).find(Boolean);

describe('short names', () => {
  it('drops the suffixes people do not type', () => {
    expect(shortNamesOf('运南社区居委会')).toEqual(['运南社区', '运南']);
    expect(shortNamesOf('文星社区居民委员会')).toEqual(['文星社区', '文星']);
    expect(shortNamesOf('凌家浜村村委会')).toEqual(['凌家浜村', '凌家浜']);
    expect(shortNamesOf('张家桥村委会')).toEqual(['张家桥村', '张家桥']);
    expect(shortNamesOf('亚都社区')).toEqual(['亚都']);
    expect(shortNamesOf('新兴街道')).toEqual(['新兴']);
    expect(shortNamesOf('凤桥镇')).toEqual(['凤桥']);
    expect(shortNamesOf('南湖区')).toEqual(['南湖']);
    expect(shortNamesOf('东区')).toEqual([]);
  });

  it('reads quoted CSV fields', () => {
    expect(csvFields('330402011015,"运南社区居委会",330402011,33,3304,330402')).toEqual([
      '330402011015',
      '运南社区居委会',
      '330402011',
      '33',
      '3304',
      '330402',
    ]);
    expect(csvFields('1,"a ""b"", c",2\r')).toEqual(['1', 'a "b", c', '2']);
  });
});

describe('import from a fixture carved from the real files', () => {
  it('builds city → areas → streets → villages for one city only, with valid codes', async () => {
    const rows = await readDivisionRows('3304', fixture);
    const tree = loadStations(divisionTree(rows));
    expect(tree).toMatchObject({ code: '3304', name: '嘉兴市连心桥服务中心', level: 'city', aliases: ['嘉兴市', '嘉兴'] });
    expect(tree.children!.map((c) => c.name)).toEqual(['南湖区', '秀洲区']);
    const nanhu = tree.children![0]!;
    expect(nanhu.children!.map((c) => c.name)).toEqual(['建设街道', '新兴街道', '凤桥镇']);
    expect(find(tree, '330402011015')).toEqual({ code: '330402011015', name: '运南社区居委会', level: 'community', aliases: ['运南社区', '运南'] });
    expect(find(tree, '330402011016')?.name).toBe('文昌社区居委会');
    // Ningbo's rows in the same files stay out.
    expect(JSON.stringify(tree)).not.toContain('南门街道');
  });

  it('names a municipality after its province and refuses a code that is not a city', async () => {
    await expect(readDivisionRows('330402', fixture)).rejects.toThrow(/4-digit/);
    await expect(readDivisionRows('9999', fixture)).rejects.toThrow(/No city/);
    expect((await readDivisionRows('1101', fixture)).city.name).toBe('北京市');
  });
});

describe('merging with the existing file', () => {
  const imported: StationNode = {
    code: '3304',
    name: '嘉兴市连心桥服务中心',
    level: 'city',
    aliases: ['嘉兴市'],
    children: [{ code: '330402', name: '南湖区', level: 'county', children: [{ code: '330402011', name: '新兴街道', level: 'town', aliases: ['新兴'] }] }],
  };
  it("keeps an organizer's own stations and extra aliases, never dropping one", () => {
    const existing: StationNode = {
      code: '3304',
      name: '嘉兴市连心桥服务中心',
      level: 'city',
      aliases: ['嘉兴市', '市中心'],
      children: [
        {
          code: '330402',
          name: '南湖区',
          level: 'county',
          aliases: ['南湖区总站'],
          children: [
            {
              code: '330402011',
              name: '新兴街道',
              level: 'town',
              children: [{ code: 'xinxing-wenchang-xiaoqu', name: '文昌小区服务点', level: 'community', aliases: ['文昌小区'] }],
            },
          ],
        },
      ],
    };
    const { tree, report } = mergeStations(imported, existing);
    expect(tree.aliases).toEqual(['嘉兴市', '市中心']);
    expect(find(tree, '330402')?.aliases).toEqual(['南湖区总站']);
    expect(find(tree, 'xinxing-wenchang-xiaoqu')).toMatchObject({ name: '文昌小区服务点', aliases: ['文昌小区'] });
    expect(report).toEqual({ keptStations: ['xinxing-wenchang-xiaoqu'], keptAliases: 2 });
    expect(() => loadStations(tree)).not.toThrow();
  });

  it('keeps an old root’s names and its stations under the new root', () => {
    const demo: StationNode = { code: 'jx', name: '嘉兴服务中心', level: 'city', children: [{ code: 'own', name: '自建总站', level: 'county' }] };
    const { tree } = mergeStations(imported, demo);
    expect(tree.code).toBe('3304');
    expect(tree.aliases).toContain('嘉兴服务中心');
    expect(tree.children!.map((c) => c.code)).toEqual(['330402', 'own']);
  });
});
