import type { IncomingContent } from '../src/core/message.js';
import { normalizeText, parseOrdinal } from './common/choice.js';
import { interpretNonText } from './common/input.js';
import { BACK_WORDS, CANCEL_WORDS, HELP_WORDS, readNavigation } from './common/navigation.js';
import type { BroadcastContext, BroadcastEvent, BroadcastFlowDeps, StationRef } from './broadcast.types.js';

// === From what an organizer sent to the broadcast flow's events, and reading the stations answer

const NAV_WORDS: Record<'nav.cancel' | 'nav.back' | 'nav.help' | 'nav.start', string[]> = {
  'nav.cancel': [...CANCEL_WORDS, '不发了'],
  'nav.back': BACK_WORDS,
  'nav.help': HELP_WORDS,
  'nav.start': ['群发', '/broadcast', '重新群发'],
};

/** Words that end the choice of stations. */
/** Words that open a broadcast, whatever the conversation is in (the app matches them). */
export const BROADCAST_START_WORDS = ['群发', '/broadcast'];

export const DONE_WORDS = ['选好了', '好了', '好', '下一步', '就这些', '完成', 'ok'];

/** Words for every station the organizer has. */
const ALL_WORDS = ['全部', '所有', '全部站点', '所有站点', '都发'];

const SEPARATORS = /[\s,，、;；]+/u;

/**
 * Turns incoming content into broadcast flow events. The text of a broadcast is kept whole (the runner
 * already cut it at its limit; the flow checks the platform's); a button of an older question is stale.
 */
export function interpretBroadcastInput(context: BroadcastContext, content: IncomingContent): BroadcastEvent[] {
  if (content.kind !== 'text') return interpretNonText(context, content, (text) => interpretBroadcastInput(context, { kind: 'text', text }));
  const nav = readNavigation(content.text, NAV_WORDS);
  return nav ? [nav] : [{ type: 'answer.text', text: chinesePunctuation(content.text.trim()) }];
}

const FULL_WIDTH: Record<string, string> = { ',': '，', ':': '：', ';': '；', '!': '！', '?': '？', '(': '（', ')': '）' };

/**
 * Chinese punctuation back where the runner's NFKC cleaning folded it to ASCII (，→ ,): a mark next to a
 * Chinese character is written full-width again, so a notice reads as typed; 9:30 or a URL stay as they are.
 */
export function chinesePunctuation(text: string): string {
  return text.replace(/(?<=\p{Script=Han}[)]?)[,:;!?()]|[,:;!?()](?=[(]?\p{Script=Han})/gu, (m) => FULL_WIDTH[m] ?? m);
}

/**
 * Reads a stations answer: numbers of the offered choices ("1 3"), or station names, each checked
 * against the organizer's stations. Gives the stations found, the words that fit none, and `done`.
 */
export function readStations(text: string, context: BroadcastContext, deps: BroadcastFlowDeps): { found: StationRef[]; unknown: string[]; done: boolean } {
  const found: StationRef[] = [];
  const unknown: string[] = [];
  let done = false;
  const roots = context.roots.map((r) => r.id);
  for (const token of text
    .split(SEPARATORS)
    .map((t) => normalizeText(t))
    .filter(Boolean)
    .slice(0, 20)) {
    if (DONE_WORDS.includes(token.toLowerCase())) {
      done = true;
      continue;
    }
    if (ALL_WORDS.includes(token)) {
      found.push(...context.roots);
      continue;
    }
    const n = parseOrdinal(token);
    const choice = n === null ? undefined : context.question.choices[n - 1];
    if (choice?.id === 'done') done = true;
    else if (choice) found.push(...choiceStations(choice.id, context, deps));
    else {
      const station = n === null ? deps.find(token) : undefined;
      if (station && deps.within(station.id, roots)) found.push(station);
      else unknown.push([...token].slice(0, 20).join(''));
    }
  }
  return { found, unknown: [...new Set(unknown)].slice(0, 3), done };
}

/** The stations a choice id stands for: `all` (every root) or `station:<id>`. */
export function choiceStations(id: string, context: BroadcastContext, deps: BroadcastFlowDeps): StationRef[] {
  if (id === 'all') return context.roots;
  const m = /^station:(\d+)$/.exec(id);
  if (!m) return [];
  const stationId = Number(m[1]);
  const offered = [...context.roots, ...context.roots.flatMap((r) => deps.children(r.id))];
  return offered.filter((s) => s.id === stationId);
}

/** Adds stations to a choice, skipping one already covered by a chosen station above it, dropping those below a new one. */
export function addStations(chosen: StationRef[], added: StationRef[], deps: BroadcastFlowDeps): StationRef[] {
  let out = [...chosen];
  for (const s of added) {
    if (out.some((c) => deps.within(s.id, [c.id]))) continue;
    out = [...out.filter((c) => !deps.within(c.id, [s.id])), s];
  }
  return out;
}
