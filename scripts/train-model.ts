// The character n-gram model of flows/common/safety/model.ts, trained on every labelled line:
// test/fixtures/emergencies/*.tsv (urgent lines by kind, calm lines; watch lines are left out: they are
// neither) and the everyday requests (test/fixtures/requests/*.tsv; never the held-out folders)
// as calm. Softmax regression with AdaGrad and an L2 penalty; small weights are dropped to keep it small.
import { readdirSync, readFileSync } from 'node:fs';
import { clausesOf } from '../flows/common/safety/clauses.js';
import { MODEL_KINDS, type ModelKind, type NgramModel, ngrams, type StoredModel } from '../flows/common/safety/model.js';
import { type LabelledDanger, readDangers } from '../test/fixtures/emergencies/labelled.js';

const FIXTURES = new URL('../test/fixtures/', import.meta.url);

/** A labelled line for the model: where it comes from, its n-grams and its kind. */
export interface Example {
  file: string;
  text: string;
  kind: ModelKind;
}

function kindOf(c: LabelledDanger): ModelKind | null {
  if (c.level === null) return 'calm';
  if (c.level === 'watch') return null;
  const s = [...c.services].sort().join('+');
  const kinds: Record<string, ModelKind> = {
    '120': 'medical',
    '119': 'fire',
    '110': 'police',
    '110+96110': 'fraud',
    '110+120': 'self-harm',
    '110+119+120': 'plea',
  };
  return kinds[s] ?? (c.services.includes('119') ? 'fire' : c.services.includes('120') ? 'medical' : 'police');
}

/** The everyday requests' texts (first column) of the training fixtures, as calm lines. */
function requestLines(): Example[] {
  const files = readdirSync(new URL('requests/', FIXTURES))
    .filter((f) => f.endsWith('.tsv'))
    .map((f) => new URL(`requests/${f}`, FIXTURES));
  // Never the held-out folders (test/fixtures/heldout/): a batch still there has not been scored, or is kept unseen.
  return files.flatMap((url) =>
    readFileSync(url, 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#'))
      .map((l) => ({ file: url.pathname.split('/fixtures/')[1]!, text: l.split('\t')[0]!, kind: 'calm' as const })),
  );
}

/** Every labelled line the model learns from. */
export function examples(): Example[] {
  const dangers = readDangers().flatMap((c) => {
    const kind = kindOf(c);
    return kind ? [{ file: c.file, text: c.text, kind }] : [];
  });
  return [...dangers, ...requestLines()];
}

export interface TrainOptions {
  epochs?: number;
  rate?: number;
  l2?: number;
  /** Weights below this (for every kind) are dropped from the shipped model. */
  prune?: number;
  threshold?: number;
  /** Only n-grams met in at least this many training lines are learned. */
  minCount?: number;
  /** How a text is cut into normalised clauses (the recogniser's own by default). */
  split?: (text: string) => string[];
}

/** Trains on `data`: softmax regression over n-grams of the normalised clauses. */
export function train(data: Example[], options: TrainOptions = {}): NgramModel {
  const { epochs = 20, rate = 0.5, l2 = 1e-5, prune = 0, threshold = 0.8, minCount = 2, split = clausesOf } = options;
  const K = MODEL_KINDS.length;
  const all = data.map((e) => ({ grams: ngrams(split(e.text)), y: MODEL_KINDS.indexOf(e.kind) }));
  const seen = new Map<string, number>();
  for (const { grams } of all) for (const g of grams) seen.set(g, (seen.get(g) ?? 0) + 1);
  const rows = all.map(({ grams, y }) => ({ grams: grams.filter((g) => seen.get(g)! >= minCount), y }));
  const w = new Map<string, Float64Array>();
  const g2 = new Map<string, Float64Array>();
  const bias = new Float64Array(K);
  const biasG2 = new Float64Array(K).fill(1e-8);
  const weightOf = (gram: string, table: Map<string, Float64Array>, init = 0) => {
    let v = table.get(gram);
    if (!v) table.set(gram, (v = new Float64Array(K).fill(init)));
    return v;
  };
  // A fixed order, shuffled the same way every time, so a run is repeatable.
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = rows.map((_, i) => i).sort(() => random() - 0.5);
    for (const i of order) {
      const { grams, y } = rows[i]!;
      const z = Array.from(bias);
      for (const gram of grams) {
        const v = w.get(gram);
        if (v) for (let k = 0; k < K; k++) z[k]! += v[k]!;
      }
      const top = Math.max(...z);
      const e = z.map((v) => Math.exp(v - top));
      const sum = e.reduce((a, b) => a + b, 0);
      const grad = e.map((v, k) => v / sum - (k === y ? 1 : 0));
      for (let k = 0; k < K; k++) {
        biasG2[k]! += grad[k]! ** 2;
        bias[k]! -= (rate * grad[k]!) / Math.sqrt(biasG2[k]!);
      }
      for (const gram of grams) {
        const v = weightOf(gram, w);
        const acc = weightOf(gram, g2, 1e-8);
        for (let k = 0; k < K; k++) {
          const g = grad[k]! + l2 * v[k]!;
          acc[k]! += g * g;
          v[k]! -= (rate * g) / Math.sqrt(acc[k]!);
        }
      }
    }
  }
  const weights = new Map<string, ArrayLike<number>>();
  for (const [gram, v] of [...w.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    if (v.some((x) => Math.abs(x) >= prune)) weights.set(gram, v);
  }
  return { bias: Array.from(bias, (x) => Math.round(x * 1000) / 1000), weights, threshold };
}

/** The model as model.json stores it: each weight a byte (a step of `scale`), base64. */
export function encodeModel(model: NgramModel): StoredModel {
  const grams = [...model.weights.keys()];
  // Loops, not spreads: a few hundred thousand weights are more arguments than a call may take.
  let top = 0;
  for (const v of model.weights.values()) for (const x of Array.from(v)) top = Math.max(top, Math.abs(x));
  const scale = top / 127;
  let binary = '';
  for (const g of grams) for (const x of Array.from(model.weights.get(g)!)) binary += String.fromCharCode(Math.round(x / scale) & 0xff);
  return { bias: model.bias, grams: grams.join('\n'), weights: btoa(binary), scale, threshold: model.threshold };
}

/** The model shipped: trained on every labelled line. */
export function trainModel(): { model: StoredModel; summary: string } {
  const data = examples();
  const trained = train(data);
  const model = encodeModel(trained);
  const counts = MODEL_KINDS.map((k) => `${k} ${data.filter((e) => e.kind === k).length}`).join(', ');
  return { model, summary: `${data.length} lines (${counts}), ${trained.weights.size} n-grams` };
}
