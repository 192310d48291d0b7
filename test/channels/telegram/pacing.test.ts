import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTelegramChannel } from '../../../src/channels/telegram/telegram-channel.js';
import { createConfig } from '../../../src/config.js';
import { createOutboxDelivery } from '../../../src/core/outbox-delivery.js';
import { enqueueMessages } from '../../../src/core/outbox.js';
import { type BotApiStandin, startBotApiStandin } from '../../standins/telegram-bot-api.js';
import { createCapturingLogger } from '../../support/app.js';
import { describeDb } from '../../support/db.js';

// === Telegram's limits are kept in one place, the outbox's pacer (config.pacing.telegram): the channel
// itself holds nothing back, so no send waits twice.

describeDb('Telegram pacing', (ctx) => {
  let standin: BotApiStandin;
  beforeAll(async () => {
    standin = await startBotApiStandin();
  });
  afterAll(() => standin.close());

  const { log } = createCapturingLogger();
  const channel = () =>
    createTelegramChannel({ token: standin.token, apiRoot: standin.apiRoot, botInfo: standin.botInfo, log, handle: async () => ({ status: 'ignored' }) });
  /** How long the stand-in saw the messages to a chat take, first to last. */
  const span = (chatId: number) => {
    const times = standin.calls.filter((c) => c.method === 'sendMessage' && String(c.params.chat_id) === String(chatId)).map((c) => c.at);
    return times.at(-1)! - times[0]!;
  };

  it('the channel sends at once: no second pacing layer under the outbox', async () => {
    const sender = channel().sender;
    await Promise.all(Array.from({ length: 7 }, (_, i) => sender.send('501', { text: `第${i + 1}条` })));
    expect(span(501)).toBeLessThan(1000);
  });

  it('the outbox holds a person’s chat to a burst of 5, then about one message a second (the production settings)', async () => {
    const chatId = 502 + (ctx.backend === 'postgres' ? 1 : 0);
    const delivery = createOutboxDelivery({
      db: ctx.database.db,
      senders: { telegram: channel().sender },
      log,
      pacing: createConfig({}).pacing,
    });
    await enqueueMessages(
      ctx.database.db,
      Array.from({ length: 7 }, (_, i) => ({ channel: 'telegram', chatId: String(chatId), payload: { text: `第${i + 1}条` } })),
      new Date(),
    );
    expect(await delivery.deliverDue()).toBe(7);
    expect(span(chatId)).toBeGreaterThanOrEqual(1500);
  });
});
