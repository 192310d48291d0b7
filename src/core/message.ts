// === The channel-neutral message model: every channel translates to and from these.

/** What kind of thing a person sent, beyond plain text and button presses. */
export type MediaKind = 'photo' | 'voice' | 'video' | 'sticker' | 'document' | 'other';

/** The content of an incoming message, whichever channel it came from. */
export type IncomingContent =
  | { kind: 'text'; text: string }
  /** A button press: `questionId` tells which question the button belonged to. */
  | { kind: 'choice'; choiceId: string; questionId?: number }
  | { kind: 'location'; latitude: number; longitude: number; label?: string }
  | { kind: 'contact'; phone: string; name?: string }
  | { kind: 'media'; media: MediaKind; ref?: string; caption?: string }
  /** A person edited an earlier message: it is not handled again, and they are told so. */
  | { kind: 'edited' };

/** One message from a person to the bot. */
export interface IncomingMessage {
  channel: string;
  chatId: string;
  userId: string;
  displayName: string;
  isGroup: boolean;
  /** Unique per channel (and chat): a redelivery carries the same id and has no second effect. */
  messageId: string;
  content: IncomingContent;
}

/** One option of a question. `id` is stable; people see `label` numbered from 1. */
export interface Choice {
  id: string;
  label: string;
}

/** What the bot says: text, and the options of the question it asks, if any. */
export interface OutgoingPayload {
  text: string;
  choices?: Choice[];
  /** Which question the choices answer; a press on an older question is stale. */
  questionId?: number;
  /** Edit the message sent for this outbox row instead of sending a new one (e.g. a task card). */
  editOf?: number;
}

/** A message to send, as stored in the outbox. */
export interface OutgoingMessage {
  channel: string;
  chatId: string;
  payload: OutgoingPayload;
}

/** Conversation key: one conversation per person per chat. */
export function conversationKey(msg: Pick<IncomingMessage, 'channel' | 'chatId' | 'userId'>): string {
  return `${msg.channel}:${msg.chatId}:${msg.userId}`;
}
