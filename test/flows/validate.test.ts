import { describe, expect, it } from 'vitest';
import { EMERGENCY_WORDS, detectEmergency } from '../../flows/resident.input.js';
import { isMeaningful, meaningfulLength, normalizePhone } from '../../flows/validate.js';

describe('isMeaningful', () => {
  it.each([['电视坏了'], ['ab'], ['12'], ['修理'], ['😀好的😀'], ['a1']])('%j is meaningful', (t) => {
    expect(isMeaningful(t)).toBe(true);
  });
  it.each([['好'], [''], ['   '], ['😀😀😀'], ['！？。'], ['👍 1'], ['~~~'], ['🇨🇳🇨🇳']])('%j is not', (t) => {
    expect(isMeaningful(t)).toBe(false);
  });
  it('counts letters, digits and Chinese characters only', () => {
    expect(meaningfulLength('3幢, 2单元 😀')).toBe(5);
    expect(meaningfulLength('😀😀')).toBe(0);
  });
});

describe('normalizePhone', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['19912345678', '19912345678'],
    [' 138 1234 5678 ', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+8613812345678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['１３８１２３４５６７８', '13812345678'],
    ['13812345678。', '13812345678'],
    ['0573-82345678', '0573-82345678'],
    ['057382345678', '0573-82345678'],
    ['0573 82345678', '0573-82345678'],
    ['(0573)82345678', '0573-82345678'],
    ['（0573）8234567', '0573-8234567'],
    ['010-12345678', '010-12345678'],
    ['021 1234 5678', '021-12345678'],
    ['01012345678', '010-12345678'],
    ['02087654321', '020-87654321'],
    ['电话：13812345678', '13812345678'],
    ['手机 138 1234 5678', '13812345678'],
  ])('%j → %s', (input, phone) => {
    expect(normalizePhone(input)).toBe(phone);
  });

  it.each([
    ['12812345678'],
    ['1381234567'],
    ['138123456789'],
    ['82345678'],
    ['0573-823456'],
    ['573-82345678'],
    ['+1 415 555 0100'],
    ['abc'],
    [''],
    ['电话没有'],
    ['0111-2345678'],
    ['13812345678转5'],
  ])('%j is not a phone number', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });
});

describe('detectEmergency', () => {
  it.each([
    ['我摔倒了', ['摔倒'], ['120']],
    ['老伴晕倒了', ['晕倒'], ['120']],
    ['他昏迷了', ['昏迷'], ['120']],
    ['胸痛得厉害', ['胸痛'], ['120']],
    ['喘不上气', ['喘不上气'], ['120']],
    ['孩子高烧不退', ['高烧不退'], ['120']],
    ['家里着火了', ['着火'], ['119']],
    ['煤气泄漏', ['煤气泄漏'], ['119']],
    ['救命', ['救命'], ['120', '119', '110']],
    ['救命！着火了', ['着火', '救命'], ['119', '110']],
    ['有人闯入我家', ['有人闯入'], ['110']],
    ['着火了，有人晕倒', ['晕倒', '着火'], ['120', '119']],
  ])('%j → words %j, services %j', (text, words, services) => {
    expect(detectEmergency(text)).toEqual({ words, services });
  });

  it('reads full-width and spaced text', () => {
    expect(detectEmergency(' 我 摔 倒 了 ').services).toEqual(['120']);
  });

  it.each([['电视坏了'], ['水管漏水'], ['火车票怎么买'], ['']])('%j is no emergency', (text) => {
    expect(detectEmergency(text)).toEqual({ words: [], services: [] });
  });

  it('every word names a known service', () => {
    for (const [word, service] of EMERGENCY_WORDS) {
      expect(['120', '119', '110']).toContain(service);
      expect(detectEmergency(`快来，${word}了`).words).toContain(word);
    }
  });
});
