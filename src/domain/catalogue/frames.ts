import type { Catalogue } from './types.js';
import { matchableChars } from './text-reading.js';

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
  families: string[][];
}

/** The catalogue's frames, in the items' order (`itemIndex` numbers the items as the matcher does). */
export function compileFrames(catalogue: Catalogue): { find(chars: readonly string[]): FrameHit[] } {
  const frames: Frame[] = [];
  let item = 0;
  for (const cls of catalogue.classes) {
    for (const it of cls.items) {
      for (const families of it.frames ?? []) {
        frames.push({ item, families: families.map((words) => [...new Set(words.map((w) => matchableChars(w).join('')).filter(Boolean))]) });
      }
      item++;
    }
  }
  return {
    find(chars) {
      if (frames.length === 0) return [];
      const text = chars.join('');
      // The character index at each UTF-16 offset (a character beyond the BMP takes two).
      const charAt: number[] = [];
      chars.forEach((c, k) => {
        for (let u = 0; u < c.length; u++) charAt.push(k);
      });
      const hits: FrameHit[] = [];
      for (const frame of frames) {
        const hit = findFrame(frame, text, charAt);
        if (hit) hits.push(hit);
      }
      return hits;
    },
  };
}

/** The first place where one word of every family stands within SPAN; the longest word of a family there. */
function findFrame(frame: Frame, text: string, charAt: number[]): FrameHit | null {
  const found = frame.families.map((words) =>
    words.flatMap((w) => {
      const out: Array<[number, number]> = [];
      for (let at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + 1)) out.push([charAt[at] ?? 0, Array.from(w).length]);
      return out;
    }),
  );
  if (found.some((f) => f.length === 0)) return null;
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
      best = { item: frame.item, start, end, parts };
      bestLength = length;
    }
  }
  return best;
}
