import { civil, instantOf, type WallClock, wallClock } from '../calendar/civil.js';

// === Event times as organizers type them (12月27日上午9点, 下周六 9:00, 2027-01-25 14:00) and as people read them

/** How a typed event time reads: a start (and end) as ISO strings, or why it cannot be used. */
export type TimeReading =
  | { ok: true; startsAt: string; endsAt: string | null }
  | { ok: false; reason: 'no_time' | 'unknown' | 'past' | 'end_before_start' | 'too_far' };

/** The instant at which the wall clock in `timeZone` shows this date and time. */
export function zonedInstant(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): Date {
  return instantOf(civil(year, month, day), `${hour}:${minute}`, timeZone);
}

const DAY_NAMES = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const pad = (n: number) => String(n).padStart(2, '0');

/** `12月27日（周六）09:00–11:00` in `timeZone`; the year is shown when it is not the current one (`now`). */
export function formatEventTime(startsAt: Date, endsAt: Date | null, timeZone: string, now?: Date): string {
  const s = wallClock(startsAt, timeZone);
  const year = now && wallClock(now, timeZone).year !== s.year ? `${s.year}年` : '';
  const end = endsAt ? wallClock(endsAt, timeZone) : null;
  const endText = end
    ? `–${end.year === s.year && end.month === s.month && end.day === s.day ? '' : `${end.month}月${end.day}日`}${pad(end.hour)}:${pad(end.minute)}`
    : '';
  return `${year}${s.month}月${s.day}日（${DAY_NAMES[s.weekday]}）${pad(s.hour)}:${pad(s.minute)}${endText}`;
}

/** `2027-01-25 14:00` in `timeZone` (files, exports). */
export function isoLocal(at: Date, timeZone: string): string {
  const w = wallClock(at, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
}

// === Reading

const CN: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 二十七 → 27, 十二 → 12, 十 → 10, 九 → 9, 零五 → 5. */
function cnToNumber(run: string): number {
  if (!run.includes('十')) return Number([...run].map((c) => CN[c] ?? 0).join(''));
  const [tens = '', ones = ''] = run.split('十');
  return (tens ? (CN[tens] ?? 1) : 1) * 10 + (ones ? (CN[ones] ?? 0) : 0);
}

const WEEKDAY_WORD = /(下下|下个?|这个?|本)?(?:周|星期|礼拜)([一二三四五六日天1-7])/u;
const WEEKDAY_OF: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };
const RELATIVE_DAYS: [RegExp, number][] = [
  [/大后天/u, 3],
  [/后天/u, 2],
  [/明天|明日/u, 1],
  [/今天|今日/u, 0],
];
const PERIOD = '(凌晨|早上|早晨|清晨|上午|中午|下午|傍晚|晚上|晚)?';
const CLOCK = `${PERIOD}\\s*(\\d{1,2})(?:[:：](\\d{2})|(?:点|时)(?:(半)|(\\d{1,2})分?)?)`;
const RANGE = new RegExp(`${CLOCK}(?:\\s*(?:到|至|-|~|—|–)\\s*${CLOCK})?`, 'u');

function toHour(period: string | undefined, hour: number, inherited?: string): number {
  const p = period ?? inherited;
  if ((p === '下午' || p === '晚上' || p === '晚' || p === '傍晚') && hour < 12) return hour + 12;
  if (p === '中午' && hour < 6) return hour + 12;
  if ((p === '凌晨' || p === '上午' || p === '早上') && hour === 12) return 0;
  return hour;
}

interface DayPick {
  year: number;
  month: number;
  day: number;
  /** Typed without a year: this year, or the next when the date is long past. */
  yearless: boolean;
}

function addDays(today: WallClock, days: number): DayPick {
  const d = new Date(Date.UTC(today.year, today.month - 1, today.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), yearless: false };
}

function readDay(t: string, today: WallClock): { day: DayPick | null; rest: string } {
  const week = WEEKDAY_WORD.exec(t);
  if (week) {
    const target = WEEKDAY_OF[week[2]!] ?? Number(week[2]);
    const prefix = week[1] ?? '';
    const cw = today.weekday;
    let offset: number;
    if (prefix.startsWith('下下')) offset = 14 - cw + target;
    else if (prefix.startsWith('下')) offset = 7 - cw + target;
    else if (prefix) offset = target - cw;
    else offset = (target - cw + 7) % 7;
    return { day: addDays(today, offset), rest: t.replace(week[0], ' ') };
  }
  for (const [re, days] of RELATIVE_DAYS) if (re.test(t)) return { day: addDays(today, days), rest: t.replace(re, ' ') };
  const full = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?/u.exec(t);
  if (full) return { day: { year: Number(full[1]), month: Number(full[2]), day: Number(full[3]), yearless: false }, rest: t.replace(full[0], ' ') };
  const short = /(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?|(\d{1,2})\/(\d{1,2})(?!\d)/u.exec(t);
  if (short) {
    const month = Number(short[1] ?? short[3]);
    const day = Number(short[2] ?? short[4]);
    return { day: { year: today.year, month, day, yearless: true }, rest: t.replace(short[0], ' ') };
  }
  const dayOnly = /(?:^|[^\d])(\d{1,2})\s*[日号](?![\d])/u.exec(t);
  if (dayOnly) {
    const day = Number(dayOnly[1]);
    const month = day >= today.day ? today.month : today.month + 1;
    return { day: { year: today.year + (month > 12 ? 1 : 0), month: ((month - 1) % 12) + 1, day, yearless: false }, rest: t.replace(dayOnly[0], ' ') };
  }
  return { day: null, rest: t };
}

const validDate = (y: number, m: number, d: number) => {
  const x = new Date(Date.UTC(y, m - 1, d));
  return x.getUTCFullYear() === y && x.getUTCMonth() === m - 1 && x.getUTCDate() === d;
};

const DAY_MS = 86_400_000;

/**
 * Reads an event's start (and end) as an organizer types it, in `timeZone`: a date (2027-01-25,
 * 2027年1月25日, 12月27日, 12/27, 27号, 今天/明天/后天, 周六/本周六/下周六) and a time (9:00, 9点, 9点半,
 * 上午9点, 下午两点, 晚上7点30), optionally a range (9点到11点, 14:00-16:00). A date without a year is
 * this year's, or next year's when it passed more than 30 days ago. A time without a date is today.
 * Refused: no time of day, a time already past, an end not after the start, more than a year ahead.
 */
export function parseEventTime(text: string, now: Date, timeZone: string): TimeReading {
  const t = text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim()
    .replace(/(?<![周期拜])([零〇一二两三四五六七八九十]+)/gu, (run) => String(cnToNumber(run)));
  if (!t || t.length > 60) return { ok: false, reason: 'unknown' };
  const today = wallClock(now, timeZone);
  const { day, rest } = readDay(t, today);
  const clock = RANGE.exec(rest);
  if (!clock) return { ok: false, reason: day ? 'no_time' : 'unknown' };
  const pick = day ?? { ...addDays(today, 0) };
  if (!validDate(pick.year, pick.month, pick.day)) return { ok: false, reason: 'unknown' };
  const startHour = toHour(clock[1], Number(clock[2]));
  const startMinute = clock[4] ? 30 : Number(clock[3] ?? clock[5] ?? 0);
  if (startHour > 23 || startMinute > 59) return { ok: false, reason: 'unknown' };
  let year = pick.year;
  let start = zonedInstant(year, pick.month, pick.day, startHour, startMinute, timeZone);
  if (pick.yearless && now.getTime() - start.getTime() > 30 * DAY_MS) {
    year += 1;
    if (!validDate(year, pick.month, pick.day)) return { ok: false, reason: 'unknown' };
    start = zonedInstant(year, pick.month, pick.day, startHour, startMinute, timeZone);
  }
  let end: Date | null = null;
  if (clock[7] !== undefined) {
    let endHour = toHour(clock[6], Number(clock[7]), clock[1]);
    const endMinute = clock[9] ? 30 : Number(clock[8] ?? clock[10] ?? 0);
    if (!clock[6] && !clock[1] && endHour < startHour && endHour < 12) endHour += 12; // 9点到1点: 13:00
    if (endHour > 24 || endMinute > 59) return { ok: false, reason: 'unknown' };
    end = zonedInstant(year, pick.month, pick.day, endHour, endMinute, timeZone);
    if (end <= start) return { ok: false, reason: 'end_before_start' };
  }
  if (start <= now) return { ok: false, reason: 'past' };
  if (start.getTime() - now.getTime() > 400 * DAY_MS) return { ok: false, reason: 'too_far' };
  return { ok: true, startsAt: start.toISOString(), endsAt: end?.toISOString() ?? null };
}

// === Suggested starts: the next monthly service days (the calendar's rules, holidays included, live in the calendar)

/** The default start hour of a suggested service day. */
const SERVICE_DAY_START = { hour: 8, minute: 30 };

/**
 * The next last Saturday of a month (党员志愿服务日) and the next 25th (党员先锋服务日), each at 08:30 in
 * `timeZone` and at least an hour after `now`, soonest first (one when they fall on the same day).
 */
export function nextServiceDays(now: Date, timeZone: string): { kind: 'last-saturday' | '25th'; at: Date; local: string }[] {
  const today = wallClock(now, timeZone);
  const soon = now.getTime() + 3_600_000;
  const at = (y: number, m: number, d: number) => zonedInstant(y, m, d, SERVICE_DAY_START.hour, SERVICE_DAY_START.minute, timeZone);
  const months = [0, 1, 2].map((k) => ({ y: today.year + Math.floor((today.month - 1 + k) / 12), m: ((today.month - 1 + k) % 12) + 1 }));
  const lastSaturday = (y: number, m: number) => {
    const last = new Date(Date.UTC(y, m, 0));
    return at(y, m, last.getUTCDate() - ((last.getUTCDay() + 1) % 7));
  };
  const first = (dates: Date[]) => dates.find((d) => d.getTime() > soon)!;
  const found = [
    { kind: 'last-saturday' as const, at: first(months.map(({ y, m }) => lastSaturday(y, m))) },
    { kind: '25th' as const, at: first(months.map(({ y, m }) => at(y, m, 25))) },
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  const unique = found.filter((d, i) => i === 0 || d.at.getTime() !== found[0]!.at.getTime());
  return unique.map((d) => ({ ...d, local: isoLocal(d.at, timeZone) }));
}
