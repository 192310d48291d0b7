import { describe, expect, it } from 'vitest';
import { NO_WORDS, YES_WORDS, normalizeText, parseOrdinal, resolveChoice } from '../../../flows/common/choice.js';

const choices = [
  { id: 'when:尽快', label: '尽快' },
  { id: 'when:今天', label: '今天' },
  { id: 'when:明天', label: '明天' },
];
const text = (t: string) => ({ type: 'answer.text', text: t }) as const;

describe('normalizeText', () => {
  it.each([
    ['  文昌  社区 ', '文昌社区'],
    ['１２３', '123'],
    ['ＡＢＣ', 'ABC'],
    ['好的。', '好的'],
    ['确认！！', '确认'],
    ['是～', '是'],
    ['3.', '3'],
    ['ok,', 'ok'],
    ['\u3000取消\u3000', '取消'],
    ['电话：0573-82345678', '电话:0573-82345678'],
    ['', ''],
  ])('%j → %j', (input, output) => {
    expect(normalizeText(input)).toBe(output);
  });

  it('keeps inner punctuation', () => {
    expect(normalizeText('3幢,2单元')).toBe('3幢,2单元');
  });
});

describe('parseOrdinal', () => {
  it.each([
    ['3', 3],
    ['3.', 3],
    ['3、', 3],
    ['3)', 3],
    ['第3个', 3],
    ['第３项', 3],
    ['２', 2],
    [' 12 ', 12],
    ['三', 3],
    ['两', 2],
    ['第二个', 2],
    ['第五条', 5],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['二十三', 23],
    ['0', 0],
    ['3号', 3],
  ])('%j → %d', (input, n) => {
    expect(parseOrdinal(input)).toBe(n);
  });

  it.each([['3楼'], ['1234'], ['abc'], ['十一百'], ['三个人'], [''], ['第'], ['一二']])('%j is not a number', (input) => {
    expect(parseOrdinal(input)).toBeNull();
  });
});

describe('resolveChoice', () => {
  it('a pressed button counts only when it is one of the choices', () => {
    expect(resolveChoice({ type: 'answer.choice', id: 'when:今天' }, choices)).toBe('when:今天');
    expect(resolveChoice({ type: 'answer.choice', id: 'when:后天' }, choices)).toBeNull();
  });

  it.each([
    ['1', 'when:尽快'],
    ['第二个', 'when:今天'],
    ['３', 'when:明天'],
    ['三', 'when:明天'],
    ['今天', 'when:今天'],
    ['今天。', 'when:今天'],
    ['明天吧', 'when:明天'],
  ])('typed %j → %s', (typed, id) => {
    expect(resolveChoice(text(typed), choices)).toBe(id);
  });

  it.each([['4'], ['0'], [''], ['   '], ['后天'], ['今天或明天']])('typed %j → nothing', (typed) => {
    expect(resolveChoice(text(typed), choices)).toBeNull();
  });

  it('a number never falls back to a label', () => {
    expect(resolveChoice(text('2'), [{ id: 'a', label: '2' }])).toBeNull();
  });

  it('aliases: exact, or contained when longer than one character', () => {
    const aliases = { 'when:尽快': ['马上', '快'] };
    expect(resolveChoice(text('马上'), choices, aliases)).toBe('when:尽快');
    expect(resolveChoice(text('快'), choices, aliases)).toBe('when:尽快');
    expect(resolveChoice(text('请马上来'), choices, aliases)).toBe('when:尽快');
    expect(resolveChoice(text('快来'), choices, aliases)).toBeNull();
  });

  it('without contained matches, only numbers and whole labels count', () => {
    expect(resolveChoice(text('明天下午'), choices, {}, { contained: false })).toBeNull();
    expect(resolveChoice(text('明天'), choices, {}, { contained: false })).toBe('when:明天');
    expect(resolveChoice(text('2'), choices, {}, { contained: false })).toBe('when:今天');
  });
});

describe('yes and no words', () => {
  it('do not overlap', () => {
    expect(YES_WORDS.filter((w) => NO_WORDS.includes(w))).toEqual([]);
  });
  it('are normalized forms (what normalizeText gives)', () => {
    for (const w of [...YES_WORDS, ...NO_WORDS]) expect(normalizeText(w)).toBe(w);
  });
});
