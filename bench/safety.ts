import { detectEmergency } from '../flows/common/safety/index.js';
import { describeFigures, measureSafety, readDangers } from '../test/fixtures/emergencies/labelled.js';

// === Emergency recognition: recall and false alarms per category on the labelled phrasings, and speed

/** Measures the recogniser on `test/fixtures/emergencies/*.tsv`; `line(what, figure)` prints and records a row. */
export function benchSafety(line: (what: string, figure: string) => void) {
  const cases = readDangers();
  const figures = measureSafety(cases, detectEmergency);
  const share = (n: number, of: number) => `${((100 * n) / of).toFixed(1)} %`;
  line(
    `emergencies (${figures.urgentTotal} labelled): raised as urgent / with the right numbers`,
    `${share(figures.urgentRaised, figures.urgentTotal)} / ${share(figures.urgentRight, figures.urgentTotal)}`,
  );
  for (const row of describeFigures(figures)) {
    const [what, figure] = row.split(': ');
    line(`emergencies: ${what}`, figure ?? '');
  }
  const rounds = 50;
  const t = performance.now();
  for (let r = 0; r < rounds; r++) for (const c of cases) detectEmergency(c.text);
  line('emergencies: recogniser, one sentence', `${(((performance.now() - t) * 1000) / (rounds * cases.length)).toFixed(1)} µs`);
}
