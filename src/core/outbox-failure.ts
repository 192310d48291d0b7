import type { OutgoingPayload } from './message.js';
import type { OutboxRow } from './outbox.js';
import { DeliveryError } from './ports.js';

// === What a failed send means for its outbox row: follow a migrated chat, give up, or try again later

/** The decision for one failed attempt; the delivery loop writes it. */
export type FailureOutcome =
  /** The chat has a new id: send there now, as a new message (an edit of the old chat cannot be). */
  | { kind: 'migrate'; code: string; to: string; payload: OutboxRow['payload'] }
  /** Permanent, or out of attempts. `blocked`: the person blocked the bot. */
  | { kind: 'fail'; code: string; blocked: boolean }
  /** Transient: the next attempt after the platform's `retry_after`, else a doubling backoff up to a minute. */
  | { kind: 'retry'; code: string; at: Date };

/** Any thrown value as a delivery error (unknown ones are transient network errors). */
export const asDeliveryError = (err: unknown): DeliveryError =>
  err instanceof DeliveryError ? err : new DeliveryError('network', String(err), { permanent: false, cause: err });

/** Decides what a failed attempt of `row` (already counted in `row.attempts`) leads to. Pure. */
export function failureOutcome(row: Pick<OutboxRow, 'attempts' | 'payload'>, err: DeliveryError, maxAttempts: number, now: Date): FailureOutcome {
  if (err.code === 'chat_migrated' && err.options.newChatId && row.attempts < maxAttempts) {
    const { editOf: _, ...fresh } = row.payload as unknown as OutgoingPayload;
    return { kind: 'migrate', code: err.code, to: err.options.newChatId, payload: { ...fresh } as OutboxRow['payload'] };
  }
  if (err.options.permanent || row.attempts >= maxAttempts) return { kind: 'fail', code: err.code, blocked: err.code === 'blocked' };
  const backoff = err.options.retryAfterMs ?? Math.min(60_000, 1000 * 2 ** (row.attempts - 1));
  return { kind: 'retry', code: err.code, at: new Date(now.getTime() + backoff) };
}
