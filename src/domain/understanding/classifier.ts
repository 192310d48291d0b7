import type { Logger } from 'pino';
import type { CatalogueMatcher } from '../catalogue/matcher.js';
import type { ItemMatch } from '../catalogue/types.js';
import { isTimeout, ModelError } from './model-error.js';

// === Which catalogue items a resident's words are about: the rules, and a second opinion when they are unsure

/** Items proposed for a resident's words, best first, and who decided. */
export interface Classification {
  /** Catalogue item codes, best first, at most `MAX_PROPOSALS`; empty when nothing fits. */
  itemCodes: string[];
  /** `rules`: the catalogue matcher; `llm`: the language model's second opinion. */
  source: 'rules' | 'llm';
}

/** Decides which catalogue items a resident's words are about. */
export interface Classifier {
  /** Items for `text`, best first; never rejects (a failing second opinion falls back to the rules). */
  classify(text: string): Promise<Classification>;
  /** True when `classify` may ask beyond the rules for `text` (pure and fast: the flow asks it first). */
  wantsSecondOpinion(text: string): boolean;
}

/** A language model's reading of a resident's words (see `openai-compatible.ts`). */
export interface ItemSuggester {
  /** Known item codes, best first, and the model's confidence 0..1; rejects on any failure. */
  suggest(text: string): Promise<{ itemCodes: string[]; confidence: number }>;
}

export const MAX_PROPOSALS = 3;
/**
 * A single proposal below this is weak: less than one two-character keyword found as written
 * (2^1.5 ≈ 2.83), e.g. only a sound-alike (1.7, up to 2.1 early in the text) or a word two items share.
 */
export const WEAK_SCORE = 2.8;
/** Below this confidence the model's items are offered with the rules' ones after them. */
const CONFIDENT = 0.5;

/**
 * True when the rules are unsure of their proposals: none, several close ones (the matcher offers a
 * runner-up only within 60 % of the best), one weak one, or one only the learned model found (no
 * keyword). Results are those of `match`, unchanged.
 */
export function rulesAreUnsure(matches: readonly ItemMatch[]): boolean {
  return matches.length !== 1 || (matches[0]?.score ?? 0) < WEAK_SCORE || matches[0]?.learned === true;
}

/** The rules alone: the catalogue matcher's proposals. The default classifier. */
export function rulesClassifier(matcher: CatalogueMatcher): Classifier {
  return {
    classify: async (text) => ({ itemCodes: matcher.match(text, MAX_PROPOSALS).map((m) => m.itemCode), source: 'rules' }),
    wantsSecondOpinion: () => false,
  };
}

export interface SecondOpinionOptions {
  matcher: CatalogueMatcher;
  model: ItemSuggester;
  log: Logger;
}

/**
 * The rules first; the model only when they are unsure. The model's items replace the rules' when it
 * is confident, come first before them otherwise; any failure, or no known item, leaves the rules'
 * proposals. A failure is logged at warn with its reason only, never the resident's words.
 */
export function secondOpinionClassifier({ matcher, model, log }: SecondOpinionOptions): Classifier {
  const unsure = (text: string, matches: readonly ItemMatch[]) => text.trim() !== '' && rulesAreUnsure(matches);
  return {
    wantsSecondOpinion: (text) => unsure(text, matcher.match(text, MAX_PROPOSALS)),
    async classify(text) {
      const matches = matcher.match(text, MAX_PROPOSALS);
      const fallback: Classification = { itemCodes: matches.map((m) => m.itemCode), source: 'rules' };
      if (!unsure(text, matches)) return fallback;
      const started = performance.now();
      try {
        const { itemCodes, confidence } = await model.suggest(text);
        if (itemCodes.length === 0) return fallback;
        const merged = confidence >= CONFIDENT ? itemCodes : [...new Set([...itemCodes, ...fallback.itemCodes])];
        return { itemCodes: merged.slice(0, MAX_PROPOSALS), source: 'llm' };
      } catch (err) {
        log.warn({ ...reasonOf(err), ms: Math.round(performance.now() - started) }, 'language model gave no answer; the rules decide');
        return fallback;
      }
    },
  };
}

/** Why the model failed, as a code (its error messages are not logged: they may echo the words sent). */
function reasonOf(err: unknown): { reason: string; status?: number } {
  if (err instanceof ModelError) return { reason: err.code, ...(err.status ? { status: err.status } : {}) };
  if (isTimeout(err)) return { reason: 'timeout' };
  return { reason: 'unreachable' };
}
