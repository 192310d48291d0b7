import { describe, expect, it } from 'vitest';
import { createCatalogueMatcher } from '../../../src/domain/catalogue/matcher.js';
import { readCatalogueFile } from '../../../src/domain/reference-data.js';
import { describeMisses, labelledFiles, measure, parseLabelled, readLabelled } from '../../fixtures/requests/labelled.js';

// === Everyday requests as residents write them (test/fixtures/requests/*.tsv): the first proposal is measured

const catalogue = readCatalogueFile();
const matcher = createCatalogueMatcher(catalogue);
const cases = readLabelled();
const codes = new Set(catalogue.classes.flatMap((c) => c.items.map((i) => i.code)));

describe('labelled everyday requests', () => {
  it('hold at least 300 phrasings, in more than one file, across all five classes', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
    expect(labelledFiles().length).toBeGreaterThan(1);
    const classes = new Set(cases.map((c) => matcher.item(c.expected)?.classCode));
    expect([...classes].sort()).toEqual(catalogue.classes.map((c) => c.code).sort());
  });

  it('label only catalogue items, and each phrasing once', () => {
    const unknown = cases.flatMap((c) => [c.expected, ...c.alternatives].filter((code) => !codes.has(code)).map((code) => `${c.file}:${c.line} ${code}`));
    expect(unknown).toEqual([]);
    const seen = new Map<string, string>();
    const twice = cases.flatMap((c) => {
      const where = `${c.file}:${c.line}`;
      const before = seen.get(c.text);
      seen.set(c.text, where);
      return before ? [`${c.text} (${before}, ${where})`] : [];
    });
    expect(twice).toEqual([]);
  });

  it('the first proposal is the labelled item for at least 95% of them', () => {
    const result = measure(cases, (text) => matcher.match(text).map((m) => m.itemCode));
    const share = result.first / result.total;
    const report = `first proposal right for ${result.first}/${result.total} (${(share * 100).toFixed(1)}%); misses:\n${describeMisses(result.misses)}`;
    if (result.misses.length > 0) console.log(report);
    expect(share, report).toBeGreaterThanOrEqual(0.95);
  });

  it('the misses still get something to choose from: nearly always a proposal, else the classes', () => {
    const result = measure(cases, (text) => matcher.match(text).map((m) => m.itemCode));
    expect(result.none / result.total).toBeLessThan(0.02);
    expect(result.offered / result.total).toBeGreaterThanOrEqual(0.98);
  });
});

describe('the fixture format', () => {
  it('reads text, the item and its alternatives; skips comments and empty lines', () => {
    const parsed = parseLabelled('# a comment\n\n电视坏了\tappliance-repair\n灯泡坏了\twater-electric-repair|errands\r\n', 'x.tsv');
    expect(parsed).toEqual([
      { file: 'x.tsv', line: 3, text: '电视坏了', expected: 'appliance-repair', alternatives: [] },
      { file: 'x.tsv', line: 4, text: '灯泡坏了', expected: 'water-electric-repair', alternatives: ['errands'] },
    ]);
  });

  it('names the line of a malformed phrasing', () => {
    expect(() => parseLabelled('电视坏了 appliance-repair', 'x.tsv')).toThrow('x.tsv line 1');
  });

  it('counts an alternative as right, and nothing proposed as a miss', () => {
    const labelled = parseLabelled('a\tx|y\nb\tx\nc\tx\n');
    const result = measure(labelled, (text) => ({ a: ['y'], b: ['z', 'x'], c: [] })[text] ?? []);
    expect(result).toMatchObject({ total: 3, first: 1, offered: 2, none: 1 });
    expect(result.misses.map((m) => m.request.text)).toEqual(['b', 'c']);
  });
});
