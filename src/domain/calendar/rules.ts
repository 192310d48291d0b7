import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { SetupError } from '../../core/errors.js';
import { isCivilDate } from './civil.js';

// === The calendar file (CALENDAR_FILE, default db/seed/calendar.json): which days exist and when people hear of them

const date = z.string().refine(isCivilDate, 'must be a date YYYY-MM-DD, e.g. 2027-02-27');
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM, e.g. 09:00');
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|30)$/, 'must be MM-DD, e.g. 07-01 (or 09-09 for a lunar date)');
const id = z.string().regex(/^[a-z0-9-]+$/, 'must be kebab-case ascii, e.g. service-day');

/** What happens to a recurring day that falls on an official holiday (a rest day of the State Council's plan). */
const holidayPolicies = ['keep', 'move', 'skip'] as const;
export type HolidayPolicy = (typeof holidayPolicies)[number];

const recurringSchema = z.object({
  id,
  /** `last-saturday` of every month, or a fixed `day-of-month`. */
  rule: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('last-saturday') }),
    z.object({ kind: z.literal('day-of-month'), day: z.number().int().min(1).max(28) }),
  ]),
  title: z.string().min(1).max(40),
  theme: z.string().min(1).max(200),
  services: z.array(z.string().min(1).max(20)).max(40).default([]),
  /** On an official holiday: keep the day, move it to the date organizers set in `moves`, or skip that month. */
  onHoliday: z.enum(holidayPolicies).default('keep'),
  /** When `onHoliday` is `move`: original date → the date organizers chose. */
  moves: z.record(date, date).default({}),
});

const specialSchema = z.object({
  id,
  title: z.string().min(1).max(40),
  theme: z.string().min(1).max(200),
  /** A solar date every year (`07-01`) or a lunar one (`{ "lunar": "09-09" }` for 重阳, `01-01` for 春节). */
  date: z.union([z.object({ solar: monthDay }), z.object({ lunar: monthDay })]),
});

const reminderSchema = z.object({
  id,
  /** 3 = three days before; 0 = on the day. */
  daysBefore: z.number().int().min(0).max(14),
  time,
});

/** A year's official days set by hand, when the package has no data for it yet. */
const byHandSchema = z.object({
  /** Rest days (放假), with the holiday's name, e.g. { "2027-02-06": "春节" }. */
  holidays: z.record(date, z.string().min(1)).default({}),
  /** Make-up working days (调休上班), with the holiday's name. */
  workdays: z.record(date, z.string().min(1)).default({}),
});

export const calendarRulesSchema = z.object({
  recurring: z.array(recurringSchema).min(1),
  special: z.array(specialSchema).default([]),
  reminders: z.array(reminderSchema).min(1),
  /** Official holidays by year (`"2027": {…}`), used only for a year the package has no data for. */
  holidaysByHand: z.record(z.string().regex(/^\d{4}$/), byHandSchema).default({}),
});

export type CalendarRules = z.infer<typeof calendarRulesSchema>;
export type RecurringDay = CalendarRules['recurring'][number];
export type SpecialDay = CalendarRules['special'][number];
export type ReminderRule = CalendarRules['reminders'][number];

/** `db/seed/calendar.json` of this checkout, wherever the process was started. */
const DEFAULT_CALENDAR_FILE = fileURLToPath(new URL('../../../db/seed/calendar.json', import.meta.url));

/** Reads and validates the calendar file; throws a `SetupError` naming the file and every wrong field. */
export function readCalendarFile(path = DEFAULT_CALENDAR_FILE): CalendarRules {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new SetupError(`cannot read the calendar file ${path} (CALENDAR_FILE): ${e instanceof Error ? e.message : String(e)}`);
  }
  return parseCalendarRules(json, path);
}

export function parseCalendarRules(json: unknown, source = 'calendar'): CalendarRules {
  const parsed = calendarRulesSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new SetupError(`the calendar file ${source} is not valid:\n${lines.join('\n')}\nFix it (see README "Service days and reminders").`);
  }
  return parsed.data;
}
