import { texts } from '../texts/resident.js';
import type { OutgoingPayload } from './message.js';

// === The one apology: what a person gets when their message could not be handled

/**
 * The apology, above the question the conversation is at so they can answer it. `redelivered`: the
 * platform delivers the message again (`IncomingMessage.redeliveredIfFailed`), so it was received and
 * will be answered — asking to send it again would answer it twice; otherwise it is lost: "send it again".
 */
export function apologyPayload(question: OutgoingPayload | null, redelivered = false): OutgoingPayload {
  const sorry = redelivered ? texts.sorryReceived : texts.sorry;
  return question ? { ...question, text: `${sorry}\n${question.text}` } : { text: sorry };
}
