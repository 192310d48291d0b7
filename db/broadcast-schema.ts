import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';

// === Broadcasts: one organizer's message to the groups (and private-only volunteers) of chosen stations

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** A broadcast an organizer confirmed; its deliveries are outbox rows (`broadcast_targets`). */
export const broadcasts = pgTable(
  'broadcasts',
  {
    id: serial('id').primaryKey(),
    organizerId: integer('organizer_id').notNull(),
    /** The stations chosen (each with everything below it). */
    stationIds: jsonb('station_ids').$type<number[]>().notNull(),
    text: text('text').notNull(),
    /** Where the organizer wrote from: the delivery report goes there. */
    channel: text('channel').notNull(),
    chatId: text('chat_id').notNull(),
    createdAt: ts('created_at').notNull(),
    /** When the delivery report was written (null: deliveries still pending). */
    reportedAt: ts('reported_at'),
  },
  (t) => [index('broadcasts_organizer').on(t.organizerId, t.createdAt)],
);

/** One target of a broadcast: a bound group, or a volunteer's private chat on a channel without groups. */
export const broadcastTargets = pgTable(
  'broadcast_targets',
  {
    broadcastId: integer('broadcast_id').notNull(),
    channel: text('channel').notNull(),
    chatId: text('chat_id').notNull(),
    /** True for a group; false for a volunteer reached privately (WeChat). */
    isGroup: boolean('is_group').notNull(),
    outboxId: bigint('outbox_id', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.broadcastId, t.channel, t.chatId] }), index('broadcast_targets_outbox').on(t.outboxId)],
);
