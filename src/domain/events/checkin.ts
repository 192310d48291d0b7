import { and, eq, gt, isNull, lte } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { eventSignups, events } from '../../../db/schema.js';
import { eventTexts as t } from '../../texts/events.js';
import { effectiveEnd, type EventView, eventView } from './events.js';
import { formatEventTime } from './time.js';

// === On the day: check-in (签到) by time window and place, check-out (签退), attendance with hours

export interface CheckInRules {
  /** Check-in opens this many minutes before the start (and closes at the end). */
  earlyMinutes: number;
  /** A shared location counts within this many metres of the event's shared place. */
  radiusMeters: number;
  timeZone: string;
}

export type CheckInOutcome = 'checked_in' | 'already' | 'not_signed' | 'too_early' | 'over' | 'too_far' | 'unknown_event';

/** How a check-in was confirmed: `time` (typed or pressed within the window), `location` (and near), `organizer`. */
export type CheckInHow = 'time' | 'location' | 'organizer';

/** Metres between two points on the earth (haversine). */
export function distanceMeters(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Hours between two instants, to two decimals, never below 0 nor above 24. */
const hoursBetween = (from: Date, to: Date) => Math.min(24, Math.max(0, Math.round(((to.getTime() - from.getTime()) / 3_600_000) * 100) / 100));

/** When check-in opens and closes for an event. */
function checkInWindow(e: Pick<EventView, 'startsAt' | 'endsAt'>, earlyMinutes: number) {
  return { opens: new Date(e.startsAt.getTime() - earlyMinutes * 60_000), closes: effectiveEnd(e) };
}

/**
 * Records a volunteer's check-in: they must be signed up (not waiting), within the window (from
 * `earlyMinutes` before the start to the end); with a shared location and an event place that has
 * coordinates, within `radiusMeters`. Hours count from the check-in to the end until a check-out.
 */
export async function checkIn(
  tx: Db,
  eventId: number,
  personId: number,
  at: Date,
  rules: CheckInRules,
  location?: { latitude: number; longitude: number },
): Promise<{ outcome: CheckInOutcome; text: string }> {
  const e = await eventView(tx, eventId);
  if (e?.status !== 'open') return { outcome: 'unknown_event', text: t.noSuchEvent(String(eventId)) };
  const [s] = await tx
    .select()
    .from(eventSignups)
    .where(and(eq(eventSignups.eventId, e.id), eq(eventSignups.personId, personId)));
  if (s?.status !== 'signed') return { outcome: 'not_signed', text: t.checkInNotSigned(e.id) };
  if (s.checkedInAt) return { outcome: 'already', text: t.alreadyCheckedIn(e.id) };
  const { opens, closes } = checkInWindow(e, rules.earlyMinutes);
  if (at < opens) return { outcome: 'too_early', text: t.checkInTooEarly(e.id, formatEventTime(opens, null, rules.timeZone)) };
  if (at > closes) return { outcome: 'over', text: t.checkInOver(e.id) };
  let how: CheckInHow = 'time';
  if (location && e.latitude !== null && e.longitude !== null) {
    const meters = Math.round(distanceMeters(location, { latitude: e.latitude, longitude: e.longitude }));
    if (meters > rules.radiusMeters) return { outcome: 'too_far', text: t.checkInTooFar(e.id, meters) };
    how = 'location';
  }
  await record(tx, e, personId, at, how);
  return { outcome: 'checked_in', text: t.checkedIn(e.id, e.title) };
}

async function record(tx: Db, e: EventView, personId: number, at: Date, how: CheckInHow) {
  await tx
    .update(eventSignups)
    .set({ checkedInAt: at, checkInHow: how, hours: hoursBetween(at, effectiveEnd(e)) })
    .where(and(eq(eventSignups.eventId, e.id), eq(eventSignups.personId, personId), isNull(eventSignups.checkedInAt)));
}

/** An organizer confirms that a signed-up volunteer came (any time on or after the check-in window opens). */
export async function confirmCheckIn(
  tx: Db,
  e: EventView,
  personId: number,
  at: Date,
  earlyMinutes: number,
): Promise<'confirmed' | 'already' | 'not_signed' | 'too_early'> {
  const [s] = await tx
    .select()
    .from(eventSignups)
    .where(and(eq(eventSignups.eventId, e.id), eq(eventSignups.personId, personId)));
  if (s?.status !== 'signed') return 'not_signed';
  if (s.checkedInAt) return 'already';
  const { opens } = checkInWindow(e, earlyMinutes);
  if (at < opens) return 'too_early';
  const closes = effectiveEnd(e);
  // Confirmed after the event: counted from its start (the organizer saw them there).
  await record(tx, e, personId, at > closes ? e.startsAt : at, 'organizer');
  return 'confirmed';
}

/** 签退: hours become check-in → now. */
export async function checkOut(
  tx: Db,
  eventId: number,
  personId: number,
  at: Date,
): Promise<{ outcome: 'checked_out' | 'not_checked_in' | 'already' | 'unknown_event'; text: string }> {
  const e = await eventView(tx, eventId);
  if (!e) return { outcome: 'unknown_event', text: t.noSuchEvent(String(eventId)) };
  const [s] = await tx
    .select()
    .from(eventSignups)
    .where(and(eq(eventSignups.eventId, e.id), eq(eventSignups.personId, personId)));
  if (!s?.checkedInAt) return { outcome: 'not_checked_in', text: t.notCheckedIn(e.id) };
  if (s.checkedOutAt) return { outcome: 'already', text: t.alreadyCheckedOut(e.id) };
  const hours = hoursBetween(s.checkedInAt, at);
  await tx
    .update(eventSignups)
    .set({ checkedOutAt: at, hours })
    .where(and(eq(eventSignups.eventId, e.id), eq(eventSignups.personId, personId)));
  return { outcome: 'checked_out', text: t.checkedOut(e.id, String(hours)) };
}

/** Events a volunteer is signed up for whose check-in window is open now and who has not checked in. */
export async function checkInOpenFor(tx: Db, personId: number, at: Date, earlyMinutes: number): Promise<number[]> {
  const rows = await tx
    .select({ id: events.id, startsAt: events.startsAt, endsAt: events.endsAt })
    .from(eventSignups)
    .innerJoin(events, eq(events.id, eventSignups.eventId))
    .where(
      and(
        eq(eventSignups.personId, personId),
        eq(eventSignups.status, 'signed'),
        isNull(eventSignups.checkedInAt),
        eq(events.status, 'open'),
        lte(events.startsAt, new Date(at.getTime() + earlyMinutes * 60_000)),
        gt(events.startsAt, new Date(at.getTime() - 2 * 86_400_000)),
      ),
    );
  return rows.filter((r) => checkInWindow(r, earlyMinutes).closes >= at).map((r) => r.id);
}
