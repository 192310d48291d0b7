import { describe, expect, it } from 'vitest';
import { aboutNow, clausesOf } from '../../../../flows/common/safety/index.js';

describe('clausesOf', () => {
  it('parts clauses at punctuation, emoji, spaces between words and linking words', () => {
    expect(clausesOf('我爸摔倒了，头破了')).toEqual(['我爸摔倒了', '头破了']);
    expect(clausesOf('老伴叫不醒😭快来')).toEqual(['老伴叫不醒', '快来']);
    expect(clausesOf('燃气灶打不着火还有一股煤气味')).toEqual(['燃气灶打不着火', '一股煤气味']);
    expect(clausesOf('我爸摔倒了 起不来')).toEqual(['我爸摔倒了', '起不来']);
    expect(clausesOf('以前摔过但是现在又晕倒了')).toEqual(['以前摔过', '现在又晕倒了']);
  });

  it('joins single characters typed apart, and reads full-width text', () => {
    expect(clausesOf(' 我 摔 倒 了 ')).toEqual(['我摔倒了']);
    expect(clausesOf('救　命！')).toEqual(['救命']);
    expect(clausesOf('ＳＯＳ')).toEqual(['SOS']);
    expect(clausesOf('')).toEqual([]);
  });

  it('keeps a number typed in groups as one word, and reads 打 before a number as dialling', () => {
    expect(clausesOf('打我女儿的 一三九 五七三 一二三四 五')).toEqual(['拨打我女儿的', '13957312345']);
    expect(clausesOf('打老伴 139-1234-5678')).toEqual(['拨打老伴', '13912345678']);
    expect(clausesOf('他打我 13812345678')).toEqual(['他打我', '13812345678']);
    expect(clausesOf('老公又打我 13812345678')).toEqual(['老公又打我', '13812345678']);
  });
});

describe('aboutNow', () => {
  const at = (clause: string, word: string) => aboutNow(clause, clause.indexOf(word), word.length);
  it('a word negated just before it is not about now; a suspicion is', () => {
    expect(at('没有着火', '着火')).toBe(false);
    expect(at('不是摔倒', '摔倒')).toBe(false);
    expect(at('是不是中风了', '中风')).toBe(true);
    expect(at('家里没人我爸晕倒了', '晕倒')).toBe(true);
  });

  it('past, worry, question and talk words hide it, unless the clause says now', () => {
    expect(at('上次摔倒的时候', '摔倒')).toBe(false);
    expect(at('担心老人走丢', '走丢')).toBe(false);
    expect(at('想问问中风以后怎么康复', '中风')).toBe(false);
    expect(at('着火了怎么办的宣传', '着火')).toBe(false);
    expect(at('以前中风过现在又中风了', '中风')).toBe(false);
    expect(at('以前中风过现在又说不出话', '说不出话')).toBe(true);
    expect(at('防诈骗', '诈骗')).toBe(false);
    expect(at('消防车来了着火了', '着火')).toBe(true);
  });

  it('过 just after a word is the past (中风过, 摔倒过), 过去 is not', () => {
    expect(at('我爸中风过', '中风')).toBe(false);
    expect(at('他晕过去了', '晕')).toBe(true);
  });
});
