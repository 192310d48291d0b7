import type { Choice } from '../../src/core/message.js';

// === Reading what a person typed or pressed as one of the offered choices

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Full-width to half-width, trimmed, inner spaces and trailing punctuation removed. */
export function normalizeText(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim()
    .replace(/\s+/g, '')
    .replace(/[。.,，!！?？~～、;；:：]+$/u, '');
}

/** `3`, `3.`, `第3个`, `三`, `第三项`, `十二` → the number; otherwise null. */
export function parseOrdinal(text: string): number | null {
  const t = normalizeText(text)
    .replace(/^第/, '')
    .replace(/[个项条号]$/, '')
    .replace(/[.、)]$/, '');
  if (/^\d{1,3}$/.test(t)) return Number(t);
  if (/^[零〇一二两三四五六七八九]$/.test(t)) return CN_DIGITS[t] ?? null;
  const m = /^([一二三四五六七八九])?十([一二三四五六七八九])?$/.exec(t);
  if (m) return (m[1] ? (CN_DIGITS[m[1]] ?? 1) : 1) * 10 + (m[2] ? (CN_DIGITS[m[2]] ?? 0) : 0);
  return null;
}

/** A typed or pressed answer to a question. */
export type Answer = { type: 'answer.text'; text: string } | { type: 'answer.choice'; id: string };

/**
 * The id of the choice an answer picks: a pressed button, its number, its label, an alias,
 * or a label contained in the text (when exactly one fits, unless `contained` is false). Null when nothing fits.
 */
export function resolveChoice(
  answer: Answer,
  choices: readonly Choice[],
  aliases: Record<string, string[]> = {},
  options: { contained?: boolean } = {},
): string | null {
  if (answer.type === 'answer.choice') return choices.some((c) => c.id === answer.id) ? answer.id : null;
  const text = normalizeText(answer.text);
  if (!text) return null;
  const n = parseOrdinal(text);
  if (n !== null) return choices[n - 1]?.id ?? null;
  const exact = choices.find((c) => namesOf(c.label).includes(text) || aliases[c.id]?.includes(text));
  if (exact) return exact.id;
  if (options.contained === false) return null;
  const contained = choices.filter(
    (c) => namesOf(c.label).some((n) => n.length > 1 && text.includes(n)) || (aliases[c.id] ?? []).some((a) => a.length > 1 && text.includes(a)),
  );
  return contained.length === 1 ? contained[0]!.id : null;
}

/** A label and, for "修东西（生活求助类）", each of its two names: any of them picks the choice. */
function namesOf(label: string): string[] {
  const l = normalizeText(label);
  const two = /^(.+)[（(](.+)[）)]$/u.exec(l);
  return two ? [l, two[1]!, two[2]!] : [l];
}

/** Yes and no words, for confirmation questions. */
export const YES_WORDS = ['是', '是的', '对', '对的', '好', '好的', '可以', '行', '嗯', '没错', '确认', '确定', '提交', '要', 'ok', 'OK', 'y', 'yes'];
export const NO_WORDS = ['不是', '不对', '否', '不', '不要', '都不是', '没有', '不用', 'n', 'no'];
