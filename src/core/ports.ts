import type { Db } from '../../db/client.js';
import type { FlowPerson } from './flow.js';
import type { OutgoingPayload } from './message.js';

// === Small interfaces between the core and the outside world

/** Sends a message on one channel. Throws `DeliveryError` when it cannot. */
export interface Sender {
  /** Delivers one message to a chat; resolves with the channel's id of the sent message. */
  send(chatId: string, payload: OutgoingPayload): Promise<{ externalId?: string }>;
  /** Replaces an earlier message (e.g. a task card); channels that cannot edit leave it out. */
  edit?(chatId: string, externalId: string, payload: OutgoingPayload): Promise<void>;
  /**
   * The platform lets the bot write freely to a person only for `ms` after their last message, and
   * at most `perMessage` messages per message of theirs (WeChat: 48 h, 5). The outbox keeps count;
   * outside it a payload with a `notice` goes through `sendNotice`, anything else waits until they write.
   */
  replyWindow?: { ms: number; perMessage: number };
  /** Sends a payload's `notice` outside the reply window (a WeChat template message); throws `window_closed` when it cannot. */
  sendNotice?(chatId: string, payload: OutgoingPayload): Promise<{ externalId?: string }>;
  /** Whether a chat is a group (paced per group, `ChannelPacing.perGroupPerMinute`); channels without groups leave it out. */
  isGroup?(chatId: string): boolean;
}

export type DeliveryErrorCode = 'blocked' | 'chat_not_found' | 'chat_migrated' | 'rate_limited' | 'network' | 'rejected' | 'window_closed';

/** Why a message could not be delivered, and whether trying again may help. */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    readonly code: DeliveryErrorCode,
    message: string,
    readonly options: { permanent: boolean; retryAfterMs?: number; newChatId?: string; cause?: unknown } = { permanent: false },
  ) {
    super(message, { cause: options.cause });
  }
}

/** Milliseconds since the epoch: the one clock everything reads, so tests can move it. */
export type Clock = () => Date;

/** The person behind a channel account, as the runner needs them (the domain keeps people). */
export interface PeoplePort {
  /**
   * Finds the person, creating them on first contact; a person who writes again is no longer marked
   * blocked. A new account whose `unionId` another account already has belongs to that account's person.
   */
  identify(tx: Db, channel: string, externalId: string, displayName: string, unionId?: string): Promise<FlowPerson>;
  /** The channel refused delivery to this account for good (they blocked the bot). */
  markBlocked(tx: Db, channel: string, externalId: string, at: Date): Promise<void>;
}
