import { featuresOf, REQUEST_MODEL_VERSION, type RequestModelFile, softmax } from './model.js';

// === Training the learned second signal: multinomial logistic regression by stochastic gradient
// descent, deterministic (a seeded shuffle), a few seconds for ~4,000 phrasings and keywords

/** One training text, the code it stands for (an item, or NOTHING), and how much it teaches (default 1). */
export type TrainingDoc = readonly [text: string, code: string, weight?: number];

export interface TrainingOptions {
  epochs?: number;
  rate?: number;
  /** Weights smaller than this are left out of the file (they change no decision, and the file stays small). */
  prune?: number;
}

export const TRAINING_DEFAULTS: Required<TrainingOptions> = { epochs: 20, rate: 0.5, prune: 0.05 };

/** A small deterministic generator (LCG), so that training twice on the same input gives the same file. */
export function seeded(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

/** Trains on `docs` for `codes` (every doc's code must be among them); `inputs` is recorded in the file. */
export function trainRequestModel(docs: readonly TrainingDoc[], codes: readonly string[], inputs: string, options: TrainingOptions = {}): RequestModelFile {
  const { epochs, rate, prune } = { ...TRAINING_DEFAULTS, ...options };
  const index = new Map(codes.map((c, k) => [c, k]));
  const samples = docs.map(([text, code, weight = 1]) => {
    const k = index.get(code);
    if (k === undefined) throw new Error(`training: unknown code "${code}"`);
    return { features: featuresOf(text), k, weight };
  });
  const weights = new Map<string, Float64Array>();
  const random = seeded(1);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let n = samples.length - 1; n > 0; n--) {
      const j = Math.floor(random() * (n + 1));
      [samples[n], samples[j]] = [samples[j]!, samples[n]!];
    }
    const step = rate / (1 + epoch * 0.1);
    for (const { features, k, weight } of samples) {
      const z = new Float64Array(codes.length);
      for (const f of features) {
        const w = weights.get(f);
        if (w) for (let c = 0; c < codes.length; c++) z[c]! += w[c]!;
      }
      const p = softmax(z);
      // A long text moves each of its features less.
      const scaled = (weight * step) / Math.sqrt(Math.max(1, features.length));
      for (const f of features) {
        let w = weights.get(f);
        if (!w) weights.set(f, (w = new Float64Array(codes.length)));
        for (let c = 0; c < codes.length; c++) w[c]! -= scaled * (p[c]! - (c === k ? 1 : 0));
      }
    }
  }
  const file: RequestModelFile = { version: REQUEST_MODEL_VERSION, inputs, codes: [...codes], weights: {} };
  for (const [feature, w] of [...weights].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const kept = [...w].flatMap((v, c) => (Math.abs(v) >= prune ? [`${c}:${Math.round(v * 100) / 100}`] : []));
    if (kept.length > 0) file.weights[feature] = kept.join(' ');
  }
  return file;
}
