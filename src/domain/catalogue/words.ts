import { createRequire } from 'node:module';

// === Real words: the dictionary words a text contains, so that a typo rule never rewrites one

/** The dictionary words (two characters or more) found anywhere in `text`. */
export type WordFinder = (text: string) => ReadonlySet<string>;

interface Segmenter {
  cutAll(sentence: string): string[];
  cut(sentence: string, hmm?: boolean): string[];
}

let segmenter: Segmenter | undefined;

function jieba(): Segmenter {
  if (!segmenter) {
    const require = createRequire(import.meta.url);
    const { Jieba } = require('@node-rs/jieba') as { Jieba: { withDict(dict: Uint8Array): Segmenter } };
    const { dict } = require('@node-rs/jieba/dict.js') as { dict: Uint8Array };
    segmenter = Jieba.withDict(dict);
  }
  return segmenter;
}

/**
 * jieba's full mode over its own dictionary (~350,000 words): every dictionary word in the text,
 * overlapping ones too. Loading takes ~0.2 s, so it happens at the first call, not at start-up;
 * a call then takes a few microseconds.
 */
export const dictionaryWords: WordFinder = (text) =>
  new Set(
    jieba()
      .cutAll(text)
      .filter((w) => w.length >= 2),
  );

/** The text cut into words, as jieba's segmenter cuts it (its best single cut, no guessing of new words). */
export const dictionaryCut = (text: string): string[] => jieba().cut(text, false);
