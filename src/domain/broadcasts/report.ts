import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { broadcasts, broadcastTargets, outbox } from '../../../db/schema.js';
import { enqueueMessages } from '../../core/outbox.js';
import { broadcastTexts as t } from '../../texts/broadcasts.js';

// === How far a broadcast got (its outbox rows), and the delivery report to the organizer when done

/** A broadcast's deliveries by outcome; `failures` by the channel's error code (e.g. `blocked`, `chat_not_found`). */
export interface BroadcastProgress {
  targets: number;
  groups: number;
  privateChats: number;
  sent: number;
  /** Waiting for the person to write again (WeChat, outside the reply window); they get it then. */
  held: number;
  pending: number;
  failed: number;
  failures: { code: string | null; count: number }[];
}

const empty = (): BroadcastProgress => ({ targets: 0, groups: 0, privateChats: 0, sent: 0, held: 0, pending: 0, failed: 0, failures: [] });

/** The progress of each broadcast, read from the status of its outbox rows. */
async function progressOf(tx: Db, ids: readonly number[]): Promise<Map<number, BroadcastProgress>> {
  const out = new Map(ids.map((id) => [id, empty()]));
  if (ids.length === 0) return out;
  const rows = await tx
    .select({
      id: broadcastTargets.broadcastId,
      isGroup: broadcastTargets.isGroup,
      status: outbox.status,
      error: outbox.lastError,
      n: sql<number>`count(*)::int`,
    })
    .from(broadcastTargets)
    .innerJoin(outbox, eq(outbox.id, broadcastTargets.outboxId))
    .where(inArray(broadcastTargets.broadcastId, [...ids]))
    .groupBy(broadcastTargets.broadcastId, broadcastTargets.isGroup, outbox.status, outbox.lastError);
  for (const r of rows) {
    const p = out.get(r.id)!;
    p.targets += r.n;
    if (r.isGroup) p.groups += r.n;
    else p.privateChats += r.n;
    if (r.status === 'sent' || r.status === 'merged') p.sent += r.n;
    else if (r.status === 'held') p.held += r.n;
    else if (r.status === 'pending') p.pending += r.n;
    else {
      p.failed += r.n;
      const same = p.failures.find((f) => f.code === r.error);
      if (same) same.count += r.n;
      else p.failures.push({ code: r.error, count: r.n });
    }
  }
  for (const p of out.values()) p.failures.sort((a, b) => b.count - a.count || String(a.code).localeCompare(String(b.code)));
  return out;
}

/**
 * Writes the delivery report of every broadcast with nothing pending any more, once: the conditional
 * update of `reported_at` decides (several instances may run this), and the report is an outbox row
 * to the organizer's private chat in the same transaction. Returns how many were reported.
 */
export async function reportFinishedBroadcasts(db: Db, now: Date): Promise<number> {
  const open = await db.select({ id: broadcasts.id }).from(broadcasts).where(isNull(broadcasts.reportedAt)).orderBy(broadcasts.id).limit(100);
  const progress = await progressOf(
    db,
    open.map((b) => b.id),
  );
  let reported = 0;
  for (const [id, p] of progress) {
    if (p.pending > 0) continue;
    await db.transaction(async (tx) => {
      const [b] = await tx
        .update(broadcasts)
        .set({ reportedAt: now })
        .where(and(eq(broadcasts.id, id), isNull(broadcasts.reportedAt)))
        .returning();
      if (!b) return;
      const failures = p.failures.map((f) => ({ reason: t.failureReason(f.code), count: f.count }));
      const text = t.report({ id, targets: p.targets, sent: p.sent, held: p.held, failures });
      await enqueueMessages(tx, [{ channel: b.channel, chatId: b.chatId, payload: { text }, dedupKey: `broadcast:${id}:report` }], now);
      reported++;
    });
  }
  return reported;
}

/** The latest broadcasts whose stations all lie within `visible` (an organizer's stations), newest first. */
export async function recentBroadcasts(tx: Db, visible: ReadonlySet<number>, limit = 10) {
  const rows = await tx.select().from(broadcasts).orderBy(desc(broadcasts.id)).limit(200);
  const mine = rows.filter((b) => b.stationIds.every((id) => visible.has(id))).slice(0, limit);
  const progress = await progressOf(
    tx,
    mine.map((b) => b.id),
  );
  return mine.map((b) => ({ ...b, progress: progress.get(b.id)! }));
}
