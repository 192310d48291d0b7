import { index, integer, jsonb, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { people } from './people-schema.js';

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
