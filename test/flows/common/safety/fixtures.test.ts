import { describe, expect, it } from 'vitest';
import { detectEmergency } from '../../../../flows/common/safety/index.js';
import {
  CATEGORIES,
  dangerFiles,
  describeDangerMisses,
  describeFigures,
  fromHeldout,
  measureSafety,
  parseDangers,
  readDangers,
} from '../../../fixtures/emergencies/labelled.js';

// The labelled set (test/fixtures/emergencies/*.tsv): every emergency recognised with the right numbers,
// no false alarm on the calm set, every watch line softly. A miss found later becomes a new line there.
// The held-out batches tuned on (heldout-*.tsv) are read as they were scored and kept by ratchet.test.ts.

describe('emergency recognition on the labelled phrasings', () => {
  const cases = readDangers();
  const figures = measureSafety(
    cases.filter((c) => !fromHeldout(c)),
    detectEmergency,
  );
  process.stdout.write(`safety fixtures:\n  ${describeFigures(figures).join('\n  ')}\n`);

  it('holds at least 200 emergencies (≥ 15 per category) and 100 calm phrasings, each text once', () => {
    expect(figures.urgentTotal).toBeGreaterThanOrEqual(200);
    for (const c of ['medical', 'fire', 'police', 'plea'] as const) expect(figures.byCategory[c].total, c).toBeGreaterThanOrEqual(15);
    expect(figures.byCategory.calm.total).toBeGreaterThanOrEqual(100);
    expect(figures.byCategory.watch.total).toBeGreaterThan(0);
    const texts = cases.map((c) => c.text);
    expect(texts.filter((t, i) => texts.indexOf(t) !== i)).toEqual([]);
  });

  it('100 % recall on emergencies, with the right numbers; no false alarm; every watch line softly', () => {
    expect(describeDangerMisses(figures.misses)).toBe('');
    for (const c of CATEGORIES) expect(figures.byCategory[c].right, c).toBe(figures.byCategory[c].total);
  });

  it('the loader reads levels and numbers, and refuses a bad line', () => {
    expect(parseDangers('# x\n救命\turgent 120+119+110\n头晕\twatch 120\n电视坏了\tcalm\n')).toMatchObject([
      { text: '救命', level: 'urgent', services: ['120', '119', '110'], category: 'plea', line: 2 },
      { text: '头晕', level: 'watch', services: ['120'], category: 'watch' },
      { text: '电视坏了', level: null, services: [], category: 'calm' },
    ]);
    expect(() => parseDangers('着火\turgent 999')).toThrow(/line 1/);
    expect(dangerFiles()).toContain('calm.tsv');
  });
});
