import { and, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { eventSignups, events } from '../../../db/schema.js';
import { enqueueMessages } from '../../core/outbox.js';
import { eventTexts as t } from '../../texts/events.js';
import { privateChatOf } from '../people/roles.js';
import { formatEventTime } from './time.js';

// === The reminder before an event: due sign-ups become private messages, exactly once

/**
 * One pass: every `signed` sign-up of an open event starting within `hoursBefore` hours (and not yet
 * started) that was not reminded gets `reminded_at` in one conditional update, and a private message
 * with 签到 / 签退 buttons (dedup key `event-remind:<event>:<person>`). Several instances sweeping one
 * database remind once: the update takes each row for one of them. Returns how many were reminded.
 */
export async function sweepEventReminders(db: Db, now: Date, o: { hoursBefore: number; timeZone: string }): Promise<number> {
  return db.transaction(async (tx) => {
    const due = tx
      .select({ id: events.id })
      .from(events)
      .where(and(eq(events.status, 'open'), gt(events.startsAt, now), lte(events.startsAt, new Date(now.getTime() + o.hoursBefore * 3_600_000))));
    const taken = await tx
      .update(eventSignups)
      .set({ remindedAt: now })
      .where(and(inArray(eventSignups.eventId, due), eq(eventSignups.status, 'signed'), isNull(eventSignups.remindedAt)))
      .returning({ eventId: eventSignups.eventId, personId: eventSignups.personId });
    if (taken.length === 0) return 0;
    const ids = [...new Set(taken.map((r) => r.eventId))];
    const rows = await tx.select().from(events).where(inArray(events.id, ids));
    const byId = new Map(rows.map((e) => [e.id, e]));
    for (const r of taken) {
      const e = byId.get(r.eventId)!;
      const chat = await privateChatOf(tx, r.personId);
      if (!chat) continue;
      const payload = {
        text: t.reminder(e.id, e.title, formatEventTime(e.startsAt, e.endsAt, o.timeZone, now), e.place),
        choices: [
          { id: `event-checkin:${e.id}`, label: t.checkInButton },
          { id: `event-checkout:${e.id}`, label: t.checkOutButton },
        ],
      };
      await enqueueMessages(tx, [{ ...chat, payload, dedupKey: `event-remind:${e.id}:${r.personId}` }], now);
    }
    return taken.length;
  });
}

/** Sign-ups reminded so far (for tests and listings). */
export async function remindedCount(db: Db, eventId: number): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(eventSignups)
    .where(and(eq(eventSignups.eventId, eventId), sql`${eventSignups.remindedAt} is not null`));
  return r?.n ?? 0;
}
