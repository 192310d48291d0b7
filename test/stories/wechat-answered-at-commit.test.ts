import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../../db/client.js';
import { createApp } from '../../src/app.js';
import { createConfig } from '../../src/config.js';
import { createHttpServer } from '../../src/http/server.js';
import { texts } from '../../src/texts/resident.js';
import { startWechatStandin, type WechatStandin } from '../standins/wechat-api.js';
import { createCapturingLogger } from '../support/app.js';
import { backends, openTestDatabase } from '../support/db.js';
import { DEMO_STATIONS_FILE } from '../support/stations.js';
import { IN_PROCESS_APP, startInProcessWechat } from '../support/wechat-harness.js';

// === A WeChat callback is answered as soon as its message is committed — not after its reply went out
// through the platform (the outbox sends it on its own), and never before the commit: a message that did
// not commit, or not in time, gets no answer, and the platform's retry brings it again.

const APP = IN_PROCESS_APP;
const ANSWER_WITHIN_MS = 1500;

describe.each(backends)('WeChat: answered at the commit [%s]', (backend) => {
  let database: Database;
  let wx: WechatStandin;
  const http = createHttpServer({ log: createCapturingLogger().log });
  /** Transactions of the app's messages fail at their end (rolled back) while this is above 0. */
  let failCommits = 0;
  let stop = async () => {};

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    // The platform's patience, shorter here than its real 5 s but longer than the program's own limit.
    wx = await startWechatStandin({ ...APP, callbackTimeoutMs: 2 * ANSWER_WITHIN_MS });
    const { log } = createCapturingLogger();
    const failing = new Proxy(database.db, {
      get(target, prop, receiver) {
        if (prop !== 'transaction') return Reflect.get(target, prop, receiver);
        return (work: (tx: Db) => Promise<unknown>) =>
          target.transaction(async (tx) => {
            const result = await work(tx as unknown as Db);
            if (failCommits > 0) {
              failCommits--;
              throw new Error('the commit failed');
            }
            return result;
          });
      },
    }) as Db;
    const app = await createApp({ config: createConfig({ STATIONS_FILE: DEMO_STATIONS_FILE }), database, log, runnerDb: failing });
    stop = await startInProcessWechat(app, wx, http, log, { answerWithinMs: ANSWER_WITHIN_MS });
  });
  afterAll(async () => {
    await stop();
    await wx?.close();
    await database?.close();
  });

  it('answers a message while the platform still holds its reply’s send; the reply follows once it is let go', async () => {
    const release = wx.holdAnswers('message/custom/send');
    try {
      const answer = await wx.text('o-held', '电视坏了');
      expect([answer.status, answer.body]).toEqual([200, 'success']);
      // The reply is on its way (the platform has the request) but not accepted yet.
      await wx.waitFor(() => wx.calls.some((c) => c.path === '/cgi-bin/message/custom/send' && c.body?.touser === 'o-held'));
      expect(wx.sentTo('o-held')).toEqual([]);
    } finally {
      release();
    }
    await wx.waitFor(() => wx.sentTo('o-held').length === 1);
    expect(wx.sentTo('o-held')[0]).toContain('家电维修');
  });

  it('gives no answer when the message’s transaction does not commit; the platform’s retry is handled and answered, the reply sent once', async () => {
    // The first try and the runner's two retries all fail at their commit.
    failCommits = 3;
    const first = await wx.text('o-commit', '电视坏了');
    expect(first.status).toBe(0);
    expect(failCommits).toBe(0);
    const retry = await wx.replay(first.request);
    expect([retry.status, retry.body]).toEqual([200, 'success']);
    await wx.waitFor(() => wx.sentTo('o-commit').some((t) => t.includes('家电维修')));
    expect(wx.sentTo('o-commit').filter((t) => t.includes('家电维修'))).toHaveLength(1);
    expect(wx.sentTo('o-commit').filter((t) => t === texts.sorryReceived)).toHaveLength(1);
  });

  it('gives no answer when the commit does not come in time; once it has, the platform’s retry is a duplicate, answered at once', async () => {
    // Another transaction holds a table the message writes: it cannot commit until that one ends.
    let letGo = () => {};
    const gate = new Promise<void>((r) => (letGo = r));
    let locked = () => {};
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = database.db.transaction(async (tx) => {
      await tx.execute(sql`lock table processed_messages in exclusive mode`);
      locked();
      await gate;
    });
    await isLocked;
    // The platform waits its full 5 s here: an answer given before the commit would reach it.
    wx.setCallbackTimeout(5000);
    const first = await wx.text('o-slow', '电视坏了').finally(() => wx.setCallbackTimeout(2 * ANSWER_WITHIN_MS));
    expect(first.status).toBe(0);
    letGo();
    await holder;
    await wx.waitFor(() => wx.sentTo('o-slow').length === 1);
    const retry = await wx.replay(first.request);
    expect([retry.status, retry.body]).toEqual([200, 'success']);
    expect(wx.sentTo('o-slow')).toHaveLength(1);
  });
});
