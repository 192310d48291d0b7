import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { seeded } from '../../../src/domain/catalogue/training.js';
import { createTypoMaker } from '../../../src/domain/catalogue/typos.js';
import { dictionaryCut } from '../../../src/domain/catalogue/words.js';

// === Pinyin typos made on purpose for training: same sounds, other characters, the same every time

const texts = ['电视坏了', '店事', '垫子', '试试', '水管漏水', '睡觉', '税务', '冰箱', '兵', '相片', '楼道的灯不亮', '登记', '等一下'];
const sound = (text: string) => pinyin(text, { toneType: 'none', type: 'array', v: true });

describe('createTypoMaker', () => {
  it('types words wrong with characters of the same sound, keeping everything else', () => {
    const maker = createTypoMaker(texts, dictionaryCut, seeded(1));
    const lines = ['电视坏了', '水管漏水', '楼道的灯不亮', '冰箱 123 abc'];
    const typed = Array.from({ length: 30 }, () => lines.map((l) => maker.typo(l))).flat();
    expect(typed.some((t, k) => t !== lines[k % lines.length])).toBe(true);
    typed.forEach((t, k) => {
      const line = lines[k % lines.length]!;
      expect(sound(t)).toEqual(sound(line));
      expect(t.replace(/\p{Script=Han}/gu, '')).toBe(line.replace(/\p{Script=Han}/gu, ''));
    });
  });

  it('gives the same typos for the same seed', () => {
    const a = createTypoMaker(texts, dictionaryCut, seeded(5));
    const b = createTypoMaker(texts, dictionaryCut, seeded(5));
    const lines = Array.from({ length: 20 }, () => '电视坏了 水管漏水');
    expect(lines.map((l) => a.typo(l))).toEqual(lines.map((l) => b.typo(l)));
  });

  it('leaves a word alone when no other character of its sounds is known', () => {
    const maker = createTypoMaker(['你好'], dictionaryCut, () => 0);
    expect(maker.typo('你好')).toBe('你好');
  });
});
