import { detectEmergency } from '../flows/common/safety/index.js';
import { fromHeldout, measureSafety, readDangers, readEveryBatch } from '../test/fixtures/emergencies/labelled.js';
import { scoreTuned } from './heldout.js';

// === Emergency recognition: recall and false alarms per category on the labelled phrasings, and speed

/** Measures the recogniser on `test/fixtures/emergencies/*.tsv`; `line(what, figure)` prints and records a row. */
export function benchSafety(line: (what: string, figure: string) => void) {
  const share = (n: number, of: number) => `${((100 * n) / of).toFixed(1)} %`;
  // The fixtures written here (the held-out batches tuned on are scored apart, below).
  const own = readDangers().filter((c) => !fromHeldout(c));
  const f = measureSafety(own, detectEmergency);
  line(
    `emergencies (${f.urgentTotal} labelled): raised as urgent / with the right numbers`,
    `${share(f.urgentRaised, f.urgentTotal)} / ${share(f.urgentRight, f.urgentTotal)}`,
  );
  for (const c of ['medical', 'fire', 'police', 'plea'] as const) {
    const { total, right } = f.byCategory[c];
    line(`emergencies, ${c} (${total}): recall with the right numbers`, share(right, total));
  }
  line(
    `emergencies, watch level (${f.byCategory.watch.total}): the soft line with the right number`,
    share(f.byCategory.watch.right, f.byCategory.watch.total),
  );
  const calm = f.byCategory.calm.total;
  line(
    `emergencies, calm phrasings sharing their words (${calm}): false alarms (urgent / watch)`,
    `${share(f.calmUrgent, calm)} / ${share(f.calmRaised - f.calmUrgent, calm)}`,
  );
  // The held-out batches tuned on: no longer first sight (docs/understanding.md keeps that), with and without the model.
  const rulesOnly = scoreTuned((t) => detectEmergency(t, { model: null }));
  for (const s of scoreTuned()) {
    const r = rulesOnly.find((x) => x.batch === s.batch)!;
    const pair = (a: number, b: number, of: number) => `${share(a, of)} (rules alone ${share(b, of)})`;
    line(
      `emergencies, batch ${s.batch} (tuned on, ${s.emergencies.total}): right number in the first reply`,
      pair(s.emergencies.right, r.emergencies.right, s.emergencies.total),
    );
    line(`emergencies, batch ${s.batch} (tuned on, ${s.calm.total} calm): raising any alarm`, pair(s.calm.raised, r.calm.raised, s.calm.total));
  }
  // Speed: every line of every batch, read many times; the mean and the slowest line.
  const texts = readEveryBatch().map((c) => c.text);
  const rounds = 20;
  for (const t of texts) detectEmergency(t);
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) for (const t of texts) detectEmergency(t);
  line(`emergencies: recogniser, one sentence (mean of ${texts.length})`, `${(((performance.now() - t0) * 1000) / (rounds * texts.length)).toFixed(1)} µs`);
  // Each line alone: the best of three runs of 10 reads (a busy machine's pauses are not the recogniser's).
  const run = (t: string) => {
    const a = performance.now();
    for (let r = 0; r < 10; r++) detectEmergency(t);
    return ((performance.now() - a) * 1000) / 10;
  };
  const each = texts.map((t) => Math.min(run(t), run(t), run(t))).sort((a, b) => a - b);
  line(
    'emergencies: recogniser, one sentence (99th percentile / slowest)',
    `${each[Math.floor(each.length * 0.99)]!.toFixed(0)} µs / ${each.at(-1)!.toFixed(0)} µs`,
  );
}
