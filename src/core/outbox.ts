import { and, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { outbox, replyWindows } from '../../db/schema.js';
import { isPredecessor } from './instance.js';
import type { OutgoingMessage, OutgoingPayload } from './message.js';

// === The outbox table: writing messages inside the transaction that caused them, and the row-level
// operations of delivery (claiming, renewing and releasing, taking over leases); the delivery loop is outbox-delivery.ts
/** Outbox row priority: a person's conversation (replies, cards, notices) first; bulk (broadcasts) after, paced. */
export const PRIORITY = { conversation: 0, bulk: 1 } as const;

type Enqueued = OutgoingMessage & { dedupKey?: string; bulk?: boolean };

/**
 * Adds messages to the outbox; a message with a `dedupKey` already there is not added twice.
 * `bulk` messages (broadcasts) are sent only when no conversation message is due, and paced.
 */
export async function enqueueMessages(tx: Db, messages: Enqueued[], at: Date): Promise<number[]> {
  return (await insertRows(tx, messages, at)).map((r) => r.id);
}

/** Like `enqueueMessages`, for keyed messages: the new rows' ids by `dedupKey` (a key already there is left out). */
export async function enqueueKeyed(tx: Db, messages: (Enqueued & { dedupKey: string })[], at: Date): Promise<Map<string, number>> {
  const rows = [];
  // A few thousand rows per statement keep well under PostgreSQL's 65,535 parameters.
  for (let i = 0; i < messages.length; i += 2000) rows.push(...(await insertRows(tx, messages.slice(i, i + 2000), at)));
  return new Map(rows.map((r) => [r.dedupKey!, r.id]));
}

async function insertRows(tx: Db, messages: Enqueued[], at: Date) {
  if (messages.length === 0) return [];
  return tx
    .insert(outbox)
    .values(
      messages.map((m) => ({
        channel: m.channel,
        chatId: m.chatId,
        payload: { ...m.payload },
        dedupKey: m.dedupKey ?? null,
        priority: m.bulk ? PRIORITY.bulk : PRIORITY.conversation,
        createdAt: at,
        nextAttemptAt: at,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: outbox.id, dedupKey: outbox.dedupKey });
}

/** Moves a chat's pending messages to its new id (messages already sent live on in the old chat). */
export async function moveOutboxChat(tx: Db, channel: string, from: string, to: string): Promise<void> {
  await tx
    .update(outbox)
    .set({ chatId: to })
    .where(and(eq(outbox.channel, channel), eq(outbox.chatId, from), eq(outbox.status, 'pending')));
}

/**
 * Frees at once the pending rows that a dead earlier process held (an earlier run of instance `me`, or
 * any other owner on an exclusive database such as PGlite): due now, no owner. Attempts are unchanged.
 */
export async function takeOverLeases(db: Db, me: string, o: { exclusiveDatabase: boolean; now: Date }): Promise<{ rows: number; owners: number }> {
  const owners = await db
    .selectDistinct({ by: outbox.claimedBy })
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), isNotNull(outbox.claimedBy), ne(outbox.claimedBy, me)));
  const dead = owners.map((r) => r.by!).filter((by) => o.exclusiveDatabase || isPredecessor(me, by));
  if (dead.length === 0) return { rows: 0, owners: 0 };
  const freed = await db
    .update(outbox)
    .set({ claimedBy: null, nextAttemptAt: o.now })
    .where(and(eq(outbox.status, 'pending'), inArray(outbox.claimedBy, dead)))
    .returning({ id: outbox.id });
  return { rows: freed.length, owners: dead.length };
}

export type OutboxRow = typeof outbox.$inferSelect;
export type ChatRef = { channel: string; chatId: string };

/** Replies written claimed by this process (`enqueueClaimed`), handed to its delivery after commit (those with `windowSlot` counted in the person's reply window already). */
export interface Handed {
  rows: OutboxRow[];
}

/** Rows written already claimed: by which process, until when (its lease). */
export interface OutboxClaim {
  by: string;
  until: Date;
}

/**
 * Writes messages to one chat claimed by `claim.by` (the delivering process, which gets them after
 * commit without claiming them again): their lease set, their first attempt counted. A chat with a
 * pending message of anyone else (waiting for a retry, or another process sending) keeps its order:
 * the messages are then written due, for whoever delivers that chat. The first `slots` messages written
 * claimed have their reply-window slot taken (`window_slot`, counted by `recordInbound`). Returns the rows, in order.
 */
export async function enqueueClaimed(tx: Db, chat: ChatRef, payloads: OutgoingPayload[], at: Date, claim: OutboxClaim, slots = 0): Promise<OutboxRow[]> {
  if (payloads.length === 0) return [];
  const waiting = sql`exists (select 1 from ${outbox} p where p.channel = ${chat.channel} and p.chat_id = ${chat.chatId}
    and p.status = 'pending' and p.claimed_by is distinct from ${claim.by})`;
  const rows = await tx
    .insert(outbox)
    .values(
      payloads.map((payload, i) => ({
        channel: chat.channel,
        chatId: chat.chatId,
        payload: { ...payload },
        priority: PRIORITY.conversation,
        createdAt: at,
        claimedBy: sql`case when ${waiting} then null else ${claim.by} end`,
        nextAttemptAt: sql`case when ${waiting} then ${at.toISOString()}::timestamptz else ${claim.until.toISOString()}::timestamptz end`,
        attempts: sql`case when ${waiting} then 0 else 1 end`,
        ...(i < slots ? { windowSlot: sql`not ${waiting}` } : {}),
      })),
    )
    .returning();
  return rows.sort((a, b) => a.id - b.id);
}

/**
 * Claims up to `limit` due rows of one channel for `me` until `leaseUntil`, counting an attempt of each:
 * conversation rows before bulk ones (`conversationOnly`: no bulk), oldest first, skipping rows another
 * process has locked, and never a row while an earlier row of its chat is still waiting (one chat in order).
 */
export async function claimDue(
  db: Db,
  o: { me: string; channel: string; now: Date; leaseUntil: Date; limit: number; conversationOnly?: boolean },
): Promise<OutboxRow[]> {
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        eq(outbox.status, 'pending'),
        eq(outbox.channel, o.channel),
        ...(o.conversationOnly ? [eq(outbox.priority, PRIORITY.conversation)] : []),
        sql`${outbox.nextAttemptAt} <= ${o.now.toISOString()}`,
        sql`not exists (select 1 from ${outbox} p where p.channel = ${outbox.channel} and p.chat_id = ${outbox.chatId}
            and p.status = 'pending' and p.id < ${outbox.id} and p.next_attempt_at > ${o.now.toISOString()})`,
      ),
    )
    .orderBy(outbox.priority, outbox.id)
    .limit(o.limit)
    .for('update', { skipLocked: true });
  // One statement: the rows are locked by the subquery and claimed by the update around it.
  const claimed = await db
    .update(outbox)
    .set({ claimedBy: o.me, nextAttemptAt: o.leaseUntil, attempts: sql`${outbox.attempts} + 1` })
    .where(inArray(outbox.id, due))
    .returning();
  // RETURNING has no order: sort, or one chat's messages could overtake each other (conversation rows first).
  return claimed.sort((a, b) => a.priority - b.priority || a.id - b.id);
}

/** Extends the lease of every pending row `me` holds. */
export async function renewLeases(db: Db, me: string, leaseUntil: Date): Promise<void> {
  await db
    .update(outbox)
    .set({ nextAttemptAt: leaseUntil })
    .where(and(eq(outbox.claimedBy, me), eq(outbox.status, 'pending')));
}

/** Extends one row's lease if it is still `me`'s: the fresh row, or null when another process has it now. */
export async function confirmLease(db: Db, me: string, id: number, leaseUntil: Date): Promise<OutboxRow | null> {
  const [row] = await db
    .update(outbox)
    .set({ nextAttemptAt: leaseUntil })
    .where(and(eq(outbox.id, id), eq(outbox.claimedBy, me), eq(outbox.status, 'pending')))
    .returning();
  return row ?? null;
}

/**
 * Gives rows back unsent, due at `now` (their counted attempt undone): those still held by `me` (another
 * process may have taken some over). A row whose reply-window slot was taken gives it back too, in the
 * same statement: whoever sends it later takes one then.
 */
export async function releaseRows(db: Db, me: string, ids: number[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  const idList = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
  await db.execute(sql`with released as (
      select id, channel, chat_id, window_slot from ${outbox}
      where id in (${idList}) and claimed_by = ${me} and status = 'pending' for update
    ), freed as (
      update ${outbox} o set claimed_by = null, next_attempt_at = ${now.toISOString()}::timestamptz,
        attempts = greatest(o.attempts - 1, 0), window_slot = false
      from released r where o.id = r.id
    ), slots as (
      select channel, chat_id, count(*)::int as n from released where window_slot group by channel, chat_id
    )
    update ${replyWindows} w set sent_since_inbound = greatest(w.sent_since_inbound - s.n, 0)
    from slots s where w.channel = s.channel and w.chat_id = s.chat_id`);
}
