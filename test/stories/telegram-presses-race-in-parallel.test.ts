import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatGroups, requestEvents, requests } from '../../db/schema.js';
import type { Database } from '../../db/client.js';
import { createApp } from '../../src/app.js';
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram/telegram-channel.js';
import { createConfig } from '../../src/config.js';
import type { HandleResult } from '../../src/core/flow-runner.js';
import { ensurePerson } from '../../src/domain/people/people.js';
import { createRequest } from '../../src/domain/requests/requests.js';
import { dispatchTexts as t } from '../../src/texts/dispatch.js';
import { type BotApiStandin, startBotApiStandin } from '../standins/telegram-bot-api.js';
import { createCapturingLogger } from '../support/app.js';
import { backends, openTestDatabase } from '../support/db.js';
import { buttonData } from '../support/telegram-harness.js';
import { LONG_MS } from '../support/patience.js';
import { requestFields } from '../support/requests.js';
import { DEMO_STATIONS_FILE } from '../support/stations.js';
import { addApprovedVolunteers } from '../support/volunteers.js';

// === 100 volunteers press 我来接单 on one group card in one polling batch: their presses are queued by
// person, not by the group, so they race in parallel and the conditional update gives the task to
// exactly one. The race is real on PostgreSQL; PGlite has one connection and runs their transactions
// one by one, so 20 are enough there.

const GROUP = -1_001_234;

describe.each(backends)('presses of many volunteers on one card [%s]', (backend) => {
  const VOLUNTEERS = backend === 'postgres' ? 100 : 20;
  let database: Database;
  let standin: BotApiStandin;
  let channel: TelegramChannel;
  let stop = async () => {};
  let inFlight = 0;
  let mostAtOnce = 0;
  const results: HandleResult[] = [];

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    standin = await startBotApiStandin();
    const { log } = createCapturingLogger();
    const app = await createApp({ config: createConfig({ STATIONS_FILE: DEMO_STATIONS_FILE }), database, log, delivery: 'background' });
    channel = createTelegramChannel({
      token: standin.token,
      apiRoot: standin.apiRoot,
      botInfo: standin.botInfo,
      log,
      handle: async (msg) => {
        mostAtOnce = Math.max(mostAtOnce, ++inFlight);
        try {
          const result = await app.handle(msg);
          results.push(result);
          return result;
        } finally {
          inFlight--;
        }
      },
    });
    app.addSender('telegram', channel.sender);
    const station = app.tree.byCode('nanhu-jianshe-wenchang')!.id;
    await database.db.insert(chatGroups).values({ channel: 'telegram', chatId: String(GROUP), stationId: station, boundBy: 0 });
    await addApprovedVolunteers(database.db, { stationId: station, channel: 'telegram', n: VOLUNTEERS, chatId: (i) => String(7000 + i) });
    const resident = await ensurePerson(database.db, 'telegram', '6000', '居民');
    await database.db.transaction(async (tx) => {
      const r = await createRequest(
        tx,
        requestFields(),
        { residentId: resident.id, channel: 'telegram', chatId: '6000', conversationKey: 'telegram:6000:6000' },
        new Date(),
      );
      await app.dispatch.afterRequestCreated(tx, r.id, [], new Date());
    });
    await app.start();
    await app.delivery.deliverDue();
    stop = async () => {
      await channel.stop();
      await app.stop();
    };
  }, LONG_MS);
  afterAll(async () => {
    await stop();
    await standin?.close();
    await database?.close();
  });

  it('handles them side by side, and exactly one volunteer gets the task; the others are told on the button', { timeout: LONG_MS }, async () => {
    const card = standin.lastMessage(GROUP);
    const data = buttonData(card, t.claimButton);
    for (let i = 0; i < VOLUNTEERS; i++)
      standin.pushUpdate(
        standin.callbackQuery({ chatId: GROUP, chatType: 'supergroup', userId: 7000 + i, firstName: `志愿者${i}`, data, messageId: card.message_id }),
      );
    await channel.start();
    const answers = () => standin.calls.filter((c) => c.method === 'answerCallbackQuery');
    await standin.waitFor(() => answers().length === VOLUNTEERS && standin.pendingUpdates().length === 0, LONG_MS);

    // One person's presses wait for each other, different people's do not.
    expect(mostAtOnce).toBeGreaterThan(1);
    expect(results.every((r) => r.status === 'handled')).toBe(true);
    const [request] = await database.db.select().from(requests);
    expect(request!.status).toBe('claimed');
    const claims = await database.db
      .select()
      .from(requestEvents)
      .where(and(eq(requestEvents.requestId, request!.id), eq(requestEvents.type, 'claimed')));
    expect(claims).toHaveLength(1);
    // The 99 others see on their button that someone was quicker.
    const refused = answers().filter((c) => typeof c.params.text === 'string' && c.params.text.length > 0);
    expect(refused).toHaveLength(VOLUNTEERS - 1);
  });
});
