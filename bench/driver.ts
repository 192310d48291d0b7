import type { Database } from '../db/client.js';
import { chatGroups, volunteers } from '../db/schema.js';
import { createApp } from '../src/app.js';
import { createConfig } from '../src/config.js';
import type { IncomingContent } from '../src/core/message.js';
import type { Sender } from '../src/core/ports.js';
import { ensurePerson } from '../src/domain/people/people.js';
import { createLogger } from '../src/logger.js';
import { DEMO_STATIONS_FILE } from '../test/support/stations.js';

// === The app as main builds it (src/app.ts), driven on a `bench` channel whose sender only counts

/** A sender that keeps the last text per chat (to read tickets back) and counts the rest. */
function createCountingSender() {
  const last = new Map<string, string>();
  let sent = 0;
  const sender: Sender & { last: typeof last; count(): number } = {
    last,
    count: () => sent,
    async send(chatId, payload) {
      last.set(chatId, payload.text);
      return { externalId: String(++sent) };
    },
    async edit() {},
  };
  return sender;
}

/** The real app on `database`; every handled message's outbox delivered before it resolves. */
export async function createBenchApp(database: Database) {
  const sender = createCountingSender();
  const app = await createApp({
    config: createConfig({ STATIONS_FILE: DEMO_STATIONS_FILE }),
    database,
    log: createLogger('silent'),
    senders: { bench: sender },
    delivery: 'await-all',
  });
  let seq = 0;
  const handle = (chatId: string, userId: string, content: IncomingContent) =>
    app.handle({ channel: 'bench', chatId, userId, displayName: '居民', isGroup: chatId.startsWith('g'), messageId: `b${++seq}`, content });
  const stationId = (code: string) => app.tree.byCode(code)!.id;
  const driver = {
    say: (chatId: string, userId: string, text: string) => handle(chatId, userId, { kind: 'text', text }),
    press: (chatId: string, userId: string, choiceId: string) => handle(chatId, userId, { kind: 'choice', choiceId }),
    async bindGroup(chatId: string, stationCode: string) {
      await app.db
        .insert(chatGroups)
        .values({ channel: 'bench', chatId, stationId: stationId(stationCode), skill: null, boundBy: 0 })
        .onConflictDoNothing();
    },
    async volunteer(userId: string, stationCode: string, name: string) {
      const p = await ensurePerson(app.db, 'bench', userId, name);
      await app.db
        .insert(volunteers)
        .values({
          personId: p.id,
          name,
          phone: '13900000000',
          partyMember: true,
          skills: ['daily-life'],
          stationId: stationId(stationCode),
          availability: '随时',
          status: 'approved',
        })
        .onConflictDoNothing();
    },
    /** A resident's whole typed intake (7 messages); returns the ticket. */
    async request(userId: string) {
      for (const t of ['电视坏了', '1', '文昌', '文昌小区3幢2单元501', '13812345678', '尽快', '1']) await driver.say(userId, userId, t);
      const ticket = /单号 (\d{8}-\d{4})/.exec(sender.last.get(userId) ?? '')?.[1];
      if (!ticket) throw new Error(`no ticket for ${userId}`);
      return ticket;
    },
  };
  return driver;
}
