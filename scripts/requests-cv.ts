// Leave one batch out, for `npm run train:requests -- --cv` (scripts/train-requests.ts): each once-held-out
// labelled file (heldout-*.tsv) is scored by a model trained without it — the figure for lines the model
// has not seen.
//
//   --before   the rules as they were before anyone tuned on the batch: the catalogue of the commit that
//              added it to test/fixtures/heldout/ (its keywords and frames never saw its lines), the model
//              trained on that catalogue; today's code. The figure to trust for words nobody tuned for.
//   --typos    the left-out lines typed wrong by pinyin first (typos.ts, as a slow elderly typist might)
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadCatalogue } from '../src/domain/catalogue/load.js';
import { createCatalogueMatcher } from '../src/domain/catalogue/matcher.js';
import { loadRequestModel } from '../src/domain/catalogue/model.js';
import { seeded, type TrainingDoc, trainRequestModel } from '../src/domain/catalogue/training.js';
import type { Catalogue } from '../src/domain/catalogue/types.js';
import { createTypoMaker } from '../src/domain/catalogue/typos.js';
import { dictionaryCut } from '../src/domain/catalogue/words.js';
import { labelledFiles, measure, readLabelled } from '../test/fixtures/requests/labelled.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface CrossValidation {
  before: boolean;
  typos: boolean;
  /** What the model learns from, leaving out some labelled files (train-requests.ts). */
  trainingSet(catalogue: Catalogue, except: readonly string[]): { docs: TrainingDoc[]; codes: string[]; inputs: string };
}

/** The labelled files that were once held-out batches: one left out at a time. */
const batchFiles = () => labelledFiles().filter((f) => f.startsWith('heldout-'));

/** The catalogue of the commit that added the batch to test/fixtures/heldout/ (null: no such commit here). */
export function catalogueBefore(file: string): { catalogue: Catalogue; commit: string } | null {
  const batch = file.replace(/^heldout-|\.tsv$/g, '');
  const git = (...args: string[]) => execFileSync('git', ['-C', ROOT, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const added = git('log', '--diff-filter=A', '--format=%h', '--', `test/fixtures/heldout/${batch}/requests.tsv`).trim().split('\n').pop();
    if (!added) return null;
    return { catalogue: loadCatalogue(JSON.parse(git('show', `${added}:db/seed/catalogue.json`))), commit: added };
  } catch {
    return null;
  }
}

export function crossValidate(today: Catalogue, options: CrossValidation): void {
  let total = 0;
  const right = { rules: 0, model: 0, both: 0 };
  for (const file of batchFiles()) {
    const before = options.before ? catalogueBefore(file) : null;
    if (options.before && !before) process.stdout.write(`${file}: no commit adds it to test/fixtures/heldout/ — scored with today's catalogue\n`);
    const catalogue = before?.catalogue ?? today;
    const { docs, codes, inputs } = options.trainingSet(catalogue, [file]);
    const model = loadRequestModel(trainRequestModel(docs, codes, inputs));
    const rulesOnly = createCatalogueMatcher(catalogue, { model: null });
    const both = createCatalogueMatcher(catalogue, { model });
    const typos = options.typos
      ? createTypoMaker(
          docs.map(([t]) => t),
          dictionaryCut,
          seeded(3),
        )
      : null;
    const cases = readLabelled(file).map((c) => (typos ? { ...c, text: typos.typo(c.text) } : c));
    const first = (propose: (t: string) => string[]) => measure(cases, propose).first;
    const r = {
      rules: first((t) => rulesOnly.match(t).map((m) => m.itemCode)),
      model: first((t) => [...model.probabilities(t)].sort((a, b) => b[1] - a[1]).map(([c]) => c)),
      both: first((t) => both.match(t).map((m) => m.itemCode)),
    };
    total += cases.length;
    for (const k of ['rules', 'model', 'both'] as const) right[k] += r[k];
    const pct = (n: number) => `${((100 * n) / cases.length).toFixed(1)} %`;
    const of = before ? ` (catalogue of ${before.commit})` : '';
    process.stdout.write(`${file}${of}: rules ${pct(r.rules)} · model alone ${pct(r.model)} · rules + model ${pct(r.both)} (${r.both}/${cases.length})\n`);
  }
  const pct = (n: number) => `${((100 * n) / total).toFixed(1)} %`;
  process.stdout.write(
    `all left out: rules ${pct(right.rules)} · model alone ${pct(right.model)} · rules + model ${pct(right.both)} (${right.both}/${total})\n`,
  );
}
