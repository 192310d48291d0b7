import type { IncomingContent } from '../src/core/message.js';
import { normalizeText, parseOrdinal } from './common/choice.js';
import { detectEmergency } from './common/safety/index.js';
import { cutText, interpretNonText } from './common/input.js';
import { BACK_WORDS, CANCEL_WORDS, HELP_WORDS, readNavigation } from './common/navigation.js';
import { isMobile, meaningfulLength, normalizePhone } from './common/validate.js';
import type { VolunteerContext, VolunteerEvent, VolunteerFlowDeps } from './volunteer.types.js';

// === From what a person sent to the volunteer flow's events, and reading typed answers

const NAV_WORDS: Record<'nav.cancel' | 'nav.back' | 'nav.help' | 'nav.start', string[]> = {
  'nav.cancel': [...CANCEL_WORDS, '不报了', '不报名了'],
  'nav.back': BACK_WORDS,
  'nav.help': HELP_WORDS,
  'nav.start': ['我要当志愿者', '我想当志愿者', '当志愿者', '报名志愿者', '志愿者报名', '/volunteer', '重新开始'],
};

/**
 * Turns incoming content into volunteer flow events. Text is cut to `MAX_TEXT` characters (no answer
 * here is that long); a button of an older question becomes `answer.stale`; a captioned photo is
 * read as its caption.
 */
export function interpretVolunteerInput(context: VolunteerContext, content: IncomingContent): VolunteerEvent[] {
  if (content.kind !== 'text') return interpretNonText(context, content, (text) => interpretVolunteerInput(context, { kind: 'text', text }));
  const nav = readNavigation(content.text, NAV_WORDS);
  if (nav) return [nav];
  // Someone may be in danger: say whom to call and ask the same question again (not an answer).
  const { level, words, services, aids, ask } = detectEmergency(content.text);
  if (level) return [{ type: 'emergency.detected', level, words, services, aids, ...(ask ? { ask } : {}) }];
  return [{ type: 'answer.text', text: cutText(content.text).text }];
}

/** How a typed number reads at the mobile step. */
export function readMobile(text: string): { mobile: string } | { landline: true } | null {
  const phone = normalizePhone(text);
  if (phone === null) return null;
  return isMobile(phone) ? { mobile: phone } : { landline: true };
}

/** Words that are no name, and the placeholders given to people whose channel tells no name (WeChat). */
const NOT_NAMES = ['你好', '您好', '在吗', '好的', '是的', '不是', '可以', '没有', '志愿者', 'hello', '居民', '组织者'];

/**
 * A typed name, tidied ("我叫张三" → "张三"), or null when it is no name: fewer than two letters,
 * more than 20 characters, only digits, or a greeting.
 */
export function readName(text: string): string | null {
  const name = text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .trim()
    .replace(/^(我叫|我是|叫我|本人|姓名|名字)[:：\s]*/u, '')
    .replace(/[。.,，!！~～]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
  const length = [...name].length;
  if (length < 2 || length > 20 || meaningfulLength(name) < 2) return null;
  if (/^[\d\s+-]+$/.test(name) || NOT_NAMES.includes(name.toLowerCase())) return null;
  return name;
}

/** Whether the words say the person is a party member (true), is not (false), or neither (null). */
export function readPartyMember(text: string): boolean | null {
  const t = normalizeText(text).toLowerCase();
  if (!t) return null;
  if (/不是|非党员|群众|没有|^否|^不$|^no?$/.test(t)) return false;
  if (/党员|^是|^对|^嗯|^yes$|^y$/.test(t)) return true;
  return null;
}

/** Words that end the choice of skills. */
/** Words that open the registration, whatever the conversation is in (the app matches them). */
export const VOLUNTEER_START_WORDS = ['我要当志愿者', '我想当志愿者', '志愿者报名', '报名志愿者', '/volunteer'];

export const DONE_WORDS = ['好了', '选好了', '好', '好的', '完成', '完了', '就这些', '就这些了', '没有了', '没了', '可以了', '下一步', 'ok'];

/** Words that empty the choice of skills. */
export const CLEAR_WORDS = ['清空', '清空重选', '重选', '重新选', '全部重选', '都不要了'];

const MAX_UNKNOWN = 5;
const MAX_TOKENS = 30;
const CN_DIGIT_RUN = /^[一二三四五六七八九]{2,}$/;
const SEPARATORS = /[\s,，、;；/|+＋]+|和|还有|以及/u;

/**
 * Reads a skills answer: numbers of the classes ("1 3", "1、3", "一 三", "13"), class names
 * ("居家养老") or words matched to items ("水电 家电维修"). Gives the codes found, in order, and the
 * pieces that fit nothing (the first few); `done` when a word like 好了 ends the answer.
 */
export function readSkills(text: string, deps: VolunteerFlowDeps): { codes: string[]; unknown: string[]; done: boolean } {
  let done = false;
  const codes: string[] = [];
  const unknown: string[] = [];
  const classAt = (n: number) => deps.classes[n - 1]?.code;
  const tokens = text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .split(SEPARATORS)
    .map((t) => normalizeText(t))
    .filter((t) => t.length > 0)
    .slice(0, MAX_TOKENS);
  for (const token of tokens) {
    if (DONE_WORDS.includes(token.toLowerCase())) {
      done = true;
      continue;
    }
    const found = readSkillToken(token, deps, classAt);
    if (found.length > 0) codes.push(...found);
    else if (meaningfulLength(token) > 0) unknown.push([...token].slice(0, 20).join(''));
  }
  return { codes: [...new Set(codes)], unknown: [...new Set(unknown)].slice(0, MAX_UNKNOWN), done };
}

function readSkillToken(token: string, deps: VolunteerFlowDeps, classAt: (n: number) => string | undefined): string[] {
  const n = parseOrdinal(token);
  const numbered = n === null ? undefined : classAt(n);
  if (numbered) return [numbered];
  if (/^\d{2,}$/.test(token) || CN_DIGIT_RUN.test(token)) {
    const found = [...token].map((d) => classAt(parseOrdinal(d) ?? 0));
    return found.every((c) => c !== undefined) ? found : [];
  }
  if (n !== null || meaningfulLength(token) < 2) return [];
  const cls = deps.classes.find((c) => {
    const short = c.name.replace(/类$/, '');
    return token === c.name || token.includes(short) || short.includes(token);
  });
  if (cls) return [cls.code];
  // A skill is named, not guessed: what only the learned model (trained on residents' requests) found is left out.
  const item = deps.matchItems(token)[0];
  return item && !item.learned ? [item.itemCode] : [];
}
