// npm run train:requests — trains the learned second signal of the catalogue matcher on every labelled
// everyday phrasing (test/fixtures/requests/*.tsv), the catalogue's names and keywords, and the messages
// that ask for nothing (nothing.txt), and writes db/seed/requests-model.json.
//
//   npm run train:requests            train and write the model
//   npm run train:requests -- --cv    leave one batch out: for each heldout-*.tsv, train without it and
//                                     score it (the honest figure for lines the model has not seen)
//   npm run train:requests -- --misses   write test/fixtures/requests/known-misses.txt: the labelled lines
//                                     (training and held-out) whose first proposal is wrong today; the
//                                     ratchet test (requests-ratchet.test.ts) fails on any other miss
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createCatalogueMatcher } from '../src/domain/catalogue/matcher.js';
import { loadRequestModel, NOTHING, SHIPPED_MODEL_FILE } from '../src/domain/catalogue/model.js';
import { TRAINING_DEFAULTS, type TrainingDoc, trainRequestModel } from '../src/domain/catalogue/training.js';
import type { Catalogue } from '../src/domain/catalogue/types.js';
import { DEFAULT_CATALOGUE_FILE, readCatalogueFile } from '../src/domain/reference-data.js';
import { labelledFiles, measure, readLabelled } from '../test/fixtures/requests/labelled.js';
import { currentMisses, KNOWN_MISSES_FILE, writeKnownMisses } from '../test/fixtures/requests/ratchet.js';

const NOTHING_FILE = new URL('../test/fixtures/requests/nothing.txt', import.meta.url);

/** The messages that ask for nothing. */
export function readNothing(): string[] {
  return readFileSync(NOTHING_FILE, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** What the model learns from, leaving out the labelled files `except` names; and the hash of it all. */
export function trainingSet(catalogue: Catalogue, except: readonly string[] = []): { docs: TrainingDoc[]; codes: string[]; inputs: string } {
  const codes = [...catalogue.classes.flatMap((c) => c.items.map((i) => i.code)), NOTHING];
  const docs: TrainingDoc[] = [
    ...catalogue.classes.flatMap((c) => c.items.flatMap((i) => [i.name, ...i.keywords].map((k): TrainingDoc => [k, i.code]))),
    ...labelledFiles()
      .filter((f) => !except.includes(f))
      .flatMap((f) => readLabelled(f).map((r): TrainingDoc => [r.text, r.expected])),
    ...readNothing().map((t): TrainingDoc => [t, NOTHING]),
  ];
  const inputs = createHash('sha1')
    .update(JSON.stringify({ docs, codes, settings: TRAINING_DEFAULTS, version: 1 }))
    .digest('hex');
  return { docs, codes, inputs };
}

/** The labelled files that were once held-out batches: one left out at a time by `--cv`. */
const batchFiles = () => labelledFiles().filter((f) => f.startsWith('heldout-'));

function crossValidate(catalogue: Catalogue): void {
  const rulesOnly = createCatalogueMatcher(catalogue, { model: null });
  let total = 0;
  const right = { rules: 0, model: 0, both: 0 };
  for (const file of batchFiles()) {
    const { docs, codes, inputs } = trainingSet(catalogue, [file]);
    const model = loadRequestModel(trainRequestModel(docs, codes, inputs));
    const both = createCatalogueMatcher(catalogue, { model });
    const cases = readLabelled(file);
    const first = (propose: (t: string) => string[]) => measure(cases, propose).first;
    const r = {
      rules: first((t) => rulesOnly.match(t).map((m) => m.itemCode)),
      model: first((t) => [...model.probabilities(t)].sort((a, b) => b[1] - a[1]).map(([c]) => c)),
      both: first((t) => both.match(t).map((m) => m.itemCode)),
    };
    total += cases.length;
    for (const k of ['rules', 'model', 'both'] as const) right[k] += r[k];
    const pct = (n: number) => `${((100 * n) / cases.length).toFixed(1)} %`;
    process.stdout.write(`${file}: rules ${pct(r.rules)} · model alone ${pct(r.model)} · rules + model ${pct(r.both)} (${r.both}/${cases.length})\n`);
  }
  const pct = (n: number) => `${((100 * n) / total).toFixed(1)} %`;
  process.stdout.write(
    `all left out: rules ${pct(right.rules)} · model alone ${pct(right.model)} · rules + model ${pct(right.both)} (${right.both}/${total})\n`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const catalogue = readCatalogueFile(DEFAULT_CATALOGUE_FILE);
  if (process.argv.includes('--cv')) crossValidate(catalogue);
  else if (process.argv.includes('--misses')) {
    const misses = currentMisses(createCatalogueMatcher(catalogue));
    writeKnownMisses(misses);
    process.stdout.write(`${misses.length} known misses → ${fileURLToPath(KNOWN_MISSES_FILE)}\n`);
  } else {
    const { docs, codes, inputs } = trainingSet(catalogue);
    const started = performance.now();
    const file = trainRequestModel(docs, codes, inputs);
    writeFileSync(SHIPPED_MODEL_FILE, `${JSON.stringify(file)}\n`);
    const features = Object.keys(file.weights).length;
    process.stdout.write(
      `trained on ${docs.length} texts in ${((performance.now() - started) / 1000).toFixed(1)} s: ${features} features → ${fileURLToPath(SHIPPED_MODEL_FILE)}\n`,
    );
  }
}
