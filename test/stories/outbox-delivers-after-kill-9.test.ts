import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, inject, it } from 'vitest';
import type { BotApiStandin } from '../standins/telegram-bot-api.js';
import { backends } from '../support/db.js';
import { killableProgramSetup, killed, startProgram } from '../support/killed-program.js';

// === kill -9 while messages are being sent and queued; the restarted program delivers them at once

const ORGANIZER = 7000;
const RESIDENTS = [102, 103, 104, 105, 106];

/** How many times each (chat, text) was delivered. */
function deliveries(standin: BotApiStandin) {
  const counts = new Map<string, number>();
  for (const m of standin.sentMessages()) counts.set(`${m.chat_id}:${m.text}`, (counts.get(`${m.chat_id}:${m.text}`) ?? 0) + 1);
  return counts;
}

describe.each(backends)('outbox after kill -9 [%s]', (backend) => {
  it('a restarted program delivers at once what the killed one was sending and what waited behind it, each once', async () => {
    const { standin, proxy, env } = await killableProgramSetup(backend, { ORGANIZERS: `telegram:${ORGANIZER}` });

    if (backend === 'pglite') {
      // Start from the migrated, seeded template (as a warm data folder) rather than a fresh one.
      const seeded = new PGlite(env.DATA_DIR, { loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
      await seeded.close();
    }
    const first = startProgram(env);
    await standin.waitFor(() => standin.calls.some((c) => c.method === 'getUpdates'), 30_000);
    // Delivered before the crash: must not be sent again.
    standin.pushUpdate(standin.textMessage({ chatId: 101, userId: 101, text: '你好' }));
    await standin.waitFor(() => standin.sentMessages(101).length > 0, 10_000);
    await new Promise((r) => setTimeout(r, 300));
    const answered = standin.sentMessages(101).length;

    // Telegram stops answering: each resident's reply and the organizer's first alert hang in flight,
    // the organizer's other four alerts wait behind it in the same chat.
    proxy.hold = true;
    for (const id of RESIDENTS) standin.pushUpdate(standin.textMessage({ chatId: id, userId: id, firstName: `居民${id}`, text: '救命 我摔倒了' }));
    await standin.waitFor(
      () =>
        RESIDENTS.every((id) => proxy.held.some((h) => String(h.chat_id) === String(id))) && proxy.held.some((h) => String(h.chat_id) === String(ORGANIZER)),
      15_000,
    );
    await killed(first);
    expect(standin.sentMessages().filter((m) => String(m.chat_id) !== '101')).toEqual([]);

    proxy.hold = false;
    const restartedAt = Date.now();
    startProgram(env);
    const done = () =>
      RESIDENTS.every((id) => standin.sentMessages(id).length > 0) &&
      standin.sentMessages(ORGANIZER).filter((m) => String(m.text).includes('摔倒')).length === RESIDENTS.length;
    await standin.waitFor(done, 20_000);
    await new Promise((r) => setTimeout(r, 500)); // anything sent twice would arrive now

    // Within seconds of the new process's first call, not after a lease of minutes.
    const firstCall = proxy.calls.find((c) => c.at >= restartedAt)!.at;
    const lastDelivery = Math.max(...standin.calls.filter((c) => c.method === 'sendMessage' && !c.failed).map((c) => c.at));
    expect(lastDelivery - firstCall).toBeLessThan(5000);
    const after = deliveries(standin);
    expect([...after].filter(([, n]) => n > 1)).toEqual([]);
    expect(standin.sentMessages(101)).toHaveLength(answered);
    for (const id of RESIDENTS) expect(standin.sentMessages(ORGANIZER).filter((m) => String(m.text).includes(`居民${id}`))).toHaveLength(1);
  }, 60_000);
});
