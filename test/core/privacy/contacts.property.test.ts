import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../src/core/input-clean.js';
import { redactForGroup } from '../../../src/core/privacy.js';
import { filler, writtenDigits } from '../../support/written-forms.js';

// === Property: an account, an e-mail address, a link, a plate or an ID-card number, written the ways
// people write them, never survives — nothing of it is left but the words that named it

const digits = (min: number, max: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max });

const LOWER = [...'abcdefghijklmnopqrstuvwxyz'];
const LETTERS = [...LOWER, ...LOWER.map((c) => c.toUpperCase())];
const ALNUM = [...LETTERS, ...'0123456789'];
const chars = (set: string[], min: number, max: number) => fc.string({ unit: fc.constantFrom(...set), minLength: min, maxLength: max });

/** A WeChat-style account: a letter, then 5–19 letters, digits, _ and -. */
const handle = fc.tuple(fc.constantFrom(...LETTERS), chars([...ALNUM, '_', '-'], 5, 19)).map(([a, b]) => a + b);
/** One with a digit in it (wang1950, wang_xy88). */
const mixedHandle = fc.tuple(handle, fc.integer({ min: 0, max: 9999 })).map(([h, n]) => `${h}${n}`);
const lettersOnly = chars(LETTERS, 6, 16);

/** [the words that name the account (they stay), the whole written contact]. */
type Written = [string, string];
const cnCue = fc.constantFrom('微信', '微信号', '微 信', '威信', '薇信', '加我', '加我微信', '加微', '加V', '加v', '+V', '微❤');
const cnConnector = fc.constantFrom('', ' ', '：', ':', '号是', '是', '号：', '（', ' ID:');
const latinCue = fc.constantFrom('vx', 'VX', 'wx', 'WX', 'V信', 'v信', 'WeChat', 'weixin', 'QQ', 'qq');
const wechat: fc.Arbitrary<Written> = fc.oneof(
  chars(ALNUM, 8, 16).map((id): Written => ['', `wxid_${id}`]),
  fc.tuple(cnCue, cnConnector, fc.oneof(handle, mixedHandle)).map(([cue, c, h]): Written => [cue + c, `${cue}${c}${h}`]),
  fc.tuple(latinCue, fc.constantFrom(' ', ': ', '：', '号', '号：', ' - '), mixedHandle).map(([cue, c, h]): Written => [cue + c, `${cue}${c}${h}`]),
  fc.tuple(latinCue, fc.constantFrom(':', '：', '号', ' : ', '号是'), lettersOnly).map(([cue, c, h]): Written => [cue + c, `${cue}${c}${h}`]),
  fc.tuple(mixedHandle, fc.constantFrom('是我微信', '是我的vx', '（微信）', ' 是我QQ')).map(([h, cue]): Written => [cue, `${h}${cue}`]),
  fc.tuple(chars(LOWER, 3, 8), chars(ALNUM, 1, 8), fc.integer({ min: 0, max: 99 })).map(([a, b, n]): Written => ['', `${a}_${b}${n}`]),
);
const qqCue = fc.constantFrom('QQ', 'qq', 'QQ号', 'qq号：', '扣扣', '企鹅号', 'Q号');
const qq: fc.Arbitrary<Written> = fc
  .tuple(
    qqCue,
    fc.constantFrom('', ' ', '：', '是'),
    digits(5, 11).map((d) => [1 + ((d[0] ?? 0) % 9), ...d.slice(1)]),
  )
  .chain(([cue, c, d]) => writtenDigits(d).map((n): Written => [cue + c, `${cue}${c}${n}`]));
const domain = fc.constantFrom('qq.com', '163.com', '126.com', 'foxmail.com', 'sina.com.cn', 'gmail.com', 'vip.qq.com', 'zj.gov.cn');
const email: fc.Arbitrary<Written> = fc
  .tuple(
    fc.oneof(
      chars(ALNUM, 1, 12),
      digits(5, 11).map((d) => d.join('')),
    ),
    fc.constantFrom('', '.', '_', '-'),
    chars(ALNUM, 0, 6),
  )
  .chain(([a, dot, b]) =>
    fc.tuple(fc.constantFrom('@', '＠', ' @ ', '(at)', '艾特'), domain).map(([at, d]): Written => ['', `${a}${b ? dot + b : ''}${at}${d}`]),
  );
const telegram = fc.tuple(fc.constantFrom(...LETTERS), chars([...ALNUM, '_'], 4, 20)).map(([a, b]): Written => ['', `@${a}${b}`]);
const link = fc
  .tuple(
    fc.constantFrom('https://', 'http://', ''),
    fc.constantFrom('u.wechat.com', 'weixin.qq.com', 'example.org', 'wj.qq.com', 'mp.weixin.qq.com'),
    fc.constantFrom('/', '/r/', '/s?', '/f?token=', '/#/'),
    chars([...ALNUM, '_', '-', '=', '&'], 1, 24),
  )
  .map(([scheme, host, path, rest]): Written => ['', `${scheme}${host}${path}${rest}`]);
const PROVINCES = [...'京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼'];
const PLATE_CHARS = [...'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789'];
const plate = fc
  .tuple(
    fc.constantFrom(...PROVINCES),
    fc.constantFrom(...'ABCDEFGHJKLMNPQRSTUVWXYZ'),
    fc.constantFrom('', '·', ' ', '-', '•'),
    chars(PLATE_CHARS, 4, 5),
    fc.integer({ min: 0, max: 9 }),
    fc.constantFrom('', '', '挂'),
  )
  .map(([p, city, sep, serial, d, tail]): Written => ['', `${p}${city}${sep}${serial}${d}${tail}`]);
const idCard = digits(17, 17).chain((d) =>
  fc.tuple(writtenDigits(d, fc.constantFrom('', '', '', ' ')), fc.constantFrom('X', 'x')).map(([n, x]): Written => ['', `${n}${x}`]),
);
const bankCard = digits(16, 19).chain((d) => writtenDigits(d, fc.constantFrom('', ' ', '-')).map((n): Written => ['', n]));

const LEFT_OVER = /[A-Za-z0-9\uFF10-\uFF19零〇一二三四五六七八九幺两壹贰叁肆伍陆柒捌玖@＠]/u;

describe('contact redaction, property-based', () => {
  it.each([
    ['a WeChat account', wechat],
    ['a QQ number', qq],
    ['an e-mail address', email],
    ['a Telegram name', telegram],
    ['a link with a token', link],
    ['a licence plate', plate],
    ['an ID-card number', idCard],
    ['a bank-card number', bankCard],
  ] as const)('leaves nothing of %s inside any text but the words that named it', (_, contact) => {
    fc.assert(
      fc.property(filler, contact, filler, (before, [cue, written], after) => {
        const text = `${before}${written}${after}`;
        for (const form of [text, cleanText(text)]) {
          const out = redactForGroup(form);
          const cleanCue = form === text ? cue : cleanText(cue);
          expect(out.split(cleanCue || '\u0000').join('')).not.toMatch(LEFT_OVER);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
