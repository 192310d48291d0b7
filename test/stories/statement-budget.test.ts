import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatGroups } from '../../db/schema.js';
import type { Database } from '../../db/client.js';
import { type App, createApp } from '../../src/app.js';
import { createConfig } from '../../src/config.js';
import type { OutgoingPayload } from '../../src/core/message.js';
import type { Sender } from '../../src/core/ports.js';
import { nextTicket } from '../../src/domain/requests/tickets.js';
import { createCapturingLogger } from '../support/app.js';
import { backends, openTestDatabase } from '../support/db.js';
import { createQueryLog, type QueryCount } from '../support/query-log.js';
import { DEMO_STATIONS_FILE } from '../support/stations.js';
import { addApprovedVolunteers } from '../support/volunteers.js';

// === What one resident message costs the database, delivery included, counted from the drivers' own
// query log: the budget is ≤ 2 transactions and ≤ 12 statements for an ordinary message, ≤ 25 statements
// for the confirmation (the request stored, its card delivered to the group). The counts are pinned:
// a statement added anywhere on the way fails this test (lower them here when you save one).

const PINNED = {
  /** An answer in the middle of the intake (the address): lock and id, person, conversation read and written, reply written claimed, marked sent. */
  ordinary: { statements: 6, transactions: 2 },
  /** The same on a channel with a reply window (WeChat): the held messages looked for, the window opened with the reply's slot. */
  ordinaryWindowed: { statements: 8, transactions: 2 },
  /** The confirmation: the daily cap's upsert, the request, its ticket, its card to the group (claimed when the commit's notification wakes the outbox), both marked sent. */
  confirm: { statements: 22, transactions: 4 },
  /**
   * The confirmation with volunteers nearby: as above (the private offers are written in the same one statement,
   * however many volunteers there are), and the three offers to a channel without a group claimed in one, each marked sent.
   */
  confirmWithOffers: { statements: 26, transactions: 8 },
};
const BUDGET = { statements: 12, transactions: 2, confirmStatements: 25 };

/** A sender that records, and says it has a reply window when asked to (as WeChat's does). */
function recordingSender(window: boolean) {
  const sent: { chatId: string; payload: OutgoingPayload }[] = [];
  const sender: Sender = {
    ...(window ? { replyWindow: { ms: 48 * 3_600_000, perMessage: 5 } } : {}),
    async send(chatId, payload) {
      sent.push({ chatId, payload });
      return { externalId: String(sent.length) };
    },
  };
  return { sender, sent };
}

describe.each(backends)('statements per resident message [%s]', (backend) => {
  const queries = createQueryLog();
  let database: Database;
  let app: App;
  const test = recordingSender(false);
  const wechat = recordingSender(true);
  /** A channel without groups: its volunteers get the private offers. */
  const plain = recordingSender(false);
  let seq = 0;

  beforeAll(async () => {
    database = await openTestDatabase(backend, { onQuery: queries.listener });
    const { log } = createCapturingLogger();
    app = await createApp({
      // The script answers faster than anyone types: a flood allowance it never reaches (flood control runs no statements).
      config: createConfig({ STATIONS_FILE: DEMO_STATIONS_FILE, FLOOD_BURST: '1000' }),
      database,
      log,
      senders: { test: test.sender, wechat: wechat.sender, plain: plain.sender },
      delivery: 'background',
    });
    const station = app.tree.byCode('nanhu-jianshe-wenchang')!.id;
    await database.db.insert(chatGroups).values({ channel: 'test', chatId: 'g-budget', stationId: station, boundBy: 0 });
    // Today's first ticket writes its day once; every later one takes a number only.
    await nextTicket(database.db, new Date());
    // The outbox listens for notifications; its poll is out of the way.
    await app.delivery.start(3_600_000);
  });
  afterAll(async () => {
    await app?.stop();
    await database?.close();
  });

  /** Sends `text` as `user` on `channel`; the count of what it cost once the delivery has nothing left in hand and `delivered` holds. */
  async function cost(channel: 'test' | 'wechat', user: string, text: string, delivered: () => boolean): Promise<QueryCount> {
    await app.delivery.settled();
    queries.reset();
    const msg = {
      channel,
      chatId: user,
      userId: user,
      displayName: '张阿姨',
      isGroup: false,
      messageId: `b${++seq}`,
      content: { kind: 'text' as const, text },
    };
    expect(await app.handle(msg)).toMatchObject({ status: 'handled' });
    await expect.poll(delivered).toBe(true);
    await app.delivery.settled();
    return queries.count();
  }
  const repliesTo = (s: typeof test, user: string) => s.sent.filter((m) => m.chatId === user).length;
  /** Walks `user` through the intake up to the summary, each answer delivered; returns the cost of each. */
  async function intake(channel: 'test' | 'wechat', user: string) {
    const s = channel === 'test' ? test : wechat;
    const costs: Record<string, QueryCount> = {};
    for (const text of ['电视坏了', '1', '文昌', '文昌小区3幢2单元501', '13812345678', '尽快']) {
      const before = repliesTo(s, user);
      costs[text] = await cost(channel, user, text, () => repliesTo(s, user) > before);
    }
    return costs;
  }
  const explain = (c: QueryCount) => `\n${c.sql.join('\n')}`;

  it('an ordinary message, its reply delivered: 2 transactions, 6 statements', async () => {
    const costs = await intake('test', 'r-budget');
    const ordinary = costs['文昌小区3幢2单元501']!;
    expect({ statements: ordinary.statements, transactions: ordinary.transactions }, explain(ordinary)).toEqual(PINNED.ordinary);
    expect(ordinary.statements).toBeLessThanOrEqual(BUDGET.statements);
    expect(ordinary.transactions).toBeLessThanOrEqual(BUDGET.transactions);
  });

  it('the confirmation, the reply and the group’s card delivered: 22 statements', async () => {
    const groupCards = () => test.sent.filter((m) => m.chatId === 'g-budget').length;
    const before = { reply: repliesTo(test, 'r-budget'), cards: groupCards() };
    const confirm = await cost('test', 'r-budget', '1', () => repliesTo(test, 'r-budget') > before.reply && groupCards() > before.cards);
    expect(test.sent.at(-2)?.payload.text ?? test.sent.at(-1)?.payload.text).toBeDefined();
    expect({ statements: confirm.statements, transactions: confirm.transactions }, explain(confirm)).toEqual(PINNED.confirm);
    expect(confirm.statements).toBeLessThanOrEqual(BUDGET.confirmStatements);
  });

  /** Approved volunteers of the resident's community who fix appliances, their chats on `channel`. */
  async function addVolunteers(channel: 'test' | 'plain', n: number) {
    await addApprovedVolunteers(database.db, { stationId: app.tree.byCode('nanhu-jianshe-wenchang')!.id, channel, n });
  }
  /** The cost of `user`'s confirmation once its reply, the group's card and the three private offers are delivered. */
  async function confirmWithOffers(user: string) {
    await intake('test', user);
    const groupCards = () => test.sent.filter((m) => m.chatId === 'g-budget').length;
    const before = { reply: repliesTo(test, user), cards: groupCards(), offers: plain.sent.length };
    return cost('test', user, '1', () => repliesTo(test, user) > before.reply && groupCards() > before.cards && plain.sent.length === before.offers + 3);
  }

  it('the confirmation with volunteers nearby: the private offers cost as much with 20 volunteers as with 6', async () => {
    // Three volunteers are reached privately (their channel has no group); the others in the group that gets the card.
    await addVolunteers('plain', 3);
    await addVolunteers('test', 3);
    const six = await confirmWithOffers('r-offers-6');
    await addVolunteers('test', 14);
    const twenty = await confirmWithOffers('r-offers-20');
    expect({ statements: six.statements, transactions: six.transactions }, explain(six)).toEqual(PINNED.confirmWithOffers);
    expect({ statements: twenty.statements, transactions: twenty.transactions }, explain(twenty)).toEqual(PINNED.confirmWithOffers);
  });

  it('an ordinary message on a channel with a reply window: 2 transactions, 8 statements', async () => {
    const costs = await intake('wechat', 'o-budget');
    const ordinary = costs['文昌小区3幢2单元501']!;
    expect({ statements: ordinary.statements, transactions: ordinary.transactions }, explain(ordinary)).toEqual(PINNED.ordinaryWindowed);
    expect(ordinary.statements).toBeLessThanOrEqual(BUDGET.statements);
    expect(ordinary.transactions).toBeLessThanOrEqual(BUDGET.transactions);
  });
});
