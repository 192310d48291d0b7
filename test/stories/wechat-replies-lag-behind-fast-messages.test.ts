import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { outbox } from '../../db/schema.js';
import { createApp } from '../../src/app.js';
import { createConfig } from '../../src/config.js';
import { createHttpServer } from '../../src/http/server.js';
import { texts } from '../../src/texts/resident.js';
import { startWechatStandin, type WechatStandin } from '../standins/wechat-api.js';
import { createCapturingLogger } from '../support/app.js';
import { backends, openTestDatabase } from '../support/db.js';
import { LONG_MS, WAIT_MS } from '../support/patience.js';
import { DEMO_STATIONS_FILE } from '../support/stations.js';
import { IN_PROCESS_APP, startInProcessWechat } from '../support/wechat-harness.js';

// === WeChat counts every customer-service message sent after a person's latest message, 5 at most —
// whatever message it answers. A resident types faster than the platform takes the replies: when the
// replies to their earlier messages go out, they count against the window of their latest one. The
// outbox counts them there too, so it never sends a sixth (no 45047): what does not fit is held and
// comes, as one digest, after the answer to their next message. Every reply reaches them.

const RESIDENT = 'o-lagging-replies';
const FAST = ['电视坏了', '1', '文昌', '文昌小区3幢2单元501', '13812345678', '尽快'];

describe.each(backends)('WeChat: replies lag behind a resident’s fast messages [%s]', (backend) => {
  let database: Database;
  let wx: WechatStandin;
  const http = createHttpServer({ log: createCapturingLogger().log });
  let stop = async () => {};

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    // The platform's and the program's patience for an answer: a busy machine must not turn a slow commit into a retry here.
    wx = await startWechatStandin({ ...IN_PROCESS_APP, callbackTimeoutMs: WAIT_MS });
    const { log } = createCapturingLogger();
    // The resident answers faster than anyone types: a flood allowance they never reach.
    const app = await createApp({ config: createConfig({ STATIONS_FILE: DEMO_STATIONS_FILE, FLOOD_BURST: '100' }), database, log });
    stop = await startInProcessWechat(app, wx, http, log, { answerWithinMs: WAIT_MS });
  }, LONG_MS);
  afterAll(async () => {
    await stop();
    await wx?.close();
    await database?.close();
  });

  const customSends = () => wx.calls.filter((c) => c.path === '/cgi-bin/message/custom/send' && c.body?.touser === RESIDENT);
  const rows = () => database.db.select({ status: outbox.status, payload: outbox.payload }).from(outbox).where(eq(outbox.chatId, RESIDENT)).orderBy(outbox.id);

  it('sends no sixth message after the latest one (no 45047), and every reply arrives, the last held ones in a digest', { timeout: LONG_MS }, async () => {
    // The platform is slow to take the replies: all six messages are in before the first reply is.
    const release = wx.holdAnswers('message/custom/send');
    try {
      for (const text of FAST) expect((await wx.text(RESIDENT, text)).status).toBe(200);
      await wx.waitFor(() => customSends().length === 1);
    } finally {
      release();
    }
    // Six replies, one per message: five fit the window of the latest message, the sixth waits for the next one.
    await wx.waitFor(() => wx.sentTo(RESIDENT).length === 5);
    await expect.poll(async () => (await rows()).map((r) => r.status), { timeout: LONG_MS }).toEqual(['sent', 'sent', 'sent', 'sent', 'sent', 'held']);
    expect(wx.refused.filter((r) => r.touser === RESIDENT)).toEqual([]);

    // The resident confirms: the answer (the 单号), then what was held, as one message.
    const read = wx.sentTo(RESIDENT).length;
    expect((await wx.text(RESIDENT, '1')).status).toBe(200);
    await wx.waitFor(() => wx.sentTo(RESIDENT).length === read + 2);
    const [receipt, digest] = wx.sentTo(RESIDENT).slice(read);
    expect(receipt).toContain('单号');
    expect(digest).toContain(texts.heldDigest(1));

    // Every reply written reached the resident, in a message of its own or in the digest; none refused, none left held.
    const written = await rows();
    expect(written.filter((r) => r.status === 'held')).toEqual([]);
    const everything = wx.sentTo(RESIDENT).join('\n');
    for (const row of written) expect(everything).toContain((row.payload as { text: string }).text.split('\n')[0]);
    expect(wx.refused.filter((r) => r.touser === RESIDENT)).toEqual([]);
  });
});
