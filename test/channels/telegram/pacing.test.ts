import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramChannel } from '../../../src/channels/telegram/telegram-channel.js';
import { type BotApiStandin, startBotApiStandin } from '../../standins/telegram-bot-api.js';
import { createCapturingLogger } from '../../support/app.js';

// The other Telegram tests switch pacing off (they talk to a local stand-in); production keeps it on.
describe('Telegram pacing', () => {
  let standin: BotApiStandin;
  beforeAll(async () => {
    standin = await startBotApiStandin();
  });
  afterAll(() => standin.close());

  const burst = async (pacing: 'telegram' | 'off' | undefined, chatId: number) => {
    const { log } = createCapturingLogger();
    const channel = createTelegramChannel({
      token: standin.token,
      apiRoot: standin.apiRoot,
      botInfo: standin.botInfo,
      log,
      handle: async () => ({ status: 'ignored' }),
      ...(pacing ? { pacing } : {}),
    });
    await Promise.all(Array.from({ length: 7 }, (_, i) => channel.sender.send(String(chatId), { text: `第${i + 1}条` })));
    const times = standin.calls.filter((c) => c.method === 'sendMessage' && String(c.params.chat_id) === String(chatId)).map((c) => c.at);
    return times.at(-1)! - times[0]!;
  };

  it('by default holds a private chat to a burst of 5, then about one message a second', async () => {
    expect(await burst(undefined, 501)).toBeGreaterThanOrEqual(1500);
  });

  it('sends at once when switched off (tests against the stand-in only)', async () => {
    expect(await burst('off', 502)).toBeLessThan(1000);
  });
});
