import { sql } from 'drizzle-orm';
import { chatGroups } from '../db/schema.js';
import { readCatalogueFile, readStationsFile, syncReferenceData } from '../src/domain/reference-data.js';
import { closeStandins, DEFAULT_PACE, startLianxin, TELEGRAM_LIMITS } from './users/bots.js';
import { say } from './users/dispatch-runs.js';
import { makeBackend } from './users/seed.js';

// === A broadcast to Jiaxing's 2,342 team groups at Telegram's real limits: `npm start` at its default pacing
// against the Bot API stand-in enforcing 30/s overall and 20/min per group; an organizer sends it by chat

const ORGANIZER = 5000;
const TEXT = '本月最后一个星期六是党员志愿服务日。';

/** Sends one broadcast to `groups` groups and records how long it took against the ideal groups / 30 s. */
export async function benchBroadcast(line: (what: string, figure: string) => void, groups = 2342) {
  const backend = await makeBackend('pglite');
  const database = await backend.open();
  await syncReferenceData(database.db, readCatalogueFile(), readStationsFile());
  const communities = (await database.db.execute(sql`select id from stations where level = 'community' order by id`)) as unknown as { rows: { id: number }[] };
  const rows = Array.from({ length: groups }, (_, i) => ({
    channel: 'telegram',
    chatId: String(-1_000_000_000 - i),
    stationId: communities.rows[i % communities.rows.length]!.id,
    boundBy: 0,
  }));
  for (let i = 0; i < rows.length; i += 1000) await database.db.insert(chatGroups).values(rows.slice(i, i + 1000));
  await database.close();
  const bot = await startLianxin({ backend, pacing: 'limits', env: { ORGANIZERS: `telegram:${ORGANIZER}` } });
  try {
    const standin = bot.telegram;
    const reached = new Set<string>();
    standin.listen((call) => {
      if (call.method === 'sendMessage' && String(call.params.chat_id).startsWith('-1000') && call.params.text === TEXT)
        reached.add(String(call.params.chat_id));
    });
    for (const text of ['群发', '1', '选好了', TEXT]) await say(standin, ORGANIZER, text);
    const refusedBefore = standin.counts.refused;
    const t = performance.now();
    await say(standin, ORGANIZER, '1');
    await standin.waitFor(() => reached.size >= groups, 30 * 60_000);
    const seconds = (performance.now() - t) / 1000;
    line(
      `broadcast to ${groups} Telegram groups, stand-in enforcing ${TELEGRAM_LIMITS.perSecond}/s and ${TELEGRAM_LIMITS.perGroupPerMinute}/min per group (default pacing ${DEFAULT_PACE}/s)`,
      `${seconds.toFixed(1)} s (ideal ${(groups / 30).toFixed(0)} s at 30/s, ${(groups / DEFAULT_PACE).toFixed(0)} s at ${DEFAULT_PACE}/s); 429 answers: ${standin.counts.refused - refusedBefore}`,
    );
  } finally {
    await bot.stop();
    await closeStandins(bot);
    await backend.drop();
  }
}
