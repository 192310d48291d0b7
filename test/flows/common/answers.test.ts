import { describe, expect, it } from 'vitest';
import { isGiveUp, isYes, looksLikeAddress, placeOf } from '../../../flows/common/answers.js';
import { readLabelled } from '../../fixtures/requests/labelled.js';

describe('isYes', () => {
  it.each([
    '好的',
    '好',
    '嗯',
    '嗯嗯',
    '对',
    '对对对',
    '行',
    '行吧',
    '可以',
    '可以的',
    '是的',
    '好好好',
    '好的好的',
    '好的呀',
    'OK',
    '没问题',
    '好的。',
    '好的谢谢',
    '可以，麻烦了',
  ])('%j is yes', (t) => {
    expect(isYes(t)).toBe(true);
  });
  it.each(['明天', '好的明天来', '不好', '不行', '', '😀', '文昌小区', '可以明天吗'])('%j is not a bare yes', (t) => {
    expect(isYes(t)).toBe(false);
  });
});

describe('isGiveUp', () => {
  it.each([
    '算了 太麻烦了',
    '算了',
    '不弄了',
    '不用了',
    '不用了谢谢',
    '我自己叫人修了',
    '不需要了',
    '不修了',
    '已经好了',
    '儿子已经帮我修好了',
    '没事了',
    '太麻烦了',
  ])('%j gives up', (t) => {
    expect(isGiveUp(t)).toBe(true);
  });
  it.each([
    '不用',
    '不是',
    '电视坏了',
    '修电视',
    '好的',
    '用不了了',
    '不用上门，电话说就行',
    '',
    '13812345678',
    '我自己修不好了',
    '家里人修了好几次还是坏',
    '已经好了几天又坏了',
    '算了一下电费不对',
    '水管已经好了吗',
    '儿子帮我修了一半',
  ])('%j does not', (t) => {
    expect(isGiveUp(t)).toBe(false);
  });
  it('none of the labelled everyday requests reads as giving up', () => {
    expect(
      readLabelled()
        .filter((r) => isGiveUp(r.text))
        .map((r) => r.text),
    ).toEqual([]);
  });
  it('a bare 不用了 declines an offer where there is one to decline', () => {
    expect(isGiveUp('不用了', true)).toBe(false);
    expect(isGiveUp('算了 太麻烦了', true)).toBe(true);
  });
});

describe('addresses', () => {
  it.each(['文昌小区3幢2单元501', '建国南路128弄6号302', '嘉兴市南湖区文昌小区3幢', '中山路 5 号'])('%j looks like an address', (t) => {
    expect(looksLikeAddress(t)).toBe(true);
  });
  it.each(['文昌', '1', '3幢', '13812345678', '好的', '我住3楼'])('%j does not', (t) => {
    expect(looksLikeAddress(t)).toBe(t === '我住3楼');
  });
  it.each([
    ['文昌小区3幢2单元501', '文昌小区'],
    ['建国南路128弄6号302', '建国南路'],
    ['嘉兴市南湖区文昌小区3幢', '文昌小区'],
    ['南湖区新兴街道运南社区3幢', '运南社区'],
  ])('the place of %j is %j', (address, place) => {
    expect(placeOf(address)).toBe(place);
  });
});
