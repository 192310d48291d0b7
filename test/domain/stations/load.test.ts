import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadStations } from '../../../src/domain/stations/load.js';
import { stationLevels, type StationNode } from '../../../src/domain/stations/types.js';

const readSeed = (name: string): unknown => JSON.parse(fs.readFileSync(new URL(`../../../db/seed/${name}`, import.meta.url), 'utf8'));

function allNodes(node: StationNode): StationNode[] {
  return [node, ...(node.children ?? []).flatMap(allNodes)];
}

describe('loadStations', () => {
  const root = loadStations(readSeed('stations.json'));
  const nodes = allNodes(root);

  it("loads the seed: Jiaxing's real places, one city at the root", () => {
    expect(root).toMatchObject({ code: '3304', name: '嘉兴市连心桥服务中心', level: 'city' });
    expect(root.aliases).toEqual(expect.arrayContaining(['嘉兴', '嘉兴市']));
    expect(nodes.filter((n) => n.level === 'city')).toHaveLength(1);
    expect(nodes.filter((n) => n.level === 'county').map((n) => n.name)).toEqual(['南湖区', '秀洲区', '嘉善县', '海盐县', '海宁市', '平湖市', '桐乡市']);
    expect(nodes.filter((n) => n.level === 'community')).toHaveLength(1202);
    expect(new Set(nodes.map((n) => n.code)).size).toBe(nodes.length);
  });

  it('has consistent levels and aliases on every community', () => {
    const check = (node: StationNode): void => {
      for (const child of node.children ?? []) {
        expect(stationLevels.indexOf(child.level)).toBe(stationLevels.indexOf(node.level) + 1);
        check(child);
      }
    };
    check(root);
    for (const n of nodes.filter((x) => x.level === 'community')) {
      expect(n.children ?? []).toHaveLength(0);
      // A short form people type: 运南社区居委会 → 运南社区, 运南.
      expect(n.aliases?.length ?? 0).toBeGreaterThanOrEqual(1);
      for (const a of n.aliases ?? []) expect(n.name.startsWith(a)).toBe(true);
    }
  });

  it('rejects a child nested at the wrong level', () => {
    const bad = {
      code: 'jx',
      name: '嘉兴市连心桥服务中心',
      level: 'city',
      children: [{ code: 'nanhu-jianshe', name: '建设街道分站', level: 'town' }],
    };
    expect(() => loadStations(bad)).toThrow(/"nanhu-jianshe" has level "town" under "jx".*expected "county"/);
  });

  it('rejects children below a community', () => {
    const bad = {
      code: 'jx',
      name: '市中心',
      level: 'city',
      children: [
        {
          code: 'nanhu',
          name: '南湖区总站',
          level: 'county',
          children: [
            {
              code: 'jianshe',
              name: '建设街道分站',
              level: 'town',
              children: [
                {
                  code: 'wenchang',
                  name: '文昌社区',
                  level: 'community',
                  children: [{ code: 'x', name: '某处', level: 'community' }],
                },
              ],
            },
          ],
        },
      ],
    };
    expect(() => loadStations(bad)).toThrow(/"x".*under "wenchang".*expected no children/);
  });

  it('rejects duplicate codes and a root that is not a city', () => {
    const dup = {
      code: 'jx',
      name: '市中心',
      level: 'city',
      children: [
        { code: 'nanhu', name: '南湖区总站', level: 'county' },
        { code: 'nanhu', name: '秀洲区总站', level: 'county' },
      ],
    };
    expect(() => loadStations(dup)).toThrow(/duplicate station code "nanhu"/);
    expect(() => loadStations({ code: 'nanhu', name: '南湖区总站', level: 'county' })).toThrow(/root "nanhu".*expected "city"/);
    expect(() => loadStations({ code: 'jx', name: '', level: 'city' })).toThrow(/Invalid stations/);
  });
});
