import { describe, expect, it } from 'vitest';
import { createStationMatcher } from '../../../src/domain/stations/matcher.js';
import { createStationTree, type StationRow, stationTreeOf } from '../../../src/domain/stations/tree.js';
import { readStationsFile } from '../../../src/domain/reference-data.js';
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

describe("matching on the real seed (Jiaxing's 1,202 communities)", () => {
  const real = stationTreeOf(readStationsFile());
  const m = createStationMatcher(real);
  const labels = (text: string) => m.matchPlaces(text).communities.map((c) => m.label(c));

  it.each([
    ['运南', ['运南社区']],
    ['运南社区', ['运南社区']],
    ['运南社区居委会', ['运南社区']],
    ['我住在运南社区3幢', ['运南社区']],
    ['新兴街道运南', ['运南社区']],
    ['海盐县文昌', ['文昌社区（海盐县·武原街道）']],
    ['南湖区文昌社区', ['文昌社区（南湖区·新兴街道）']],
  ])('%s names %j', (text, expected) => {
    const found = m.matchPlaces(text);
    expect(found.exact).toBe(true);
    expect(labels(text)).toEqual(expected);
  });

  it('puts 运南社区 under 新兴街道 of 南湖区', () => {
    const yunnan = m.matchPlaces('运南').communities[0]!;
    expect(yunnan).toMatchObject({ code: '330402011015', name: '运南社区居委会' });
    expect(real.chain(yunnan.id).map((id) => real.byId(id)!.name)).toEqual(['运南社区居委会', '新兴街道', '南湖区', '嘉兴市连心桥服务中心']);
  });

  it('offers every community of a repeated name, labelled with its district and street', () => {
    expect(labels('文昌社区')).toEqual(['文昌社区（南湖区·新兴街道）', '文昌社区（海盐县·武原街道）', '文昌社区（桐乡市·梧桐街道）']);
    expect(labels('中山社区')).toHaveLength(4);
  });

  it.each([
    ['云南社区', '运南社区'], // a homophone from pinyin input
    ['运兰社区', '运南社区'], // one wrong character
    ['运社区', '运南社区'], // one missing character
    ['yunnan', '运南社区'], // typed in pinyin
  ])('guesses %s → %s among the closest, never as a sure match', (text, expected) => {
    const found = m.matchPlaces(text);
    expect(found.exact).toBe(false);
    expect(found.communities.length).toBeLessThanOrEqual(5);
    expect(found.communities.map((c) => m.displayName(c))).toContain(expected);
  });

  it('gives the areas a name fits exactly, for a step-by-step pick', () => {
    expect(m.matchPlaces('新兴街道')).toMatchObject({ communities: [], areas: [{ name: '新兴街道' }] });
    expect(m.matchPlaces('嘉善').areas.map((a) => a.name)).toEqual(['嘉善县']);
    expect(m.matchPlaces('火星基地')).toEqual({ communities: [], exact: false, areas: [] });
  });

  it('looks for what follows a county or town inside it, with or without a space', () => {
    const areas = (text: string) => m.matchPlaces(text).areas.map((a) => a.name);
    for (const t of ['海盐武原', '海盐 武原', '海盐县武原', '海盐县武原街道', '嘉兴市海盐县武原街道']) {
      expect(m.matchPlaces(t).communities, t).toEqual([]);
      expect(areas(t), t).toEqual(['武原街道']);
    }
    expect(m.matchPlaces('桐乡 梧桐').communities.map((c) => c.name)).toEqual(['梧桐村村委会']);
    expect(areas('桐乡 梧桐')).toEqual(['梧桐街道']);
    // 南湖 is a district before a street of that name.
    expect(labels('南湖新兴运南')).toEqual(['运南社区']);
    expect(labels('桐乡 庆丰')).toEqual(['庆丰社区（桐乡市·梧桐街道）', '庆丰村（桐乡市·梧桐街道）']);
  });

  it('finds a name missing its first character when one place fits it', () => {
    expect(m.matchPlaces('桐乡 院镇')).toMatchObject({ communities: [], exact: false, areas: [{ name: '濮院镇' }] });
    expect(m.matchPlaces('海盐 塘桥').areas.map((a) => a.name)).toEqual(['西塘桥街道']);
    const guess = m.matchPlaces('桐乡 家门');
    expect(guess.exact).toBe(false);
    expect(guess.communities.map((c) => m.displayName(c))[0]).toBe('杨家门社区');
    // 秀运社区 less its first character, 运南社区 less one in the middle: both among the guesses.
    expect(m.matchPlaces('运社区').communities.map((c) => m.displayName(c))).toEqual(expect.arrayContaining(['秀运社区', '运南社区']));
  });

  it('finds a station of any level for organizers, or the closest ones', () => {
    expect(m.matchStations('运南社区').named.map((s) => s.code)).toEqual(['330402011015']);
    expect(m.matchStations('330402011').named.map((s) => s.name)).toEqual(['新兴街道']);
    expect(m.matchStations('文昌社区').named).toHaveLength(3);
    expect(m.matchStations('云南社区').guesses.map((s) => s.name)).toContain('运南社区居委会');
  });

  it('sees an alias added to the tree at once', () => {
    // Without the alias, 文昌小区 only contains 文昌: the three 文昌社区 are offered.
    expect(m.matchPlaces('文昌小区').communities).toHaveLength(3);
    const wenchang = m.matchPlaces('南湖区文昌社区').communities[0]!;
    real.addAlias(wenchang.id, '文昌小区');
    expect(m.matchPlaces('文昌小区').communities).toEqual([wenchang]);
    real.removeAlias(wenchang.id, '文昌小区');
    expect(m.matchPlaces('文昌小区').communities).toHaveLength(3);
  });
});
