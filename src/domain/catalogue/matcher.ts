import { pinyin } from 'pinyin-pro';
import type { Catalogue, CatalogueItem, ItemMatch } from './types.js';

/** A catalogue item together with the class it belongs to. */
export type CatalogueItemInfo = CatalogueItem & { classCode: string; className: string };

/** Finds the catalogue items that fit a resident's free-text words. */
export interface CatalogueMatcher {
  /**
   * Items that fit `text`, best first, at most `limit` (default 3); empty when nothing fits.
   * Exact keyword hits count most, homophone hits from pinyin typing less, and hits add up.
   */
  match(text: string, limit?: number): ItemMatch[];
  /** The item with this code, with its class, or `undefined`. */
  item(code: string): CatalogueItemInfo | undefined;
}

interface Keyword {
  item: number;
  chars: string[];
  syllables: string[] | undefined;
  folded: string[] | undefined;
  weight: number;
}

interface Hit {
  item: number;
  start: number;
  end: number;
  score: number;
  exact: boolean;
}

const HOMOPHONE_FACTOR = 0.6;
const FUZZY_FACTOR = 0.4;
const MIN_SCORE = 1.2;
/** Matches scoring under this share of the best one are dropped. */
const RELATIVE_CUTOFF = 0.3;
const KEPT_CHAR = /[\p{Script=Han}a-z0-9]/u;
const HAN_ONLY = /^\p{Script=Han}+$/u;

/**
 * Splits text into the characters that matter for matching: Han characters and ascii letters
 * and digits, after folding full-width forms and case. Punctuation, spaces and emoji are dropped.
 */
export function matchableChars(text: string): string[] {
  return Array.from(text.normalize('NFKC').toLowerCase()).filter((c) => KEPT_CHAR.test(c));
}

function syllablesOf(chars: string[]): string[] | undefined {
  if (chars.length === 0) return undefined;
  const out = pinyin(chars.join(''), { toneType: 'none', type: 'array', v: true });
  return out.length === chars.length ? out : undefined;
}

/** Folds initials and finals that southern speakers often mix up (zh/z, ch/c, sh/s, n/l, -ng/-n). */
function fold(syllable: string): string {
  return syllable
    .replace(/^([zcs])h/, '$1')
    .replace(/^n/, 'l')
    .replace(/ng$/, 'n');
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function sameAt(text: string[], at: number, word: string[]): boolean {
  if (at + word.length > text.length) return false;
  for (let k = 0; k < word.length; k++) if (text[at + k] !== word[k]) return false;
  return true;
}

/**
 * Builds a matcher for `catalogue`. Keyword pinyin and weights are computed once here: a keyword
 * weighs more the longer it is and less the more items share it.
 */
export function createCatalogueMatcher(catalogue: Catalogue): CatalogueMatcher {
  const infos: CatalogueItemInfo[] = [];
  const byCode = new Map<string, CatalogueItemInfo>();
  const itemsOfWord = new Map<string, Set<number>>();
  for (const cls of catalogue.classes) {
    for (const it of cls.items) {
      const info = { ...it, classCode: cls.code, className: cls.name };
      const index = infos.push(info) - 1;
      byCode.set(it.code, info);
      for (const word of [it.name, ...it.keywords]) {
        const key = matchableChars(word).join('');
        if (!key) continue;
        const owners = itemsOfWord.get(key) ?? new Set<number>();
        owners.add(index);
        itemsOfWord.set(key, owners);
      }
    }
  }

  const byFirstChar = new Map<string, Keyword[]>();
  const byFirstSyllable = new Map<string, Keyword[]>();
  let longest = 0;
  for (const [key, owners] of itemsOfWord) {
    const chars = Array.from(key);
    longest = Math.max(longest, chars.length);
    const syllables = chars.length >= 2 && HAN_ONLY.test(key) ? syllablesOf(chars) : undefined;
    const folded = syllables?.map(fold);
    const weight = chars.length ** 1.5 / owners.size;
    for (const item of owners) {
      const kw: Keyword = { item, chars, syllables, folded, weight };
      pushTo(byFirstChar, chars[0] ?? '', kw);
      if (folded?.[0]) pushTo(byFirstSyllable, folded[0], kw);
    }
  }

  function findHits(chars: string[]): Hit[] {
    const hits: Hit[] = [];
    const syllables = byFirstSyllable.size > 0 ? syllablesOf(chars) : undefined;
    const folded = syllables?.map(fold);
    for (let i = 0; i < chars.length; i++) {
      for (const kw of byFirstChar.get(chars[i] ?? '') ?? []) {
        if (sameAt(chars, i, kw.chars)) {
          hits.push({ item: kw.item, start: i, end: i + kw.chars.length, score: kw.weight, exact: true });
        }
      }
      if (!syllables || !folded) continue;
      for (const kw of byFirstSyllable.get(folded[i] ?? '') ?? []) {
        if (!kw.folded || !kw.syllables) continue;
        if (!sameAt(folded, i, kw.folded) || sameAt(chars, i, kw.chars)) continue;
        const factor = sameAt(syllables, i, kw.syllables) ? HOMOPHONE_FACTOR : FUZZY_FACTOR;
        const score = kw.weight * factor;
        hits.push({ item: kw.item, start: i, end: i + kw.chars.length, score, exact: false });
      }
    }
    return hits;
  }

  /** A hit adds nothing inside a hit of its own item, or inside a longer exact hit of another. */
  function isCovered(h: Hit, acceptedAt: Map<number, Hit[]>): boolean {
    for (let start = Math.max(0, h.end - longest); start <= h.start; start++) {
      for (const a of acceptedAt.get(start) ?? []) {
        if (h.end > a.end) continue;
        if (a.item === h.item || (a.exact && a.end - a.start > h.end - h.start)) return true;
      }
    }
    return false;
  }

  function match(text: string, limit = 3): ItemMatch[] {
    const chars = matchableChars(text);
    if (chars.length === 0 || limit <= 0) return [];
    const hits = findHits(chars).sort((a, b) => b.end - b.start - (a.end - a.start) || b.score - a.score);
    const acceptedAt = new Map<number, Hit[]>();
    const scores = new Map<number, number>();
    for (const h of hits) {
      if (isCovered(h, acceptedAt)) continue;
      pushTo(acceptedAt, h.start, h);
      scores.set(h.item, (scores.get(h.item) ?? 0) + h.score);
    }
    const best = Math.max(0, ...scores.values());
    return (
      [...scores]
        // Weak side hits are noise next to a strong one: "摔倒了起不来" should not also propose 劳资纠纷.
        .filter(([, score]) => score >= MIN_SCORE && score >= best * RELATIVE_CUTOFF)
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .slice(0, limit)
        .flatMap(([index, score]) => {
          const info = infos[index];
          if (!info) return [];
          const itemMatch: ItemMatch = {
            itemCode: info.code,
            itemName: info.name,
            classCode: info.classCode,
            score: Math.round(score * 100) / 100,
          };
          return [itemMatch];
        })
    );
  }

  return { match, item: (code) => byCode.get(code) };
}
