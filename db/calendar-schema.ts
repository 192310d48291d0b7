import { integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

// === Service-day reminders: each reminder once, each target once (several instances, restarts, downtime)

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const calendarReminderStatuses = ['sending', 'sent', 'skipped'] as const;

/** One reminder of one service day (`<date>:<rule id>`): claimed when sending starts, closed when done or skipped. */
export const calendarReminders = pgTable('calendar_reminders', {
  key: text('key').primaryKey(),
  /** The service day it is about, `YYYY-MM-DD`. */
  occurrenceDate: text('occurrence_date').notNull(),
  dueAt: ts('due_at').notNull(),
  status: text('status', { enum: calendarReminderStatuses }).notNull(),
  /** Groups and volunteers it was written to (all instances together). */
  targets: integer('targets').notNull().default(0),
  startedAt: ts('started_at').notNull(),
  finishedAt: ts('finished_at'),
});

/** A reminder written to one chat: inserted with its outbox row in one transaction, so no chat gets it twice. */
export const calendarDeliveries = pgTable(
  'calendar_deliveries',
  {
    reminderKey: text('reminder_key').notNull(),
    channel: text('channel').notNull(),
    chatId: text('chat_id').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.reminderKey, t.channel, t.chatId] })],
);
