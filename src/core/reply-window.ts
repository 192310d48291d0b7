import { and, asc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { channelIdentities, outbox, replyWindows } from '../../db/schema.js';
import type { OutgoingPayload } from './message.js';
import type { OutboxRow } from './outbox.js';
import { DeliveryError, type Sender } from './ports.js';
import { texts } from '../texts/resident.js';

// === Reply windows: platforms that let a bot write to a person only for a while after they wrote
// (WeChat: 48 h, 5 messages). The outbox keeps count here; what cannot go out is held, not dropped.

export interface ReplyWindowRule {
  ms: number;
  perMessage: number;
}

/**
 * The person wrote: their window opens again, counting every message whose slot is taken and that is
 * not sent yet (`window_slot`) — the replies written with this message, and those to their earlier
 * messages still on their way (from this process or another): the platform counts every send after the
 * latest message, whichever message it answers. Called last in the message's transaction. When the count
 * exceeds `fit.perMessage`, the newest of `fit.rows` (just written, not handed yet) give their slots back
 * and ask for one when sent (so are held if none is left). Returns the count.
 */
export async function recordInbound(tx: Db, channel: string, chatId: string, at: Date, fit?: { perMessage: number; rows: OutboxRow[] }): Promise<number> {
  const pending = sql`(select count(*)::int from ${outbox} where ${outbox.channel} = ${channel} and ${outbox.chatId} = ${chatId}
    and ${outbox.windowSlot} and ${outbox.status} = 'pending')`;
  const [window] = await tx
    .insert(replyWindows)
    .values({ channel, chatId, lastInboundAt: at, sentSinceInbound: pending })
    .onConflictDoUpdate({
      target: [replyWindows.channel, replyWindows.chatId],
      set: { lastInboundAt: at, sentSinceInbound: sql`excluded.sent_since_inbound` },
    })
    .returning({ n: replyWindows.sentSinceInbound });
  const counted = window?.n ?? 0;
  if (!fit || counted <= fit.perMessage) return counted;
  const over = fit.rows.filter((r) => r.windowSlot).slice(-(counted - fit.perMessage));
  if (over.length === 0) return counted;
  await tx
    .update(outbox)
    .set({ windowSlot: false })
    .where(
      inArray(
        outbox.id,
        over.map((r) => r.id),
      ),
    );
  for (const row of over) row.windowSlot = false;
  await tx
    .update(replyWindows)
    .set({ sentSinceInbound: counted - over.length })
    .where(and(eq(replyWindows.channel, channel), eq(replyWindows.chatId, chatId)));
  return counted - over.length;
}

/**
 * Takes one message of the window's count; false when the window is closed or used up. `rowId`: the
 * message it is for, marked as holding its slot while it is sent (a window opened meanwhile counts it).
 */
export async function takeReplySlot(db: Db, channel: string, chatId: string, rule: ReplyWindowRule, now: Date, rowId?: number): Promise<boolean> {
  const open = and(
    eq(replyWindows.channel, channel),
    eq(replyWindows.chatId, chatId),
    gt(replyWindows.lastInboundAt, new Date(now.getTime() - rule.ms)),
    lt(replyWindows.sentSinceInbound, rule.perMessage),
  );
  const take = db
    .update(replyWindows)
    .set({ sentSinceInbound: sql`${replyWindows.sentSinceInbound} + 1` })
    .where(open)
    .returning({ n: replyWindows.sentSinceInbound });
  if (rowId === undefined) return (await take).length > 0;
  // One statement: the slot taken, and the row marked only if it was.
  const taken = db.$with('taken').as(take);
  const marked = await db
    .with(taken)
    .update(outbox)
    .set({ windowSlot: true })
    .where(and(eq(outbox.id, rowId), sql`exists (select 1 from ${taken})`))
    .returning({ id: outbox.id });
  return marked.length > 0;
}

/** Gives a slot back (the send failed, so the platform did not count it). */
export async function giveBackReplySlot(db: Db, channel: string, chatId: string): Promise<void> {
  await db
    .update(replyWindows)
    .set({ sentSinceInbound: sql`greatest(${replyWindows.sentSinceInbound} - 1, 0)` })
    .where(and(eq(replyWindows.channel, channel), eq(replyWindows.chatId, chatId)));
}

/** The platform says the window is closed (its clock or count differs from ours): ours is closed too. */
export async function closeReplyWindow(db: Db, channel: string, chatId: string, rule: ReplyWindowRule): Promise<void> {
  await db
    .update(replyWindows)
    .set({ sentSinceInbound: rule.perMessage })
    .where(and(eq(replyWindows.channel, channel), eq(replyWindows.chatId, chatId)));
}

/** True when the account unfollowed or blocked the bot (nothing is sent to it until it writes again). */
export async function isBlocked(db: Db, channel: string, chatId: string): Promise<boolean> {
  const [row] = await db
    .select({ blockedAt: channelIdentities.blockedAt })
    .from(channelIdentities)
    .where(and(eq(channelIdentities.channel, channel), eq(channelIdentities.externalId, chatId)));
  return Boolean(row?.blockedAt);
}

/** Longest digest of held messages; older ones beyond it are only counted. */
const MAX_DIGEST_CHARS = 1500;

/**
 * The person wrote again: what was held for them goes out now, as one message after the replies to
 * what they wrote (one message of the window's count, and their answer first). Returns the digest's
 * text and the held rows, if anything was held: the caller writes the digest, then `markMerged`.
 */
export async function releaseHeld(tx: Db, channel: string, chatId: string): Promise<{ text: string; ids: number[] } | null> {
  const held = await tx
    .select({ id: outbox.id, payload: outbox.payload })
    .from(outbox)
    .where(and(eq(outbox.channel, channel), eq(outbox.chatId, chatId), eq(outbox.status, 'held')))
    .orderBy(asc(outbox.id))
    .for('update');
  if (held.length === 0) return null;
  const lines: string[] = [];
  let length = 0;
  let left = 0;
  for (const row of [...held].reverse()) {
    const text = (row.payload as unknown as OutgoingPayload).text;
    if (length + text.length > MAX_DIGEST_CHARS && lines.length > 0) {
      left++;
      continue;
    }
    lines.unshift(text);
    length += text.length;
  }
  const text = [texts.heldDigest(held.length), ...lines.map((l) => `· ${l}`), ...(left > 0 ? [texts.heldDigestMore(left)] : [])].join('\n');
  return { text, ids: held.map((r) => r.id) };
}

/** The held rows went out in the digest `digestId`: they are `merged`. */
export async function markMerged(tx: Db, ids: number[], digestId: number | undefined): Promise<void> {
  await tx
    .update(outbox)
    .set({ status: 'merged', lastError: `merged:${digestId ?? ''}`, claimedBy: null })
    .where(inArray(outbox.id, ids));
}

export type WindowedSend = { sent: true; externalId?: string; via: 'message' | 'notice' } | { sent: false; hold: 'window_closed' | 'blocked' };

const isCode = (err: unknown, code: string) => err instanceof DeliveryError && err.code === code;

/**
 * Sends one message on a channel with a reply window: as a message while the window is open and its
 * count not used up; otherwise its `notice`, if it has one, another way (a template message);
 * otherwise it is to be held. An account that unfollowed is held for without trying. `slotTaken`: a
 * message whose slot is counted already (`window_slot`: a reply written with the person's message, to an
 * account that just wrote, so follows). `rowId`: the outbox row sent, marked while its slot is taken.
 */
export async function sendWithinWindow(
  db: Db,
  sender: Sender,
  channel: string,
  chatId: string,
  payload: OutgoingPayload,
  now: Date,
  slotTaken = false,
  rowId?: number,
): Promise<WindowedSend> {
  const rule = sender.replyWindow;
  if (!rule) return { sent: true, via: 'message', ...(await sender.send(chatId, payload)) };
  if (!slotTaken && (await isBlocked(db, channel, chatId))) return { sent: false, hold: 'blocked' };
  if (slotTaken || (await takeReplySlot(db, channel, chatId, rule, now, rowId))) {
    try {
      return { sent: true, via: 'message', ...(await sender.send(chatId, payload)) };
    } catch (err) {
      await giveBackReplySlot(db, channel, chatId);
      if (!isCode(err, 'window_closed')) throw err;
      await closeReplyWindow(db, channel, chatId, rule);
    }
  }
  if (payload.notice && sender.sendNotice) {
    try {
      return { sent: true, via: 'notice', ...(await sender.sendNotice(chatId, payload)) };
    } catch (err) {
      if (!isCode(err, 'window_closed')) throw err;
    }
  }
  return { sent: false, hold: 'window_closed' };
}
