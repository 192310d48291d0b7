import type { IncomingContent } from '../src/core/message.js';
import { normalizeText, parseOrdinal, resolveChoice } from './common/choice.js';
import { cutText, interpretCommon } from './common/input.js';
import { BACK_WORDS, CANCEL_WORDS, HELP_WORDS, readNavigation } from './common/navigation.js';
import { meaningfulLength } from './common/validate.js';
import type { EventContext, EventEvent, EventFlowDeps, EventTimeReading } from './event.types.js';

// === From what an organizer sent to the event flow's events, and reading typed answers

/** Words that open the event flow (whatever the conversation is in). */
export const EVENT_START_WORDS = ['发布活动', '创建活动', '新建活动', '新活动', '/newevent'];

const NAV_WORDS: Record<'nav.cancel' | 'nav.back' | 'nav.help' | 'nav.start', string[]> = {
  'nav.cancel': [...CANCEL_WORDS, '不发了', '不发布了'],
  'nav.back': BACK_WORDS,
  'nav.help': HELP_WORDS,
  'nav.start': EVENT_START_WORDS,
};

/**
 * Turns incoming content into event flow events. Text is cut to `MAX_TEXT` characters and read as
 * an event time too (`readTime`, given by the runtime with its clock); a button of an older question
 * is stale; a captioned photo is read as its caption.
 */
export function interpretEventInput(context: EventContext, content: IncomingContent, readTime: (text: string) => EventTimeReading): EventEvent[] {
  switch (content.kind) {
    case 'text': {
      const nav = readNavigation(content.text, NAV_WORDS);
      if (nav) return [nav];
      const text = cutText(content.text).text;
      // A number or label of a suggested start reads as that start (checked again: it may have passed).
      const start = suggestedStart(context, resolveChoice({ type: 'answer.text', text }, context.question.choices, {}, { contained: false }));
      return [{ type: 'answer.text', text, time: readTime(start ?? text) }];
    }
    case 'choice': {
      const event = interpretCommon(context, content);
      const start = event.type === 'answer.choice' ? suggestedStart(context, event.id) : null;
      return [start ? { type: 'answer.text', text: start, time: readTime(start) } : event];
    }
    case 'location':
    case 'contact':
    case 'edited':
      return [interpretCommon(context, content)];
    case 'media': {
      const caption = content.caption ?? '';
      if (caption.trim()) return interpretEventInput(context, { kind: 'text', text: caption }, readTime);
      return [{ type: 'answer.media', media: content.media, ref: content.ref ?? null }];
    }
  }
}

/** The local start of a suggested-start choice id (`time:2026-12-26 08:30`) of the current question, or null. */
function suggestedStart(context: EventContext, id: string | null): string | null {
  return id?.startsWith('time:') && context.question.choices.some((c) => c.id === id) ? id.slice('time:'.length) : null;
}

/** A title tidied, or null: 2–40 characters with at least two letters. */
export function readTitle(text: string): string | null {
  const t = text.replace(/\s+/g, ' ').trim();
  const n = [...t].length;
  return n >= 2 && n <= 40 && meaningfulLength(t) >= 2 ? t : null;
}

/** A place tidied, or null: 2–60 characters with at least two letters. */
export function readPlace(text: string): string | null {
  const t = text.replace(/\s+/g, ' ').trim();
  const n = [...t].length;
  return n >= 2 && n <= 60 && meaningfulLength(t) >= 2 ? t : null;
}

/** Words for "no cap". */
export const NO_CAP_WORDS = ['不限', '不限人数', '不限制', '没有限制', '无', '无限', '随便', '多多益善'];

/** A cap typed: 10, 10人, 十个, 二十名 → the number (1–999); null when it is none. */
export function readCap(text: string): number | null {
  const t = normalizeText(text).replace(/(个人|人|名|位|个)$/u, '');
  const n = /^\d{1,3}$/.test(t) ? Number(t) : parseOrdinal(t);
  return n !== null && n >= 1 && n <= 999 ? n : null;
}

/** Words that end the choice of services, and that leave them open. */
export const SERVICES_DONE_WORDS = ['好了', '选好了', '好', '好的', '完成', '就这些', '没有了', '可以了', '下一步', 'ok'];
export const SERVICES_ANY_WORDS = ['不限', '不限服务', '都可以', '跳过', '没有'];

const SEPARATORS = /[\s,，、;；/|+＋]+|和|还有|以及/u;

/** Services typed: class numbers or names, item words. The codes found and the words that fit nothing. */
export function readServices(text: string, deps: EventFlowDeps): { codes: string[]; unknown: string[]; done: boolean } {
  const codes: string[] = [];
  const unknown: string[] = [];
  let done = false;
  const tokens = text
    .split(SEPARATORS)
    .map((t) => normalizeText(t))
    .filter(Boolean)
    .slice(0, 30);
  for (const token of tokens) {
    if (SERVICES_DONE_WORDS.includes(token.toLowerCase())) {
      done = true;
      continue;
    }
    const n = parseOrdinal(token);
    const numbered = n === null ? undefined : deps.classes[n - 1]?.code;
    const cls = deps.classes.find((c) => token === c.name || (meaningfulLength(token) >= 2 && c.name.replace(/类$/, '').includes(token)));
    const item = n === null && meaningfulLength(token) >= 2 ? deps.matchItems(token)[0]?.itemCode : undefined;
    const code = numbered ?? cls?.code ?? item;
    if (code) codes.push(code);
    else if (meaningfulLength(token) > 0) unknown.push([...token].slice(0, 20).join(''));
  }
  return { codes: [...new Set(codes)], unknown: [...new Set(unknown)].slice(0, 5), done };
}
