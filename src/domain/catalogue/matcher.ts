import { pinyin } from 'pinyin-pro';
import { compileFrames, type FrameHit } from './frames.js';
import { NOTHING, type RequestModel, shippedRequestModel } from './model.js';
import type { Catalogue, CatalogueItem, ItemMatch } from './types.js';
import {
  askedPositions,
  fold,
  HAN_ONLY,
  matchable,
  matchableChars,
  pushTo,
  type Reading,
  readingsOf,
  rewritesAWord,
  saysTroubleOrWant,
  sameAt,
  syllablesOf,
  wordSpans,
} from './text-reading.js';
import { dictionaryWords, type WordFinder } from './words.js';

/** A catalogue item together with the class it belongs to. */
export type CatalogueItemInfo = CatalogueItem & { classCode: string; className: string };

/** Finds the catalogue items that fit a resident's free-text words. */
export interface CatalogueMatcher {
  /**
   * Items that fit `text`, best first, at most `limit` (default 3); empty when nothing fits. One item
   * when it clearly wins; the close runners-up beside it when it does not. Exact keyword hits count
   * most, homophone hits from pinyin typing less (never where the text has a real word), and hits add up.
   */
  match(text: string, limit?: number): ItemMatch[];
  /** The item with this code, with its class, or `undefined`. */
  item(code: string): CatalogueItemInfo | undefined;
}

export interface MatcherOptions {
  /** The real words in a text: a homophone is not read where one stands. Default: jieba's dictionary. */
  words?: WordFinder;
  /** The learned second signal (model.ts); default the shipped one, `null` for the rules alone. */
  model?: RequestModel | null;
  /** How much the model counts (default MODEL_WEIGHT, MODEL_FLOOR): for measuring other settings. */
  modelWeight?: number;
  modelFloor?: number;
}

interface Keyword {
  item: number;
  chars: string[];
  /** The usual reading first, then one per other reading of a polyphonic character (空调: kong tiao, kong diao). */
  readings: Reading[];
  weight: number;
  context: boolean;
}

interface Hit {
  item: number;
  start: number;
  end: number;
  score: number;
  exact: boolean;
  /** A situation word: it counts CONTEXT_FACTOR of its weight, unless nothing else was found. */
  context: boolean;
}

const HOMOPHONE_FACTOR = 0.6;
const FUZZY_FACTOR = 0.4;
/** A situation word (the item's `context`) counts this share of a keyword. */
const CONTEXT_FACTOR = 0.3;
/** A hit after 想 / 要 / 帮 / 请 … in its clause names what is asked for: it counts more. */
const ASKED_FACTOR = 1.5;
/** Earlier words count a little more: the first problem named is usually the main one. */
const FIRST_BONUS = 0.25;
const MIN_SCORE = 1.2;
/** A runner-up is offered beside the best only when it scores at least this share of it. */
const CLOSE_SHARE = 0.6;
/** The learned model's probability for an item counts this many points (a sure 1.0: about a seven-character keyword). */
export const MODEL_WEIGHT = 20;
/** An item the rules did not find is added only when the model gives it at least this probability. */
export const MODEL_FLOOR = 0.6;

/**
 * Builds a matcher for `catalogue`. Keyword pinyin and weights are computed once here: a keyword
 * weighs more the longer it is and less the more items share it.
 */
export function createCatalogueMatcher(catalogue: Catalogue, options: MatcherOptions = {}): CatalogueMatcher {
  const words = options.words ?? dictionaryWords;
  const model = options.model === undefined ? shippedRequestModel() : options.model;
  const { modelWeight = MODEL_WEIGHT, modelFloor = MODEL_FLOOR } = options;
  const infos: CatalogueItemInfo[] = [];
  const byCode = new Map<string, CatalogueItemInfo>();
  const indexOf = new Map<string, number>();
  /** keyword → item index → factor (1 for a keyword, CONTEXT_FACTOR for a situation word). */
  const itemsOfWord = new Map<string, Map<number, number>>();
  const addWord = (word: string, index: number, factor: number) => {
    const key = matchableChars(word).join('');
    if (!key) return;
    const owners = itemsOfWord.get(key) ?? new Map<number, number>();
    owners.set(index, Math.max(owners.get(index) ?? 0, factor));
    itemsOfWord.set(key, owners);
  };
  for (const cls of catalogue.classes) {
    for (const it of cls.items) {
      const info = { ...it, classCode: cls.code, className: cls.name };
      const index = infos.push(info) - 1;
      byCode.set(it.code, info);
      indexOf.set(it.code, index);
      for (const word of [it.name, ...it.keywords]) addWord(word, index, 1);
      for (const word of it.context ?? []) addWord(word, index, CONTEXT_FACTOR);
    }
  }

  const frames = compileFrames(catalogue);
  const charReadings = new Map<string, string[]>();
  const readingsOfChar = (c: string) => {
    let r = charReadings.get(c);
    if (!r) charReadings.set(c, (r = pinyin(c, { toneType: 'none', type: 'array', v: true, multiple: true })));
    return r;
  };
  const byFirstChar = new Map<string, Keyword[]>();
  const byFirstSyllable = new Map<string, Keyword[]>();
  let longest = 0;
  for (const [key, owners] of itemsOfWord) {
    const chars = Array.from(key);
    longest = Math.max(longest, chars.length);
    const readings = chars.length >= 2 && HAN_ONLY.test(key) ? readingsOf(chars, readingsOfChar) : [];
    for (const [item, factor] of owners) {
      const context = factor < 1;
      const kw: Keyword = { item, chars, readings, weight: chars.length ** 1.5 / owners.size, context };
      pushTo(byFirstChar, chars[0] ?? '', kw);
      for (const first of new Set(readings.map((r) => r.folded[0] ?? ''))) pushTo(byFirstSyllable, first, kw);
    }
  }

  /** Hits of keywords; a keyword never spans two clauses (不管，我老了 is not 不管我). */
  function findHits(chars: string[], clauses: number[]): Hit[] {
    const hits: Hit[] = [];
    const oneClause = (start: number, end: number) => clauses[start] === clauses[end - 1];
    const syllables = byFirstSyllable.size > 0 ? syllablesOf(chars) : undefined;
    const folded = syllables?.map(fold);
    let real: Array<[number, number]> | undefined;
    for (let i = 0; i < chars.length; i++) {
      for (const kw of byFirstChar.get(chars[i] ?? '') ?? []) {
        if (sameAt(chars, i, kw.chars) && oneClause(i, i + kw.chars.length)) {
          hits.push({ item: kw.item, start: i, end: i + kw.chars.length, score: kw.weight, exact: true, context: kw.context });
        }
      }
      if (!syllables || !folded) continue;
      for (const kw of byFirstSyllable.get(folded[i] ?? '') ?? []) {
        if (sameAt(chars, i, kw.chars)) continue;
        const readings = kw.readings.filter((r) => sameAt(folded, i, r.folded));
        if (readings.length === 0) continue;
        const end = i + kw.chars.length;
        if (!oneClause(i, end)) continue;
        // Exact words win: 老伴 is a word, so it is never read as 老板; nor 当兵现在 as 冰箱.
        real ??= wordSpans(chars, words(chars.join('')));
        if (rewritesAWord(real, i, end)) continue;
        const factor = readings.some((r) => sameAt(syllables, i, r.syllables)) ? HOMOPHONE_FACTOR : FUZZY_FACTOR;
        hits.push({ item: kw.item, start: i, end, score: kw.weight * factor, exact: false, context: kw.context });
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

  /** For each of the model's codes, the catalogue item it stands for (-1: NOTHING or unknown here). */
  const itemOfCode = model?.codes.map((code) => indexOf.get(code) ?? -1) ?? [];
  const nothingAt = model?.codes.indexOf(NOTHING) ?? -1;

  /**
   * The model's word: each item's probability adds up to MODEL_WEIGHT points to what the rules found;
   * an item they did not find needs MODEL_FLOOR, and nothing is added when "asks for nothing" is likeliest.
   */
  function addModelScores(chars: string[], scores: Map<number, number>, learned: Set<number>): void {
    if (!model) return;
    const probabilities = model.probabilitiesOf(chars);
    const nothing = probabilities[nothingAt] ?? 0;
    // Small talk has no word of trouble or want: the model's guess at it is not proposed.
    const says = saysTroubleOrWant(chars.join(''));
    probabilities.forEach((p, k) => {
      const index = itemOfCode[k] ?? -1;
      if (index < 0) return;
      const found = scores.get(index);
      if (found !== undefined) scores.set(index, found + modelWeight * p);
      else if (says && p >= modelFloor && p > nothing) {
        scores.set(index, modelWeight * p);
        learned.add(index);
      }
    });
  }

  /**
   * What a frame adds: the weight of a keyword as long as its words together, less what the item's own
   * keywords already counted of them.
   */
  function frameScore(f: FrameHit, accepted: readonly Hit[]): number {
    let length = 0;
    let counted = 0;
    for (const [start, end] of f.parts) {
      const overlapping = accepted.filter((h) => !h.context && h.start < end && start < h.end);
      length += end - start;
      if (overlapping.some((h) => h.item === f.item)) counted += (end - start) ** 1.5;
    }
    return Math.max(0, length ** 1.5 - counted);
  }

  function match(text: string, limit = 3): ItemMatch[] {
    const { chars, clauses } = matchable(text);
    if (chars.length === 0 || limit <= 0) return [];
    const asked = askedPositions(chars, clauses);
    const hits = findHits(chars, clauses).sort((a, b) => b.end - b.start - (a.end - a.start) || b.score - a.score);
    const acceptedAt = new Map<number, Hit[]>();
    const accepted: Hit[] = [];
    for (const h of hits) {
      if (isCovered(h, acceptedAt)) continue;
      pushTo(acceptedAt, h.start, h);
      accepted.push(h);
    }
    // Frames are weighed against the keywords found, not against each other.
    // A frame word inside a longer keyword of another item does not count (防盗门 in 防盗门锁坏了 is the lock's).
    const fits = (item: number, start: number, end: number) =>
      !accepted.some((h) => !h.context && h.item !== item && h.exact && h.end - h.start > end - start && h.start < end && start < h.end);
    const framed = frames.find(chars, fits).map((f) => ({ f, score: frameScore(f, accepted) }));
    for (const { f, score } of framed) if (score > 0) accepted.push({ item: f.item, start: f.start, end: f.end, score, exact: true, context: false });
    // Situation words decide only when nothing names a need: "一个人住 睡不着" is still heard.
    const contextFactor = accepted.some((h) => !h.context) ? CONTEXT_FACTOR : 1;
    const scores = new Map<number, number>();
    for (const h of accepted) {
      const boost = (asked[h.start] ? ASKED_FACTOR : 1) * (1 + FIRST_BONUS * (1 - h.start / chars.length)) * (h.context ? contextFactor : 1);
      scores.set(h.item, (scores.get(h.item) ?? 0) + h.score * boost);
    }
    const learned = new Set<number>();
    addModelScores(chars, scores, learned);
    const best = Math.max(0, ...scores.values());
    return (
      [...scores]
        // Weak side hits are noise next to a strong one: "摔倒了起不来" should not also propose 劳资纠纷.
        .filter(([, score]) => score >= MIN_SCORE && score >= best * CLOSE_SHARE)
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
            ...(learned.has(index) ? { learned: true as const } : {}),
          };
          return [itemMatch];
        })
    );
  }

  return { match, item: (code) => byCode.get(code) };
}
