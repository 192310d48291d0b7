import { bigint, index, integer, jsonb, pgTable, primaryKey, real, serial, text, timestamp } from 'drizzle-orm/pg-core';

// === Events: organizers' activities, volunteers' sign-ups, check-ins and attendance

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const eventStatuses = ['open', 'cancelled'] as const;

/** An activity an organizer created for a station (活动), known to people by its number (`id`). */
export const events = pgTable(
  'events',
  {
    id: serial('id').primaryKey(),
    stationId: integer('station_id').notNull(),
    title: text('title').notNull(),
    startsAt: ts('starts_at').notNull(),
    /** Null when the organizer gave no end: the domain then counts a default length. */
    endsAt: ts('ends_at'),
    place: text('place').notNull(),
    /** Set when the organizer shared a location: check-ins by location are measured against it. */
    latitude: real('latitude'),
    longitude: real('longitude'),
    /** Catalogue class or item codes offered at the event. */
    services: jsonb('services').$type<string[]>().notNull().default([]),
    /** Volunteers wanted; null: no cap. */
    cap: integer('cap'),
    /** Sign-ups holding a place: changed only by conditional updates, so the cap holds under races. */
    signedUp: integer('signed_up').notNull().default(0),
    status: text('status', { enum: eventStatuses }).notNull().default('open'),
    createdBy: integer('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('events_station_start').on(t.stationId, t.startsAt)],
);

/** One card per event per group: the outbox row that posted it, so a changed count edits it. */
export const eventCards = pgTable(
  'event_cards',
  {
    eventId: integer('event_id').notNull(),
    channel: text('channel').notNull(),
    chatId: text('chat_id').notNull(),
    cardOutboxId: bigint('card_outbox_id', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.channel, t.chatId] })],
);

export const signupStatuses = ['signed', 'waiting', 'cancelled'] as const;
export type SignupStatus = (typeof signupStatuses)[number];

/** A volunteer's sign-up for an event, and what became of it: reminder, check-in, check-out, hours. */
export const eventSignups = pgTable(
  'event_signups',
  {
    eventId: integer('event_id').notNull(),
    personId: integer('person_id').notNull(),
    /** `signed` holds a place; `waiting` is on the waiting list (moves up when someone cancels). */
    status: text('status', { enum: signupStatuses }).notNull(),
    signedAt: ts('signed_at').notNull(),
    /** The day-before reminder was written to the outbox (set once, by a conditional update). */
    remindedAt: ts('reminded_at'),
    checkedInAt: ts('checked_in_at'),
    /** How the check-in was confirmed: `time` (within the window), `location` (and near), `organizer`. */
    checkInHow: text('check_in_how'),
    checkedOutAt: ts('checked_out_at'),
    /** Hours served: from check-in to the check-out (签退) or the event's end. */
    hours: real('hours'),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.personId] }),
    index('event_signups_person').on(t.personId),
    index('event_signups_event').on(t.eventId, t.status, t.signedAt),
  ],
);
