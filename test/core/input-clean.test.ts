import { describe, expect, it } from 'vitest';
import { MAX_TEXT_LENGTH, cleanIncoming, cleanText } from '../../src/core/input-clean.js';

describe('cleaning text where it enters', () => {
  it.each([
    ['NUL bytes', '电视\u0000坏了\u0000', '电视坏了'],
    ['other C0 and C1 controls, DEL', 'a\u0001b\u001Bc\u007Fd\u0085e\u009Ff', 'abcdef'],
    ['zero-width spaces inside a number', '138\u200b1234\u200b5678', '13812345678'],
    ['zero-width non-joiner, word joiner, BOM, soft hyphen', '水\u200c管\u2060漏\ufeff水\u00ad', '水管漏水'],
    ['right-to-left override and isolates', '电话\u202e8765\u202c \u2066文昌\u2069', '电话8765 文昌'],
    ['LRM / RLM and the Arabic letter mark', 'a\u200eb\u200fc\u061cd', 'abcd'],
    ['full-width digits and letters (NFKC)', '１３８　Ａ座', '138 A座'],
    ['circled and compatibility digits (NFKC)', '③号楼', '3号楼'],
    ['Windows and old Mac line ends, tabs', 'a\r\nb\rc\td', 'a\nb\nc d'],
    ['a lone high surrogate', 'x\ud800y', 'x\ufffdy'],
    ['a lone low surrogate', 'x\udc00y', 'x\ufffdy'],
    ['noncharacters', 'a\uffffb\ufffec', 'abc'],
  ])('removes or folds %s', (_name, input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it('keeps what people mean: Chinese, emoji, emoji sequences joined with ZWJ, newlines', () => {
    const family = '👨\u200d👩\u200d👧';
    expect(cleanText(`电视坏了😭\n${family} 好的👍🏻`)).toBe(`电视坏了😭\n${family} 好的👍🏻`);
  });

  it('drops a zero-width joiner that joins no emoji', () => {
    expect(cleanText('1\u200d3\u200d8')).toBe('138');
  });

  it('caps very long text without splitting a character in two', () => {
    const long = '😀'.repeat(MAX_TEXT_LENGTH + 50);
    const out = cleanText(long);
    expect([...out]).toHaveLength(MAX_TEXT_LENGTH);
    expect(out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('cleans every person-written field of a message, and makes ids storable without rewriting them', () => {
    const base = { channel: 'test', chatId: 'c\u0000１', userId: 'u１', displayName: '王\u0000阿姨\n\u202e', isGroup: false, messageId: 'm\u0000' };
    const text = cleanIncoming({ ...base, content: { kind: 'text', text: '\u0000漏水' } });
    expect(text).toMatchObject({ chatId: 'c１', userId: 'u１', displayName: '王阿姨', messageId: 'm', content: { kind: 'text', text: '漏水' } });
    expect(cleanIncoming({ ...base, content: { kind: 'media', media: 'photo', ref: 'p\u0000', caption: '看\u0000图' } }).content).toEqual({
      kind: 'media',
      media: 'photo',
      ref: 'p',
      caption: '看图',
    });
    expect(cleanIncoming({ ...base, content: { kind: 'contact', phone: '138\u0000 1234 5678', name: 'A\u0000' } }).content).toEqual({
      kind: 'contact',
      phone: '138 1234 5678',
      name: 'A',
    });
    expect(cleanIncoming({ ...base, content: { kind: 'location', latitude: Number.NaN, longitude: 120.7, label: '文\u0000昌' } }).content).toEqual({
      kind: 'location',
      latitude: 0,
      longitude: 120.7,
      label: '文昌',
    });
    expect(cleanIncoming({ ...base, content: { kind: 'choice', choiceId: 'claim:\u0000x', questionId: 3 } }).content).toEqual({
      kind: 'choice',
      choiceId: 'claim:x',
      questionId: 3,
    });
  });
});
