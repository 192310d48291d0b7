import fc from 'fast-check';

// === How people write numbers and what they write around them: generators for the redaction properties

const CHINESE = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const FINANCIAL = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];

/** One digit in one of the ways people type it. */
export const digitForm = (d: number) =>
  fc.constantFrom(String(d), String.fromCharCode(0xff10 + d), CHINESE[d]!, d === 0 ? '〇' : d === 1 ? '幺' : d === 2 ? '两' : String(d), FINANCIAL[d]!);

/** What people put between digits: nothing, spaces, punctuation, invisible marks, emoji. */
export const separator = fc.constantFrom('', '', '', ' ', '-', '，', ',', '/', '.', '\u200b', '、', '·', '  ', '\u3000', '_', '\u202e', '😀', '－', '\\');

/** Digits written one by one, each in its own form, with any separators between. */
export const writtenDigits = (digits: number[], between: fc.Arbitrary<string> = separator) =>
  fc.tuple(...digits.map((d) => fc.tuple(digitForm(d), between))).map((parts) => parts.map(([d, s], i) => (i < parts.length - 1 ? d + s : d)).join(''));

/** Words that hold no digit in any form and no Latin letter (so whatever is left must come from the secret). */
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
  '有事',
  '找我',
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
  '车停在',
];
export const filler = fc.array(fc.constantFrom(...FILLER), { maxLength: 4 }).map((w) => w.join(''));

/** A digit in any form people write it. */
export const DIGIT_ANYHOW = /[0-9\uFF10-\uFF19零〇一二三四五六七八九幺两壹贰叁肆伍陆柒捌玖]/u;
