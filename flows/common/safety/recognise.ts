import { aboutNow, clausesOf } from './clauses.js';
import { FIRE_SIGNS, PLEA_SIGNS, POLICE_SIGNS } from './fire-police.js';
import { type Frames, framesOf } from './frames.js';
import { FRAUD_SIGNS, GAS_SIGNS, MISSING_SIGNS, PLEA_MORE_SIGNS, POLICE_MORE_SIGNS, SELF_HARM_SIGNS, TRAPPED_SIGNS } from './kinds.js';
import { MEDICAL_SIGNS } from './medical.js';
import STORED_MODEL from './model.json' with { type: 'json' };
import { decodeModel, KIND_SERVICES, modelGuess, type NgramModel, type StoredModel } from './model.js';
import { SYMPTOM_SIGNS } from './symptoms.js';
import type { EmergencyCategory, EmergencyLevel, EmergencyService, Sign } from './types.js';
import { FEVER_SIGNS, WATCH_SIGNS } from './watch.js';
import { ILLNESS_SIGNS } from './illness.js';
import { FRAUD_MORE_SIGNS, STRANGER_SIGNS } from './strangers.js';
import { STORM_SIGNS } from './storms.js';
import { ALSO_SIGNS } from './also.js';
import { YOUNG_MORE_SIGNS, YOUNG_SIGNS } from './young.js';
import { type FirstAid, firstAidFor } from './aid.js';

// === Recognising danger in a message: urgent, watch, or nothing

/** What a message says about danger. `level` null: nothing (then `words` and `services` are empty). */
export interface EmergencyReading {
  level: EmergencyLevel | null;
  /** The words found, in the order of the signs (medical, fire, police, plea); recorded on the alert. */
  words: string[];
  /** Whom to call, in a stable order: 120, 119, 110, 96110. */
  services: EmergencyService[];
  categories: EmergencyCategory[];
  /** The first aid to say with the numbers (urgent only), most specific first, at most two. */
  aids: FirstAid[];
  /** Watch only: unsure whether anyone is in danger now — the soft line asks (是不是有人现在有危险？). */
  ask?: boolean;
}

/** Every sign, urgent ones first; order decides the order of `words`. */
export const SIGNS: readonly Sign[] = [
  ...MEDICAL_SIGNS,
  ...SYMPTOM_SIGNS,
  ...ILLNESS_SIGNS,
  ...SELF_HARM_SIGNS,
  ...FEVER_SIGNS,
  ...FIRE_SIGNS,
  ...GAS_SIGNS,
  ...TRAPPED_SIGNS,
  ...STORM_SIGNS,
  ...ALSO_SIGNS,
  ...YOUNG_SIGNS,
  ...YOUNG_MORE_SIGNS,
  ...POLICE_SIGNS,
  ...POLICE_MORE_SIGNS,
  ...STRANGER_SIGNS,
  ...FRAUD_SIGNS,
  ...FRAUD_MORE_SIGNS,
  ...MISSING_SIGNS,
  ...PLEA_SIGNS,
  ...PLEA_MORE_SIGNS,
  ...WATCH_SIGNS,
];

const SERVICE_ORDER: readonly EmergencyService[] = ['120', '119', '110', '96110'];
const CATEGORY_ORDER: readonly EmergencyCategory[] = ['medical', 'fire', 'police', 'plea'];
const ALL_THREE: EmergencyService[] = ['120', '119', '110'];
const GLOBAL = new Map(SIGNS.map((s) => [s, new RegExp(s.re.source, `${s.re.flags.replace('g', '')}g`)]));

const NOTHING: EmergencyReading = { level: null, words: [], services: [], categories: [], aids: [] };

/** The learned second signal (model.ts), read once. */
const MODEL = decodeModel(STORED_MODEL as StoredModel);

/** Options of `detectEmergency`: `model: null` reads with the rules alone (to measure what the model adds). */
export interface ReadOptions {
  model?: NgramModel | null;
}

/**
 * Where the rules found nothing and some clause is about now, the model may see a kind of emergency:
 * then the soft line that asks, with that kind's numbers — never an alert, never over the rules.
 */
function secondSignal(model: NgramModel, clauses: string[], frames: Frames): EmergencyReading {
  if (frames.chronic || frames.foiled || frames.asks || frames.routine || frames.declined || frames.lent || frames.lasting) return NOTHING;
  // A message that gives a phone number is an answer (我的电话：138…，找王阿姨), not a situation told.
  if (clauses.some((c) => /\d{7}/.test(c))) return NOTHING;
  // The message must read as an emergency both whole and in its clauses about now alone (not what
  // was on television, or is over): 摔了一跤…包好了 没事 leaves only 没事.
  const now = clauses.filter((_, i) => frames.clause[i] === null);
  const guess = now.length > 0 && modelGuess(model, now) ? modelGuess(model, clauses) : null;
  if (!guess) return NOTHING;
  const services = KIND_SERVICES[guess.kind];
  const category =
    guess.kind === 'fire' ? 'fire' : guess.kind === 'plea' ? 'plea' : guess.kind === 'medical' || guess.kind === 'self-harm' ? 'medical' : 'police';
  return { level: 'watch', words: [], services, categories: [category], aids: [], ask: true };
}

/** Animals are not people: 狗抽搐了 is for a vet. */
const ANIMAL_BEFORE = /(狗|猫|鸡|鸭|鸟|宠物|鱼|兔)[^人爸妈他她]{0,4}$/u;

/** The first word of `sign` about now in one of `clauses` (`soft`: said as a habit), or null. */
function findIn(sign: Sign, clauses: string[], frames: Frames): { word: string; soft: boolean } | null {
  if (sign.across) return findAcross(sign, clauses, frames);
  const re = GLOBAL.get(sign)!;
  for (const [i, clause] of clauses.entries()) {
    if ((frames.clause[i] !== null && !sign.now) || sign.unless?.test(clause)) continue;
    for (const m of clause.matchAll(re)) {
      const before = clause.slice(0, m.index);
      if (sign.unlessBefore?.test(before) || (sign.category === 'medical' && ANIMAL_BEFORE.test(before))) continue;
      if (aboutNow(clause, m.index, m[0].length)) return { word: m[0], soft: sign.softBefore?.test(before) ?? false };
    }
  }
  return null;
}

/** `findIn` for a sign read across clause breaks: the clauses it starts and ends in must be about now. */
function findAcross(sign: Sign, clauses: string[], frames: Frames): { word: string; soft: boolean } | null {
  const whole = clauses.join('，');
  const starts: number[] = [];
  let at = 0;
  for (const c of clauses) {
    starts.push(at);
    at += c.length + 1;
  }
  const clauseAt = (at: number) => starts.findLastIndex((s) => s <= at);
  for (const m of whole.matchAll(GLOBAL.get(sign)!)) {
    const [first, last] = [clauseAt(m.index), clauseAt(m.index + m[0].length - 1)];
    if (!sign.now && (frames.clause[first] !== null || frames.clause[last] !== null)) continue;
    const clause = clauses[first]!;
    const at = m.index - starts[first]!;
    if (sign.unless?.test(clauses.slice(first, last + 1).join('，'))) continue;
    if (sign.unlessBefore?.test(clause.slice(0, at)) || (sign.category === 'medical' && ANIMAL_BEFORE.test(clause.slice(0, at)))) continue;
    if (aboutNow(clause, at, Math.min(m[0].length, clause.length - at))) return { word: m[0].replace(/，/g, ' '), soft: false };
  }
  return null;
}

/** The words once each, without those that only repeat part of a longer one (插座冒火花 over 冒火花). */
function longest(words: string[]): string[] {
  const unique = [...new Set(words)];
  return unique.filter((w) => !unique.some((o) => o !== w && o.includes(w)));
}

/**
 * Reads a message for danger. Urgent signs win over watch ones; a plea (救命) alone offers all three
 * numbers, with a named danger it adds nothing; where no sign is found the model may add a soft line
 * that asks. Pure and fast (a few hundred microseconds a sentence).
 */
export function detectEmergency(text: string, options: ReadOptions = {}): EmergencyReading {
  const model = options.model === undefined ? MODEL : options.model;
  const clauses = clausesOf(text);
  if (clauses.length === 0) return NOTHING;
  const whole = clauses.join('，');
  const frames = framesOf(clauses);
  if (frames.joke) return NOTHING;
  const found: { sign: Sign; word: string; level: EmergencyLevel }[] = [];
  for (const sign of SIGNS) {
    // One test on the whole message first: most signs are absent, and a word in a clause is in the whole.
    if (!sign.re.test(whole) || (sign.when && !sign.when.test(whole)) || sign.unlessSaid?.test(whole)) continue;
    // A scam seen through is not fraud in progress.
    if (frames.foiled && sign.services.includes('96110')) continue;
    // A pain diagnosed, its medicine asked for again: a refill, not an emergency (the police signs still read).
    if (frames.known && sign.category === 'medical' && !sign.services.includes('110')) continue;
    const hit = findIn(sign, clauses, frames);
    if (hit === null) continue;
    const { word, soft } = hit;
    const level = sign.level === 'watch' || soft || sign.calmedBy?.test(whole) ? 'watch' : 'urgent';
    // A long-standing condition, or one with a routine need asked for, is not a sign to watch (高血压老毛病, 脚扭了 想借个轮椅).
    if (level === 'watch' && (frames.chronic || frames.declined || (frames.routine && !sign.evenRoutine))) continue;
    found.push({ sign, word, level });
  }
  const urgent = found.filter((f) => f.level === 'urgent');
  const hits = urgent.length > 0 ? urgent : found;
  if (hits.length === 0) return model ? secondSignal(model, clauses, frames) : NOTHING;
  const named = new Set(hits.flatMap((f) => f.sign.services));
  const services = named.size > 0 ? SERVICE_ORDER.filter((s) => named.has(s)) : ALL_THREE;
  const kinds = new Set(hits.map((f) => f.sign.category));
  const words = longest(hits.map((f) => f.word));
  const reading: EmergencyReading = {
    level: urgent.length > 0 ? 'urgent' : 'watch',
    words,
    services,
    categories: CATEGORY_ORDER.filter((c) => kinds.has(c)),
    aids: urgent.length > 0 ? firstAidFor(words, services) : [],
  };
  return urgent.length === 0 && hits.some((f) => f.sign.ask) ? { ...reading, ask: true } : reading;
}
