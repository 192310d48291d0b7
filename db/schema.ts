import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, index, integer, jsonb, pgSequence, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

// === People and where they talk to us

/** A person: resident, volunteer or organizer (roles arrive with dispatch). */
export const people = pgTable('people', {
  id: serial('id').primaryKey(),
  displayName: text('display_name').notNull(),
  /** The phone number the person last gave us; offered again in the next request. */
  phone: text('phone'),
  createdAt: createdAt(),
});

/** One person may use several channels (WeChat and Telegram): one row per account. */
export const channelIdentities = pgTable(
  'channel_identities',
  {
    channel: text('channel').notNull(),
    externalId: text('external_id').notNull(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    /** Set when the channel says the person blocked the bot (or unfollowed it); cleared when they write again. */
    blockedAt: timestamp('blocked_at', { withTimezone: true }),
    /** The platform's id of this person across the organisation's apps (WeChat `unionid`), when it gives one. */
    unionId: text('union_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.channel, t.externalId] }),
    index('channel_identities_person').on(t.personId),
    index('channel_identities_union').on(t.unionId).where(sql`${t.unionId} is not null`),
  ],
);

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

// === Organisation and catalogue

/** Four-level hierarchy: city → county → town → community. */
export const stations = pgTable(
  'stations',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    level: text('level', { enum: ['city', 'county', 'town', 'community'] }).notNull(),
    parentId: integer('parent_id'),
    aliases: jsonb('aliases').$type<string[]>().notNull().default([]),
  },
  (t) => [index('stations_parent').on(t.parentId)],
);

/**
 * Names organizers added to a station (estates, roads: 文昌小区 → 文昌社区), by `/alias` or from a CSV.
 * Kept apart from `stations.aliases` (the stations file's), so a re-sync or re-import never loses them.
 */
export const stationAliases = pgTable(
  'station_aliases',
  {
    id: serial('id').primaryKey(),
    stationId: integer('station_id')
      .notNull()
      .references(() => stations.id),
    alias: text('alias').notNull(),
    /** Who added it (null: from a CSV). */
    addedBy: integer('added_by').references(() => people.id),
    addedAt: createdAt(),
  },
  (t) => [uniqueIndex('station_aliases_station_alias').on(t.stationId, t.alias)],
);

export const catalogueClasses = pgTable('catalogue_classes', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  position: integer('position').notNull(),
});

export const catalogueItems = pgTable('catalogue_items', {
  code: text('code').primaryKey(),
  classCode: text('class_code')
    .notNull()
    .references(() => catalogueClasses.code),
  name: text('name').notNull(),
  keywords: jsonb('keywords').$type<string[]>().notNull(),
  position: integer('position').notNull(),
});

// === Requests

export const requestStatuses = ['open', 'claimed', 'in_progress', 'done', 'cancelled', 'closed'] as const;
export type RequestStatus = (typeof requestStatuses)[number];

/** A resident's request for help, known to people by its ticket `YYYYMMDD-NNNN`. */
export const requests = pgTable(
  'requests',
  {
    id: serial('id').primaryKey(),
    ticket: text('ticket').notNull().unique(),
    residentId: integer('resident_id')
      .notNull()
      .references(() => people.id),
    channel: text('channel').notNull(),
    classCode: text('class_code').notNull(),
    itemCode: text('item_code').notNull(),
    stationId: integer('station_id')
      .notNull()
      .references(() => stations.id),
    description: text('description').notNull(),
    /** Detailed address: private, shown only to the assigned volunteer and organizers. */
    address: text('address').notNull(),
    /** Contact phone: private, like the address. */
    phone: text('phone').notNull(),
    wantedTime: text('wanted_time').notNull(),
    urgent: boolean('urgent').notNull().default(false),
    attachments: jsonb('attachments').$type<string[]>().notNull().default([]),
    status: text('status', { enum: requestStatuses }).notNull().default('open'),
    /** The resident's private chat on `channel`, for notifications. */
    chatId: text('chat_id').notNull().default(''),
    volunteerId: integer('volunteer_id'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    /** 0: announced at its own station; n: n stations up the hierarchy. */
    escalationLevel: integer('escalation_level').notNull().default(0),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    /** Announced at the top station and organizers told: nothing more for the sweep to do. */
    escalationDone: boolean('escalation_done').notNull().default(false),
    /** When the request last became open (created, or given back): deadlines count from here. */
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('requests_resident').on(t.residentId), index('requests_status').on(t.status, t.createdAt)],
);

/**
 * New requests a resident made per day (`YYYY-MM-DD` in TIME_ZONE): the daily cap is one conditional
 * upsert of this row, which also serialises two confirmations of one resident at the same moment.
 */
export const requestQuotas = pgTable(
  'request_quotas',
  {
    residentId: integer('resident_id')
      .notNull()
      .references(() => people.id),
    day: text('day').notNull(),
    created: integer('created').notNull(),
  },
  (t) => [primaryKey({ columns: [t.residentId, t.day] })],
);

/**
 * Ticket numbers come from one sequence (no row is locked to take one); a ticket's number within its day
 * (in TIME_ZONE, `YYYYMMDD`) counts from the day's `base`, the sequence value its first ticket took.
 */
export const ticketNumbers = pgSequence('ticket_numbers');

/** The first sequence value of each day's tickets (written once a day, by its first ticket). */
export const ticketDays = pgTable('ticket_days', {
  day: text('day').primaryKey(),
  base: bigint('base', { mode: 'number' }).notNull(),
});

/** Append-only history of a request: every status change and notable step. */
export const requestEvents = pgTable(
  'request_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    requestId: integer('request_id')
      .notNull()
      .references(() => requests.id),
    type: text('type').notNull(),
    actorId: integer('actor_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('request_events_request').on(t.requestId, t.id)],
);

/** Something organizers must see now, e.g. emergency words from a resident. */
export const alerts = pgTable(
  'alerts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    personId: integer('person_id').references(() => people.id),
    requestId: integer('request_id').references(() => requests.id),
    conversationKey: text('conversation_key').notNull(),
    /** Which emergency words or reason triggered it; never the address or phone. */
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    handledAt: timestamp('handled_at', { withTimezone: true }),
  },
  // A request being stored links its conversation's open alerts.
  (t) => [index('alerts_conversation').on(t.conversationKey)],
);

// === Runtime: conversations, de-duplication, outbox

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
  ],
);

export * from './dispatch-schema.js';
export * from './events-schema.js';
export * from './calendar-schema.js';
export * from './broadcast-schema.js';

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
