import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { channelIdentities, chatGroups } from '../db/schema.js';
import { createBroadcast } from '../src/domain/broadcasts/create.js';
import { createLogger } from '../src/logger.js';
import { startApp } from '../src/main.js';
import { startBotApiStandin } from '../test/standins/telegram-bot-api.js';

// === A broadcast to Jiaxing's 2,342 team groups at Telegram's real limits: the production app (its
// outbox pacing and grammY's throttler) against the Bot API stand-in enforcing 30/s and 20/min per group

/** Sends one broadcast to `groups` groups and records how long it took against the ideal groups / 30 s. */
export async function benchBroadcast(line: (what: string, figure: string) => void, groups = 2342) {
  const standin = await startBotApiStandin({ limits: { perSecond: 30, perGroupPerMinute: 20 } });
  const dir = mkdtempSync(path.join(tmpdir(), 'lianxin-bench-bc-'));
  const env = { TELEGRAM_BOT_TOKEN: standin.token, TELEGRAM_API_ROOT: standin.apiRoot, DATA_DIR: path.join(dir, 'data'), ORGANIZERS: 'telegram:5000' };
  const started = await startApp({ env, stdin: new PassThrough(), stdout: new PassThrough(), log: createLogger('warn') });
  try {
    const { db, tree } = started.app;
    const communities = tree.communities();
    const rows = Array.from({ length: groups }, (_, i) => ({
      channel: 'telegram',
      chatId: String(-1_000_000_000 - i),
      stationId: communities[i % communities.length]!.id,
      boundBy: 0,
    }));
    for (let i = 0; i < rows.length; i += 1000) await db.insert(chatGroups).values(rows.slice(i, i + 1000));
    const [organizer] = await db
      .select({ id: channelIdentities.personId })
      .from(channelIdentities)
      .where(and(eq(channelIdentities.channel, 'telegram'), eq(channelIdentities.externalId, '5000')));
    const t = performance.now();
    const created = await db.transaction((tx) =>
      createBroadcast(tx, tree, {
        organizerId: organizer!.id,
        stationIds: [tree.root().id],
        text: '本月最后一个星期六是党员志愿服务日。',
        channel: 'telegram',
        chatId: '5000',
        at: new Date(),
      }),
    );
    if (!created.ok || created.targets !== groups) throw new Error(`bench broadcast not created: ${JSON.stringify(created)}`);
    const delivered = () => standin.calls.filter((c) => c.method === 'sendMessage' && !c.failed && String(c.params.chat_id).startsWith('-1000')).length;
    void started.app.delivery.deliverDue();
    await standin.waitFor(() => delivered() >= groups, 30 * 60_000);
    const seconds = (performance.now() - t) / 1000;
    const refused = standin.calls.filter((c) => c.rateLimited).length;
    line(
      `broadcast to ${groups} Telegram groups, stand-in enforcing 30/s and 20/min per group (outbox pacing 25/s)`,
      `${seconds.toFixed(1)} s (ideal ${(groups / 30).toFixed(0)} s at 30/s, ${(groups / 25).toFixed(0)} s at the 25/s pacing); 429 answers: ${refused}`,
    );
  } finally {
    await started.stop();
    await standin.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
