// npx tsx bench/heldout.ts — scores every held-out batch (test/fixtures/heldout/<batch>/) as the bench does.
// Run it once on a new batch, before any change, and copy its line to docs/understanding.md: that is the
// batch's first-sight figure.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { detectEmergency } from '../flows/common/safety/index.js';
import { createCatalogueMatcher } from '../src/domain/catalogue/matcher.js';
import { readCatalogueFile } from '../src/domain/reference-data.js';
import { type LabelledDanger, parseDangers } from '../test/fixtures/emergencies/labelled.js';
import { measure, parseLabelled } from '../test/fixtures/requests/labelled.js';

const ROOT = new URL('../test/fixtures/heldout/', import.meta.url);

/** The batches, oldest first (their folder names start with the date they were written). */
export function heldoutBatches(): string[] {
  return readdirSync(ROOT, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

function read(batch: string, file: string): string {
  return readFileSync(new URL(`${batch}/${file}`, ROOT), 'utf8');
}

/** An emergency is right when the first reply names every labelled number (urgent or the soft line); calm when nothing is raised. */
export interface HeldoutScore {
  batch: string;
  emergencies: { total: number; right: number; byKind: Record<string, { total: number; right: number }>; misses: LabelledDanger[] };
  calm: { total: number; raised: number; urgent: number; misses: LabelledDanger[] };
  /** Null once the batch's requests were tuned on and moved to test/fixtures/requests/heldout-<batch>.tsv. */
  requests: { total: number; first: number; offered: number } | null;
}

function kindOf(services: string[]): string {
  const key = [...services].sort().join('+');
  return { '120': 'medical', '119': 'fire', '110': 'police', '110+96110': 'fraud', '110+120': 'self-harm', '110+119+120': 'plea' }[key] ?? key;
}

export function scoreBatch(batch: string, match: (text: string) => string[]): HeldoutScore {
  // Every line of emergencies.tsv is urgent; its label may be the numbers alone (`120`, `110+96110`).
  const urgent = read(batch, 'emergencies.tsv').replace(/\t(?!urgent )([\d+]+)\s*$/gm, '\turgent $1');
  const emergencies = parseDangers(urgent, `${batch}/emergencies.tsv`);
  const calm = parseDangers(read(batch, 'calm.tsv'), `${batch}/calm.tsv`);
  const requests = existsSync(new URL(`${batch}/requests.tsv`, ROOT)) ? parseLabelled(read(batch, 'requests.tsv'), `${batch}/requests.tsv`) : null;
  const e: HeldoutScore['emergencies'] = { total: 0, right: 0, byKind: {}, misses: [] };
  for (const c of emergencies) {
    const got = detectEmergency(c.text);
    const right = got.level !== null && c.services.every((s) => (got.services as readonly string[]).includes(s));
    const kind = kindOf(c.services);
    const row = (e.byKind[kind] ??= { total: 0, right: 0 });
    row.total++;
    e.total++;
    if (right) {
      row.right++;
      e.right++;
    } else e.misses.push(c);
  }
  const k: HeldoutScore['calm'] = { total: calm.length, raised: 0, urgent: 0, misses: [] };
  for (const c of calm) {
    const got = detectEmergency(c.text);
    if (got.level !== null) {
      k.raised++;
      k.misses.push(c);
    }
    if (got.level === 'urgent') k.urgent++;
  }
  const r = requests && measure(requests, match);
  return { batch, emergencies: e, calm: k, requests: r && { total: r.total, first: r.first, offered: r.offered } };
}

const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)} %`;

/** One line a batch, the form docs/understanding.md keeps. */
export function describeScore(s: HeldoutScore): string {
  const kinds = Object.entries(s.emergencies.byKind)
    .map(([kind, { total, right }]) => `${kind} ${right}/${total}`)
    .join(' · ');
  return (
    `${s.batch}: emergencies ${pct(s.emergencies.right, s.emergencies.total)} (${s.emergencies.right}/${s.emergencies.total}; ${kinds}) · ` +
    `calm raising an alarm ${pct(s.calm.raised, s.calm.total)} (${s.calm.raised}/${s.calm.total}, ${s.calm.urgent} urgent) · ` +
    (s.requests ? `everyday first proposal ${pct(s.requests.first, s.requests.total)} (${s.requests.first}/${s.requests.total})` : 'everyday: tuned on')
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const matcher = createCatalogueMatcher(readCatalogueFile());
  const match = (text: string) => matcher.match(text).map((m) => m.itemCode);
  const only = process.argv[2];
  for (const batch of heldoutBatches().filter((b) => !only || b === only)) {
    const s = scoreBatch(batch, match);
    process.stdout.write(`${describeScore(s)}\n`);
    if (process.argv.includes('--misses')) {
      for (const m of [...s.emergencies.misses, ...s.calm.misses]) process.stdout.write(`  ${m.file}:${m.line} ${m.text}\n`);
    }
  }
}
