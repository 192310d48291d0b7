import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readPhone } from '../../../flows/common/phone.js';
import { detectEmergency } from '../../../flows/common/safety/index.js';

// === Phones as residents write them: the fixture list, one case a line

const rows = readFileSync(new URL('../../fixtures/phones/phrasings.tsv', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => l.split('\t') as [string, string, string]);

describe('readPhone', () => {
  it('the fixture list has readable and unreadable lines', () => {
    expect(rows.filter((r) => r[1] !== '-').length).toBeGreaterThanOrEqual(20);
    expect(rows.filter((r) => r[1] === '-').length).toBeGreaterThanOrEqual(5);
  });

  it.each(rows)('%j → %s (%s)', (text, phone, whose) => {
    const read = readPhone(text, '0573');
    if (phone === '-') expect(read).toBeNull();
    else expect(read).toEqual({ phone, whose: whose === '-' ? null : whose });
  });

  it('no phrasing of a number is read as danger (打我女儿的 一三九… is a call, not a blow)', () => {
    const alarmed = rows.filter(([text]) => detectEmergency(text).level !== null).map(([text]) => text);
    expect(alarmed).toEqual([]);
  });

  it('a local number takes the configured area code', () => {
    expect(readPhone('82345678', '0571')?.phone).toBe('0571-82345678');
  });

  it('very long or odd text does not throw', () => {
    expect(readPhone('😀'.repeat(500) + '1'.repeat(2000), '0573')).toBeNull();
    expect(readPhone('', '0573')).toBeNull();
  });
});
