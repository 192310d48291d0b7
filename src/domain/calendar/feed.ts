import { type Alarm, createEvents, type DateArray, type EventAttributes } from 'ics';
import type { Db } from '../../../db/client.js';
import { calendarTexts as texts } from '../../texts/calendar.js';
import type { StationTree } from '../stations/tree.js';
import { addDays, type CivilDate, dateIn, instantOf, partsOf } from './civil.js';
import { titleOf } from './occurrences.js';
import type { ReminderRule } from './rules.js';
import { type Calendar, occurrencesOf } from './schedule.js';
import type { EventSource, PlannedEvent } from './types.js';

// === A station's calendar as an .ics feed (RFC 5545, written by the `ics` package): service days and
// holiday activities as all-day events with the reminders as alarms, and the station's planned events

/** How far the feed reaches: from the start of last month to a year ahead. */
export function feedRange(now: Date, timeZone: string): { from: CivilDate; to: CivilDate } {
  const { year, month } = partsOf(dateIn(now, timeZone));
  const startOfLastMonth = month === 1 ? `${year - 1}-12-01` : `${year}-${String(month - 1).padStart(2, '0')}-01`;
  return { from: startOfLastMonth, to: addDays(`${year + 1}-${String(month).padStart(2, '0')}-01`, -1) };
}

const dateArray = (date: CivilDate): DateArray => {
  const { year, month, day } = partsOf(date);
  return [year, month, day];
};

const utcArray = (at: Date): DateArray => [at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate(), at.getUTCHours(), at.getUTCMinutes()];

/** A reminder rule as an alarm relative to the start of an all-day event (local midnight). */
function alarmOf(rule: ReminderRule, title: string): Alarm {
  const [h = 0, m = 0] = rule.time.split(':').map(Number);
  const minutes = rule.daysBefore * 1440 - (h * 60 + m);
  const span = Math.abs(minutes);
  return {
    action: 'display',
    description: texts.feedAlarm(title),
    trigger: { before: minutes > 0, days: Math.floor(span / 1440), hours: Math.floor((span % 1440) / 60), minutes: span % 60 },
  };
}

/** The feed of one station: its text, or throws when the `ics` package refuses an entry. */
export function stationFeed(o: {
  calendar: Calendar;
  station: { code: string; name: string };
  events: readonly PlannedEvent[];
  from: CivilDate;
  to: CivilDate;
  now: Date;
}): string {
  const stamp = o.now.getTime();
  const days: EventAttributes[] = occurrencesOf(o.calendar, o.from, o.to).occurrences.map((occ) => {
    const title = titleOf(occ);
    return {
      uid: `service-day-${occ.date}@lianxin`,
      timestamp: stamp,
      start: dateArray(occ.date),
      end: dateArray(addDays(occ.date, 1)),
      title,
      description: texts.feedDescription(occ.items, occ.holidayNote),
      transp: 'TRANSPARENT',
      alarms: o.calendar.rules.reminders.map((r) => alarmOf(r, title)),
    } as EventAttributes;
  });
  const events: EventAttributes[] = o.events.map((e) => ({
    uid: `event-${e.id}@lianxin`,
    timestamp: stamp,
    start: utcArray(e.startsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    // No end set by the organizer: shown as two hours.
    ...(e.endsAt ? { end: utcArray(e.endsAt), endInputType: 'utc' as const, endOutputType: 'utc' as const } : { duration: { hours: 2 } }),
    title: e.title,
    location: e.place,
  }));
  const { error, value } = createEvents([...days, ...events], { productId: 'lianxin/calendar', calName: texts.feedCalendarName(o.station.name) });
  if (error || !value) throw new Error(`the .ics feed of ${o.station.code} could not be written: ${error?.message ?? 'empty'}`);
  return foldOctets(value);
}

/**
 * Folds content lines at 75 octets (RFC 5545 3.1), never inside a character: the `ics` package folds
 * at 75 characters, which is up to 225 octets of Chinese.
 */
export function foldOctets(ics: string): string {
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
  return lines
    .map((line) => {
      const parts: string[] = [];
      let part = '';
      let size = 0;
      for (const ch of line) {
        const n = Buffer.byteLength(ch, 'utf8');
        // The first line holds 75 octets; a continuation 74 after its leading space.
        if (size + n > (parts.length === 0 ? 75 : 74)) {
          parts.push(part);
          part = '';
          size = 0;
        }
        part += ch;
        size += n;
      }
      parts.push(part);
      return parts.join('\r\n ');
    })
    .join('\r\n');
}

/** A station's feed now: its days over `feedRange`, and the events planned at it and the stations below it. */
export async function currentStationFeed(
  db: Db,
  deps: { calendar: Calendar; tree: StationTree; events: EventSource },
  station: { id: number; code: string; name: string },
  now: Date,
): Promise<string> {
  const tz = deps.calendar.timeZone;
  const { from, to } = feedRange(now, tz);
  const codes = deps.tree.under([station.id]).map((s) => s.code);
  const events = await deps.events.eventsBetween(db, codes, instantOf(from, '00:00', tz), instantOf(addDays(to, 1), '00:00', tz));
  return stationFeed({ calendar: deps.calendar, station, events, from, to, now });
}
