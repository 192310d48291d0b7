import { describe, expect, it } from 'vitest';
import { createCatalogueMatcher } from '../../../src/domain/catalogue/matcher.js';
import { readCatalogueFile } from '../../../src/domain/reference-data.js';
import { currentMisses, everyLabelledLine, type KnownMiss, missKey, readKnownMisses } from '../../fixtures/requests/ratchet.js';

// === The ratchet: a labelled everyday request right today stays right (known misses: known-misses.txt)

const matcher = createCatalogueMatcher(readCatalogueFile());
const describeAll = (misses: KnownMiss[]) => misses.map((m) => `  ${m.file}: ${m.text} → ${m.proposed}`).join('\n');

describe('the ratchet of everyday requests', () => {
  it('no labelled line misses unless it is listed, and every listed line still misses', () => {
    const now = currentMisses(matcher);
    const known = readKnownMisses();
    const knownKeys = new Set(known.map(missKey));
    const nowKeys = new Set(now.map(missKey));
    const newMisses = now.filter((m) => !knownKeys.has(missKey(m)));
    const fixed = known.filter((m) => !nowKeys.has(missKey(m)));
    const how = 'if intended, run `npm run train:requests -- --misses` and review the diff of test/fixtures/requests/known-misses.txt';
    expect(newMisses, `lines right before, wrong now (${how}):\n${describeAll(newMisses)}`).toEqual([]);
    expect(fixed, `listed misses that pass now — take them off the list (${how}):\n${describeAll(fixed)}`).toEqual([]);
  });

  it('lists only lines that exist, each once', () => {
    const lines = new Set(everyLabelledLine().map(missKey));
    const known = readKnownMisses();
    expect(known.filter((m) => !lines.has(missKey(m)))).toEqual([]);
    expect(new Set(known.map(missKey)).size).toBe(known.length);
  });
});
