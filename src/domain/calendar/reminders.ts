import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../../../db/client.js';
import { calendarDeliveries, calendarReminders } from '../../../db/schema.js';
import type { OutgoingMessage } from '../../core/message.js';
import { enqueueMessages } from '../../core/outbox.js';
import { redactForGroup } from '../../core/privacy.js';
import { calendarTexts as texts } from '../../texts/calendar.js';
import type { StationTree } from '../stations/tree.js';
import { addDays, instantOf, partsOf, weekday, zonedParts } from './civil.js';
import { type PrivateReminderChannel, type ReminderTarget, reminderTargets } from './reminder-targets.js';
import { type Calendar, type Reminder, remindersBetween } from './schedule.js';
import type { EventSource, PlannedEvent } from './types.js';

// === Sending the reminders that are due, each to each chat exactly once: across instances (a row per
// chat, inserted with its outbox row in one transaction), across a restart mid-way (the rows say who
// has it), and after downtime (later than the grace: skipped and logged, never sent stale)

export interface ReminderDeps {
  calendar: Calendar;
  tree: StationTree;
  events: EventSource;
  privateChannels: readonly PrivateReminderChannel[];
  /** How late a reminder may still go out. */
  graceMs: number;
  log: Logger;
  /** Chats written per transaction. */
  batchSize?: number;
}

export interface ReminderRun {
  /** Chats written to in this run. */
  sent: number;
  /** Reminders found too late in this run (each logged once). */
  skipped: number;
}

/** How far back a run looks for reminders it owes (beyond the grace, only to log them as skipped). */
const LOOKBACK_MS = 3 * 86_400_000;

/** Sends what is due at `now` (and what is owed within the grace); marks and logs what is too late. */
export async function sendDueReminders(db: Db, deps: ReminderDeps, now: Date): Promise<ReminderRun> {
  const owed = remindersBetween(deps.calendar, new Date(now.getTime() - deps.graceMs - LOOKBACK_MS), new Date(now.getTime() + 1));
  if (owed.length === 0) return { sent: 0, skipped: 0 };
  const known = await db
    .select({ key: calendarReminders.key, status: calendarReminders.status })
    .from(calendarReminders)
    .where(
      inArray(
        calendarReminders.key,
        owed.map((r) => r.key),
      ),
    );
  const status = new Map(known.map((k) => [k.key, k.status]));
  const run: ReminderRun = { sent: 0, skipped: 0 };
  for (const reminder of owed) {
    const was = status.get(reminder.key);
    if (was === 'sent' || was === 'skipped') continue;
    const lateMs = now.getTime() - reminder.at.getTime();
    if (lateMs > deps.graceMs) {
      if (await markSkipped(db, reminder, now)) {
        run.skipped += 1;
        deps.log.warn({ key: reminder.key, lateMinutes: Math.floor(lateMs / 60_000), partly: was === 'sending' }, 'service-day reminder skipped: too late');
      }
      continue;
    }
    run.sent += await sendReminder(db, deps, reminder, now);
  }
  return run;
}

/** Marks a reminder skipped unless it was finished meanwhile; true when this call did it. */
async function markSkipped(db: Db, reminder: Reminder, now: Date): Promise<boolean> {
  const inserted = await db
    .insert(calendarReminders)
    .values({ key: reminder.key, occurrenceDate: reminder.occurrence.date, dueAt: reminder.at, status: 'skipped', startedAt: now, finishedAt: now })
    .onConflictDoNothing()
    .returning({ key: calendarReminders.key });
  if (inserted.length > 0) return true;
  const updated = await db
    .update(calendarReminders)
    .set({ status: 'skipped', finishedAt: now })
    .where(and(eq(calendarReminders.key, reminder.key), eq(calendarReminders.status, 'sending')))
    .returning({ key: calendarReminders.key });
  return updated.length > 0;
}

/**
 * Writes one reminder to every target that does not have it yet, a batch per transaction; returns how
 * many chats this call wrote to. Safe to run on several instances at once and to run again after a crash.
 */
async function sendReminder(db: Db, deps: ReminderDeps, reminder: Reminder, now: Date): Promise<number> {
  await db
    .insert(calendarReminders)
    .values({ key: reminder.key, occurrenceDate: reminder.occurrence.date, dueAt: reminder.at, status: 'sending', startedAt: now })
    .onConflictDoNothing();
  const targets = await reminderTargets(db, deps.tree, deps.privateChannels, now);
  const events = await eventsOfDay(db, deps, reminder.occurrence.date);
  const size = deps.batchSize ?? 100;
  let written = 0;
  for (let i = 0; i < targets.length; i += size) {
    const batch = targets.slice(i, i + size);
    written += await db.transaction(async (tx) => {
      const fresh = await tx
        .insert(calendarDeliveries)
        .values(batch.map((t) => ({ reminderKey: reminder.key, channel: t.channel, chatId: t.chatId, at: now })))
        .onConflictDoNothing()
        .returning({ channel: calendarDeliveries.channel, chatId: calendarDeliveries.chatId });
      const isFresh = new Set(fresh.map((f) => `${f.channel}\u0000${f.chatId}`));
      const messages = batch
        .filter((t) => isFresh.has(`${t.channel}\u0000${t.chatId}`))
        .map((t) => ({ ...reminderMessage(deps.calendar, reminder, t, events), dedupKey: `calendar:${reminder.key}:${t.channel}:${t.chatId}` }));
      await enqueueMessages(tx, messages, now);
      await tx
        .update(calendarReminders)
        .set({ targets: sql`${calendarReminders.targets} + ${messages.length}` })
        .where(eq(calendarReminders.key, reminder.key));
      return messages.length;
    });
  }
  await db
    .update(calendarReminders)
    .set({ status: 'sent', finishedAt: now })
    .where(and(eq(calendarReminders.key, reminder.key), eq(calendarReminders.status, 'sending')));
  return written;
}

/** Every station's events on the day, asked once for all targets. */
async function eventsOfDay(db: Db, deps: ReminderDeps, date: string): Promise<PlannedEvent[]> {
  const tz = deps.calendar.timeZone;
  return deps.events.eventsBetween(db, 'all', instantOf(date, '00:00', tz), instantOf(addDays(date, 1), '00:00', tz));
}

/** The reminder as one chat reads it: the day's titles and themes, and the station's events that day. */
export function reminderMessage(calendar: Calendar, reminder: Reminder, target: ReminderTarget, events: readonly PlannedEvent[]): OutgoingMessage {
  const { month, day } = partsOf(reminder.occurrence.date);
  const codes = new Set(target.stationCodes);
  const own = events.filter((e) => codes.has(e.stationCode));
  const text = texts.reminder({
    daysBefore: reminder.daysBefore,
    dayLabel: texts.dayLabel(month, day, weekday(reminder.occurrence.date)),
    items: reminder.occurrence.items,
    holidayNote: reminder.occurrence.holidayNote,
    station: target.stationName,
    events: own.map((e) => {
      const z = zonedParts(e.startsAt, calendar.timeZone);
      // Typed by an organizer, as on the event's own card: redacted the same way for groups.
      return {
        time: `${String(z.hour).padStart(2, '0')}:${String(z.minute).padStart(2, '0')}`,
        title: redactForGroup(e.title),
        place: redactForGroup(e.place),
      };
    }),
  });
  return { channel: target.channel, chatId: target.chatId, payload: { text } };
}
