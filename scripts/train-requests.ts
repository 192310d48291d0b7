// npm run train:requests — trains the learned second signal of the catalogue matcher on every labelled
// everyday phrasing (test/fixtures/requests/*.tsv), the catalogue's names and keywords, and the messages
// that ask for nothing (nothing.txt), and writes db/seed/requests-model.json.
//
//   npm run train:requests            train and write the model
//   npm run train:requests -- --cv    leave one batch out: for each heldout-*.tsv, train without it and
//                                     score it (the figure for lines the model has not seen); with
//                                     --before, the rules too as they were before the batch was tuned on;
//                                     with --typos, its lines typed wrong by pinyin (scripts/requests-cv.ts)
//   npm run train:requests -- --misses   write test/fixtures/requests/known-misses.txt: the labelled lines
//                                     (training and held-out) whose first proposal is wrong today; the
//                                     ratchet test (requests-ratchet.test.ts) fails on any other miss
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createCatalogueMatcher } from '../src/domain/catalogue/matcher.js';
import { NOTHING, REQUEST_MODEL_VERSION, SHIPPED_MODEL_FILE } from '../src/domain/catalogue/model.js';
import { seeded, TRAINING_DEFAULTS, type TrainingDoc, trainRequestModel } from '../src/domain/catalogue/training.js';
import { createTypoMaker } from '../src/domain/catalogue/typos.js';
import { dictionaryCut } from '../src/domain/catalogue/words.js';
import type { Catalogue } from '../src/domain/catalogue/types.js';
import { DEFAULT_CATALOGUE_FILE, readCatalogueFile } from '../src/domain/reference-data.js';
import { labelledFiles, readLabelled } from '../test/fixtures/requests/labelled.js';
import { currentMisses, KNOWN_MISSES_FILE, writeKnownMisses } from '../test/fixtures/requests/ratchet.js';
import { crossValidate } from './requests-cv.js';

/**
 * A keyword is a word, not a message: it teaches the model this much of what a labelled phrasing does
 * (at 1, the short keywords' characters outweighed the phrasings': leave-one-batch-out 92.5 % → 94.1 % at 0.15).
 */
export const KEYWORD_WEIGHT = 0.15;

/** A phrasing typed wrong on purpose teaches half as much as the phrasing (leave-one-batch-out 94.1 % → 94.4 %; with typos made in the left-out lines too, 91.8 % → 92.5 %). */
export const TYPO_WEIGHT = 0.5;

const NOTHING_FILE = new URL('../test/fixtures/requests/nothing.txt', import.meta.url);

/** The messages that ask for nothing. */
export function readNothing(): string[] {
  return readFileSync(NOTHING_FILE, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/**
 * What the model learns from, leaving out the labelled files `except` names; and the hash of it all. Each
 * labelled phrasing is also learned typed wrong by pinyin (typos.ts), at TYPO_WEIGHT.
 */
export function trainingSet(catalogue: Catalogue, except: readonly string[] = []): { docs: TrainingDoc[]; codes: string[]; inputs: string } {
  const codes = [...catalogue.classes.flatMap((c) => c.items.map((i) => i.code)), NOTHING];
  const keywords = catalogue.classes.flatMap((c) => c.items.flatMap((i) => [i.name, ...i.keywords].map((k): TrainingDoc => [k, i.code, KEYWORD_WEIGHT])));
  const labelled = labelledFiles()
    .filter((f) => !except.includes(f))
    .flatMap((f) => readLabelled(f).map((r): TrainingDoc => [r.text, r.expected]));
  const typos = createTypoMaker(
    [...keywords, ...labelled].map(([t]) => t),
    dictionaryCut,
    seeded(2),
  );
  const docs: TrainingDoc[] = [
    ...keywords,
    ...labelled,
    ...labelled.map(([t, code]): TrainingDoc => [typos.typo(t), code, TYPO_WEIGHT]),
    ...readNothing().map((t): TrainingDoc => [t, NOTHING]),
  ];
  const inputs = createHash('sha1')
    .update(JSON.stringify({ docs, codes, settings: TRAINING_DEFAULTS, version: REQUEST_MODEL_VERSION }))
    .digest('hex');
  return { docs, codes, inputs };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const catalogue = readCatalogueFile(DEFAULT_CATALOGUE_FILE);
  if (process.argv.includes('--cv')) {
    crossValidate(catalogue, { before: process.argv.includes('--before'), typos: process.argv.includes('--typos'), trainingSet });
  } else if (process.argv.includes('--misses')) {
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
