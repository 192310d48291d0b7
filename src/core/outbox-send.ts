import { and, eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import { outbox } from '../../db/schema.js';
import type { OutgoingPayload } from './message.js';
import type { OutboxRow as Row } from './outbox.js';
import { asDeliveryError, failureOutcome } from './outbox-failure.js';
import { type Clock, DeliveryError, type PeoplePort, type Sender } from './ports.js';
import { safeError } from './privacy.js';
import { sendWithinWindow } from './reply-window.js';

// === Sending one claimed outbox row and writing what became of it (one statement when it went out)

export type SendOutcome = 'sent' | 'held' | 'failed';

export interface RowSenderOptions {
  db: Db;
  log: Logger;
  clock: Clock;
  /** This process's id: a row is written only while it still holds it. */
  me: string;
  maxAttempts: number;
  onChatMigrated: (channel: string, from: string, to: string) => Promise<void>;
  onBlocked?: PeoplePort['markBlocked'];
}

/** Sends claimed rows through their channel's sender and records the outcome on the row. */
export function createRowSender(o: RowSenderOptions) {
  const { db, log, clock, me } = o;
  const mine = (id: number) => and(eq(outbox.id, id), eq(outbox.claimedBy, me), eq(outbox.status, 'pending'));
  /** Updates a row only while it is still ours and pending. */
  const updateMine = (id: number, values: Partial<typeof outbox.$inferInsert>, tx: Db = db) => tx.update(outbox).set(values).where(mine(id));
  const markSent = (id: number, values: Partial<typeof outbox.$inferInsert>) =>
    db
      .update(outbox)
      .set({ status: 'sent', sentAt: clock(), lastError: null, claimedBy: null, windowSlot: false, ...values })
      .where(eq(outbox.id, id));

  /** Keeps a message the platform will not take now; it goes out when the person writes again (reply-window.ts). */
  async function hold(row: Row, reason: string) {
    log.info({ outboxId: row.id, channel: row.channel, reason }, 'delivery held until the person writes again');
    await updateMine(row.id, { status: 'held', lastError: reason, claimedBy: null, windowSlot: false });
  }

  async function recordFailure(row: Row, err: unknown) {
    const now = clock();
    const e = asDeliveryError(err);
    log.warn({ outboxId: row.id, channel: row.channel, code: e.code, attempts: row.attempts, err: safeError(err) }, 'delivery failed');
    const outcome = failureOutcome(row, e, o.maxAttempts, now);
    // A failed send gave its reply-window slot back (reply-window.ts): the row no longer holds one.
    const unclaimed = { lastError: outcome.code, claimedBy: null, windowSlot: false };
    if (outcome.kind === 'migrate') {
      await updateMine(row.id, { chatId: outcome.to, payload: outcome.payload, nextAttemptAt: now, ...unclaimed });
      if (row.chatId !== outcome.to) await o.onChatMigrated(row.channel, row.chatId, outcome.to);
    } else if (outcome.kind === 'fail') {
      await db.transaction(async (tx) => {
        await updateMine(row.id, { status: 'failed', ...unclaimed }, tx as unknown as Db);
        if (outcome.blocked) await o.onBlocked?.(tx, row.channel, row.chatId, now);
      });
    } else {
      await updateMine(row.id, { nextAttemptAt: outcome.at, ...unclaimed });
    }
  }

  /**
   * Sends one row this process holds (its attempt counted when it was claimed); a row with `windowSlot`
   * has its reply-window slot counted already. `editOf` rows edit an earlier message.
   */
  async function send(sender: Sender, row: Row): Promise<SendOutcome> {
    try {
      const payload = row.payload as unknown as OutgoingPayload;
      if (payload.editOf !== undefined) {
        const [original] = await db.select().from(outbox).where(eq(outbox.id, payload.editOf));
        const { editOf: _, ...edit } = payload;
        if (original?.status === 'sent' && original.externalId && sender.edit) {
          await sender.edit(original.chatId, original.externalId, edit);
          await markSent(row.id, { externalId: original.externalId });
          return 'sent';
        }
        if (original?.status === 'pending') throw new DeliveryError('network', 'the message to edit is not sent yet', { permanent: false, retryAfterMs: 1000 });
      }
      const result = await sendWithinWindow(db, sender, row.channel, row.chatId, payload, clock(), row.windowSlot, row.id);
      if (!result.sent) {
        await hold(row, result.hold);
        return 'held';
      }
      await markSent(row.id, { externalId: result.externalId ?? null, sentVia: result.via });
      return 'sent';
    } catch (err) {
      // On a channel with a reply window, an account that unfollowed is held for, not given up.
      if (sender.replyWindow && err instanceof DeliveryError && err.code === 'blocked') {
        await db.transaction((tx) => o.onBlocked?.(tx, row.channel, row.chatId, clock()) ?? Promise.resolve());
        await hold(row, 'blocked');
        return 'held';
      }
      await recordFailure(row, err);
      return 'failed';
    }
  }

  return { send };
}
