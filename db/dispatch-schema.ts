import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, real, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

// === Dispatch: volunteers, organizers, bound group chats, announcements, reveals

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const volunteerStatuses = ['pending', 'approved', 'rejected'] as const;
export const taskAlertSettings = ['on', 'off', 'urgent'] as const;
export type TaskAlertSetting = (typeof taskAlertSettings)[number];

/** A registered volunteer (one per person). */
export const volunteers = pgTable(
  'volunteers',
  {
    personId: integer('person_id').primaryKey(),
    name: text('name').notNull(),
    /** Private: only organizers see it. */
    phone: text('phone').notNull(),
    partyMember: boolean('party_member').notNull(),
    /** Catalogue class or item codes. */
    skills: jsonb('skills').$type<string[]>().notNull(),
    stationId: integer('station_id').notNull(),
    availability: text('availability').notNull(),
    status: text('status', { enum: volunteerStatuses }).notNull().default('pending'),
    /** New tasks offered in private chat: `on`, `off`, or `urgent` ones only (新任务私信提醒). */
    taskAlerts: text('task_alerts', { enum: taskAlertSettings }).notNull().default('on'),
    /** No orders until then (quality rules: warning, yellow card). */
    suspendedUntil: ts('suspended_until'),
    decidedBy: integer('decided_by'),
    decidedAt: ts('decided_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('volunteers_station').on(t.stationId, t.status)],
);

/** Organizer of a station and every station below it. */
export const organizers = pgTable(
  'organizers',
  {
    personId: integer('person_id').notNull(),
    stationId: integer('station_id').notNull(),
    grantedBy: integer('granted_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.stationId] })],
);

/** A group chat bound to a station (and optionally one skill: a catalogue class or item code). */
export const chatGroups = pgTable(
  'chat_groups',
  {
    channel: text('channel').notNull(),
    chatId: text('chat_id').notNull(),
    stationId: integer('station_id').notNull(),
    skill: text('skill'),
    boundBy: integer('bound_by').notNull(),
    boundAt: ts('bound_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.channel, t.chatId] }), index('chat_groups_station').on(t.stationId)],
);

/** Group chats that were told how binding works (told once). */
export const unboundGroupNotices = pgTable(
  'unbound_group_notices',
  {
    channel: text('channel').notNull(),
    chatId: text('chat_id').notNull(),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.channel, t.chatId] })],
);

/** One card per request per group: the outbox row that posted it, so later changes edit it. */
export const announcements = pgTable(
  'announcements',
  {
    id: serial('id').primaryKey(),
    requestId: integer('request_id').notNull(),
    channel: text('channel').notNull(),
    chatId: text('chat_id').notNull(),
    /** The escalation level at which this group was reached (0 = the request's own station). */
    level: integer('level').notNull(),
    cardOutboxId: bigint('card_outbox_id', { mode: 'number' }).notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('announcements_once').on(t.requestId, t.channel, t.chatId)],
);

/**
 * A task offered to one volunteer in private chat (where no group reaches them): at most a set number
 * per request and escalation level; only they may take it there with 接单 <单号>.
 */
export const privateOffers = pgTable(
  'private_offers',
  {
    requestId: integer('request_id').notNull(),
    personId: integer('person_id').notNull(),
    channel: text('channel').notNull(),
    chatId: text('chat_id').notNull(),
    level: integer('level').notNull(),
    outboxId: bigint('outbox_id', { mode: 'number' }),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.personId] }), index('private_offers_person').on(t.personId)],
);

/** Who was shown a resident's address and phone, and when. */
export const reveals = pgTable('reveals', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  requestId: integer('request_id').notNull(),
  personId: integer('person_id').notNull(),
  reason: text('reason').notNull(),
  at: ts('at').notNull().defaultNow(),
});

/** Hours and notes volunteers report when done. */
export const visitReports = pgTable('visit_reports', {
  requestId: integer('request_id').primaryKey(),
  volunteerId: integer('volunteer_id').notNull(),
  hours: real('hours').notNull(),
  note: text('note').notNull(),
  at: ts('at').notNull().defaultNow(),
});

export const auditActions = ['link', 'approve', 'reject', 'grant_organizer'] as const;
export type AuditAction = (typeof auditActions)[number];

/** A person's rights before or after an audited change: ids, stations and statuses only, never a phone or address. */
export interface AuditPerson {
  id: number;
  volunteer: { stationId: number; status: string } | null;
  organizerOf: number[];
}

/**
 * Who changed whose rights, when, and what they were before and after: merges (`/link`), approvals,
 * organizer grants. Append-only: a trigger (migration `audit_log_append_only`) refuses UPDATE, DELETE and TRUNCATE.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull(),
    /** Who acted; null: the system (`ORGANIZERS` at start). */
    actorId: integer('actor_id'),
    action: text('action', { enum: auditActions }).notNull(),
    /** The person acted on (a merge: the one kept). */
    subjectId: integer('subject_id').notNull(),
    /** A merge: the person merged away. */
    otherId: integer('other_id'),
    /** The stations the change concerns: their organizers (and those above) read the entry in `/audit`. */
    stationIds: integer('station_ids').array().notNull(),
    before: jsonb('before').$type<AuditPerson[]>().notNull(),
    after: jsonb('after').$type<AuditPerson[]>().notNull(),
  },
  (t) => [index('audit_log_stations').using('gin', t.stationIds)],
);
