// npx tsx bench/heldout.ts — scores every held-out batch (test/fixtures/heldout/<batch>/) as the bench does.
// Run it once on a new batch, before any change, and copy its line to docs/understanding.md: that is the
// batch's first-sight figure. `--misses` lists the lines read wrong; `--tuned` scores the batches tuned on;
// `--known-misses` prints test/fixtures/emergencies/known-misses.txt (the ratchet) for the code of now;
// `--model` measures the n-gram model on each batch tuned on, trained without it.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { clausesOf, detectEmergency } from '../flows/common/safety/index.js';
import { KIND_SERVICES, modelGuess } from '../flows/common/safety/model.js';
import { createCatalogueMatcher } from '../src/domain/catalogue/matcher.js';
import { readCatalogueFile } from '../src/domain/reference-data.js';
import {
  currentMisses,
  dangerFiles,
  describeKnownMisses,
  heldoutBatches,
  type LabelledDanger,
  type Reading,
  readDangers,
  readHeldoutBatch,
  readsRight,
} from '../test/fixtures/emergencies/labelled.js';
import { measure, parseLabelled } from '../test/fixtures/requests/labelled.js';

const ROOT = new URL('../test/fixtures/heldout/', import.meta.url);

export { heldoutBatches };

function read(batch: string, file: string): string {
  const url = new URL(`${batch}/${file}`, ROOT);
  return existsSync(url) ? readFileSync(url, 'utf8') : '';
}

/** An emergency is right when the first reply names every labelled number (urgent or the soft line); calm when nothing is raised. */
export interface HeldoutScore {
  batch: string;
  emergencies: { total: number; right: number; byKind: Record<string, { total: number; right: number }>; misses: LabelledDanger[] };
  calm: { total: number; raised: number; urgent: number; misses: LabelledDanger[] };
  requests: { total: number; first: number; offered: number };
}

function kindOf(services: string[]): string {
  const key = [...services].sort().join('+');
  return { '120': 'medical', '119': 'fire', '110': 'police', '110+96110': 'fraud', '110+120': 'self-harm', '110+119+120': 'plea' }[key] ?? key;
}

/** Emergencies and calm lines scored as a held-out batch is (`readsRight` of labelled.ts), with `read`. */
export function scoreDangers(emergencies: LabelledDanger[], calm: LabelledDanger[], read: (text: string) => Reading = detectEmergency) {
  const e: HeldoutScore['emergencies'] = { total: 0, right: 0, byKind: {}, misses: [] };
  for (const c of emergencies) {
    const right = readsRight({ ...c, file: 'heldout/' }, read(c.text));
    const row = (e.byKind[kindOf(c.services)] ??= { total: 0, right: 0 });
    row.total++;
    e.total++;
    if (right) {
      row.right++;
      e.right++;
    } else e.misses.push(c);
  }
  const k: HeldoutScore['calm'] = { total: calm.length, raised: 0, urgent: 0, misses: [] };
  for (const c of calm) {
    const got = read(c.text);
    if (got.level !== null) {
      k.raised++;
      k.misses.push(c);
    }
    if (got.level === 'urgent') k.urgent++;
  }
  return { emergencies: e, calm: k };
}

export function scoreBatch(batch: string, match: (text: string) => string[]): HeldoutScore {
  const { emergencies, calm } = readHeldoutBatch(batch);
  // A batch whose requests were tuned on has no requests.tsv any more (test/fixtures/requests/heldout-<batch>.tsv).
  const tuned = !existsSync(new URL(`${batch}/requests.tsv`, ROOT));
  const r = tuned ? { total: 0, first: 0, offered: 0 } : measure(parseLabelled(read(batch, 'requests.tsv'), `${batch}/requests.tsv`), match);
  return { batch, ...scoreDangers(emergencies, calm), requests: { total: r.total, first: r.first, offered: r.offered } };
}

/** The batches tuned on: their lines moved to test/fixtures/emergencies/heldout-<batch>.tsv, scored the same way. */
export function scoreTuned(read?: (text: string) => Reading): HeldoutScore[] {
  return dangerFiles()
    .filter((f) => f.startsWith('heldout-'))
    .map((f) => {
      const lines = readDangers(f);
      const none = { total: 0, first: 0, offered: 0 };
      return {
        batch: f.replace(/^heldout-|\.tsv$/g, ''),
        ...scoreDangers(
          lines.filter((c) => c.level !== null),
          lines.filter((c) => c.level === null),
          read,
        ),
        requests: none,
      };
    });
}

const pct = (n: number, of: number) => (of === 0 ? '–' : `${((100 * n) / of).toFixed(1)} %`);

/** One line a batch, the form docs/understanding.md keeps. */
export function describeScore(s: HeldoutScore): string {
  const kinds = Object.entries(s.emergencies.byKind)
    .map(([kind, { total, right }]) => `${kind} ${right}/${total}`)
    .join(' · ');
  const { emergencies: e, calm: k, requests: r } = s;
  const parts = [
    e.total > 0 ? `emergencies ${pct(e.right, e.total)} (${e.right}/${e.total}; ${kinds})` : '',
    k.total > 0 ? `calm raising an alarm ${pct(k.raised, k.total)} (${k.raised}/${k.total}, ${k.urgent} urgent)` : '',
    r.total > 0 ? `everyday first proposal ${pct(r.first, r.total)} (${r.first}/${r.total})` : '',
  ];
  return `${s.batch}: ${parts.filter(Boolean).join(' · ')}`;
}

/**
 * What the n-gram model adds, measured on words it never saw: for each batch tuned on, a model trained on
 * every other labelled line reads it — alone, and beside the rules (which were tuned on it: their figure
 * there is no longer first sight, so the model's cost in false alarms is the figure to read).
 */
export async function scoreModelUnseen(): Promise<string[]> {
  const { examples, train } = await import('../scripts/train-model.js');
  const all = examples();
  return scoreTuned().map((s) => {
    const model = train(all.filter((e) => !e.file.includes(s.batch)));
    const alone = scoreTuned((t) => {
      const g = modelGuess(model, clausesOf(t));
      return g ? { level: 'watch', services: KIND_SERVICES[g.kind] } : { level: null, services: [] };
    }).find((x) => x.batch === s.batch)!;
    const rules = scoreTuned((t) => detectEmergency(t, { model: null })).find((x) => x.batch === s.batch)!;
    const both = scoreTuned((t) => detectEmergency(t, { model })).find((x) => x.batch === s.batch)!;
    const line = (x: HeldoutScore) => `emergencies ${pct(x.emergencies.right, x.emergencies.total)}, calm raising an alarm ${pct(x.calm.raised, x.calm.total)}`;
    return `${s.batch} (model trained without it): model alone ${line(alone)} · rules alone ${line(rules)} · rules + model ${line(both)}`;
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--model')) {
  for (const line of await scoreModelUnseen()) process.stdout.write(`${line}\n`);
} else if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--known-misses')) {
  process.stdout.write(describeKnownMisses(currentMisses(detectEmergency)));
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const matcher = createCatalogueMatcher(readCatalogueFile());
  const match = (text: string) => matcher.match(text).map((m) => m.itemCode);
  const only = process.argv.slice(2).find((a) => !a.startsWith('--'));
  // --tuned: the batches tuned on (now training fixtures), scored the same way — no longer first sight.
  const scores = process.argv.includes('--tuned')
    ? scoreTuned()
    : heldoutBatches()
        .filter((b) => !only || b === only)
        .map((b) => scoreBatch(b, match));
  for (const s of scores) {
    process.stdout.write(`${describeScore(s)}\n`);
    if (process.argv.includes('--misses')) {
      for (const m of [...s.emergencies.misses, ...s.calm.misses]) process.stdout.write(`  ${m.file}:${m.line} ${m.text}\n`);
    }
  }
}
