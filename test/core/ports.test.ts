import { describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/core/ports.js';

describe('DeliveryError', () => {
  it('passing trouble unless said otherwise; keeps its code, the retry hint, a new chat id and the cause', () => {
    const plain = new DeliveryError('network', 'socket hang up');
    expect(plain).toBeInstanceOf(Error);
    expect(plain).toMatchObject({ name: 'DeliveryError', code: 'network', message: 'socket hang up', options: { permanent: false } });
    const cause = new Error('429');
    const limited = new DeliveryError('rate_limited', 'slow down', { permanent: false, retryAfterMs: 7000, cause });
    expect(limited.options.retryAfterMs).toBe(7000);
    expect(limited.cause).toBe(cause);
    expect(new DeliveryError('chat_migrated', 'moved', { permanent: false, newChatId: '-100' }).options.newChatId).toBe('-100');
  });
});
