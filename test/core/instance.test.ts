import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { createInstanceId, isPredecessor, parseInstanceId } from '../../src/core/instance.js';

describe('instance ids', () => {
  it('name/host/pid/nonce, a new nonce each time, read back by parseInstanceId', () => {
    const a = createInstanceId('bot-1', 1234, 'server-a');
    const b = createInstanceId('bot-1', 1234, 'server-a');
    expect(a).not.toBe(b);
    expect(parseInstanceId(a)).toEqual({ name: 'bot-1', host: 'server-a', pid: 1234, nonce: expect.stringMatching(/^[0-9a-f]{8}$/) });
  });

  it('defaults to this host and process', () => {
    expect(parseInstanceId(createInstanceId())).toMatchObject({ name: hostname(), host: hostname(), pid: process.pid });
  });

  it('reads a name containing slashes, and nothing else', () => {
    expect(parseInstanceId('eu/bot/host/12/ab')).toMatchObject({ name: 'eu/bot', host: 'host', pid: 12, nonce: 'ab' });
    expect(parseInstanceId('no-id')).toBeNull();
    expect(parseInstanceId('name/host/notapid/ab')).toBeNull();
  });
});

describe('isPredecessor', () => {
  const me = createInstanceId('bot', process.pid, 'here');

  it('an earlier run of the same name on another host, or with my own pid, is dead', () => {
    expect(isPredecessor(me, createInstanceId('bot', 4242, 'elsewhere'))).toBe(true);
    expect(isPredecessor(me, createInstanceId('bot', process.pid, 'here'))).toBe(true);
  });

  it('a neighbour with the same name on this host is dead only when its pid no longer runs', () => {
    // The parent of this process runs; a pid far beyond the usual range does not.
    expect(isPredecessor(me, createInstanceId('bot', process.ppid, 'here'))).toBe(false);
    expect(isPredecessor(me, createInstanceId('bot', 2 ** 30, 'here'))).toBe(true);
  });

  it('never myself, another name, or an id it cannot read', () => {
    expect(isPredecessor(me, me)).toBe(false);
    expect(isPredecessor(me, createInstanceId('other', 4242, 'elsewhere'))).toBe(false);
    expect(isPredecessor(me, 'garbage')).toBe(false);
    expect(isPredecessor('garbage', me)).toBe(false);
  });
});
