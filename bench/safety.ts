import { detectEmergency } from '../flows/common/safety/index.js';
import { measureSafety, readDangers } from '../test/fixtures/emergencies/labelled.js';

// === Emergency recognition: recall and false alarms per category on the labelled phrasings, and speed

/** Measures the recogniser on `test/fixtures/emergencies/*.tsv`; `line(what, figure)` prints and records a row. */
export function benchSafety(line: (what: string, figure: string) => void) {
  const cases = readDangers();
  const f = measureSafety(cases, detectEmergency);
  const share = (n: number, of: number) => `${((100 * n) / of).toFixed(1)} %`;
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
  const rounds = 50;
  const t = performance.now();
  for (let r = 0; r < rounds; r++) for (const c of cases) detectEmergency(c.text);
  line('emergencies: recogniser, one sentence', `${(((performance.now() - t) * 1000) / (rounds * cases.length)).toFixed(1)} µs`);
}
