// === Civil dates (`YYYY-MM-DD`, no time zone), wall-clock times in a time zone, and dates as people read them

/** `TIME_ZONE`'s default, kept in core (src/core/time-zone.ts) where the configuration checks the zone. */
export { DEFAULT_TIME_ZONE } from '../../core/time-zone.js';

/** A calendar date as people write it, `YYYY-MM-DD`: no time, no zone. */
export type CivilDate = string;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Year, month (1–12) and day of a civil date. */
export function partsOf(date: CivilDate): { year: number; month: number; day: number } {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/** `YYYY-MM-DD` of a year, month (1–12) and day. */
export function civil(year: number, month: number, day: number): CivilDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** True for a real date in `YYYY-MM-DD` (2027-02-29 is not). */
export function isCivilDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const { year, month, day } = partsOf(text);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: CivilDate): number {
  const { year, month, day } = partsOf(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

export function addDays(date: CivilDate, days: number): CivilDate {
  const { year, month, day } = partsOf(date);
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return civil(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: CivilDate, to: CivilDate): CivilDate[] {
  const out: CivilDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The last Saturday of a month. */
export function lastSaturday(year: number, month: number): CivilDate {
  const last = civil(year, month, daysInMonth(year, month));
  return addDays(last, -((weekday(last) + 1) % 7));
}

// === Wall-clock time in a zone ↔ instants

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The date and wall-clock time an instant shows in `timeZone`. */
export function zonedParts(at: Date, timeZone: string): { date: CivilDate; hour: number; minute: number; second: number } {
  const p = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return { date: `${p.year}-${p.month}-${p.day}`, hour: Number(p.hour), minute: Number(p.minute), second: Number(p.second) };
}

/** A wall-clock date and time in a time zone. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 1 (Monday) … 7 (Sunday). */
  weekday: number;
}

/** The wall clock of an instant in `timeZone`. */
export function wallClock(at: Date, timeZone: string): WallClock {
  const z = zonedParts(at, timeZone);
  return { ...partsOf(z.date), hour: z.hour, minute: z.minute, weekday: weekday(z.date) || 7 };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

// === Dates as people read them (the one formatter)

/** `12月27日`, or `2026年12月27日` with `{ year: true }`: the day an instant falls on in `timeZone`. */
export function dayText(at: Date, timeZone: string, { year = false }: { year?: boolean } = {}): string {
  const w = wallClock(at, timeZone);
  return `${year ? `${w.year}年` : ''}${w.month}月${w.day}日`;
}

/** `03/10 09:05` in `timeZone` (lists, histories). */
export function dayTimeText(at: Date, timeZone: string): string {
  const w = wallClock(at, timeZone);
  return `${pad2(w.month)}/${pad2(w.day)} ${pad2(w.hour)}:${pad2(w.minute)}`;
}

/** The civil date an instant falls on in `timeZone`. */
export function dateIn(at: Date, timeZone: string): CivilDate {
  return zonedParts(at, timeZone).date;
}

/** The instant a wall clock in `timeZone` shows `date` at `time` (`HH:MM`). */
export function instantOf(date: CivilDate, time: string, timeZone: string): Date {
  const { year, month, day } = partsOf(date);
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  const wanted = Date.UTC(year, month - 1, day, hour, minute);
  // Guess with the zone's offset at the wanted wall time, then correct once (zones with daylight saving).
  let guess = wanted - offsetMs(new Date(wanted), timeZone);
  guess = wanted - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

/** How far `timeZone`'s wall clock is ahead of UTC at an instant. */
function offsetMs(at: Date, timeZone: string): number {
  const z = zonedParts(at, timeZone);
  const { year, month, day } = partsOf(z.date);
  const wall = Date.UTC(year, month - 1, day, z.hour, z.minute, z.second);
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}
