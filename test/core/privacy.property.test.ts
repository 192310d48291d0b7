import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/core/input-clean.js';
import { redactForGroup } from '../../src/core/privacy.js';
import { DIGIT_ANYHOW, filler, writtenDigits } from '../support/written-forms.js';

// === Property: a phone number or an address, written any way people write them, never survives

const CHINESE = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

const mobile = fc
  .tuple(fc.constantFrom(3, 4, 5, 6, 7, 8, 9), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }))
  .map(([second, rest]) => [1, second, ...rest]);
const landline = fc
  .tuple(fc.constantFrom([0, 5, 7, 3], [0, 1, 0], [0, 2, 1], [0, 5, 7, 1]), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 7, maxLength: 8 }))
  .map(([area, rest]) => [...area, ...rest]);
const local = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }).map((d) => [8, ...d.slice(1)]);

/** A phone number written digit by digit, each digit in its own form, with any separators between. */
const writtenPhone = fc.oneof(mobile, landline, local).chain((digits) => writtenDigits(digits));

describe('redaction, property-based', () => {
  it('leaves no digit of a phone number written in any form, inside any text', () => {
    fc.assert(
      fc.property(filler, writtenPhone, filler, (before, phone, after) => {
        const text = `${before}${phone}${after}`;
        for (const form of [text, cleanText(text)]) expect(redactForGroup(form)).not.toMatch(DIGIT_ANYHOW);
      }),
      { numRuns: 2000 },
    );
  });

  const n = (max: number) => fc.integer({ min: 1, max });
  const cnNumber = (v: number) => (v <= 10 ? ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'][v]! : String(v));
  const place = fc.constantFrom('文昌苑', '幸福小区', '中山路', '建国南路', '紫阳花园', '阳光家园', '运河新村', '东方大厦', '禾兴南路', '');
  const building = fc.oneof(n(30).map(String), n(10).map(cnNumber), fc.constantFrom('A', 'B', 'C', 'D'));
  const buildingUnit = fc.constantFrom('幢', '栋', '号楼', '座', '号', '弄');
  const room = fc.oneof(
    fc.integer({ min: 101, max: 2808 }).map(String),
    fc.integer({ min: 101, max: 909 }).map((r) => [...String(r)].map((d) => CHINESE[Number(d)]!).join('')),
  );
  const unitPart = fc.option(
    n(6).map((u) => `${u}单元`),
    { nil: '' },
  );
  const roomSuffix = fc.constantFrom('', '室', '');
  const address = fc.tuple(place, building, buildingUnit, unitPart, room, roomSuffix).map(([p, b, bu, u, r, s]) => `${p}${b}${bu}${u}${r}${s}`);

  it('leaves no house, building or room number of an address inside any text', () => {
    fc.assert(
      fc.property(filler, address, filler, (before, addr, after) => {
        const text = `${before}${addr}${after}`;
        const out = redactForGroup(cleanText(text));
        expect(out).not.toMatch(DIGIT_ANYHOW);
        expect(out).not.toMatch(/[A-D](?:座|栋|幢)/);
      }),
      { numRuns: 2000 },
    );
  });
});

// === Property: calm words — tickets, times, counts, item names, brands and models — come through unchanged

const CALM = [
  '电视坏了',
  '水管漏水',
  '明天下午3点',
  '下午3点到5点',
  '周六上午，大概2小时',
  '12月1号下午来',
  '2026-12-01 08:30 之后都行',
  '单号20261122-0007',
  '2台电视',
  '3个灯泡',
  '花了500块',
  '走路10分钟',
  '我一个人住，两三天没人来了',
  '八十多岁了',
  'TCL电视',
  '格力空调KFR-35GW不制冷',
  'iPhone14充不进电',
  'WiFi连不上',
  'LED灯不亮',
  '加我微信吧',
  '微信不会用',
  '微信支付500元',
  'QQ也没有',
  '家电维修',
  '门锁坏了',
  '谢谢！',
  '😭',
];

describe('redaction of calm texts, property-based', () => {
  it('changes nothing in a text made of ordinary words', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...CALM), fc.constantFrom('，', '。', ' ', '\n', '、')), { minLength: 1, maxLength: 6 }), (parts) => {
        const text = parts.map(([w, s]) => w + s).join('');
        expect(redactForGroup(text)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });
});
