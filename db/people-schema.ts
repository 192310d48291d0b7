import { sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

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
