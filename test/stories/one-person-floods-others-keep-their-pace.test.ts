import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { createApp } from '../../src/app.js';
import { createConfig } from '../../src/config.js';
import type { IncomingMessage } from '../../src/core/message.js';
import { texts } from '../../src/texts/resident.js';
import { createCapturingLogger, createMemorySender } from '../support/app.js';
import { openTestDatabase } from '../support/db.js';
import { LONG_MS } from '../support/patience.js';
import { DEMO_STATIONS_FILE } from '../support/stations.js';

// One person sends 100 messages in a second while ten residents write at a person's pace. The residents'
// reply times — from the message to its reply sent, as `npm start` delivers (the person's replies before
// `handle` resolves, at the Telegram channel's pace) — stay within 2× of the same load without the flood,
// and the flooder reads one notice. Rounds with and without the flood alternate and the median round of
// each kind is compared, so a machine busy for a moment slows both alike. Flood control sits in front of
// the database, so one backend (PGlite, the default) is enough; the bench measures the big version.

const RESIDENTS = 10;
const MESSAGES_EACH = 3;
const GAP_MS = 400;
const FLOOD = 100;
const PAIRS = 3;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.99) - 1]!;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
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

  it('residents’ reply p99 within 2× of the same load without the flood; one notice for the flooder', { timeout: LONG_MS }, async () => {
    const sender = createMemorySender();
    const app = await createApp({
      config: createConfig({ STATIONS_FILE: DEMO_STATIONS_FILE }),
      database,
      log: createCapturingLogger().log,
      senders: { telegram: sender },
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

    /** One round: each resident writes every GAP_MS; with `flooder`, one more sends 100 messages in a second. */
    async function round(name: string, flooder?: string): Promise<number> {
      const times: number[] = [];
      const resident = async (i: number) => {
        await sleep((i * GAP_MS) / RESIDENTS);
        for (const word of WORDS.slice(0, MESSAGES_EACH)) {
          const started = performance.now();
          await app.handle(message(`${name}-${i}`, word));
          times.push(performance.now() - started);
          await sleep(Math.max(0, GAP_MS - (performance.now() - started)));
        }
      };
      const flood = async (who: string) => {
        const all: Promise<unknown>[] = [];
        for (let tick = 0; tick < 10; tick++) {
          for (let k = 0; k < FLOOD / 10; k++) all.push(app.handle(message(who, `${WORDS[k % WORDS.length]}${tick}`)));
          await sleep(100);
        }
        await Promise.all(all);
      };
      await Promise.all([...Array.from({ length: RESIDENTS }, (_, i) => resident(i)), ...(flooder ? [flood(flooder)] : [])]);
      return p99(times);
    }

    await round('warm', 'warm-flooder');
    const calm: number[] = [];
    const flooded: number[] = [];
    for (let r = 0; r < PAIRS; r++) {
      calm.push(await round(`calm${r}`));
      flooded.push(await round(`flood${r}`, `flooder${r}`));
    }
    await app.stop();
    console.log(`residents' reply p99 per round: without a flood ${calm.map(Math.round).join(' / ')} ms, with one ${flooded.map(Math.round).join(' / ')} ms`);
    expect(median(flooded)).toBeLessThanOrEqual(2 * median(calm));
    for (let r = 0; r < PAIRS; r++) {
      const toFlooder = sender.sent.filter((s) => s.chatId === `flooder${r}`).map((s) => s.payload.text);
      expect(toFlooder.filter((t) => t === texts.tooFast)).toHaveLength(1);
      // The burst and about one more are answered; the rest were dropped.
      expect(toFlooder.length).toBeLessThanOrEqual(10);
    }
  });
});
