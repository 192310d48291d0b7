import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, inject, it } from 'vitest';
import type { BotApiStandin } from '../standins/telegram-bot-api.js';
import { backends } from '../support/db.js';
import { killableProgramSetup, killed, queryProgramDatabase, startProgram, stopped } from '../support/killed-program.js';
import { LONG_MS } from '../support/patience.js';

// === kill -9 while messages are being sent and queued; the restarted program takes them over and delivers them at once

const ORGANIZER = 7000;
const RESIDENTS = [102, 103, 104, 105, 106];

/** How many times each (chat, text) was delivered. */
function deliveries(standin: BotApiStandin) {
  const counts = new Map<string, number>();
  for (const m of standin.sentMessages()) counts.set(`${m.chat_id}:${m.text}`, (counts.get(`${m.chat_id}:${m.text}`) ?? 0) + 1);
  return counts;
}

describe.each(backends)('outbox after kill -9 [%s]', (backend) => {
  it('a restarted program delivers at once what the killed one was sending and what waited behind it, each once', { timeout: LONG_MS }, async () => {
    const { standin, proxy, env } = await killableProgramSetup(backend, { ORGANIZERS: `telegram:${ORGANIZER}` });

    if (backend === 'pglite') {
      // Start from the migrated, seeded template (as a warm data folder) rather than a fresh one.
      const seeded = new PGlite(env.DATA_DIR, { loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
      await seeded.close();
    }
    const first = startProgram(env);
    await standin.waitFor(() => standin.calls.some((c) => c.method === 'getUpdates'));
    // Delivered before the crash: must not be sent again.
    standin.pushUpdate(standin.textMessage({ chatId: 101, userId: 101, text: '你好' }));
    await standin.waitFor(() => standin.sentMessages(101).length > 0);
    const answered = standin.sentMessages(101).length;

    // Telegram stops answering: each resident's reply and the organizer's first alert hang in flight,
    // the organizer's other four alerts wait behind it in the same chat.
    proxy.hold = true;
    for (const id of RESIDENTS) standin.pushUpdate(standin.textMessage({ chatId: id, userId: id, firstName: `居民${id}`, text: '救命 我摔倒了' }));
    await standin.waitFor(
      () =>
        RESIDENTS.every((id) => proxy.held.some((h) => String(h.chat_id) === String(id))) && proxy.held.some((h) => String(h.chat_id) === String(ORGANIZER)),
    );
    await killed(first);
    expect(standin.sentMessages().filter((m) => String(m.chat_id) !== '101')).toEqual([]);
    expect(proxy.held.filter((h) => String(h.chat_id) === '101')).toEqual([]);

    // The dead program's leases now run for a day: the new one can deliver those messages only by
    // taking them over at start, not by waiting for a lease to end.
    const leased = await queryProgramDatabase(
      env,
      `update outbox set next_attempt_at = now() + interval '1 day' where status = 'pending' and claimed_by is not null returning chat_id`,
    );
    expect(new Set(leased.map((r) => String(r.chat_id)))).toEqual(new Set([...RESIDENTS, ORGANIZER].map(String)));

    proxy.hold = false;
    const second = startProgram(env);
    const done = () =>
      RESIDENTS.every((id) => standin.sentMessages(id).length > 0) &&
      standin.sentMessages(ORGANIZER).filter((m) => String(m.text).includes('摔倒')).length === RESIDENTS.length;
    await standin.waitFor(done);
    await stopped(second); // from here on nothing more can arrive: anything sent twice has been

    const after = deliveries(standin);
    expect([...after].filter(([, n]) => n > 1)).toEqual([]);
    expect(standin.sentMessages(101)).toHaveLength(answered);
    for (const id of RESIDENTS) expect(standin.sentMessages(ORGANIZER).filter((m) => String(m.text).includes(`居民${id}`))).toHaveLength(1);
  });
});
