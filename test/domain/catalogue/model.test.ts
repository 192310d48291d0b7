import { describe, expect, it } from 'vitest';
import { LONG_MS } from '../../support/patience.js';
import { createCatalogueMatcher, MODEL_FLOOR, MODEL_WEIGHT } from '../../../src/domain/catalogue/matcher.js';
import { featuresOf, loadRequestModel, NOTHING, shippedRequestModel } from '../../../src/domain/catalogue/model.js';
import { trainRequestModel } from '../../../src/domain/catalogue/training.js';
import type { Catalogue } from '../../../src/domain/catalogue/types.js';
import { readCatalogueFile } from '../../../src/domain/reference-data.js';
import { KEYWORD_WEIGHT, readNothing, TYPO_WEIGHT, trainingSet } from '../../../scripts/train-requests.js';
import { readLabelled } from '../../fixtures/requests/labelled.js';

// === The learned second signal: its features, its file, its training, and what it adds to the rules

const catalogue = readCatalogueFile();

describe('features', () => {
  it('characters and pairs after the colloquial reading, and pairs of folded syllables', () => {
    const f = featuresOf('冰箱勿冷了');
    expect(f).toContain('冰箱');
    expect(f).toContain('不冷');
    expect(f).not.toContain('勿冷');
    // A pinyin typo shares its sound pair with the word it stands for.
    expect(featuresOf('店事坏了')).toContain(featuresOf('电视').find((x) => x.includes(' ')));
  });

  it('a character of grammar is no feature alone, only in its pairs: 丢给我 teaches 给我, not 我 or 给', () => {
    const f = featuresOf('丢给我');
    expect(f).toContain('丢');
    expect(f).toContain('给我');
    expect(f).not.toContain('我');
    expect(f).not.toContain('给');
  });

  it('greetings, thanks and fillers are no features (小同志你好 …)', () => {
    expect(featuresOf('谢谢小同志，水泵坏了')).toEqual(featuresOf('水泵坏了'));
  });
});

describe('the model file', () => {
  it('is trained on what is labelled today (else: npm run train:requests)', () => {
    const model = shippedRequestModel();
    expect(model, 'db/seed/requests-model.json is missing: npm run train:requests').not.toBeNull();
    expect(model!.inputs, 'the fixtures, nothing.txt or the catalogue changed since training: npm run train:requests').toBe(trainingSet(catalogue).inputs);
    expect(model!.codes).toContain(NOTHING);
  });

  it('is refused when malformed, naming the problem', () => {
    expect(() => loadRequestModel({ version: 1, inputs: '', codes: [], weights: {} })).toThrow(/Invalid request model/);
    expect(() => loadRequestModel({ version: 2, inputs: '', codes: ['tv'], weights: { 电视: '0:1.5 3:2' } })).toThrow(/"电视" weighs code 3/);
    expect(() => loadRequestModel({ version: 2, inputs: '', codes: ['tv'], weights: { 电视: 1 } })).toThrow(/not a string/);
    expect(
      loadRequestModel({ version: 2, inputs: '', codes: ['tv', 'pipe'], weights: { 电视: '0:3' } })
        .probabilities('电视')
        .get('tv'),
    ).toBeGreaterThan(0.9);
  });
});

describe('training', () => {
  const docs = [
    ['电视坏了', 'tv'],
    ['电视没图像', 'tv'],
    ['水管漏水', 'pipe'],
    ['水管爆了', 'pipe'],
    ['你好', NOTHING],
  ] as const;
  const codes = ['tv', 'pipe', NOTHING];

  it('learns the labelled words, and is the same file twice', () => {
    const file = trainRequestModel(docs, codes, 'x');
    expect(trainRequestModel(docs, codes, 'x')).toEqual(file);
    const model = loadRequestModel(file);
    const p = model.probabilities('电视又坏了');
    expect([...p.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(p.get('tv')).toBeGreaterThan(0.5);
    expect(model.probabilities('水管漏了').get('pipe')).toBeGreaterThan(0.5);
  });

  it('a document with a weight teaches that share of what it would', () => {
    const light = loadRequestModel(trainRequestModel([...docs, ['显像管', 'pipe', 0.05]], codes, 'x'));
    const heavy = loadRequestModel(trainRequestModel([...docs, ['显像管', 'pipe', 1]], codes, 'x'));
    expect(light.probabilities('显像管').get('pipe')).toBeLessThan(heavy.probabilities('显像管').get('pipe')!);
  });

  it('refuses a code it does not know', () => {
    expect(() => trainRequestModel([['电视', 'radio']], codes, 'x')).toThrow(/unknown code "radio"/);
  });
});

describe('the training set', () => {
  const { docs } = trainingSet(catalogue);
  const labelled = readLabelled();

  it('every labelled phrasing, and a copy typed wrong by pinyin that teaches half as much', () => {
    const full = docs.filter((d) => d[2] === undefined && d[1] !== NOTHING);
    expect(full).toHaveLength(labelled.length);
    const typed = docs.filter((d) => d[2] === TYPO_WEIGHT);
    expect(typed).toHaveLength(labelled.length);
    // Some copies differ, and a copy keeps its phrasing's length and code.
    expect(typed.filter((d, k) => d[0] !== full[k]![0]).length).toBeGreaterThan(labelled.length / 4);
    typed.forEach((d, k) => {
      expect(d[1]).toBe(full[k]![1]);
      expect(d[0].length).toBe(full[k]![0].length);
    });
  });

  it('keywords teach less than phrasings: a word is not a message', () => {
    const keywords = docs.filter((d) => d[2] === KEYWORD_WEIGHT);
    expect(keywords.length).toBeGreaterThan(2000);
    expect(KEYWORD_WEIGHT).toBeLessThan(1);
  });
});

describe('the rules and the model together', () => {
  const small: Catalogue = {
    classes: [
      {
        code: 'c',
        name: '类',
        items: [
          { code: 'tv', name: '家电维修', keywords: ['电视'] },
          { code: 'pipe', name: '水电维修', keywords: ['水管'] },
        ],
      },
    ],
  };
  const model = loadRequestModel(
    trainRequestModel(
      [
        ['电视坏了', 'tv'],
        ['显像管坏了没图像', 'tv'],
        ['没图像了', 'tv'],
        ['水管漏水', 'pipe'],
        ['龙头滴水', 'pipe'],
        ['你好', NOTHING],
        ['谢谢', NOTHING],
      ],
      ['tv', 'pipe', NOTHING],
      'x',
      { epochs: 60 },
    ),
  );
  const m = createCatalogueMatcher(small, { model });
  const rules = createCatalogueMatcher(small, { model: null });

  it('an item no keyword names is proposed from the model alone, marked as learned', () => {
    expect(rules.match('屏幕没图像了怎么办')).toEqual([]);
    const [only] = m.match('屏幕没图像了怎么办');
    expect(only).toMatchObject({ itemCode: 'tv', learned: true });
    expect(only!.score).toBeGreaterThanOrEqual(MODEL_WEIGHT * MODEL_FLOOR);
  });

  it('what the rules found is strengthened, never marked as learned', () => {
    const [top] = m.match('电视没图像');
    expect(top).toMatchObject({ itemCode: 'tv' });
    expect(top!.learned).toBeUndefined();
    expect(top!.score).toBeGreaterThan(rules.match('电视没图像')[0]!.score);
  });

  it('small talk (no word of trouble or want) gets no guess from the model', () => {
    expect(m.match('屏幕上在放图像')).toEqual([]);
  });

  it('on the seed catalogue: the messages that ask for nothing get no proposal', () => {
    const full = createCatalogueMatcher(catalogue);
    expect(readNothing().filter((t) => full.match(t).length > 0)).toEqual([]);
  });

  it('on the seed catalogue: the model adds what the rules alone miss', { timeout: LONG_MS }, () => {
    const full = createCatalogueMatcher(catalogue);
    const alone = createCatalogueMatcher(catalogue, { model: null });
    const cases = readLabelled();
    const right = (mm: typeof full) => cases.filter((c) => [c.expected, ...c.alternatives].includes(mm.match(c.text)[0]?.itemCode ?? '')).length;
    expect(right(full)).toBeGreaterThan(right(alone));
  });
});
