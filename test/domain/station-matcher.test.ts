import { describe, expect, it } from 'vitest';
import { readStationsFile } from '../../src/domain/reference-data.js';
import { createStationDirectory } from '../../src/domain/stations/matcher.js';

const dir = createStationDirectory(readStationsFile());
const codes = (text: string) => dir.matchCommunities(text).map((c) => c.code);

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

  it('finds nothing in empty or punctuation-only text', () => {
    expect(codes('')).toEqual([]);
    expect(codes('？！')).toEqual([]);
  });

  it('walks up from a community to the city', () => {
    expect(dir.ancestry('nanhu-jianshe-wenchang').map((s) => s.level)).toEqual(['community', 'town', 'county', 'city']);
  });
});
