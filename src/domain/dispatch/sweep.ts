import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { announcements, requests } from '../../../db/schema.js';
import { enqueueMessages } from '../../core/outbox.js';
import { dispatchTexts as t } from '../../texts/dispatch.js';
import { appendEvent } from '../requests/requests.js';
import { tellOrganizers } from '../people/roles.js';
import { editCards, postCards, requestView, routeRequest } from './announce.js';
import type { StationTree } from '../stations/tree.js';
import { offerPrivately, PRIVATE_OFFERS_PER_LEVEL } from './private-offers.js';

// === Deadlines: time lives in the database; a sweep turns due rows into reminders and escalations

export interface SweepOptions {
  tree: StationTree;
  /** Unclaimed this long → cards marked 加急. */
  remindMinutes: number;
  /** Unclaimed this long (per level) → announced one station up, organizers told. */
  escalateMinutes: number;
  /** Volunteers offered a request privately per escalation level (default 5). */
  privateOffersPerLevel?: number;
}

const minutesAgo = (now: Date, m: number) => new Date(now.getTime() - m * 60_000);
/** Unclaimed for `minutes` since it opened or was last escalated. */
const dueForEscalation = (now: Date, minutes: number) =>
  lte(sql`coalesce(${requests.escalatedAt}, ${requests.openedAt})`, minutesAgo(now, minutes).toISOString());

/**
 * One pass over open requests. Safe when several instances sweep at once: each reminder and each
 * escalation is a conditional update that only one of them can win, on rows locked `SKIP LOCKED`.
 */
export async function sweepDeadlines(db: Db, opts: SweepOptions, now: Date): Promise<{ reminded: number; escalated: number }> {
  let reminded = 0;
  let escalated = 0;
  const dueRemind = await db
    .select({ id: requests.id })
    .from(requests)
    .where(and(eq(requests.status, 'open'), isNull(requests.remindedAt), lte(requests.openedAt, minutesAgo(now, opts.remindMinutes))))
    .orderBy(requests.id)
    .limit(200);
  for (const { id } of dueRemind) {
    await db.transaction(async (tx) => {
      const [row] = await tx
        .update(requests)
        .set({ remindedAt: now })
        .where(and(eq(requests.id, id), eq(requests.status, 'open'), isNull(requests.remindedAt)))
        .returning({ id: requests.id });
      if (!row) return;
      const r = (await requestView(tx, id))!;
      await editCards(tx, r, 'open', '', now);
      // Announced again: an edit notifies nobody, so a short nudge (no address, no phone) follows.
      const cards = await tx
        .select({ channel: announcements.channel, chatId: announcements.chatId })
        .from(announcements)
        .where(eq(announcements.requestId, id));
      const minutes = Math.round((now.getTime() - r.openedAt.getTime()) / 60_000);
      await enqueueMessages(
        tx,
        cards.map((c) => ({
          ...c,
          payload: { text: t.hurryNudge(r.ticket, r.community, r.itemName ?? '', minutes) },
          dedupKey: `nudge:${id}:${r.openedAt.getTime()}:${c.channel}:${c.chatId}`,
        })),
        now,
      );
      await appendEvent(tx, id, 'reminded', null, {}, now);
      reminded++;
    });
  }

  const dueEscalate = await db
    .select({ id: requests.id, level: requests.escalationLevel })
    .from(requests)
    .where(and(eq(requests.status, 'open'), eq(requests.escalationDone, false), dueForEscalation(now, opts.escalateMinutes)))
    .orderBy(requests.id)
    .limit(200);
  for (const { id, level } of dueEscalate) {
    await db.transaction(async (tx) => {
      const [locked] = await tx
        .select({ id: requests.id })
        .from(requests)
        .where(
          and(
            eq(requests.id, id),
            eq(requests.escalationLevel, level),
            eq(requests.status, 'open'),
            eq(requests.escalationDone, false),
            dueForEscalation(now, opts.escalateMinutes),
          ),
        )
        .for('update', { skipLocked: true });
      if (!locked) return;
      const r = (await requestView(tx, id))!;
      const chain = opts.tree.chain(r.stationId);
      const next = level + 1;
      const [row] = await tx
        .update(requests)
        .set({ escalationLevel: Math.min(next, chain.length - 1), escalatedAt: now, escalationDone: next >= chain.length - 1 })
        .where(and(eq(requests.id, id), eq(requests.escalationLevel, level), eq(requests.status, 'open')))
        .returning({ id: requests.id });
      if (!row) return;
      if (next < chain.length) {
        const route = await routeRequest(tx, opts.tree, r, next);
        const fresh = (await requestView(tx, id))!;
        await postCards(tx, fresh, route.groups, route.level, now);
        await offerPrivately(tx, opts.tree, fresh, next, now, opts.privateOffersPerLevel ?? PRIVATE_OFFERS_PER_LEVEL);
      }
      await appendEvent(tx, id, 'escalated', null, { level: next }, now);
      await tellOrganizers(
        tx,
        opts.tree,
        r.stationId,
        t.alertEscalated(r.ticket, r.community, Math.round((now.getTime() - (r.escalatedAt ?? r.openedAt).getTime()) / 60_000)),
        now,
        `escalate:${id}:${next}`,
      );
      escalated++;
    });
  }
  return { reminded, escalated };
}
