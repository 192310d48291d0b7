import { like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { processedMessages } from '../../db/schema.js';
import { createApp } from '../../src/app.js';
import { createConfig } from '../../src/config.js';
import type { IncomingMessage } from '../../src/core/message.js';
import { texts } from '../../src/texts/resident.js';
import { createCapturingLogger, createMemorySender } from '../support/app.js';
import { openTestDatabase } from '../support/db.js';
import { LONG_MS } from '../support/patience.js';
import { DEMO_STATIONS_FILE } from '../support/stations.js';

// One person sends 100 messages in a second while ten residents write at a person's pace: every resident's
// message is taken and answered, the flooder reads one notice and only the allowance of their messages
// reaches the database (flood control sits in front of it, so one backend — PGlite — is enough). How much
// the flood slows the others (the "p99 within 2×") is a speed figure: `npm run bench` measures it.

const RESIDENTS = 10;
const MESSAGES_EACH = 3;
const GAP_MS = 400;
const FLOOD = 100;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** What residents write, in order (a new conversation each round): a greeting, a problem, a pick. */
const WORDS = ['你好', '电视坏了', '1'];

describe('one person floods, the others keep their pace', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
  }, LONG_MS);
  afterAll(async () => {
    await database?.close();
  });

  it('every resident is answered; the flooder gets one notice and only their allowance is handled', { timeout: LONG_MS }, async () => {
    const sender = createMemorySender();
    const app = await createApp({
      config: createConfig({ STATIONS_FILE: DEMO_STATIONS_FILE }),
      database,
      log: createCapturingLogger().log,
      senders: { telegram: sender },
      // Each message's replies, and the flooder's notice, are sent before `handle` resolves.
      delivery: 'await-all',
    });
    let seq = 0;
    const message = (userId: string, text: string): IncomingMessage => ({
      channel: 'telegram',
      chatId: userId,
      userId,
      displayName: '居民',
      isGroup: false,
      messageId: String(++seq),
      content: { kind: 'text', text },
    });

    const statuses: string[] = [];
    const resident = async (i: number) => {
      await sleep((i * GAP_MS) / RESIDENTS);
      for (const word of WORDS.slice(0, MESSAGES_EACH)) {
        statuses.push((await app.handle(message(`resident-${i}`, word))).status);
        await sleep(GAP_MS);
      }
    };
    const flood = async () => {
      const all: Promise<{ status: string }>[] = [];
      for (let tick = 0; tick < 10; tick++) {
        for (let k = 0; k < FLOOD / 10; k++) all.push(app.handle(message('flooder', `${WORDS[k % WORDS.length]}${tick}`)));
        await sleep(100);
      }
      return (await Promise.all(all)).map((r) => r.status);
    };
    const [flooderStatuses] = await Promise.all([flood(), ...Array.from({ length: RESIDENTS }, (_, i) => resident(i))]);
    await app.stop();

    expect(statuses).toHaveLength(RESIDENTS * MESSAGES_EACH);
    expect(statuses.filter((s) => s === 'throttled')).toEqual([]);
    for (let i = 0; i < RESIDENTS; i++) {
      expect(sender.sent.filter((s) => s.chatId === `resident-${i}`).length).toBeGreaterThanOrEqual(MESSAGES_EACH);
    }
    const toFlooder = sender.sent.filter((s) => s.chatId === 'flooder').map((s) => s.payload.text);
    expect(toFlooder.filter((t) => t === texts.tooFast)).toHaveLength(1);
    // The burst (and what refilled during the second) is handled; the rest never reached the database.
    const handled = flooderStatuses!.filter((s) => s !== 'throttled').length;
    expect(handled).toBeGreaterThan(0);
    expect(handled).toBeLessThanOrEqual(10);
    const recorded = await database.db.select({ key: processedMessages.key }).from(processedMessages).where(like(processedMessages.key, '%flooder%'));
    expect(recorded.length).toBeLessThanOrEqual(handled);
  });
});
