import { describe, expect, it } from 'vitest';
import { detectEmergency } from '../../../../flows/common/safety/index.js';
import { decodeModel, kindProbabilities, MODEL_KINDS, modelGuess, type NgramModel, ngrams } from '../../../../flows/common/safety/model.js';
import { encodeModel, train } from '../../../../scripts/train-model.js';

// === The learned second signal: n-grams, the stored form, and how it joins the rules

/** A model that sees a fire in everything. */
const alwaysFire: NgramModel = { bias: MODEL_KINDS.map((k) => (k === 'fire' ? 10 : 0)), weights: new Map(), threshold: 0.8 };

describe('the n-gram model', () => {
  it('reads Chinese characters (but grammar alone), pairs and triples — no digits', () => {
    expect(ngrams(['我着火了'])).toEqual(expect.arrayContaining(['火', '我着', '着火', '火了', '我着火', '着火了']));
    expect(ngrams(['我着火了'])).not.toContain('我');
    expect(ngrams(['我着火了'])).not.toContain('了');
    expect(ngrams(['我着火了'])).not.toContain('着');
    expect(ngrams(['电话13900002222']).sort()).toEqual(['电', '电话', '话']);
  });

  it('says nothing on an answer too short to describe anything (电话是138…, 姓王), nor a plea', () => {
    const fire = MODEL_KINDS.indexOf('fire');
    const weights = new Map([['电话', MODEL_KINDS.map((_, k) => (k === fire ? 9 : 0))]]);
    const model: NgramModel = { bias: MODEL_KINDS.map(() => 0), weights, threshold: 0.8 };
    expect(modelGuess(model, ['电话是138 1234 5678 姓王'])).toBeNull();
    const plea: NgramModel = { bias: MODEL_KINDS.map((k) => (k === 'plea' ? 10 : 0)), weights: new Map(), threshold: 0.8 };
    expect(modelGuess(plea, ['文昌社区幸福里三幢二单元五零一'])).toBeNull();
  });

  it('learns from labelled lines, and reads the same once stored as bytes', () => {
    const data = [
      ...['厨房着火了', '楼道里着火了', '家里着火了快来'].map((text) => ({ file: 'x', text, kind: 'fire' as const })),
      ...['电视坏了', '水管漏水了', '想找人理发'].map((text) => ({ file: 'x', text, kind: 'calm' as const })),
    ];
    const model = train(data, { minCount: 1, epochs: 30 });
    const stored = decodeModel(encodeModel(model));
    const fire = MODEL_KINDS.indexOf('fire');
    expect(kindProbabilities(model, ['车库着火了'])[fire]).toBeGreaterThan(0.5);
    expect(kindProbabilities(stored, ['车库着火了'])[fire]).toBeCloseTo(kindProbabilities(model, ['车库着火了'])[fire]!, 1);
    expect(kindProbabilities(stored, ['冰箱坏了'])[0]).toBeGreaterThan(0.5);
  });
});

describe('the model beside the rules', () => {
  it('where the rules find nothing it may add the soft line that asks, with its kind’s numbers — never an alert', () => {
    expect(detectEmergency('我在家里坐着', { model: alwaysFire })).toMatchObject({ level: 'watch', services: ['119'], ask: true, words: [] });
    expect(detectEmergency('我在家里坐着', { model: null }).level).toBeNull();
  });

  it('never over the rules, and never inside a frame, a long-standing condition or a scam seen through', () => {
    expect(detectEmergency('我摔倒了', { model: alwaysFire })).toMatchObject({ level: 'urgent', services: ['120'] });
    for (const text of ['电视里说有个老人着火了', '高血压老毛病 想配药', '有人打电话要钱 我挂掉了', '要是家里着火怎么办']) {
      expect(detectEmergency(text, { model: alwaysFire }).level, text).toBeNull();
    }
  });

  it('the shipped model reads a gas smell the rules miss (没气 is a real word, not 煤气; 有没 no smell named)', () => {
    const text = '厨房里有没气味道 老重的 老头子还在困觉';
    expect(detectEmergency(text, { model: null }).level).toBeNull();
    expect(detectEmergency(text)).toMatchObject({ level: 'watch', services: ['119'], ask: true });
  });
});
