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

/** Something a person did to the account rather than said (WeChat: followed or unfollowed it); flows never see it. */
export type LifecycleContent = { kind: 'followed' } | { kind: 'unfollowed' };

/** One message from a person to the bot. */
export interface IncomingMessage {
  channel: string;
  chatId: string;
  userId: string;
  displayName: string;
  isGroup: boolean;
  /** Unique per channel (and chat): a redelivery carries the same id and has no second effect. */
  messageId: string;
  content: IncomingContent | LifecycleContent;
  /**
   * An id the platform gives the same person across the organisation's apps (WeChat `unionid`):
   * a new account with a known union id is the person already known.
   */
  unionId?: string;
  /**
   * The platform delivers this message again when its handling fails (a webhook answered 500, a
   * callback left unanswered, an update fetched again): the apology then says it was received rather
   * than asking the person to send it again. Absent: a failed message is lost (the terminal chat).
   */
  redeliveredIfFailed?: boolean;
}

/** True for content that flows read (not a follow or unfollow). */
export function isFlowContent(content: IncomingMessage['content']): content is IncomingContent {
  return content.kind !== 'followed' && content.kind !== 'unfollowed';
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
  /**
   * A notice that matters even when the platform no longer lets the bot write freely (WeChat after
   * 48 h): its kind and fields, so the channel can send it another way (a template message).
   */
  notice?: Notice;
}

/** The notices that are worth a template message: a request's progress, a task for a volunteer. */
export const NOTICE_KINDS = ['request_claimed', 'volunteer_departed', 'volunteer_arrived', 'request_done', 'request_released', 'task_offered'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** The fields a notice may fill; never an address or phone. */
export interface NoticeFields {
  ticket: string;
  /** The catalogue item, e.g. 家电维修. */
  service?: string;
  community?: string;
  /** When the resident wants it (their words). */
  time?: string;
  volunteer?: string;
  /** A short status line, e.g. 已接单. */
  status: string;
}

export interface Notice {
  kind: NoticeKind;
  fields: NoticeFields;
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
