import { addDays, type CivilDate, dateIn, instantOf } from './civil.js';
import { createHolidayBook, type HolidayBook } from './holidays.js';
import { type Occurrence, occurrencesBetween } from './occurrences.js';
import type { CalendarRules, ReminderRule } from './rules.js';

// === The reminder schedule: when people hear of each occurrence (three days before at 09:00, on the
// morning at 07:30 by default), as a pure function of time the cron and the preview both call

/** One reminder of one occurrence. */
export interface Reminder {
  /** Stable across restarts and instances: `<occurrence date>:<reminder id>`, e.g. `2027-01-25:morning-of`. */
  key: string;
  /** The reminder rule's id in the calendar file. */
  ruleId: string;
  daysBefore: number;
  /** When it is due. */
  at: Date;
  occurrence: Occurrence;
}

/** The calendar of one deployment: rules, official holidays and time zone together. */
export interface Calendar {
  rules: CalendarRules;
  timeZone: string;
  book: HolidayBook;
}

export function createCalendar(rules: CalendarRules, timeZone: string): Calendar {
  return { rules, timeZone, book: createHolidayBook(rules) };
}

/** Occurrences from `from` to `to`, civil dates both included. */
export function occurrencesOf(calendar: Calendar, from: CivilDate, to: CivilDate) {
  return occurrencesBetween(calendar.rules, calendar.book, from, to);
}

function reminderOf(calendar: Calendar, occurrence: Occurrence, rule: ReminderRule): Reminder {
  return {
    key: `${occurrence.date}:${rule.id}`,
    ruleId: rule.id,
    daysBefore: rule.daysBefore,
    at: instantOf(addDays(occurrence.date, -rule.daysBefore), rule.time, calendar.timeZone),
    occurrence,
  };
}

/** Every reminder of the occurrences from `from` to `to` (civil dates), in time order. */
function remindersOfOccurrences(calendar: Calendar, occurrences: readonly Occurrence[]): Reminder[] {
  return occurrences
    .flatMap((o) => calendar.rules.reminders.map((r) => reminderOf(calendar, o, r)))
    .sort((a, b) => a.at.getTime() - b.at.getTime() || (a.key < b.key ? -1 : 1));
}

/** Reminders due in [from, to): what a scheduler that was asleep over that span owes. */
export function remindersBetween(calendar: Calendar, from: Date, to: Date): Reminder[] {
  if (to <= from) return [];
  const lead = Math.max(...calendar.rules.reminders.map((r) => r.daysBefore));
  // Occurrence dates whose reminders can fall in the span: a day of margin each side for the zone.
  const first = addDays(dateIn(from, calendar.timeZone), -1);
  const last = addDays(dateIn(to, calendar.timeZone), lead + 1);
  const { occurrences } = occurrencesOf(calendar, first, last);
  return remindersOfOccurrences(calendar, occurrences).filter((r) => r.at >= from && r.at < to);
}

/** The reminders due at the minute `at` falls in (what the every-minute cron sends now). */
export function dueAt(calendar: Calendar, at: Date): Reminder[] {
  const minute = new Date(Math.floor(at.getTime() / 60_000) * 60_000);
  return remindersBetween(calendar, minute, new Date(minute.getTime() + 60_000));
}
