import type { EmergencyService } from './types.js';

// === A learned second signal: a character n-gram linear model over the normalised clauses
// Trained by `npm run train` (scripts/train-model.ts) on every labelled line and shipped as model.json.
// It never decides alone against the rules: it may only add a soft line that asks, where the rules
// found nothing and no frame says the words are not about now (recognise.ts).

/** What the model tells apart: calm, and each kind of emergency with its numbers. */
export const MODEL_KINDS = ['calm', 'medical', 'fire', 'police', 'fraud', 'self-harm', 'plea'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

/** The numbers of each kind. */
export const KIND_SERVICES: Record<ModelKind, EmergencyService[]> = {
  calm: [],
  medical: ['120'],
  fire: ['119'],
  police: ['110'],
  fraud: ['110', '96110'],
  'self-harm': ['120', '110'],
  plea: ['120', '119', '110'],
};

/** A trained model: a weight per n-gram and kind (kinds in `MODEL_KINDS` order), a bias per kind, and the bar to speak. */
export interface NgramModel {
  bias: number[];
  weights: Map<string, ArrayLike<number>>;
  /** The probability of an emergency kind above which the model adds its soft line. */
  threshold: number;
}

/** model.json: the n-grams one a line, their weights as bytes (base64, `scale` a step), kind after kind. */
export interface StoredModel {
  bias: number[];
  grams: string;
  weights: string;
  scale: number;
  threshold: number;
}

/** The model as stored, ready to read. */
export function decodeModel(stored: StoredModel): NgramModel {
  const K = MODEL_KINDS.length;
  const bytes = Int8Array.from(atob(stored.weights), (c) => (c.charCodeAt(0) << 24) >> 24);
  const weights = new Map<string, ArrayLike<number>>();
  stored.grams.split('\n').forEach((gram, i) => {
    weights.set(
      gram,
      Array.from(bytes.subarray(i * K, i * K + K), (b) => b * stored.scale),
    );
  });
  return { bias: stored.bias, weights, threshold: stored.threshold };
}

/** Characters that are grammar, not content (我, 了, 在): alone they say nothing of danger. */
const GRAMMAR = new Set([...'我你他她它们的地得了着过在是有和与也都就还又很太吗呢吧啊呀嘛哦嗯这那个一不没把被给让叫说到']);

/**
 * The characters (but grammar alone), pairs and triples of the clauses, each once. A model that leans on
 * 我, 了 or 在 sees danger in 我在家里坐着; pairs keep them in context (我妈, 倒了).
 */
export function ngrams(clauses: readonly string[]): string[] {
  const out = new Set<string>();
  for (const clause of clauses) {
    // Chinese only: digits and letters are phone numbers, amounts and house numbers, not danger.
    const chars = [...clause].filter((c) => /\p{Script=Han}/u.test(c));
    for (let i = 0; i < chars.length; i++) {
      if (!GRAMMAR.has(chars[i]!)) out.add(chars[i]!);
      if (i + 1 < chars.length) out.add(chars[i]! + chars[i + 1]!);
      if (i + 2 < chars.length) out.add(chars[i]! + chars[i + 1]! + chars[i + 2]!);
    }
  }
  return [...out];
}

/** Fewer n-grams known to the model than this (啊啊啊啊): too little to read, the model says nothing. */
const MIN_KNOWN = 10;
/** Fewer Chinese characters than this is an answer (电话是138…, 姓王), not a situation described. */
const MIN_CHARS = 8;

/** The probability of each kind (`MODEL_KINDS` order) for the clauses. */
export function kindProbabilities(model: NgramModel, clauses: readonly string[]): number[] {
  return scored(model, clauses).p;
}

/** The probabilities, and how many of the clauses' n-grams the model knows. */
function scored(model: NgramModel, clauses: readonly string[]): { p: number[]; known: number } {
  const z = [...model.bias];
  let known = 0;
  for (const gram of ngrams(clauses)) {
    const w = model.weights.get(gram);
    if (!w) continue;
    known++;
    for (let k = 0; k < z.length; k++) z[k]! += w[k]!;
  }
  const top = Math.max(...z);
  const e = z.map((v) => Math.exp(v - top));
  const sum = e.reduce((a, b) => a + b, 0);
  return { p: e.map((v) => v / sum), known };
}

/**
 * The most likely emergency kind and its probability, or null when calm is the most likely or none passes
 * the bar. A plea is the rules' to read (救命, 快来人): the model learned it from few lines, with addresses
 * in them (快点来 勤俭新村三幢), so it never says plea — an address is not a cry for help.
 */
export function modelGuess(model: NgramModel, clauses: readonly string[]): { kind: ModelKind; p: number } | null {
  const { p, known } = scored(model, clauses);
  const chars = clauses.join('').match(/\p{Script=Han}/gu)?.length ?? 0;
  if ((known < MIN_KNOWN || chars < MIN_CHARS) && model.weights.size > 0) return null;
  let best = 1;
  for (let k = 2; k < p.length; k++) if (MODEL_KINDS[k] !== 'plea' && p[k]! > p[best]!) best = k;
  return p[best]! >= model.threshold && p[best]! > p[0]! ? { kind: MODEL_KINDS[best]!, p: p[best]! } : null;
}
