import { describe, expect, it } from 'vitest';
import { splitProblems } from '../../../flows/common/problems.js';
import { readLabelled } from '../../fixtures/requests/labelled.js';
import { referenceDeps } from '../harness.js';

// === Several problems in one message, on the real catalogue

const match = (t: string) => referenceDeps.matchItems(t);

describe('splitProblems', () => {
  it.each([
    ['灯泡坏了 马桶也堵了', ['灯泡坏了', '马桶也堵了']],
    ['灯泡坏了，马桶堵了', ['灯泡坏了', '马桶堵了']],
    ['电视坏了水管也漏了先修电视吧', ['电视坏了，先修电视吧', '水管也漏了']],
  ])('%j → %j', (text, problems) => {
    expect(splitProblems(text, match)).toEqual(problems);
  });

  it.each([
    ['电视坏了，没有图像'],
    ['厨房灯不亮了换了灯泡也不亮'],
    ['我一个人住，腿脚不方便，想有人送饭'],
    ['轮椅的轮子坏了 推不动'],
    ['送水的不送上楼 能帮我扛一桶上来吗'],
    ['东家要去养老院了 我想再找个住家保姆的活'],
    [''],
  ])('%j is one problem', (text) => {
    expect(splitProblems(text, match)).toEqual([text.trim()]);
  });

  it('splits few of the labelled everyday phrasings, and keeps the labelled item first', () => {
    const split = readLabelled().filter((r) => splitProblems(r.text, match).length > 1);
    expect(split.length).toBeLessThanOrEqual(10);
    for (const r of split) {
      const first = match(splitProblems(r.text, match)[0]!)[0]?.itemCode;
      expect([r.expected, ...r.alternatives]).toContain(first);
    }
  });
});
