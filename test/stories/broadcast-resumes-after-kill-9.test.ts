import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { describe, expect, inject, it } from 'vitest';
import { backends } from '../support/db.js';
import { killableProgramSetup, killed, queryProgramDatabase, startProgram, stopped } from '../support/killed-program.js';
import { STORY_MS } from '../support/patience.js';

// === kill -9 in the middle of a broadcast to 600 groups: the restarted program sends the rest, each group once
// (twice only where Telegram took a send whose mark the dying process had not written)

const ORGANIZER = 7000;
const GROUPS = 600;
const TEXT = '明天上午九点河道保洁，请各组带好工具。';
/** 600 groups bound to 文昌社区 (chat ids -1000000000, -1000000001, …). */
const BIND = `insert into chat_groups (channel, chat_id, station_id, bound_by)
  select 'telegram', (-1000000000 - g)::text, (select id from stations where code = 'nanhu-jianshe-wenchang'), 0
  from generate_series(0, ${GROUPS - 1}) g`;

describe.each(backends)('a broadcast after kill -9 [%s]', (backend) => {
  it('resumes where it stopped: every group gets the message once, but for a send on the wire at the crash', { timeout: STORY_MS }, async () => {
    const { standin, proxy, database, env } = await killableProgramSetup(
      backend,
      { ORGANIZERS: `telegram:${ORGANIZER}`, TELEGRAM_SEND_PER_SECOND: '200' },
      { limits: { perSecond: 300, perGroupPerMinute: 20 } },
    );
    if (backend === 'pglite') {
      const seeded = new PGlite(env.DATA_DIR, { loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
      await seeded.exec(BIND);
      await seeded.close();
    } else {
      const sql = postgres(database.url, { max: 1, onnotice: () => {} });
      await sql.unsafe(BIND);
      await sql.end();
    }

    const first = startProgram(env);
    await standin.waitFor(() => standin.calls.some((c) => c.method === 'getUpdates'));
    const say = async (text: string) => {
      const before = standin.sentMessages(ORGANIZER).length;
      standin.pushUpdate(standin.textMessage({ chatId: ORGANIZER, userId: ORGANIZER, firstName: '王站长', text }));
      await standin.waitFor(() => standin.sentMessages(ORGANIZER).length > before);
    };
    for (const text of ['群发', '文昌社区 选好了', TEXT]) await say(text);
    expect(standin.lastMessage(ORGANIZER).text).toContain(`将发到 ${GROUPS} 个群`);
    // A third of the way through, Telegram stops answering (however fast the program runs), then the process dies.
    proxy.holdAfter(GROUPS / 3);
    standin.pushUpdate(standin.textMessage({ chatId: ORGANIZER, userId: ORGANIZER, firstName: '王站长', text: '1' }));
    const toGroups = () => standin.sentMessages().filter((m) => String(m.chat_id).startsWith('-1000'));
    await standin.waitFor(() => proxy.held.some((h) => String(h.chat_id).startsWith('-1000')));
    await killed(first);
    const reached = new Set(toGroups().map((m) => String(m.chat_id)));
    expect(reached.size).toBeGreaterThan(0);
    expect(reached.size).toBeLessThan(GROUPS);

    // What the dead process had marked sent is never sent again. A group Telegram took a message for
    // whose mark was not written yet (its send was on the wire at the crash) is the one repeat allowed.
    const marked = new Set(
      (await queryProgramDatabase(env, `select chat_id from outbox where status = 'sent' and chat_id like '-1000%'`)).map((r) => String(r.chat_id)),
    );
    expect([...marked].filter((g) => !reached.has(g))).toEqual([]);
    const onTheWire = [...reached].filter((g) => !marked.has(g));

    proxy.hold = false;
    const second = startProgram(env);
    await standin.waitFor(() => new Set(toGroups().map((m) => String(m.chat_id))).size >= GROUPS);
    await stopped(second); // from here on nothing more can arrive: anything sent twice has been
    const counts = new Map<string, number>();
    for (const m of toGroups()) counts.set(String(m.chat_id), (counts.get(String(m.chat_id)) ?? 0) + 1);
    expect(counts.size).toBe(GROUPS);
    // Repeats only where the dead process had not marked the send: every group it reached unmarked, and
    // perhaps one whose request was still between the proxy and Telegram when it died (seen with 4 workers).
    const repeated = [...counts].filter(([, n]) => n > 1).map(([g]) => g);
    expect(repeated.filter((g) => marked.has(g))).toEqual([]);
    expect(onTheWire.filter((g) => !repeated.includes(g))).toEqual([]);
    expect(repeated.length).toBeLessThan(onTheWire.length + 5);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
    // At most one batch of sends is on the wire at once.
    expect(onTheWire.length).toBeLessThan(100);
    expect(standin.calls.filter((c) => c.rateLimited)).toEqual([]);
  });
});
