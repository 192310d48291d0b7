import { texts } from '../texts/resident.js';
import type { OutgoingPayload } from './message.js';

// === The one apology: what a person gets when their message could not be handled

/** "Sorry, please send it again" — with the question the conversation is at, so they can answer it. */
export function apologyPayload(question: OutgoingPayload | null): OutgoingPayload {
  return question ? { ...question, text: `${texts.sorry}\n${question.text}` } : { text: texts.sorry };
}
