import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { describe, expect, inject, it } from 'vitest';
import { backends } from '../support/db.js';
import { killableProgramSetup, killed, startProgram } from '../support/killed-program.js';

// === kill -9 in the middle of a broadcast to 600 groups: the restarted program sends the rest, each group once

const ORGANIZER = 7000;
const GROUPS = 600;
const TEXT = '明天上午九点河道保洁，请各组带好工具。';
/** 600 groups bound to 文昌社区 (chat ids -1000000000, -1000000001, …). */
const BIND = `insert into chat_groups (channel, chat_id, station_id, bound_by)
  select 'telegram', (-1000000000 - g)::text, (select id from stations where code = 'nanhu-jianshe-wenchang'), 0
  from generate_series(0, ${GROUPS - 1}) g`;

describe.each(backends)('a broadcast after kill -9 [%s]', (backend) => {
  it('resumes where it stopped: every group gets the message exactly once', async () => {
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
    await standin.waitFor(() => standin.calls.some((c) => c.method === 'getUpdates'), 30_000);
    const say = async (text: string) => {
      const before = standin.sentMessages(ORGANIZER).length;
      standin.pushUpdate(standin.textMessage({ chatId: ORGANIZER, userId: ORGANIZER, firstName: '王站长', text }));
      await standin.waitFor(() => standin.sentMessages(ORGANIZER).length > before, 15_000);
    };
    for (const text of ['群发', '文昌社区 选好了', TEXT]) await say(text);
    expect(standin.lastMessage(ORGANIZER).text).toContain(`将发到 ${GROUPS} 个群`);
    await say('1');

    // A third of the way through, Telegram stops answering; what was answered gets marked, then the process dies.
    const toGroups = () => standin.sentMessages().filter((m) => String(m.chat_id).startsWith('-1000'));
    await standin.waitFor(() => toGroups().length >= GROUPS / 3, 30_000);
    proxy.hold = true;
    await new Promise((r) => setTimeout(r, 500));
    await killed(first);
    const beforeCrash = toGroups().length;
    expect(beforeCrash).toBeLessThan(GROUPS);
    expect(proxy.held.length).toBeGreaterThan(0);

    proxy.hold = false;
    startProgram(env);
    await standin.waitFor(() => toGroups().length >= GROUPS, 60_000);
    await new Promise((r) => setTimeout(r, 500)); // anything sent twice would arrive now
    const counts = new Map<string, number>();
    for (const m of toGroups()) counts.set(String(m.chat_id), (counts.get(String(m.chat_id)) ?? 0) + 1);
    expect(counts.size).toBe(GROUPS);
    expect([...counts].filter(([, n]) => n > 1)).toEqual([]);
    expect(standin.calls.filter((c) => c.rateLimited)).toEqual([]);
  }, 120_000);
});
