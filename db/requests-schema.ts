import { bigint, bigserial, boolean, index, integer, jsonb, pgSequence, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { people } from './people-schema.js';
import { stations } from './reference-schema.js';

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
