import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/core/input-clean.js';
import { redactForGroup } from '../../src/core/privacy.js';

// === Property: a phone number or an address, written any way people write them, never survives

const CHINESE = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const FINANCIAL = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
/** One digit in one of the ways people type it. */
const digitForm = (d: number) =>
  fc.constantFrom(String(d), String.fromCharCode(0xff10 + d), CHINESE[d]!, d === 0 ? '〇' : d === 1 ? '幺' : d === 2 ? '两' : String(d), FINANCIAL[d]!);
const separator = fc.constantFrom('', '', '', ' ', '-', '，', ',', '/', '.', '\u200b', '、', '·', '  ', '\u3000', '_', '\u202e', '😀', '－', '\\');

const mobile = fc
  .tuple(fc.constantFrom(3, 4, 5, 6, 7, 8, 9), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }))
  .map(([second, rest]) => [1, second, ...rest]);
const landline = fc
  .tuple(fc.constantFrom([0, 5, 7, 3], [0, 1, 0], [0, 2, 1], [0, 5, 7, 1]), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 7, maxLength: 8 }))
  .map(([area, rest]) => [...area, ...rest]);
const local = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }).map((d) => [8, ...d.slice(1)]);

/** A phone number written digit by digit, each digit in its own form, with any separators between. */
const writtenPhone = fc
  .oneof(mobile, landline, local)
  .chain((digits) =>
    fc.tuple(...digits.map((d) => fc.tuple(digitForm(d), separator))).map((parts) => parts.map(([d, s], i) => (i < parts.length - 1 ? d + s : d)).join('')),
  );

/** Words that hold no digit in any form (so whatever digit is left must come from the number). */
const FILLER = [
  '电视坏了',
  '水管漏水',
  '请尽快来',
  '谢谢',
  '我家',
  '老人',
  '电话',
  '手机',
  '打我女儿的',
  '联系',
  '在家',
  '好的',
  '，',
  '。',
  ' ',
  '😭',
  '\n',
  '下午来',
  '门锁坏了',
  '麻烦了',
];
const filler = fc.array(fc.constantFrom(...FILLER), { maxLength: 4 }).map((w) => w.join(''));

const DIGIT_ANYHOW = /[0-9\uFF10-\uFF19零〇一二三四五六七八九幺两壹贰叁肆伍陆柒捌玖]/u;

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
