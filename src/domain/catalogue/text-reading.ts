import { pinyin } from 'pinyin-pro';
import { plainMandarin } from './colloquial.js';

// === Reading a resident's text for the matcher: the characters that count, clauses, syllables and
// their folded forms, real words (a sound-alike is not read across one) and what is asked for

/** One way to say a keyword: its syllables, and the same folded (zh/z, n/l, -ng/-n). */
export interface Reading {
  syllables: string[];
  folded: string[];
}

const KEPT_CHAR = /[\p{Script=Han}a-z0-9]/u;
export const HAN_ONLY = /^\p{Script=Han}+$/u;
/** Words that introduce what the person asks for. */
const CUES = ['想', '要', '希望', '帮', '请', '麻烦', '找', '能不能', '能否', '可不可以', '有没有', '求'];

/**
 * Words by which a message says something is wrong, wanted or asked: a request has one ("电视坏了",
 * "想配钥匙", "低保怎么申请", "一股味道", "天天这样"); small talk often has none ("刚吃完饭", "我家住六楼").
 * By meaning: broken or bad (坏, 漏, 烂, 翘, 晃, 臭, 屎, 乱, 味道, 霉), something that keeps happening (老是,
 * 天天, 一直, 又), not or none (不, 没, 缺), wanting or asking (想, 要, 帮, 换, 修, 怎么, 吗), worry (怕, 烦,
 * 难, 慌).
 */
const TROUBLE_OR_WANT =
  /[坏堵漏破断裂掉松晃脏臭屎乱吵闹响难病痛疼伤骗丢欠拖翘歪塌烂霉潮跳冒滴黑慌换修吗么呢嘛]|味道|一股味|不|没|无|缺|想|要|帮|请|麻烦|求|找|能不能|可不可以|可以|有没有|怎么|如何|哪里|什么|多少|申请|办|问|咨询|需要|希望|急|该|补|救助|困难|愁|烦|怕|担心|孤单|寂寞|一个人|老是|总是|天天|一直|经常|又/u;

/** Whether the text (as `matchableChars` gives it, joined) says something is wrong, wanted or asked. */
export function saysTroubleOrWant(chars: string): boolean {
  return TROUBLE_OR_WANT.test(chars);
}

/**
 * Splits text into the characters that matter for matching: Han characters and ascii letters
 * and digits, after folding full-width forms and case. Punctuation, spaces and emoji are dropped.
 */
export function matchableChars(text: string): string[] {
  return matchable(text).chars;
}

/**
 * The kept characters and, for each, the number of its clause (punctuation and spaces end a clause).
 * Dialect and colloquial forms are read as plain Mandarin first (`plainMandarin`: 勿 → 不, 屋里厢 → 家里).
 */
export function matchable(text: string): { chars: string[]; clauses: number[] } {
  const chars: string[] = [];
  const clauses: number[] = [];
  let clause = 0;
  let gap = false;
  for (const c of plainMandarin(text.normalize('NFKC').toLowerCase())) {
    if (KEPT_CHAR.test(c)) {
      if (gap && chars.length > 0) clause++;
      gap = false;
      chars.push(c);
      clauses.push(clause);
    } else if (/[\s\p{P}]/u.test(c)) gap = true;
  }
  return { chars, clauses };
}

export function syllablesOf(chars: string[]): string[] | undefined {
  if (chars.length === 0) return undefined;
  const out = pinyin(chars.join(''), { toneType: 'none', type: 'array', v: true });
  return out.length === chars.length ? out : undefined;
}

/** A keyword's readings: the usual one, and each other reading of one of its characters. */
export function readingsOf(chars: string[], readingsOfChar: (c: string) => string[]): Reading[] {
  // Character by character (cached), not the phrase: building the index stays fast, and every
  // other reading is indexed anyway.
  const usual = chars.map((c) => readingsOfChar(c)[0] ?? '');
  if (usual.some((s) => !s)) return [];
  const all = [usual];
  for (const [k, c] of chars.entries()) {
    for (const other of readingsOfChar(c)) {
      if (other !== usual[k]) all.push(usual.map((s, j) => (j === k ? other : s)));
    }
  }
  const seen = new Set<string>();
  return all.flatMap((syllables) => {
    const folded = syllables.map(fold);
    const key = folded.join(' ');
    if (seen.has(key) && syllables !== usual) return [];
    seen.add(key);
    return [{ syllables, folded }];
  });
}

/**
 * Where the real words stand: for each dictionary word in the text, its start and end. A homophone
 * may not be read over a span that is a real word, nor over one that cuts a real word in two.
 */
export function wordSpans(chars: string[], words: ReadonlySet<string>): Array<[number, number]> {
  const text = chars.join('');
  // The character index at each UTF-16 offset (a character beyond the BMP takes two).
  const charAt: number[] = [];
  chars.forEach((c, k) => {
    for (let u = 0; u < c.length; u++) charAt.push(k);
  });
  const spans: Array<[number, number]> = [];
  for (const w of words) {
    const len = Array.from(w).length;
    for (let at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + 1)) {
      const start = charAt[at] ?? 0;
      spans.push([start, start + len]);
    }
  }
  return spans;
}

export function rewritesAWord(spans: Array<[number, number]>, start: number, end: number): boolean {
  return spans.some(([a, b]) => (a === start && b === end) || (a < start && start < b) || (a < end && end < b));
}

/** Folds initials and finals that southern speakers often mix up (zh/z, ch/c, sh/s, n/l, -ng/-n). */
export function fold(syllable: string): string {
  return syllable
    .replace(/^([zcs])h/, '$1')
    .replace(/^n/, 'l')
    .replace(/ng$/, 'n');
}

export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function sameAt(text: readonly string[], at: number, word: readonly string[]): boolean {
  if (at + word.length > text.length) return false;
  for (let k = 0; k < word.length; k++) if (text[at + k] !== word[k]) return false;
  return true;
}

/** For each position: whether a cue word stands before it in the same clause. */
export function askedPositions(chars: string[], clauses: number[]): boolean[] {
  const asked: boolean[] = new Array(chars.length).fill(false);
  let cueClause = -1;
  for (let i = 0; i < chars.length; i++) {
    if (clauses[i] !== cueClause) {
      const cueEndsHere = CUES.some((cue) => i >= cue.length && clauses[i - cue.length] === clauses[i] && sameAt(chars, i - cue.length, Array.from(cue)));
      if (cueEndsHere) cueClause = clauses[i] ?? -1;
    }
    asked[i] = clauses[i] === cueClause;
  }
  return asked;
}
