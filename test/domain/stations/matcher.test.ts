import { describe, expect, it } from 'vitest';
import { createStationMatcher } from '../../../src/domain/stations/matcher.js';
import { createStationTree, type StationRow, stationTreeOf } from '../../../src/domain/stations/tree.js';
import { readDemoStations } from '../../support/stations.js';

const tree = stationTreeOf(readDemoStations());
const matcher = createStationMatcher(tree);
const codes = (text: string) => matcher.matchCommunities(text).map((c) => c.code);

describe('matching typed community names', () => {
  it.each([
    ['文昌', ['nanhu-jianshe-wenchang']],
    ['文昌社区', ['nanhu-jianshe-wenchang']],
    ['我住在紫阳', ['nanhu-jianshe-ziyang']],
    ['老东门', ['nanhu-jiefang-dongmen']],
    ['wenchang', ['nanhu-jianshe-wenchang']],
    ['火星基地', []],
  ])('%s → %j', (text, expected) => {
    expect(codes(text)).toEqual(expected);
  });

  it('gives the communities of a town or street typed by its exact name', () => {
    expect(codes('新丰').sort()).toEqual(['nanhu-xinfeng-fengqian', 'nanhu-xinfeng-jingxiang', 'nanhu-xinfeng-zhennan', 'nanhu-xinfeng-zhulin']);
    expect(codes('建设街道')).toHaveLength(4);
  });

  it('gives the communities under a district named loosely, in tree order', () => {
    expect(codes('塘汇')).toEqual(['xiuzhou-tanghui-baihua', 'xiuzhou-tanghui-jiangnan']);
  });

  it('finds nothing in empty or punctuation-only text', () => {
    expect(codes('')).toEqual([]);
    expect(codes('？！')).toEqual([]);
  });

  it('walks up from a community to the city', () => {
    const wenchang = tree.byCode('nanhu-jianshe-wenchang')!;
    expect(tree.chain(wenchang.id).map((id) => tree.byId(id)!.level)).toEqual(['community', 'town', 'county', 'city']);
  });

  it('never offers a retired station, by its name or under its town', () => {
    const rows: StationRow[] = [
      { id: 1, code: 'c', name: '测试市', level: 'city', parentId: null, aliases: [] },
      { id: 2, code: 'd', name: '东区总站', level: 'county', parentId: 1, aliases: [] },
      { id: 3, code: 't', name: '河西街道分站', level: 'town', parentId: 2, aliases: ['河西街道'] },
      { id: 4, code: 'old', name: '柳岸社区', level: 'community', parentId: 3, aliases: ['柳岸'] },
      { id: 5, code: 'new', name: '桃园社区', level: 'community', parentId: 3, aliases: ['桃园'] },
    ];
    const listed = createStationMatcher(createStationTree(rows));
    expect(listed.matchCommunities('柳岸').map((c) => c.code)).toEqual(['old']);
    const retired = createStationMatcher(createStationTree(rows, new Set(['c', 'd', 't', 'new'])));
    expect(retired.matchCommunities('柳岸')).toEqual([]);
    expect(retired.matchCommunities('河西街道').map((c) => c.code)).toEqual(['new']);
  });
});
