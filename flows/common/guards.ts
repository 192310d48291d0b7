import type { EventObject } from 'xstate';
import { type Answer, normalizeText, resolveChoice } from './choice.js';
import type { MediaAnswer, TextAnswer } from './events.js';
import type { WithQuestion } from './question.js';
import { isMeaningful } from './validate.js';

// === Reading an event in guards and assignments, for any flow's context and events

/** The typed text of an `answer.text`; '' for any other event. */
export function textOf(e: EventObject): string {
  return e.type === 'answer.text' ? (e as TextAnswer).text : '';
}

/** A typed or pressed answer, or null for any other event. */
export function answerOf(e: EventObject): Answer | null {
  return e.type === 'answer.text' || e.type === 'answer.choice' ? (e as Answer) : null;
}

/**
 * The id (less `prefix`) of the current question's choice that the event picks, or null. With
 * `exact`, typed text must be a number or a whole label: a label inside longer text does not count.
 */
export function picked(e: EventObject, ctx: WithQuestion, prefix: string, exact = false): string | null {
  const answer = answerOf(e);
  const id = answer ? resolveChoice(answer, ctx.question.choices, {}, { contained: !exact }) : null;
  return id?.startsWith(prefix) ? id.slice(prefix.length) : null;
}

/** True when the typed text is one of `words` (normalized, case ignored). */
export function isWord(e: EventObject, words: readonly string[]): boolean {
  return e.type === 'answer.text' && words.includes(normalizeText((e as TextAnswer).text).toLowerCase());
}

/** True for media of that kind. */
export function isMedia(e: EventObject, kind: MediaAnswer['media']): boolean {
  return e.type === 'answer.media' && (e as MediaAnswer).media === kind;
}

type Args = { event: EventObject };

/** Guards every flow's `setup()` spreads in: the kit's shared transitions (`answersAnywhere`) use them. */
export const contentGuards = {
  isPhoto: ({ event }: Args) => isMedia(event, 'photo'),
  isVoice: ({ event }: Args) => isMedia(event, 'voice'),
  /** Typed text with at least two letters, digits or Chinese characters. */
  meaningful: ({ event }: Args) => isMeaningful(textOf(event)),
};
