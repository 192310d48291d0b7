import { type CivilDate, civil, lastSaturday, partsOf } from './civil.js';
import { type HolidayBook, solarOfLunar } from './holidays.js';
import type { CalendarRules, RecurringDay, SpecialDay } from './rules.js';

// === Which service days happen on which dates: recurring days (last Saturday, the 25th), holiday
// activities (元旦, 春节, 五一, 七一, 重阳), official holidays applied; one occurrence per date.

/** One day's part of an occurrence: a recurring day or a holiday activity. */
export interface DayItem {
  /** The rule's id in the calendar file, e.g. `service-day`, `double-ninth`. */
  id: string;
  kind: 'recurring' | 'special';
  title: string;
  theme: string;
  services: string[];
  /** Set when a recurring day was moved off an official holiday: its original date. */
  movedFrom?: CivilDate;
}

/** Everything planned on one date, announced together (the 25th on the last Saturday: one occurrence, two titles). */
export interface Occurrence {
  date: CivilDate;
  items: DayItem[];
  /** What the official plan says of the date: 春节假期, 春节调休上班日, or nothing. */
  holidayNote: string | null;
  /** The year's official plan is not yet published (nor set by hand): holidays and 调休 are unknown. */
  planUnknown: boolean;
}

/** What happened to a recurring day that fell on an official holiday (for the preview: nothing silently vanishes). */
export interface Displaced {
  id: string;
  title: string;
  date: CivilDate;
  holiday: string;
  policy: 'skip' | 'move-unset';
}

function recurringDate(day: RecurringDay, year: number, month: number): CivilDate {
  return day.rule.kind === 'last-saturday' ? lastSaturday(year, month) : civil(year, month, day.rule.day);
}

function specialDates(day: SpecialDay, year: number): CivilDate[] {
  if ('solar' in day.date) return [`${year}-${day.date.solar}`];
  // A lunar date of lunar year Y may fall in January–February of Y+1 (never for 春节 or 重阳, but for 腊月).
  return [solarOfLunar(year - 1, day.date.lunar), solarOfLunar(year, day.date.lunar)].filter((d) => partsOf(d).year === year);
}

function monthsBetween(from: CivilDate, to: CivilDate): { year: number; month: number }[] {
  const out: { year: number; month: number }[] = [];
  let { year, month } = partsOf(from);
  const end = partsOf(to);
  while (year < end.year || (year === end.year && month <= end.month)) {
    out.push({ year, month });
    month = month === 12 ? 1 : month + 1;
    if (month === 1) year += 1;
  }
  return out;
}

/** The note a date gets from the official plan. */
function holidayNote(book: HolidayBook, date: CivilDate): string | null {
  const d = book.day(date);
  if (d.holiday) return `${d.holiday}假期`;
  if (d.workday) return `${d.workday}调休上班日`;
  return null;
}

/** Occurrences from `from` to `to` (both included), in date order; and the recurring days a holiday displaced. */
export function occurrencesBetween(
  rules: CalendarRules,
  book: HolidayBook,
  from: CivilDate,
  to: CivilDate,
): { occurrences: Occurrence[]; displaced: Displaced[] } {
  // A day moved into the range may come from a month just outside it.
  if (from > to) return { occurrences: [], displaced: [] };
  const months = monthsBetween(from, to);
  const scan = monthsBetween(`${shiftMonth(months[0]!, -1)}-01`, `${shiftMonth(months[months.length - 1]!, 1)}-01`);
  const byDate = new Map<CivilDate, DayItem[]>();
  const displaced: Displaced[] = [];
  const add = (date: CivilDate, item: DayItem) => {
    if (date < from || date > to) return;
    const items = byDate.get(date) ?? [];
    if (!items.some((i) => i.id === item.id)) items.push(item);
    byDate.set(date, items);
  };
  for (const day of rules.recurring) {
    for (const { year, month } of scan) {
      const date = recurringDate(day, year, month);
      const item: DayItem = { id: day.id, kind: 'recurring', title: day.title, theme: day.theme, services: day.services };
      const holiday = book.day(date).holiday;
      if (!holiday || day.onHoliday === 'keep') {
        add(date, item);
      } else if (day.onHoliday === 'skip') {
        if (date >= from && date <= to) displaced.push({ id: day.id, title: day.title, date, holiday, policy: 'skip' });
      } else {
        const to2 = day.moves[date];
        if (to2) add(to2, { ...item, movedFrom: date });
        else {
          // No date set yet: kept where it is, and the preview says so.
          add(date, item);
          if (date >= from && date <= to) displaced.push({ id: day.id, title: day.title, date, holiday, policy: 'move-unset' });
        }
      }
    }
  }
  for (const day of rules.special) {
    for (let year = partsOf(from).year; year <= partsOf(to).year; year++) {
      for (const date of specialDates(day, year)) add(date, { id: day.id, kind: 'special', title: day.title, theme: day.theme, services: [] });
    }
  }
  const occurrences = [...byDate.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, items]) => ({ date, items: sortItems(items), holidayNote: holidayNote(book, date), planUnknown: book.day(date).source === 'not-published' }));
  return { occurrences, displaced };
}

function shiftMonth({ year, month }: { year: number; month: number }, by: number): string {
  const m = year * 12 + (month - 1) + by;
  return `${String(Math.floor(m / 12)).padStart(4, '0')}-${String((m % 12) + 1).padStart(2, '0')}`;
}

/** Recurring days first (in the file's order), then holiday activities. */
function sortItems(items: DayItem[]): DayItem[] {
  return [...items].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'recurring' ? -1 : 1));
}

/** The titles of an occurrence joined as people read them: 党员志愿服务日、党员先锋服务日. */
export function titleOf(occurrence: Occurrence): string {
  return occurrence.items.map((i) => i.title).join('、');
}
