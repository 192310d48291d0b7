import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

// === Runtime: conversations, de-duplication, reply windows, outbox, tokens

/**
 * When a person last wrote in a private chat, and how many messages were sent to them since: the
 * platforms that only let a bot answer for a while (WeChat: 48 h, 5 messages) are honoured with it.
 */
export const replyWindows = pgTable(
  'reply_windows',
  {
    channel: text('channel').notNull(),
    chatId: text('chat_id').notNull(),
    lastInboundAt: timestamp('last_inbound_at', { withTimezone: true }).notNull(),
    sentSinceInbound: integer('sent_since_inbound').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.channel, t.chatId] })],
);

/** The saved state of one conversation (`channel:chatId:userId`). */
export const conversations = pgTable('conversations', {
  key: text('key').primaryKey(),
  flowId: text('flow_id').notNull(),
  flowVersion: integer('flow_version').notNull(),
  snapshot: jsonb('snapshot').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Inbound messages already handled, so a redelivery has no second effect. */
export const processedMessages = pgTable('processed_messages', {
  key: text('key').primaryKey(),
  processedAt: timestamp('processed_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * `held`: the platform does not let us write to this person now (reply window closed and no other
 * route, or they unfollowed): kept, shown to organizers, sent when they write again — then as one
 * digest message, and the held rows become `merged`.
 */
export const outboxStatuses = ['pending', 'sent', 'failed', 'held', 'merged'] as const;

/** Messages to send, written in the same transaction as the change that caused them. */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    channel: text('channel').notNull(),
    chatId: text('chat_id').notNull(),
    /** The channel-neutral message: `{ text, choices?, ... }`. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** Optional key making a delivery unique (one message per chat per event). */
    dedupKey: text('dedup_key'),
    status: text('status', { enum: outboxStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    externalId: text('external_id'),
    /** The delivering process (instance id) that holds the lease in `next_attempt_at`, while sending. */
    claimedBy: text('claimed_by'),
    /** How it went out: `message`, or `notice` (a template message outside the reply window). */
    sentVia: text('sent_via'),
    /** 0: conversation (replies, cards); 1: bulk (broadcasts), paced and sent after any conversation row. */
    priority: integer('priority').notNull().default(0),
    /**
     * A pending message whose reply-window slot is counted already (a reply written with the person's
     * message, or a send under way): the window of their next message counts it too (reply-window.ts).
     * Cleared when it is sent, held, failed or given back.
     */
    windowSlot: boolean('window_slot').notNull().default(false),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('outbox_dedup').on(t.dedupKey).where(sql`${t.dedupKey} is not null`),
    index('outbox_due').on(t.status, t.nextAttemptAt),
    index('outbox_window_slots').on(t.channel, t.chatId).where(sql`${t.windowSlot}`),
    // A chat's pending rows (a reply written behind them keeps their order: enqueueClaimed, claims).
    index('outbox_pending_chat').on(t.channel, t.chatId).where(sql`${t.status} = 'pending'`),
  ],
);

/** Access tokens of platform APIs, shared by every instance (fetched once, refreshed before they expire). */
export const platformTokens = pgTable('platform_tokens', {
  key: text('key').primaryKey(),
  token: text('token').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Small facts the process keeps about itself (e.g. a hash of the reference data last synced). */
export const appMeta = pgTable('app_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
