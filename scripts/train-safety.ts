// npm run train — builds the data files the emergency recogniser ships (flows/common/safety/*.json):
//   homophones.json  the sounds of the danger words, to read pinyin typos (就护车, 电题, 凶口) as the words;
//   model.json       a character n-gram model trained on every labelled line (bench/heldout.ts measures it).
// Both are derived (from pinyin-pro, jieba's dictionary and the labelled lines), never written by hand.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pinyin } from 'pinyin-pro';

const OUT = new URL('../flows/common/safety/', import.meta.url);

/** The danger words people type by sound. Each is read where its sound is typed with other characters. */
const DANGER_WORDS = [
  '救命',
  '救护车',
  '报警',
  '电梯',
  '煤气',
  '燃气',
  '液化气',
  '着火',
  '冒烟',
  '胸口',
  '心口',
  '心脏',
  '血压',
  '头晕',
  '中风',
  '密码',
  '手机',
  '医保',
  '社保',
  '微信',
  '电瓶车',
  '电视',
  '喘不过气',
  '转账',
  '验证码',
  '摔倒',
  '晕倒',
  '出血',
  '流血',
  '骗子',
  '被骗',
  '小偷',
  '抢劫',
  '噎住',
  '中毒',
  '农药',
  '安眠药',
  '跳楼',
  '自杀',
  '遗书',
  '昏迷',
  '警察',
  '派出所',
  '银行卡',
  '存折',
  '链接',
  '撬门',
  '撬锁',
  '呼吸',
  '抽筋',
  '吐血',
  '昏倒',
  '跌倒',
  '发烧',
  '骨折',
  '烫伤',
  '触电',
  '溺水',
  '走丢',
  '上吊',
  '割腕',
  '叫不醒',
  '没反应',
  '胸闷',
  '心梗',
  '脑梗',
  '冷汗',
  '痴呆',
  '嘴歪',
  '口吐白沫',
  '不想活',
];
/** Everyday words jieba's dictionary lacks that sound like a danger word (找活, looking for work, is not 着火). */
const MORE_REAL = ['找活', '找活儿'];
/** A real word next to a typo must not be cut in two (有点|点事 is not 电视): words at least this frequent. */
const COMMON = 500;

const require = createRequire(import.meta.url);
const dictText = readFileSync(require.resolve('@node-rs/jieba/dict.txt'), 'utf8');
const dict = dictText
  .split('\n')
  .map((line) => line.split(' '))
  .filter((p) => p.length >= 2)
  .map(([word, freq]) => ({ word: word!, freq: Number(freq) }));

const readings = (c: string) => pinyin(c, { toneType: 'none', multiple: true, type: 'array' });
/** A word's syllables as the word is read (着火 is zhao huo, not zhe huo). */
const reading = (word: string) => pinyin(word, { toneType: 'none', type: 'array' });

function homophones() {
  const words = Object.fromEntries(DANGER_WORDS.map((w) => [w, reading(w)]));
  const wanted = new Set(Object.values(words).flat());
  // The characters of the dictionary's words, each under every syllable it may be read as.
  const chars = new Set<string>();
  for (const { word, freq } of dict) if (freq >= 3) for (const c of word) if (/\p{Script=Han}/u.test(c)) chars.add(c);
  const syllables: Record<string, string> = {};
  for (const c of [...chars].sort()) for (const s of readings(c)) if (wanted.has(s) && !syllables[s]?.includes(c)) syllables[s] = (syllables[s] ?? '') + c;
  const sounds = (c: string, s: string) => syllables[s]?.includes(c) ?? false;
  const soundsLike = (span: string, syl: string[]) => [...span].length === syl.length && [...span].every((c, i) => sounds(c, syl[i]!));
  // Real words that sound like a danger word (九名, 抱紧), and common two-character words a typo could cut.
  const first = new Set(Object.values(words).map((s) => s[0]!));
  const last = new Set(Object.values(words).map((s) => s.at(-1)!));
  const real = new Set<string>();
  for (const { word, freq } of dict) {
    if (!DANGER_WORDS.includes(word) && Object.values(words).some((syl) => soundsLike(word, syl))) real.add(word);
    const [a, b] = [...word];
    if (freq >= COMMON && [...word].length === 2 && a && b && (readings(b).some((s) => first.has(s)) || readings(a).some((s) => last.has(s)))) real.add(word);
  }
  for (const word of MORE_REAL) real.add(word);
  return { syllables, words, real: [...real].sort() };
}

const write = (name: string, data: unknown) => writeFileSync(new URL(name, OUT), `${JSON.stringify(data)}\n`);
write('homophones.json', homophones());
process.stdout.write('homophones.json written\n');
if (!process.argv.includes('--homophones-only')) {
  const { trainModel } = await import('./train-model.js');
  const report = trainModel();
  write('model.json', report.model);
  process.stdout.write(`model.json written: ${report.summary}\n`);
}
