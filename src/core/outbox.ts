import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import { outbox } from '../../db/schema.js';
import { markBlocked } from '../domain/people/people.js';
import type { OutgoingMessage, OutgoingPayload } from './message.js';
import { type Clock, DeliveryError, type Sender } from './ports.js';
import { safeError } from './privacy.js';

// === Writing messages to the outbox (inside a transaction) and delivering them (after commit)

/** Adds messages to the outbox; a message with a `dedupKey` already there is not added twice. */
export async function enqueueMessages(tx: Db, messages: (OutgoingMessage & { dedupKey?: string })[], at: Date): Promise<number[]> {
  if (messages.length === 0) return [];
  const rows = await tx
    .insert(outbox)
    .values(messages.map((m) => ({ channel: m.channel, chatId: m.chatId, payload: { ...m.payload }, dedupKey: m.dedupKey ?? null, createdAt: at, nextAttemptAt: at })))
    .onConflictDoNothing()
    .returning({ id: outbox.id });
  return rows.map((r) => r.id);
}

export interface OutboxDeliveryOptions {
  db: Db;
  senders: Record<string, Sender>;
  log: Logger;
  clock?: Clock;
  /** Attempts before a message is given up as failed. */
  maxAttempts?: number;
  /**
   * How long a claimed message is reserved for the sender that claimed it; must exceed the slowest
   * send (retries and pacing included), or another instance may send it again. Default 10 minutes.
   */
  leaseMs?: number;
  /** Called when a channel says a chat moved (a Telegram group became a supergroup). */
  onChatMigrated?: (channel: string, from: string, to: string) => Promise<void>;
}

/**
 * Delivers pending outbox messages: oldest first, one chat's messages in order, with retries
 * and backoff. At-least-once: a crash between sending and marking sent may resend one message.
 */
export function createOutboxDelivery(options: OutboxDeliveryOptions) {
  const { db, senders, log } = options;
  const clock = options.clock ?? (() => new Date());
  const maxAttempts = options.maxAttempts ?? 8;
  const leaseMs = options.leaseMs ?? 10 * 60_000;
  let running: Promise<number> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;

  async function claim(only?: { channel: string; chatId: string }[]): Promise<(typeof outbox.$inferSelect)[]> {
    const now = clock();
    const lease = new Date(now.getTime() + leaseMs);
    const channels = Object.keys(senders);
    if (channels.length === 0) return [];
    return db.transaction(async (tx) => {
      const due = await tx
        .select({ id: outbox.id })
        .from(outbox)
        .where(
          and(
            eq(outbox.status, 'pending'),
            inArray(outbox.channel, channels),
            ...(only ? [or(...only.map((c) => and(eq(outbox.channel, c.channel), eq(outbox.chatId, c.chatId))))] : []),
            sql`${outbox.nextAttemptAt} <= ${now.toISOString()}`,
            sql`not exists (select 1 from ${outbox} p where p.channel = ${outbox.channel} and p.chat_id = ${outbox.chatId}
                and p.status = 'pending' and p.id < ${outbox.id} and p.next_attempt_at > ${now.toISOString()})`,
          ),
        )
        .orderBy(outbox.id)
        .limit(100)
        .for('update', { skipLocked: true });
      if (due.length === 0) return [];
      const claimed = await tx
        .update(outbox)
        .set({ attempts: sql`${outbox.attempts} + 1`, nextAttemptAt: lease })
        .where(inArray(outbox.id, due.map((d) => d.id)))
        .returning();
      // RETURNING has no order: sort, or one chat's messages could overtake each other.
      return claimed.sort((a, b) => a.id - b.id);
    });
  }

  async function sendOne(row: typeof outbox.$inferSelect): Promise<boolean> {
    const sender = senders[row.channel];
    if (!sender) return false;
    try {
      const payload = row.payload as unknown as OutgoingPayload;
      if (payload.editOf !== undefined) {
        const [original] = await db.select().from(outbox).where(eq(outbox.id, payload.editOf));
        const { editOf: _, ...edit } = payload;
        if (original?.status === 'sent' && original.externalId && sender.edit) {
          await sender.edit(original.chatId, original.externalId, edit);
          await db.update(outbox).set({ status: 'sent', sentAt: clock(), externalId: original.externalId, lastError: null }).where(eq(outbox.id, row.id));
          return true;
        }
        if (original?.status === 'pending') throw new DeliveryError('network', 'the message to edit is not sent yet', { permanent: false, retryAfterMs: 1000 });
      }
      const { externalId } = await sender.send(row.chatId, row.payload as unknown as OutgoingPayload);
      await db.update(outbox).set({ status: 'sent', sentAt: clock(), externalId: externalId ?? null, lastError: null }).where(eq(outbox.id, row.id));
      return true;
    } catch (err) {
      await recordFailure(row, err);
      return false;
    }
  }

  async function recordFailure(row: typeof outbox.$inferSelect, err: unknown) {
    const now = clock();
    const e = err instanceof DeliveryError ? err : new DeliveryError('network', String(err), { permanent: false, cause: err });
    log.warn({ outboxId: row.id, channel: row.channel, code: e.code, attempts: row.attempts, err: safeError(err) }, 'delivery failed');
    if (e.code === 'chat_migrated' && e.options.newChatId && row.attempts < maxAttempts) {
      const to = e.options.newChatId;
      // A message of the old chat cannot be edited any more: the edit goes to the new chat as a new message.
      const { editOf: _, ...fresh } = row.payload as unknown as OutgoingPayload;
      await db.update(outbox).set({ chatId: to, payload: { ...fresh }, nextAttemptAt: now, lastError: e.code }).where(eq(outbox.id, row.id));
      await db.update(outbox).set({ chatId: to })
        .where(and(eq(outbox.channel, row.channel), eq(outbox.chatId, row.chatId), eq(outbox.status, 'pending')));
      if (row.chatId !== to) await options.onChatMigrated?.(row.channel, row.chatId, to);
      return;
    }
    if (e.options.permanent || row.attempts >= maxAttempts) {
      await db.transaction(async (tx) => {
        await tx.update(outbox).set({ status: 'failed', lastError: e.code }).where(eq(outbox.id, row.id));
        if (e.code === 'blocked') await markBlocked(tx, row.channel, row.chatId, now);
      });
      return;
    }
    const backoff = e.options.retryAfterMs ?? Math.min(60_000, 1000 * 2 ** (row.attempts - 1));
    await db.update(outbox).set({ nextAttemptAt: new Date(now.getTime() + backoff), lastError: e.code }).where(eq(outbox.id, row.id));
  }

  async function pass(only?: { channel: string; chatId: string }[]): Promise<number> {
    let sent = 0;
    for (;;) {
      const rows = await claim(only);
      if (rows.length === 0) return sent;
      const byChat = new Map<string, typeof rows>();
      for (const r of rows) byChat.set(`${r.channel}:${r.chatId}`, [...(byChat.get(`${r.channel}:${r.chatId}`) ?? []), r]);
      const results = await Promise.all(
        [...byChat.values()].map(async (chatRows) => {
          let n = 0;
          for (const [i, row] of chatRows.entries()) {
            if (await sendOne(row)) n++;
            else {
              // Keep the chat's order: later messages wait for the failed one.
              const later = chatRows.slice(i + 1).map((r) => r.id);
              if (later.length) await db.update(outbox).set({ nextAttemptAt: clock(), attempts: sql`${outbox.attempts} - 1` }).where(inArray(outbox.id, later));
              break;
            }
          }
          return n;
        }),
      );
      sent += results.reduce((a, b) => a + b, 0);
      if (results.every((n, i) => n === [...byChat.values()][i]!.length) === false) return sent;
    }
  }

  /** Delivers everything due now; concurrent calls share one pass and trigger one more. */
  function deliverDue(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        again = false;
        try {
          total += await pass();
        } catch (err) {
          log.error({ err: safeError(err) }, 'outbox pass failed');
        }
      } while (again);
      return total;
    })().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    deliverDue,
    /**
     * Delivers what is due for these chats only (a person's replies), without waiting for other
     * chats' traffic such as slow, paced group messages.
     */
    async deliverChats(chats: { channel: string; chatId: string }[]): Promise<number> {
      try {
        return await pass(chats);
      } catch (err) {
        log.error({ err: safeError(err) }, 'outbox pass failed');
        return 0;
      }
    },
    /** Polls for due messages (retries, messages from other instances) every `intervalMs`. */
    start(intervalMs = 1000) {
      timer ??= setInterval(() => void deliverDue(), intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}

export type OutboxDelivery = ReturnType<typeof createOutboxDelivery>;
