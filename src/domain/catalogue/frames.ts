import type { Catalogue } from './types.js';
import { matchableChars, pushTo, sameAt } from './text-reading.js';

// === Frames: a need said by words that stand apart, one of each family (房东 … 不肯修 → 租房纠纷;
// 楼道 … 充电 → 消防安全隐患; 搬 … 床 → 搬运帮忙). A family lists meanings, not phrasings: who or
// where, and what is wrong or wanted. Each frame is heard once, near the start of its first word.

/** Its words must stand within this many characters, first to last: one sentence, not the whole message. */
const SPAN = 16;

/** A frame found in a text, for the matcher to score like a keyword of its words' length. */
export interface FrameHit {
  item: number;
  start: number;
  end: number;
  /** Where each of its words stands (start, end). */
  parts: Array<[number, number]>;
}

interface Frame {
  item: number;
  /** How many families it has: one word of each must be found. */
  families: number;
}

/** Whether a word of a frame of `item` may stand at [start, end) (the matcher: not inside a longer keyword of another item). */
export type FrameWordFits = (item: number, start: number, end: number) => boolean;

/**
 * The catalogue's frames, in the items' order (`itemIndex` numbers the items as the matcher does). `fits`
 * leaves out the places a word may not stand, so that another word of its family can be taken instead
 * (楼道 … 充电动车: 充电 cuts 电动车, the thing of the same frame).
 */
export function compileFrames(catalogue: Catalogue): { find(chars: readonly string[], fits?: FrameWordFits): FrameHit[] } {
  const frames: Frame[] = [];
  /** Every frame word by its first character: which frame and family it belongs to. */
  const byFirst = new Map<string, Array<{ frame: number; family: number; chars: string[] }>>();
  let item = 0;
  for (const cls of catalogue.classes) {
    for (const it of cls.items) {
      for (const families of it.frames ?? []) {
        const frame = frames.push({ item, families: families.length }) - 1;
        families.forEach((words, family) => {
          for (const w of new Set(words.map((x) => matchableChars(x).join('')).filter(Boolean))) {
            const chars = Array.from(w);
            pushTo(byFirst, chars[0]!, { frame, family, chars });
          }
        });
      }
      item++;
    }
  }
  return {
    find(chars, fits = () => true) {
      if (frames.length === 0) return [];
      // One pass over the text: where each frame's words stand, family by family.
      const found = new Map<number, Array<Array<[number, number]>>>();
      for (let i = 0; i < chars.length; i++) {
        for (const w of byFirst.get(chars[i]!) ?? []) {
          if (!sameAt(chars, i, w.chars) || !fits(frames[w.frame]!.item, i, i + w.chars.length)) continue;
          let places = found.get(w.frame);
          if (!places) found.set(w.frame, (places = Array.from({ length: frames[w.frame]!.families }, () => [])));
          places[w.family]!.push([i, w.chars.length]);
        }
      }
      const hits: FrameHit[] = [];
      for (const [frame, places] of found) {
        const hit = places.every((p) => p.length > 0) ? nearest(frames[frame]!.item, places) : null;
        if (hit) hits.push(hit);
      }
      return hits;
    },
  };
}

/** Where one word of every family stands within SPAN, the longest such; `found` is each family's places (start, length). */
function nearest(item: number, found: Array<Array<[number, number]>>): FrameHit | null {
  // Anchored at each place of the first family, the nearest word of each other family.
  let best: FrameHit | null = null;
  let bestLength = 0;
  for (const [start0, len0] of found[0]!) {
    let start = start0;
    let end = start0 + len0;
    let length = len0;
    const parts: Array<[number, number]> = [[start0, start0 + len0]];
    let fits = true;
    for (const places of found.slice(1)) {
      const near = places
        .filter(([s, l]) => Math.max(end, s + l) - Math.min(start, s) <= SPAN && (s >= start0 + len0 || s + l <= start0))
        .sort((a, b) => Math.abs(a[0] - start0) - Math.abs(b[0] - start0) || b[1] - a[1])[0];
      if (!near) {
        fits = false;
        break;
      }
      start = Math.min(start, near[0]);
      end = Math.max(end, near[0] + near[1]);
      length += near[1];
      parts.push([near[0], near[0] + near[1]]);
    }
    if (fits && length > bestLength) {
      best = { item, start, end, parts };
      bestLength = length;
    }
  }
  return best;
}
