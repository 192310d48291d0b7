import { describe, expect, it } from 'vitest';
import { askedPositions, fold, matchable, matchableChars, rewritesAWord, sameAt, syllablesOf } from '../../../src/domain/catalogue/text-reading.js';

// === Reading a resident's text for the matcher: characters, clauses, syllables, real words, what is asked for

describe('the characters that count', () => {
  it('keeps Han characters, letters and digits; folds full-width forms and case; drops punctuation and emoji', () => {
    expect(matchableChars('电视，坏了！😭 ＴＶ 3台')).toEqual(['电', '视', '坏', '了', 't', 'v', '3', '台']);
  });

  it('numbers the clauses the punctuation separates', () => {
    const { chars, clauses } = matchable('灯坏了，马桶堵了');
    expect(chars.join('')).toBe('灯坏了马桶堵了');
    expect(clauses[0]).toBe(clauses[2]);
    expect(clauses[3]).not.toBe(clauses[2]);
  });
});

describe('syllables', () => {
  it('one toneless syllable per character, or nothing when they do not line up', () => {
    expect(syllablesOf(['电', '视'])).toEqual(['dian', 'shi']);
    expect(syllablesOf([])).toBeUndefined();
  });

  it('folds the sounds pinyin typists mix up (zh/z, n/l, -ng/-n)', () => {
    expect(fold('zhang')).toBe(fold('zan'));
    expect(fold('nao')).toBe(fold('lao'));
    expect(fold('shi')).not.toBe(fold('xi'));
  });
});

describe('real words and positions', () => {
  it('a span rewrites a word when it is that word or cuts across it', () => {
    const spans: Array<[number, number]> = [[0, 2]];
    expect(rewritesAWord(spans, 0, 2)).toBe(true);
    expect(rewritesAWord(spans, 1, 3)).toBe(true);
    expect(rewritesAWord(spans, 2, 4)).toBe(false);
  });

  it('sameAt compares a word at a position, never past the end', () => {
    expect(sameAt(['想', '修', '电', '视'], 2, ['电', '视'])).toBe(true);
    expect(sameAt(['想', '修', '电'], 2, ['电', '视'])).toBe(false);
  });

  it('what follows 想 / 帮 / 请 in its clause is what is asked for', () => {
    const { chars, clauses } = matchable('腿脚不方便，想找人送饭');
    const asked = askedPositions(chars, clauses);
    expect(asked[chars.indexOf('送')]).toBe(true);
    expect(asked[chars.indexOf('腿')]).toBe(false);
  });
});
