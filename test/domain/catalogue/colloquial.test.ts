import { describe, expect, it } from 'vitest';
import { plainMandarin } from '../../../src/domain/catalogue/colloquial.js';
import { createCatalogueMatcher } from '../../../src/domain/catalogue/matcher.js';
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
  ])('%s → %s', (text, plain) => {
    expect(plainMandarin(text)).toBe(plain);
  });

  it('leaves alone what only looks like a dialect form: 困难, 步伐, plain Mandarin', () => {
    expect(plainMandarin('家里困难')).toBe('家里困难');
    expect(plainMandarin('步伐不稳')).toBe('步伐不稳');
    expect(plainMandarin('电视坏了，水管漏水')).toBe('电视坏了，水管漏水');
  });
});

describe('in the matcher', () => {
  const matcher = createCatalogueMatcher(readCatalogueFile(), { model: null });
  it.each([
    ['屋里厢马桶堵牢了 水勿走', 'drain-unblocking'],
    ['老头子汏浴汏勿动 要人帮忙', 'bath-help'],
    ['夜里困勿着 心里空落落', 'mental-support'],
  ])('the rules alone read "%s" as %s', (text, code) => {
    expect(matcher.match(text)[0]?.itemCode).toBe(code);
  });
});
