import { and, asc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { eventSignups, events } from '../../../db/schema.js';
import { enqueueMessages } from '../../core/outbox.js';
import { eventTexts as t } from '../../texts/events.js';
import { volunteerOf } from '../volunteers/registration.js';
import { privateChatOf } from '../people/roles.js';
import { editEventCards, effectiveEnd, eventView } from './events.js';
import { dayText } from '../calendar/civil.js';
import { formatEventTime } from './time.js';

// === Signing up for an event and cancelling: the cap holds under races (conditional updates)

export type SignupOutcome =
  | 'signed'
  | 'waiting'
  | 'already_signed'
  | 'already_waiting'
  | 'unknown_event'
  | 'closed'
  | 'not_volunteer'
  | 'pending'
  | 'rejected'
  | 'suspended';

export interface SignupResult {
  outcome: SignupOutcome;
  /** What the volunteer is told. */
  text: string;
}

/** Takes a place if the cap allows: one conditional update, so concurrent sign-ups never pass the cap. */
async function takePlace(tx: Db, eventId: number): Promise<boolean> {
  const [won] = await tx
    .update(events)
    .set({ signedUp: sql`${events.signedUp} + 1` })
    .where(and(eq(events.id, eventId), or(isNull(events.cap), lt(events.signedUp, events.cap))))
    .returning({ id: events.id });
  return Boolean(won);
}

/**
 * Signs a volunteer up: only approved, not suspended volunteers, for an open event that has not
 * ended. Over the cap they go on the waiting list. Twice is once. The cards show the new count.
 */
export async function signUp(tx: Db, eventIdText: string, personId: number, at: Date, timeZone: string): Promise<SignupResult> {
  const e = await eventView(tx, Number(eventIdText));
  if (!e) return { outcome: 'unknown_event', text: t.noSuchEvent(eventIdText) };
  if (e.status !== 'open' || effectiveEnd(e) <= at) return { outcome: 'closed', text: t.eventClosed(e.id) };
  const v = await volunteerOf(tx, personId);
  if (!v) return { outcome: 'not_volunteer', text: t.notVolunteer };
  if (v.status === 'pending') return { outcome: 'pending', text: t.volunteerPending };
  if (v.status === 'rejected') return { outcome: 'rejected', text: t.volunteerRejected };
  if (v.suspendedUntil && v.suspendedUntil > at)
    return { outcome: 'suspended', text: t.volunteerSuspended(dayText(v.suspendedUntil, timeZone, { year: true })) };

  // The row first: a second press by the same person waits on it and then finds it taken.
  const [mine] = await tx
    .insert(eventSignups)
    .values({ eventId: e.id, personId, status: 'signed', signedAt: at })
    .onConflictDoUpdate({
      target: [eventSignups.eventId, eventSignups.personId],
      set: { status: 'signed', signedAt: at, remindedAt: null },
      setWhere: eq(eventSignups.status, 'cancelled'),
    })
    .returning({ personId: eventSignups.personId });
  if (!mine) {
    const [existing] = await tx
      .select({ status: eventSignups.status })
      .from(eventSignups)
      .where(and(eq(eventSignups.eventId, e.id), eq(eventSignups.personId, personId)));
    return existing?.status === 'waiting'
      ? { outcome: 'already_waiting', text: t.alreadyWaiting(e.id) }
      : { outcome: 'already_signed', text: t.alreadySigned(e.id) };
  }
  if (await takePlace(tx, e.id)) {
    await editEventCards(tx, e.id, at, timeZone);
    return { outcome: 'signed', text: t.signedUp(e.id, e.title, formatEventTime(e.startsAt, e.endsAt, timeZone)) };
  }
  await tx
    .update(eventSignups)
    .set({ status: 'waiting' })
    .where(and(eq(eventSignups.eventId, e.id), eq(eventSignups.personId, personId)));
  return { outcome: 'waiting', text: t.waiting(e.id, await waitingPosition(tx, e.id, personId)) };
}

async function waitingPosition(tx: Db, eventId: number, personId: number): Promise<number> {
  const waiting = await tx
    .select({ personId: eventSignups.personId })
    .from(eventSignups)
    .where(and(eq(eventSignups.eventId, eventId), eq(eventSignups.status, 'waiting')))
    .orderBy(asc(eventSignups.signedAt), asc(eventSignups.personId));
  return waiting.findIndex((w) => w.personId === personId) + 1;
}

/**
 * Cancels a sign-up (or a place on the waiting list) before the event starts. A freed place goes to
 * the first on the waiting list, who is told privately; the cards show the new count.
 */
export async function cancelSignup(
  tx: Db,
  eventIdText: string,
  personId: number,
  at: Date,
  timeZone: string,
): Promise<{ outcome: 'cancelled' | 'not_signed' | 'unknown_event' | 'closed'; text: string }> {
  const e = await eventView(tx, Number(eventIdText));
  if (!e) return { outcome: 'unknown_event', text: t.noSuchEvent(eventIdText) };
  if (e.status !== 'open' || e.startsAt <= at) return { outcome: 'closed', text: t.eventClosed(e.id) };
  const [was] = await tx
    .select({ status: eventSignups.status })
    .from(eventSignups)
    .where(and(eq(eventSignups.eventId, e.id), eq(eventSignups.personId, personId)))
    .for('update');
  if (!was || was.status === 'cancelled') return { outcome: 'not_signed', text: t.notSigned(e.id) };
  await tx
    .update(eventSignups)
    .set({ status: 'cancelled' })
    .where(and(eq(eventSignups.eventId, e.id), eq(eventSignups.personId, personId)));
  if (was.status === 'signed') {
    await tx
      .update(events)
      .set({ signedUp: sql`${events.signedUp} - 1` })
      .where(eq(events.id, e.id));
    await promoteWaiting(tx, e.id, at, timeZone);
    await editEventCards(tx, e.id, at, timeZone);
  }
  return { outcome: 'cancelled', text: t.signupCancelled(e.id) };
}

/** Gives free places to the waiting list in order; each promoted volunteer is told privately. */
async function promoteWaiting(tx: Db, eventId: number, at: Date, timeZone: string) {
  for (;;) {
    const [next] = await tx
      .select({ personId: eventSignups.personId })
      .from(eventSignups)
      .where(and(eq(eventSignups.eventId, eventId), eq(eventSignups.status, 'waiting')))
      .orderBy(asc(eventSignups.signedAt), asc(eventSignups.personId))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!next || !(await takePlace(tx, eventId))) return;
    await tx
      .update(eventSignups)
      .set({ status: 'signed' })
      .where(and(eq(eventSignups.eventId, eventId), eq(eventSignups.personId, next.personId)));
    const e = (await eventView(tx, eventId))!;
    const chat = await privateChatOf(tx, next.personId);
    if (chat) {
      const text = t.promoted(e.id, e.title, formatEventTime(e.startsAt, e.endsAt, timeZone));
      await enqueueMessages(tx, [{ ...chat, payload: { text }, dedupKey: `event-promoted:${e.id}:${next.personId}:${at.getTime()}` }], at);
    }
  }
}
