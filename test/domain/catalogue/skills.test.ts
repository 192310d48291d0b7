import { describe, expect, it } from 'vitest';
import { skillFinder } from '../../../src/domain/catalogue/skills.js';
import type { Catalogue } from '../../../src/domain/catalogue/types.js';
import { readCatalogueFile } from '../../../src/domain/reference-data.js';

const catalogue: Catalogue = {
  classes: [
    {
      code: 'daily-life',
      name: '生活求助类',
      items: [
        { code: 'appliance-repair', name: '家电维修', keywords: ['电视'] },
        { code: 'haircut', name: '理发', keywords: ['剪头'] },
      ],
    },
    { code: 'policy', name: '政策咨询类', items: [{ code: 'social-security', name: '社保咨询', keywords: ['社保'] }] },
  ],
};

describe('skillFinder', () => {
  const find = skillFinder(catalogue);

  it('finds a class or an item by its code or its exact name, trimmed', () => {
    expect(find('haircut')).toEqual({ code: 'haircut', name: '理发' });
    expect(find(' 家电维修 ')).toEqual({ code: 'appliance-repair', name: '家电维修' });
    expect(find('policy')).toEqual({ code: 'policy', name: '政策咨询类' });
    expect(find('生活求助类')).toEqual({ code: 'daily-life', name: '生活求助类' });
  });

  it('finds a class without its 类, and by the start of a name of two characters or more', () => {
    expect(find('政策咨询')).toEqual({ code: 'policy', name: '政策咨询类' });
    expect(find('社保')).toEqual({ code: 'social-security', name: '社保咨询' });
    expect(find('家电')).toEqual({ code: 'appliance-repair', name: '家电维修' });
  });

  it('an exact name wins over a name it starts', () => {
    const f = skillFinder({
      classes: [
        {
          code: 'c',
          name: '维修类',
          items: [
            { code: 'long', name: '理发店', keywords: ['x'] },
            { code: 'short', name: '理发', keywords: ['y'] },
          ],
        },
      ],
    });
    expect(f('理发')).toEqual({ code: 'short', name: '理发' });
  });

  it('finds nothing for one character, an unknown word or empty text', () => {
    expect(find('理')).toBeNull();
    expect(find('修自行车')).toBeNull();
    expect(find('')).toBeNull();
    expect(find('   ')).toBeNull();
  });

  it('knows every class and item of the seed catalogue by code and by name', () => {
    const seed = readCatalogueFile();
    const f = skillFinder(seed);
    for (const c of seed.classes) {
      expect(f(c.code)?.code).toBe(c.code);
      expect(f(c.name)?.code).toBe(c.code);
      for (const i of c.items) expect(f(i.code)?.code).toBe(i.code);
    }
  });
});
