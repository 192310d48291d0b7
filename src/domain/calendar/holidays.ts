import chineseDays from 'chinese-days';
import { type CivilDate, civil, datesBetween, partsOf } from './civil.js';
import type { CalendarRules } from './rules.js';

// === Official holidays and make-up working days (调休), from the State Council's yearly plan as the
// `chinese-days` package publishes it; a year it does not have is "not yet published", never guessed.

/** Where a year's official days come from. */
export type HolidaySource = 'published' | 'by-hand' | 'not-published';

export interface OfficialYear {
  year: number;
  source: HolidaySource;
  /** Rest days (放假) → the holiday's name, e.g. 春节. */
  holidays: ReadonlyMap<CivilDate, string>;
  /** Make-up working days (调休上班) → the holiday's name. */
  workdays: ReadonlyMap<CivilDate, string>;
}

/** The Chinese name in the package's `"Spring Festival,春节,4"`. */
function chineseName(detail: string): string {
  return detail.split(',')[1] ?? detail;
}

function fromPackage(year: number): OfficialYear | null {
  const from = civil(year, 1, 1);
  const to = civil(year, 12, 31);
  // Without the year's plan the package only knows weekends: no weekday rest day means no data.
  if (chineseDays.getHolidaysInRange(from, to, false).length === 0) return null;
  const holidays = new Map<CivilDate, string>();
  const workdays = new Map<CivilDate, string>();
  for (const date of datesBetween(from, to)) {
    const detail = chineseDays.getDayDetail(date);
    if (!detail.name.includes(',')) continue;
    (detail.work ? workdays : holidays).set(date, chineseName(detail.name));
  }
  return { year, source: 'published', holidays, workdays };
}

/** Caches each year: the package walks its tables day by day. */
export function createHolidayBook(rules: Pick<CalendarRules, 'holidaysByHand'>) {
  const years = new Map<number, OfficialYear>();
  function year(y: number): OfficialYear {
    let entry = years.get(y);
    if (!entry) {
      const byHand = rules.holidaysByHand[String(y)];
      entry =
        fromPackage(y) ??
        (byHand
          ? { year: y, source: 'by-hand', holidays: new Map(Object.entries(byHand.holidays)), workdays: new Map(Object.entries(byHand.workdays)) }
          : { year: y, source: 'not-published', holidays: new Map(), workdays: new Map() });
      years.set(y, entry);
    }
    return entry;
  }
  return {
    year,
    /** What the official plan says of a date: a rest day, a make-up working day, or nothing; and whether the year is known. */
    day(date: CivilDate): { source: HolidaySource; holiday?: string; workday?: string } {
      const y = year(partsOf(date).year);
      return { source: y.source, holiday: y.holidays.get(date), workday: y.workdays.get(date) };
    },
  };
}

export type HolidayBook = ReturnType<typeof createHolidayBook>;

/** The solar date of a lunar month and day (`MM-DD`) in a given lunar year, e.g. 春节 2027 → 2027-02-06. Any year 1901–2099. */
export function solarOfLunar(lunarYear: number, monthDay: string): CivilDate {
  return chineseDays.getSolarDateFromLunar(`${lunarYear}-${monthDay}`).date;
}
