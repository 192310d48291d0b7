import { pinyin } from 'pinyin-pro';

// === Pinyin typos made on purpose, to train the model on: an elderly typist picks the wrong candidate
// of a word that sounds right (电视 → 店事, 送饭 → 松烦). The model learns from a typed-wrong copy of each
// labelled phrasing to lean on the sounds (its syllable pairs), not only on the characters.

/** How a text is made to look typed by pinyin: which words, and which characters sound alike. */
export interface TypoMaker {
  /** The text with some of its words (two Han characters or more) typed as same-sounding characters. */
  typo(text: string): string;
}

const HAN = /^\p{Script=Han}+$/u;
/** The share of words typed wrong, and of their characters replaced. */
const WORD_SHARE = 0.3;
const CHAR_SHARE = 0.7;

const syllable = (c: string) => pinyin(c, { toneType: 'none', v: true });

/**
 * A maker over `texts` (the characters a same-sounding one is picked from), cutting words with `cut`
 * and choosing with `random` (seeded: the same texts give the same typos every time).
 */
export function createTypoMaker(texts: readonly string[], cut: (text: string) => string[], random: () => number): TypoMaker {
  const bySound = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const text of texts) {
    for (const c of text) {
      if (seen.has(c) || !HAN.test(c)) continue;
      seen.add(c);
      const s = syllable(c);
      const list = bySound.get(s);
      if (list) list.push(c);
      else bySound.set(s, [c]);
    }
  }
  const replace = (c: string) => {
    const others = (bySound.get(syllable(c)) ?? []).filter((x) => x !== c);
    return others.length > 0 && random() < CHAR_SHARE ? others[Math.floor(random() * others.length)]! : c;
  };
  return {
    typo: (text) =>
      cut(text)
        .map((w) => (w.length >= 2 && HAN.test(w) && random() < WORD_SHARE ? Array.from(w, replace).join('') : w))
        .join(''),
  };
}
