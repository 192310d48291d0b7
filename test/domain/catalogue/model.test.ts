import { describe, expect, it } from 'vitest';
import { createCatalogueMatcher, MODEL_FLOOR } from '../../../src/domain/catalogue/matcher.js';
import { featuresOf, loadRequestModel, NOTHING, shippedRequestModel } from '../../../src/domain/catalogue/model.js';
import { trainRequestModel } from '../../../src/domain/catalogue/training.js';
import type { Catalogue } from '../../../src/domain/catalogue/types.js';
import { readCatalogueFile } from '../../../src/domain/reference-data.js';
import { readNothing, trainingSet } from '../../../scripts/train-requests.js';
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
});

describe('the model file', () => {
  it('is trained on what is labelled today (else: npm run train:requests)', () => {
    const model = shippedRequestModel();
    expect(model, 'db/seed/requests-model.json is missing: npm run train:requests').not.toBeNull();
    expect(model!.inputs, 'the fixtures, nothing.txt or the catalogue changed since training: npm run train:requests').toBe(trainingSet(catalogue).inputs);
    expect(model!.codes).toContain(NOTHING);
  });

  it('is refused when malformed, naming the problem', () => {
    expect(() => loadRequestModel({ version: 2, inputs: '', codes: [], weights: {} })).toThrow(/Invalid request model/);
    expect(() => loadRequestModel({ version: 1, inputs: '', codes: ['tv'], weights: { 电视: '0:1.5 3:2' } })).toThrow(/"电视" weighs code 3/);
    expect(() => loadRequestModel({ version: 1, inputs: '', codes: ['tv'], weights: { 电视: 1 } })).toThrow(/not a string/);
    expect(
      loadRequestModel({ version: 1, inputs: '', codes: ['tv', 'pipe'], weights: { 电视: '0:3' } })
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

  it('refuses a code it does not know', () => {
    expect(() => trainRequestModel([['电视', 'radio']], codes, 'x')).toThrow(/unknown code "radio"/);
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
    expect(only!.score).toBeGreaterThanOrEqual(10 * MODEL_FLOOR);
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

  it('on the seed catalogue: the model adds what the rules alone miss', () => {
    const full = createCatalogueMatcher(catalogue);
    const alone = createCatalogueMatcher(catalogue, { model: null });
    const cases = readLabelled();
    const right = (mm: typeof full) => cases.filter((c) => [c.expected, ...c.alternatives].includes(mm.match(c.text)[0]?.itemCode ?? '')).length;
    expect(right(full)).toBeGreaterThan(right(alone));
  });
});
