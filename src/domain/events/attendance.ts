import { and, asc, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { eventSignups, events, people, stations, volunteers } from '../../../db/schema.js';
import { eventTexts as t } from '../../texts/events.js';
import type { EventView } from './events.js';
import { formatEventTime, isoLocal } from './time.js';

// === What organizers see: events of their stations, sign-ups and attendance, and the CSV export

/** One volunteer's line for an event. */
export interface AttendanceRow {
  personId: number;
  name: string;
  status: string;
  signedAt: Date;
  checkedInAt: Date | null;
  checkInHow: string | null;
  checkedOutAt: Date | null;
  hours: number | null;
}

/** Every sign-up of an event (also cancelled and waiting ones), signed first, in sign-up order. */
async function attendanceOf(tx: Db, eventId: number): Promise<AttendanceRow[]> {
  const rows = await tx
    .select({ s: eventSignups, volunteerName: volunteers.name, displayName: people.displayName })
    .from(eventSignups)
    .leftJoin(volunteers, eq(volunteers.personId, eventSignups.personId))
    .leftJoin(people, eq(people.id, eventSignups.personId))
    .where(eq(eventSignups.eventId, eventId))
    .orderBy(sql`case ${eventSignups.status} when 'signed' then 0 when 'waiting' then 1 else 2 end`, asc(eventSignups.signedAt), asc(eventSignups.personId));
  return rows.map((r) => ({
    personId: r.s.personId,
    name: r.volunteerName ?? r.displayName ?? '',
    status: r.s.status,
    signedAt: r.s.signedAt,
    checkedInAt: r.s.checkedInAt,
    checkInHow: r.s.checkInHow,
    checkedOutAt: r.s.checkedOutAt,
    hours: r.s.hours,
  }));
}

/** `/event <编号>`: the event and its sign-ups with check-ins and hours. */
export async function eventDetailText(tx: Db, e: EventView, timeZone: string): Promise<string> {
  const rows = await attendanceOf(tx, e.id);
  const checkedIn = rows.filter((r) => r.checkedInAt).length;
  const head = [
    `活动 ${e.id}：${e.title}${e.status === 'cancelled' ? '（已取消）' : ''}`,
    `时间：${formatEventTime(e.startsAt, e.endsAt, timeZone)}`,
    `地点：${e.place}（${e.stationName}）`,
    `已报名 ${t.count(e.signedUp, e.cap)}，已签到 ${checkedIn}`,
  ];
  const lines = rows.slice(0, 80).map((r) =>
    t.signupRow({
      id: r.personId,
      name: r.name,
      status: t.signupStatus[r.status] ?? r.status,
      checkIn: r.checkedInAt ? isoLocal(r.checkedInAt, timeZone).slice(11) : '',
      hours: r.hours !== null && r.checkedInAt ? String(r.hours) : '',
    }),
  );
  return `${t.eventDetail(head, lines)}\n${t.exportHowTo(e.id)}`;
}

/** `/events`: events of these stations starting from 30 days ago on, the latest first (up to 30). */
export async function eventsListText(tx: Db, stationIds: number[], now: Date, timeZone: string): Promise<string> {
  if (stationIds.length === 0) return t.eventsNone;
  const rows = await tx
    .select({ e: events, station: stations.name })
    .from(events)
    .innerJoin(stations, eq(stations.id, events.stationId))
    .where(and(inArray(events.stationId, stationIds), gte(events.startsAt, new Date(now.getTime() - 30 * 86_400_000))))
    .orderBy(desc(events.startsAt))
    .limit(30);
  if (rows.length === 0) return t.eventsNone;
  return [
    t.eventsTitle,
    ...rows.map((r) =>
      t.eventsRow({
        id: r.e.id,
        time: formatEventTime(r.e.startsAt, r.e.endsAt, timeZone),
        title: r.e.title,
        station: r.station,
        count: t.count(r.e.signedUp, r.e.cap),
        cancelled: r.e.status === 'cancelled',
      }),
    ),
  ].join('\n');
}

// === CSV

const CSV_HEADER = ['活动编号', '活动', '志愿者编号', '姓名', '状态', '报名时间', '签到时间', '签到方式', '签退时间', '时长（小时）'];
const HOW: Record<string, string> = { time: '时间内签到', location: '位置签到', organizer: '组织者确认' };

/**
 * One CSV field: quoted when it holds a comma, quote or line break (quotes doubled, RFC 4180); a
 * field a spreadsheet would run as a formula (= + - @ first) gets a leading apostrophe.
 */
export function csvField(value: string | number | null): string {
  let s = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The sign-ups and attendance of an event as CSV (UTF-8 with a byte-order mark, so spreadsheets read the Chinese; CRLF lines). */
export async function attendanceCsv(tx: Db, e: EventView, timeZone: string): Promise<string> {
  const rows = await attendanceOf(tx, e.id);
  const at = (d: Date | null) => (d ? isoLocal(d, timeZone) : '');
  const lines = [
    CSV_HEADER,
    ...rows.map((r) => [
      e.id,
      e.title,
      r.personId,
      r.name,
      t.signupStatus[r.status] ?? r.status,
      at(r.signedAt),
      at(r.checkedInAt),
      r.checkInHow ? (HOW[r.checkInHow] ?? r.checkInHow) : '',
      at(r.checkedOutAt),
      r.checkedInAt && r.hours !== null ? r.hours : '',
    ]),
  ];
  return `\uFEFF${lines.map((l) => l.map(csvField).join(',')).join('\r\n')}\r\n`;
}
