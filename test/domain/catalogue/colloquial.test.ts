import { describe, expect, it } from 'vitest';
import { plainMandarin } from '../../../src/domain/catalogue/colloquial.js';
import { createCatalogueMatcher } from '../../../src/domain/catalogue/matcher.js';
import { matchableChars } from '../../../src/domain/catalogue/text-reading.js';
import { readCatalogueFile } from '../../../src/domain/reference-data.js';

// === Dialect and colloquial forms read as plain Mandarin before matching

describe('plainMandarin', () => {
  it.each([
    ['冰箱勿冷了', '冰箱不冷了'],
    ['屋里厢的灯坏脱了', '家里的灯坏了'],
    ['钥匙寻勿着', '钥匙找不到'],
    ['老头子半年没汏浴了', '老伴半年没洗澡了'],
    ['夜里困勿着', '夜里睡不着'],
    ['啥辰光好来', '什么时候好来'],
    ['小囡的爷娘都在外地', '孩子的父母都在外地'],
    ['掼了一跤', '摔跤'],
    ['侬好派人来修伐？', '你好派人来修吗？'],
    ['电瓶车罢工了', '电动车坏了'],
    ['饭钿也没了', '饭钱也没了'],
    ['灯侪坏特了', '灯都坏了'],
    ['朆人来修', '没人来修'],
    ['寻老娘舅评评理', '找调解员评评理'],
    ['隔壁邻舍天天吵', '邻居天天吵'],
    ['晒台漏水', '阳台漏水'],
  ])('%s → %s', (text, plain) => {
    expect(plainMandarin(text)).toBe(plain);
  });

  it('leaves alone what only looks like a dialect form: 困难, 步伐, plain Mandarin', () => {
    expect(plainMandarin('家里困难')).toBe('家里困难');
    // 下头 is 下面, but not in 剪一下头发 or 洗一下头皮.
    expect(plainMandarin('剪一下头发')).toBe('剪一下头发');
    expect(plainMandarin('洗一下头皮')).toBe('洗一下头皮');
    expect(plainMandarin('放在下头')).toBe('放在下面');
    expect(plainMandarin('步伐不稳')).toBe('步伐不稳');
    expect(plainMandarin('电视坏了，水管漏水')).toBe('电视坏了，水管漏水');
  });
});

describe('what says nothing of the need', () => {
  it.each([
    ['谢谢小同志，水泵坏了', '水泵坏了'],
    ['不好意思打扰了，我眼睛不好', '我眼睛不好'],
    ['你好打扰了 嗯 就是说电视坏了 麻烦你了', '电视坏了'],
  ])('greetings, thanks, apologies and fillers are a pause: %s', (text, plain) => {
    expect(matchableChars(text).join('')).toBe(plain);
  });

  it('侬好 is "can you", not a greeting', () => {
    expect(matchableChars('侬好派人来修伐').join('')).toBe('你好派人来修吗');
  });

  it.each([
    ['换个锁', '换锁'],
    ['搬个柜子', '搬柜子'],
    ['想配两把钥匙', '想配钥匙'],
    ['送一桶水', '送水'],
    ['找个师傅', '找师傅'],
  ])('a measure word between a verb and its thing: %s → %s', (text, plain) => {
    expect(plainMandarin(text)).toBe(plain);
  });

  it('keeps measure words that belong to something else: 一个人, 这个, 换台', () => {
    expect(plainMandarin('一个人住')).toBe('一个人住');
    expect(plainMandarin('这个锁坏了')).toBe('这个锁坏了');
    expect(plainMandarin('遥控器换台没反应')).toBe('遥控器换台没反应');
  });

  it('no keyword of the catalogue reads as a single character (多配几把 must not become a bare 配)', () => {
    const catalogue = readCatalogueFile();
    const shrunk = catalogue.classes
      .flatMap((c) => c.items.flatMap((i) => [...i.keywords, ...(i.context ?? [])]))
      .filter((k) => Array.from(k).length >= 2 && matchableChars(k).length < 2);
    expect(shrunk).toEqual([]);
  });
});

describe('in the matcher', () => {
  const matcher = createCatalogueMatcher(readCatalogueFile(), { model: null });
  it.each([
    ['屋里厢马桶堵牢了 水勿走', 'drain-unblocking'],
    ['老头子汏浴汏勿动 要人帮忙', 'bath-help'],
    ['夜里困勿着 心里空落落', 'mental-support'],
    ['换个锁', 'lock-service'],
    ['搬个柜子', 'moving-help'],
  ])('the rules alone read "%s" as %s', (text, code) => {
    expect(matcher.match(text)[0]?.itemCode).toBe(code);
  });
});
