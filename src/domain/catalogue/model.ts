import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { pinyin } from 'pinyin-pro';
import { fold, HAN_ONLY, matchableChars } from './text-reading.js';

// === The learned second signal: a linear model over character and sound pairs, trained on every
// labelled phrasing and keyword (`npm run train:requests`, src/domain/catalogue/training.ts), shipped
// as db/seed/requests-model.json. It reads words no keyword lists; the rules read the ones they list.

/** The features' version: 2 leaves the characters of grammar out (GRAMMAR). */
export const REQUEST_MODEL_VERSION = 2;

/** Its file: the item codes, and per feature the weight it gives each code (`"3:1.25 17:-0.4"`). */
export const requestModelSchema = z.object({
  /** Bump with the features: a model of another version is not used. */
  version: z.literal(REQUEST_MODEL_VERSION),
  /** A hash of what it was trained on (catalogue, fixtures, settings): a test tells when to train again. */
  inputs: z.string(),
  codes: z.array(z.string()),
  /** Checked as it is read (a schema over ~14,000 entries would cost more than the reading). */
  weights: z.custom<Record<string, string>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v)),
});

export type RequestModelFile = z.infer<typeof requestModelSchema>;

/** The code that stands for "asks for nothing" (你好, 谢谢, 明天下午): trained like an item, never proposed. */
export const NOTHING = '-';

/**
 * The features of a text: its characters (but those of grammar: GRAMMAR) and character pairs after the
 * colloquial reading (matchable), and pairs of syllables with the southern mix-ups folded (店事 and 电视
 * share `dian si`).
 */
export function featuresOf(text: string): string[] {
  return featuresOfChars(matchableChars(text));
}

/** `featuresOf` for the characters `matchableChars` gave. */
export function featuresOfChars(chars: readonly string[]): string[] {
  const out = new Set<string>();
  let sound = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (!GRAMMAR.has(c)) out.add(c);
    if (i + 1 < chars.length) out.add(c + chars[i + 1]!);
    const next = soundOf(c);
    if (sound && next) out.add(`${sound} ${next}`);
    sound = next;
  }
  return [...out];
}

/**
 * Characters that carry grammar, not a need: never a feature alone (a short keyword such as 丢给我 would
 * teach 我 and 给 to mean a child in need of care); they still count in pairs (给我带, 不冷).
 */
const GRAMMAR = new Set('我你他她它们的了在是和跟就都也还很太把被给让这那个一吧啊呀哦嘛么着过');

const sounds = new Map<string, string>();

/** A Han character's usual syllable, folded (cached: a sentence costs a few lookups); '' for anything else. */
function soundOf(c: string): string {
  let s = sounds.get(c);
  if (s === undefined) {
    s = HAN_ONLY.test(c) ? fold(pinyin(c, { toneType: 'none', v: true })) : '';
    sounds.set(c, s);
  }
  return s;
}

/** A trained model: for a text, each code's probability (they sum to 1 over `codes`). */
export interface RequestModel {
  codes: readonly string[];
  inputs: string;
  /** The probabilities, in the order of `codes`, for the characters `matchableChars` gave. */
  probabilitiesOf(chars: readonly string[]): Float64Array;
  /** Each code's probability for a text. */
  probabilities(text: string): Map<string, number>;
}

/** Reads a model file's content; throws naming the problem. */
export function loadRequestModel(json: unknown): RequestModel {
  const parsed = requestModelSchema.safeParse(json);
  if (!parsed.success) throw new Error(`Invalid request model: ${parsed.error.message}`);
  const { codes, weights, inputs } = parsed.data;
  // All weights in two arrays; per feature, where its run starts and ends.
  const entries = Object.entries(weights);
  let size = 0;
  for (const [feature, list] of entries) {
    if (typeof list !== 'string') throw new Error(`Invalid request model: the weights of "${feature}" are not a string`);
    for (let i = 0; i < list.length; i++) if (list[i] === ':') size++;
  }
  const at = new Uint16Array(size);
  const w = new Float32Array(size);
  const runs = new Map<string, number>();
  let n = 0;
  for (const [feature, list] of entries) {
    const start = n;
    for (const pair of (list as string).split(' ')) {
      const colon = pair.indexOf(':');
      const k = Number(pair.slice(0, colon));
      if (!(k >= 0 && k < codes.length)) throw new Error(`Invalid request model: "${feature}" weighs code ${pair.slice(0, colon)}`);
      at[n] = k;
      w[n++] = Number(pair.slice(colon + 1));
    }
    // Start and end in one number: end * 2^21 + start (fewer than 2^21 weights).
    runs.set(feature, n * 2 ** 21 + start);
  }
  const probabilitiesOf = (chars: readonly string[]) => {
    const z = new Float64Array(codes.length);
    for (const f of featuresOfChars(chars)) {
      const run = runs.get(f);
      if (run === undefined) continue;
      const end = Math.floor(run / 2 ** 21);
      for (let j = run % 2 ** 21; j < end; j++) z[at[j]!]! += w[j]!;
    }
    return softmax(z);
  };
  return {
    codes,
    inputs,
    probabilitiesOf,
    probabilities: (text) => {
      const p = probabilitiesOf(matchableChars(text));
      return new Map(codes.map((code, k) => [code, p[k] ?? 0]));
    },
  };
}

/** exp(z) / Σ exp(z), in place. */
export function softmax(z: Float64Array): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of z) max = Math.max(max, v);
  let sum = 0;
  for (let k = 0; k < z.length; k++) sum += z[k] = Math.exp(z[k]! - max);
  for (let k = 0; k < z.length; k++) z[k]! /= sum;
  return z;
}

export const SHIPPED_MODEL_FILE = new URL('../../../db/seed/requests-model.json', import.meta.url);

let shipped: RequestModel | null | undefined;

/** The shipped model (db/seed/requests-model.json), read once; null when the file is missing. */
export function shippedRequestModel(): RequestModel | null {
  if (shipped === undefined) {
    let text: string | null = null;
    try {
      text = readFileSync(SHIPPED_MODEL_FILE, 'utf8');
    } catch {
      text = null;
    }
    shipped = text === null ? null : loadRequestModel(JSON.parse(text));
  }
  return shipped;
}
