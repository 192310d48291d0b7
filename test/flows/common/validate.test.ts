import { describe, expect, it } from 'vitest';
import { isMeaningful, isMobile, meaningfulLength, normalizePhone } from '../../../flows/common/validate.js';

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

describe('isMobile', () => {
  it('a mainland mobile as normalizePhone gives it', () => {
    expect(isMobile('13812345678')).toBe(true);
    expect(isMobile(normalizePhone('+86 138 1234 5678'))).toBe(true);
  });
  it.each([[null], ['0573-82345678'], ['12812345678'], ['1381234567'], ['138-1234-5678']])('%j is not', (phone) => {
    expect(isMobile(phone)).toBe(false);
  });
});
