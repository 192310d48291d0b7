import { describe, expect, it } from 'vitest';
import { asDeliveryError, failureOutcome } from '../../src/core/outbox-failure.js';
import { DeliveryError } from '../../src/core/ports.js';

// === What a failed send means for its row: follow a migrated chat, give up, or retry with backoff

const now = new Date('2026-12-06T00:00:00Z');
const row = (attempts: number, payload: Record<string, unknown> = { text: '你好' }) => ({ attempts, payload });
const later = (ms: number) => new Date(now.getTime() + ms);

describe('failureOutcome', () => {
  it('a transient error retries after a doubling backoff, at most a minute', () => {
    const err = new DeliveryError('network', 'reset', { permanent: false });
    expect(failureOutcome(row(1), err, 8, now)).toEqual({ kind: 'retry', code: 'network', at: later(1000) });
    expect(failureOutcome(row(3), err, 8, now)).toEqual({ kind: 'retry', code: 'network', at: later(4000) });
    expect(failureOutcome(row(7), err, 8, now)).toEqual({ kind: 'retry', code: 'network', at: later(60_000) });
  });

  it("the platform's retry_after wins over the backoff", () => {
    const err = new DeliveryError('rate_limited', '429', { permanent: false, retryAfterMs: 7000 });
    expect(failureOutcome(row(1), err, 8, now)).toEqual({ kind: 'retry', code: 'rate_limited', at: later(7000) });
  });

  it('a permanent error, or the last attempt, fails the row; a block is said so', () => {
    expect(failureOutcome(row(1), new DeliveryError('blocked', '403', { permanent: true }), 8, now)).toEqual({ kind: 'fail', code: 'blocked', blocked: true });
    expect(failureOutcome(row(8), new DeliveryError('network', 'x', { permanent: false }), 8, now)).toEqual({ kind: 'fail', code: 'network', blocked: false });
  });

  it('a migrated chat is followed at once, as a new message (an edit cannot move chats)', () => {
    const err = new DeliveryError('chat_migrated', 'moved', { permanent: false, newChatId: '-100200' });
    const out = failureOutcome(row(1, { text: '卡片', editOf: 42 }), err, 8, now);
    expect(out).toEqual({ kind: 'migrate', code: 'chat_migrated', to: '-100200', payload: { text: '卡片' } });
  });

  it('out of attempts, even a migrated chat fails', () => {
    const err = new DeliveryError('chat_migrated', 'moved', { permanent: false, newChatId: '-100200' });
    expect(failureOutcome(row(8), err, 8, now).kind).toBe('fail');
  });
});

describe('asDeliveryError', () => {
  it('keeps a DeliveryError and reads anything else as a transient network error', () => {
    const known = new DeliveryError('blocked', 'x', { permanent: true });
    expect(asDeliveryError(known)).toBe(known);
    const other = asDeliveryError(new Error('socket hang up'));
    expect(other.code).toBe('network');
    expect(other.options.permanent).toBe(false);
  });
});
