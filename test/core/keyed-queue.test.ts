import { describe, expect, it } from 'vitest';
import { createKeyedQueue } from '../../src/core/keyed-queue.js';

/** A promise and the function that settles it. */
function gate() {
  let open = () => {};
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}

describe('createKeyedQueue', () => {
  it('runs one key’s tasks one at a time, in arrival order', async () => {
    const queue = createKeyedQueue();
    const log: string[] = [];
    const first = gate();
    const a = queue.run('k', async () => {
      log.push('a start');
      await first.promise;
      log.push('a end');
      return 'a';
    });
    const b = queue.run('k', async () => {
      log.push('b start');
      return 'b';
    });
    await new Promise((r) => setTimeout(r, 5));
    expect(log).toEqual(['a start']);
    first.open();
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
    expect(log).toEqual(['a start', 'a end', 'b start']);
  });

  it('runs different keys concurrently', async () => {
    const queue = createKeyedQueue();
    const held = gate();
    const log: string[] = [];
    const slow = queue.run('x', async () => {
      await held.promise;
      log.push('x');
    });
    await queue.run('y', async () => {
      log.push('y');
    });
    expect(log).toEqual(['y']);
    held.open();
    await slow;
    expect(log).toEqual(['y', 'x']);
  });

  it('a failed task rejects its caller only; the next task of the key still runs', async () => {
    const queue = createKeyedQueue();
    const failed = queue.run('k', async () => {
      throw new Error('boom');
    });
    const next = queue.run('k', async () => 'next');
    await expect(failed).rejects.toThrow('boom');
    expect(await next).toBe('next');
  });

  it('forgets a key once its work is done', async () => {
    const queue = createKeyedQueue();
    const held = gate();
    const p = queue.run('k', () => held.promise);
    queue.run('j', async () => {});
    expect(queue.size).toBe(2);
    held.open();
    await p;
    await new Promise((r) => setTimeout(r, 0));
    expect(queue.size).toBe(0);
  });
});
