import type { IncomingContent } from '../src/core/message.js';
import { normalizeText } from './choice.js';
import type { Question } from './resident.types.js';

// === Incoming content that every flow reads the same way

/** Events every flow understands, for content other than text and media. */
export type CommonEvent =
  | { type: 'answer.stale' }
  | { type: 'answer.choice'; id: string }
  | { type: 'answer.location'; latitude: number; longitude: number; label: string | null }
  | { type: 'answer.contact'; phone: string }
  | { type: 'answer.edited' };

/**
 * A button press, location, contact or edit as an event; null for text and media (flow-specific).
 * A press on an older question is stale; `#3` means the third choice of the current question.
 */
export function interpretCommon(question: Question, content: IncomingContent): CommonEvent | null {
  switch (content.kind) {
    case 'choice': {
      if (content.questionId !== undefined && content.questionId !== question.id) return { type: 'answer.stale' };
      const byIndex = /^#(\d+)$/.exec(content.choiceId);
      const id = byIndex ? question.choices[Number(byIndex[1]) - 1]?.id : content.choiceId;
      return id === undefined ? { type: 'answer.stale' } : { type: 'answer.choice', id };
    }
    case 'location':
      return { type: 'answer.location', latitude: content.latitude, longitude: content.longitude, label: content.label ?? null };
    case 'contact':
      return { type: 'answer.contact', phone: content.phone };
    case 'edited':
      return { type: 'answer.edited' };
    default:
      return null;
  }
}

/** A navigation word or command (取消, 返回, 帮助, /start…), or an unknown `/command`. */
export type NavEvent<T extends string> = { type: T } | { type: 'nav.unknownCommand'; command: string };

/**
 * Reads a text as one of a flow's navigation words (`words`: event type → words), an unknown
 * command, or null. A lone `?` asks for help; commands may carry the bot's name (`/help@bot`).
 */
export function readNavigation<T extends string>(text: string, words: Record<T, string[]>): NavEvent<T> | { type: 'nav.help' } | null {
  if (/^[?？]+$/.test(text.trim())) return { type: 'nav.help' };
  const t = normalizeText(text).toLowerCase().replace(/^(\/[a-z0-9_]+)@\w+$/, '$1');
  for (const [type, list] of Object.entries(words) as [T, string[]][]) {
    if (list.includes(t)) return { type };
  }
  if (/^\/[a-z0-9_]+$/.test(t)) return { type: 'nav.unknownCommand', command: t };
  return null;
}
