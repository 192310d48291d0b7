import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../../src/domain/catalogue/load.js';

const readSeed = (name: string): unknown => JSON.parse(fs.readFileSync(new URL(`../../../db/seed/${name}`, import.meta.url), 'utf8'));

describe('loadCatalogue', () => {
  const catalogue = loadCatalogue(readSeed('catalogue.json'));
  const items = catalogue.classes.flatMap((c) => c.items);

  it('loads the seed: five classes, at least 45 items, unique codes', () => {
    expect(catalogue.classes.map((c) => c.code)).toEqual(['daily-life', 'policy', 'dispute', 'elderly-care', 'hardship']);
    expect(items.length).toBeGreaterThanOrEqual(45);
    expect(new Set(items.map((i) => i.code)).size).toBe(items.length);
    for (const item of items) expect(item.keywords.length).toBeGreaterThanOrEqual(10);
  });

  it('rejects a duplicated item code, naming it', () => {
    const bad = {
      classes: [
        { code: 'a', name: '甲', items: [{ code: 'haircut', name: '理发', keywords: ['剪头'] }] },
        { code: 'b', name: '乙', items: [{ code: 'haircut', name: '剪发', keywords: ['头发'] }] },
      ],
    };
    expect(() => loadCatalogue(bad)).toThrow(/duplicate item code "haircut"/);
  });

  it('rejects data that does not match the schema', () => {
    expect(() => loadCatalogue({ classes: [] })).toThrow(/Invalid catalogue/);
    expect(() => loadCatalogue({ classes: [{ code: 'a', name: '甲', items: [{ code: 'Bad Code', name: 'x', keywords: ['x'] }] }] })).toThrow(
      /Invalid catalogue/,
    );
  });

  it('rejects a duplicated class code, naming it', () => {
    const bad = {
      classes: [
        { code: 'a', name: '甲', items: [{ code: 'x', name: '理发', keywords: ['剪头'] }] },
        { code: 'a', name: '乙', items: [{ code: 'y', name: '剪发', keywords: ['头发'] }] },
      ],
    };
    expect(() => loadCatalogue(bad)).toThrow(/duplicate class code "a"/);
  });

  it('rejects groups that do not list each item of their class once, naming the class', () => {
    const items = [
      { code: 'x', name: '理发', keywords: ['剪头'] },
      { code: 'y', name: '修鞋', keywords: ['鞋'] },
    ];
    const withGroups = (groups: Array<{ name: string; items: string[] }>) => ({ classes: [{ code: 'a', name: '甲', items, groups }] });
    expect(() => loadCatalogue(withGroups([{ name: '一', items: ['x'] }]))).toThrow(/groups of class "a"/);
    expect(() => loadCatalogue(withGroups([{ name: '一', items: ['x', 'x', 'y'] }]))).toThrow(/groups of class "a"/);
    expect(() => loadCatalogue(withGroups([{ name: '一', items: ['x', 'z'] }]))).toThrow(/groups of class "a"/);
    expect(
      loadCatalogue(
        withGroups([
          { name: '一', items: ['y'] },
          { name: '二', items: ['x'] },
        ]),
      ).classes[0]?.groups,
    ).toHaveLength(2);
  });

  it('rejects a group of more than 8 items', () => {
    const items = Array.from({ length: 9 }, (_, k) => ({ code: `i${k}`, name: `项${k}`, keywords: ['x'] }));
    expect(() => loadCatalogue({ classes: [{ code: 'a', name: '甲', items, groups: [{ name: '一', items: items.map((i) => i.code) }] }] })).toThrow(
      /Invalid catalogue/,
    );
  });
});
