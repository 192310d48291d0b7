import { describe, expect, it } from 'vitest';
import { clausesOf, SIGNS } from '../../../../flows/common/safety/index.js';
import { readDangers } from '../../../fixtures/emergencies/labelled.js';

// The signs of medical.ts, fire-police.ts and watch.ts, as data: well formed, and each one used.

describe('the signs', () => {
  it('name a category and known numbers, and hold no stateful (g/y) patterns', () => {
    for (const sign of SIGNS) {
      expect(['medical', 'fire', 'police', 'plea']).toContain(sign.category);
      for (const s of sign.services) expect(['120', '119', '110', '96110']).toContain(s);
      if (sign.category !== 'plea') expect(sign.services.length, sign.re.source).toBeGreaterThan(0);
      for (const re of [sign.re, sign.when, sign.unless, sign.unlessBefore, sign.unlessSaid, sign.softBefore, sign.calmedBy]) {
        if (re) expect(re.flags, re.source).not.toMatch(/[gy]/);
      }
    }
  });

  it('each is met by at least one labelled phrasing (no dead rule)', () => {
    const texts = readDangers().map((c) => clausesOf(c.text).join('，'));
    const unused = SIGNS.filter((sign) => !texts.some((t) => sign.re.test(t))).map((s) => s.re.source.slice(0, 40));
    expect(unused).toEqual([]);
  });
});
