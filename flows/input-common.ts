import type { IncomingContent } from '../src/core/message.js';
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
