import type { IncomingContent } from '../../src/core/message.js';
import type { CommonEvent, MediaAnswer } from './events.js';
import type { WithQuestion } from './question.js';

// === Incoming content that every flow reads the same way

/** Longest text kept from one message; more is cut (the resident flow tells the person). */
export const MAX_TEXT = 1000;

/** The text cut to `MAX_TEXT` characters, and whether it was cut. By characters, so an emoji is never split. */
export function cutText(text: string): { text: string; truncated: boolean } {
  const chars = [...text];
  const truncated = chars.length > MAX_TEXT;
  return { text: truncated ? chars.slice(0, MAX_TEXT).join('') : text, truncated };
}

/** The kinds of content `interpretCommon` reads. */
export type CommonContent = Extract<IncomingContent, { kind: 'choice' | 'location' | 'contact' | 'edited' }>;

/**
 * A button press, location, contact or edit as an event. A press on an older question is stale;
 * `#3` means the third choice of the current question.
 */
export function interpretCommon(context: WithQuestion, content: CommonContent): CommonEvent {
  const { question } = context;
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
  }
}

/**
 * Anything but text, as a flow with plain text answers reads it: a press, location, contact or edit
 * (`interpretCommon`); media as `answer.media`, unless it has a caption, which `readText` reads as typed text.
 */
export function interpretNonText<E>(
  context: WithQuestion,
  content: Exclude<IncomingContent, { kind: 'text' }>,
  readText: (text: string) => E[],
): (CommonEvent | MediaAnswer | E)[] {
  if (content.kind !== 'media') return [interpretCommon(context, content)];
  const caption = content.caption ?? '';
  if (caption.trim()) return readText(caption);
  return [{ type: 'answer.media', media: content.media, ref: content.ref ?? null }];
}
