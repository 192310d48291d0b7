import { normalizeText } from './choice.js';

// === Navigation words and commands (取消, 返回, 帮助, /start…), and moving between steps

/** Words every flow reads as "cancel"; a flow adds its own (不办了, 不报名了). */
export const CANCEL_WORDS = ['取消', '退出', '算了', '不要了', '结束', '/cancel', 'cancel'];
/** Words for "back one step". */
export const BACK_WORDS = ['返回', '上一步', '回去', '后退', '/back', 'back'];
/** Words asking for help; a lone `?` does too. */
export const HELP_WORDS = ['帮助', '帮忙说明', '怎么用', '?', '/help', 'help'];

/** A navigation word or command of a flow, or an unknown `/command`. */
export type NavEvent<T extends string> = { type: T } | { type: 'nav.unknownCommand'; command: string };

/**
 * Reads a text as one of a flow's navigation words (`words`: event type → words), an unknown
 * command, or null. A lone `?` asks for help; commands may carry the bot's name (`/help@bot`).
 */
export function readNavigation<T extends string>(text: string, words: Record<T, string[]>): NavEvent<T> | { type: 'nav.help' } | null {
  if (/^[?？]+$/.test(text.trim())) return { type: 'nav.help' };
  const t = normalizeText(text)
    .toLowerCase()
    .replace(/^(\/[a-z0-9_]+)@\w+$/, '$1');
  for (const [type, list] of Object.entries(words) as [T, string[]][]) {
    if (list.includes(t)) return { type };
  }
  if (/^\/[a-z0-9_]+$/.test(t)) return { type: 'nav.unknownCommand', command: t };
  return null;
}

/**
 * The target after (or before) a step: `summary` while a field is being changed from it, else
 * `step`. Needs the flow's `editing` guard.
 */
export const unlessEditing = (summary: string) => (step: string) => [{ guard: 'editing', target: summary } as const, { target: step }];
