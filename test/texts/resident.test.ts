import { describe, expect, it } from 'vitest';
import { maskPhone, statusLabel, texts } from '../../src/texts/resident.js';

describe('resident texts with logic in them', () => {
  it('maskPhone: a mobile shows its first three and last four digits; anything else only its last four', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('138 1234-5678')).toBe('138****5678');
    expect(maskPhone('0573-82345678')).toBe('****5678');
    expect(maskPhone('+86 13812345678')).toBe('****5678');
  });

  it('statusLabel: people’s words for a request’s status; an unknown status as it is', () => {
    expect(statusLabel('open')).toBe('等待接单');
    expect(statusLabel('in_progress')).toBe('志愿者服务中');
    expect(statusLabel('archived')).toBe('archived');
  });

  it('the request list: one line per request', () => {
    expect(texts.requestList([{ ticket: '20260601-0001', itemName: '理发', status: 'claimed' }]).split('\n')).toEqual([
      '您最近的求助：',
      '· 20260601-0001 理发（志愿者已接单）',
    ]);
  });

  it('no sentence a person reads is empty', () => {
    for (const [key, value] of Object.entries(texts)) {
      if (typeof value === 'string') expect(value.trim(), key).not.toBe('');
    }
  });
});
