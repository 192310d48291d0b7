import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatGroups } from '../../db/schema.js';
import { broadcastTexts as t } from '../../src/texts/broadcasts.js';
import { backends } from '../support/db.js';
import { startTelegramHarness, type TelegramHarness } from '../support/telegram-harness.js';
import { LONG_MS } from '../support/patience.js';

// === A broadcast to 600 team groups through the Bot API stand-in with Telegram's flood limits switched
// on, both scaled ×10 (300/s overall, 200/min per group) so that it runs in seconds: the outbox's own
// pacing (250/s here, 25/s in production) stays inside them, every group gets the message once, and a
// resident writing in the middle is answered while the broadcast waits. Jiaxing's 2,342 groups at the
// real rate are `npm run bench`'s (bench/broadcast.ts); storing that many is in test/domain/broadcasts/.

const GROUPS = 600;
const SCALE = 10;
const ORGANIZER = 5000;
const RESIDENT = 7000;
const TEXT = '各位志愿者：本月最后一个星期六是党员志愿服务日，上午八点半各服务点摆摊，请提前到场。';

describe.each(backends)('a broadcast to 600 Telegram groups within the flood limits [%s]', (backend) => {
  let h: TelegramHarness;
  beforeAll(async () => {
    h = await startTelegramHarness(
      backend,
      {
        ORGANIZERS: `telegram:${ORGANIZER}`,
        TELEGRAM_SEND_PER_SECOND: String(25 * SCALE),
        TELEGRAM_GROUP_SENDS_PER_MINUTE: String(20 * SCALE),
      },
      { limits: { perSecond: 30 * SCALE, perGroupPerMinute: 20 * SCALE } },
    );
    // The groups bound to the communities, round robin.
    const communities = h.app.app.tree.communities();
    const rows = Array.from({ length: GROUPS }, (_, i) => ({
      channel: 'telegram',
      chatId: String(-1_000_000_000 - i),
      stationId: communities[i % communities.length]!.id,
      boundBy: 0,
    }));
    for (let i = 0; i < rows.length; i += 1000) await h.app.app.db.insert(chatGroups).values(rows.slice(i, i + 1000));
  }, LONG_MS);
  afterAll(async () => {
    await h?.close();
  });

  const say = (chatId: number, text: string) => h.standin.textMessage({ chatId, userId: chatId, text, firstName: '王站长' });
  const groupSends = () => h.standin.calls.filter((c) => c.method === 'sendMessage' && !c.failed && String(c.params.chat_id).startsWith('-1000'));

  it('sends once to every group, never answered 429, and a resident is answered meanwhile', { timeout: LONG_MS }, async () => {
    await h.exchange(say(ORGANIZER, '群发'), ORGANIZER);
    await h.exchange(say(ORGANIZER, '1'), ORGANIZER);
    await h.exchange(say(ORGANIZER, '选好了'), ORGANIZER);
    const [preview] = await h.exchange(say(ORGANIZER, TEXT), ORGANIZER);
    expect(preview.text).toContain(`将发到 ${GROUPS} 个群`);
    const started = Date.now();
    await h.exchange(say(ORGANIZER, '1'), ORGANIZER);

    // A resident writes while the broadcast is under way, and Telegram is slow to answer the group
    // messages: the broadcast cannot end meanwhile, so a reply that waited for it would never come.
    await h.standin.waitFor(() => groupSends().length >= GROUPS / 2);
    const release = h.standin.holdAnswers((method, params) => method === 'sendMessage' && String(params.chat_id).startsWith('-1000'));
    const asked = Date.now();
    await h.exchange(say(RESIDENT, '电视坏了'), RESIDENT);
    const replyMs = Date.now() - asked;
    expect(groupSends().length).toBeLessThan(GROUPS);
    release();

    await h.standin.waitFor(() => groupSends().length >= GROUPS);
    const seconds = (Date.now() - started) / 1000;
    const perGroup = new Map<string, number>();
    for (const c of groupSends()) perGroup.set(String(c.params.chat_id), (perGroup.get(String(c.params.chat_id)) ?? 0) + 1);
    expect(perGroup.size).toBe(GROUPS);
    expect([...perGroup.values()].every((n) => n === 1)).toBe(true);
    expect(groupSends().every((c) => c.params.text === TEXT)).toBe(true);
    // Without the outbox's pacing, 600 messages at once would be far over 300 a second.
    expect(h.standin.calls.filter((c) => c.rateLimited)).toEqual([]);
    console.info(`broadcast to ${GROUPS} groups at ×${SCALE}: ${seconds.toFixed(1)} s; a resident's reply meanwhile ${replyMs} ms`);

    // The delivery report, once nothing is pending.
    await h.app.app.broadcastReporter.runOnce();
    await h.standin.waitFor(() => h.standin.sentMessages(ORGANIZER).some((m) => String(m.text).includes('已发完')));
    const report = h.standin.sentMessages(ORGANIZER).find((m) => String(m.text).includes('已发完'));
    expect(report.text).toBe(t.report({ id: 1, targets: GROUPS, sent: GROUPS, held: 0, failures: [] }));
  });
});
