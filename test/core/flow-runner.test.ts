import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createMachine } from 'xstate';
import type { Db } from '../../db/client.js';
import { alerts, conversations, outbox, processedMessages, requestEvents, requests } from '../../db/schema.js';
import pino from 'pino';
import type { FlowDefinition } from '../../src/core/flow.js';
import { createFlowRunner, mergeReplies } from '../../src/core/flow-runner.js';
import { peoplePort } from '../../src/domain/people/people.js';
import { texts } from '../../src/texts/resident.js';
import { createCapturingLogger, createMemorySender, createTestApp } from '../support/app.js';
import { describeDb } from '../support/db.js';

const at = (iso: string) => new Date(iso);

describeDb('flow runner', (ctx) => {
  it('stores a request with a ticket and its first event after a whole typed intake', async () => {
    const app = await createTestApp(ctx.database);
    const ticket = await app.completeIntake('u-whole');
    expect(ticket).toMatch(/^\d{8}-\d{4}$/);
    const [req] = await ctx.database.db.select().from(requests).where(eq(requests.ticket, ticket));
    expect(req).toMatchObject({
      itemCode: 'appliance-repair',
      description: '电视坏了',
      address: '文昌小区3幢2单元501',
      phone: '13812345678',
      wantedTime: '尽快',
      status: 'open',
      urgent: false,
    });
    const events = await ctx.database.db.select().from(requestEvents).where(eq(requestEvents.requestId, req!.id));
    expect(events.map((e) => e.type)).toEqual(['created']);
  });

  it('numbers tickets per day in Asia/Shanghai', async () => {
    let now = at('2026-03-01T15:30:00Z'); // 23:30 in Shanghai
    const app = await createTestApp(ctx.database, { clock: () => now });
    const t1 = await app.completeIntake('u-day-1');
    const t2 = await app.completeIntake('u-day-2');
    now = at('2026-03-01T16:30:00Z'); // 00:30 next day in Shanghai
    const t3 = await app.completeIntake('u-day-3');
    expect([t1, t2, t3]).toEqual(['20260301-0001', '20260301-0002', '20260302-0001']);
  });

  it('offers the phone on file and the last community in the next request', async () => {
    const app = await createTestApp(ctx.database);
    await app.completeIntake('u-known', { phone: '13900001111', community: '紫阳' });
    await app.say('u-known', '水管漏水');
    const communityQ = await app.say('u-known', '1');
    expect(communityQ.join('\n')).toContain('社区');
    const last = app.sender.sent.at(-1)!.payload;
    expect(last.choices?.[0]?.label).toBe('还是 紫阳社区');
    await app.say('u-known', '1');
    await app.say('u-known', '紫阳小区1幢101');
    const phoneQ = app.sender.sent.at(-1)!.payload;
    expect(phoneQ.choices?.[0]?.label).toBe('用 139****1111');
  });

  it('continues the same conversation after a restart (new runner, same database)', async () => {
    const first = await createTestApp(ctx.database);
    await first.say('u-restart', '电视坏了');
    await first.say('u-restart', '1');
    const second = await createTestApp(ctx.database);
    const reply = await second.say('u-restart', '文昌');
    expect(reply.join('\n')).toContain(texts.askAddress);
  });

  it('gives a redelivered message no second effect', async () => {
    const app = await createTestApp(ctx.database);
    await app.say('u-dup', '电视坏了', 'same-id');
    const countBefore = (await ctx.database.db.select().from(outbox).where(eq(outbox.chatId, 'u-dup'))).length;
    const again = await app.say('u-dup', '电视坏了', 'same-id');
    expect(again).toEqual([]);
    const countAfter = (await ctx.database.db.select().from(outbox).where(eq(outbox.chatId, 'u-dup'))).length;
    expect(countAfter).toBe(countBefore);
    const [conv] = await ctx.database.db.select().from(conversations).where(eq(conversations.key, 'test:u-dup:u-dup'));
    expect((conv!.snapshot as { value: unknown }).value).toBe('confirmItem');
  });

  it('handles one conversation’s messages one at a time, in order', async () => {
    const app = await createTestApp(ctx.database);
    const user = 'u-order';
    await Promise.all(
      ['电视坏了', '1', '文昌', '文昌小区3幢2单元501', '13812345678'].map((t) => app.runner.handle(app.message(user, { kind: 'text', text: t }))),
    );
    const [conv] = await ctx.database.db
      .select()
      .from(conversations)
      .where(eq(conversations.key, `test:${user}:${user}`));
    expect((conv!.snapshot as { value: unknown }).value).toBe('when');
  });

  it('restarts politely when the saved conversation is of another flow version', async () => {
    const app = await createTestApp(ctx.database);
    await app.say('u-version', '电视坏了');
    await ctx.database.db.update(conversations).set({ flowVersion: 0 }).where(eq(conversations.key, 'test:u-version:u-version'));
    const reply = await app.say('u-version', '1');
    expect(reply[0]).toContain(texts.flowUpdated);
  });

  it('restarts politely when the saved snapshot no longer fits the machine', async () => {
    const app = await createTestApp(ctx.database);
    await app.say('u-garbled', '电视坏了');
    await ctx.database.db
      .update(conversations)
      .set({ snapshot: { value: 'aStateThatWasRemoved', context: {}, status: 'active' } })
      .where(eq(conversations.key, 'test:u-garbled:u-garbled'));
    const reply = await app.say('u-garbled', '水管漏水');
    expect(reply[0]).toContain(texts.flowUpdated);
    expect(app.sender.sent.at(-1)!.payload.choices?.[0]?.label).toBe('水电维修');
  });

  it('expires a conversation idle for 24 hours', async () => {
    let now = at('2026-04-01T02:00:00Z');
    const app = await createTestApp(ctx.database, { clock: () => now });
    await app.say('u-idle', '电视坏了');
    await app.say('u-idle', '1');
    now = at('2026-04-02T02:00:01Z');
    const reply = await app.say('u-idle', '文昌');
    expect(reply[0]).toContain(texts.conversationExpired);
    const [conv] = await ctx.database.db.select().from(conversations).where(eq(conversations.key, 'test:u-idle:u-idle'));
    expect((conv!.snapshot as { value: unknown }).value).not.toBe('address');
  });

  it('records an urgent alert at once and links it to the request', async () => {
    const app = await createTestApp(ctx.database);
    const first = await app.say('u-sos', '我老伴摔倒了起不来');
    expect(first[0]).toMatch(/^⚠️.*120/);
    const [alert] = await ctx.database.db.select().from(alerts).where(eq(alerts.conversationKey, 'test:u-sos:u-sos'));
    expect(alert).toMatchObject({ kind: 'emergency', requestId: null });
    expect(JSON.stringify(alert!.detail)).toContain('摔倒');
    const state = app.sender.sent.at(-1)!.payload;
    const pick = state.choices!.findIndex((c) => c.id.startsWith('item:') || c.id.startsWith('class:'));
    await app.say('u-sos', String(pick + 1));
    if (app.sender.sent.at(-1)!.payload.text.includes('具体服务')) await app.say('u-sos', '1');
    await app.say('u-sos', '文昌');
    await app.say('u-sos', '文昌小区3幢2单元501');
    await app.say('u-sos', '13812345678');
    await app.say('u-sos', '尽快');
    const done = await app.say('u-sos', '1');
    const ticket = /单号 (\d{8}-\d{4})/.exec(done.join())![1]!;
    const [req] = await ctx.database.db.select().from(requests).where(eq(requests.ticket, ticket));
    expect(req!.urgent).toBe(true);
    const [linked] = await ctx.database.db.select().from(alerts).where(eq(alerts.id, alert!.id));
    expect(linked!.requestId).toBe(req!.id);
  });

  it('lists a resident’s requests and cancels one, appending an event', async () => {
    const app = await createTestApp(ctx.database);
    const ticket = await app.completeIntake('u-mine');
    const list = await app.say('u-mine', '我的求助');
    expect(list.join('\n')).toContain(ticket);
    await app.say('u-mine', '1');
    const done = await app.say('u-mine', '1');
    expect(done.join('\n')).toContain(texts.requestCancelled(ticket));
    const [req] = await ctx.database.db.select().from(requests).where(eq(requests.ticket, ticket));
    expect(req!.status).toBe('cancelled');
    const events = await ctx.database.db.select().from(requestEvents).where(eq(requestEvents.requestId, req!.id));
    expect(events.map((e) => e.type)).toEqual(['created', 'cancelled']);
  });

  it('retries a database hiccup, and apologises without losing the message when it persists', async () => {
    let failures = 1;
    const flaky = new Proxy(ctx.database.db, {
      get(target, prop, receiver) {
        if (prop === 'transaction') {
          return (...args: unknown[]) => {
            if (failures-- > 0) return Promise.reject(Object.assign(new Error('connection reset 13812345678'), { code: 'ECONNRESET' }));
            return (target.transaction as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        return Reflect.get(target, prop, receiver);
      },
    }) as Db;
    const app = await createTestApp(ctx.database, { db: flaky });
    await app.say('u-flaky', '电视坏了', 'flaky-1');
    expect(app.sender.sent.at(-1)!.payload.choices?.[0]?.label).toBe('家电维修');

    failures = 99;
    const sorry = await app.say('u-flaky', '1', 'flaky-2');
    // The apology comes with the question the person is at, and its buttons still work.
    expect(sorry).toEqual([`${texts.sorry}\n${texts.confirmItem}`]);
    expect(app.sender.sent.at(-1)!.payload.choices?.[0]?.label).toBe('家电维修');
    const processed = await ctx.database.db.select().from(processedMessages).where(eq(processedMessages.key, 'test:u-flaky:flaky-2'));
    expect(processed).toHaveLength(0);
    failures = 0;
    const redelivered = await app.say('u-flaky', '1', 'flaky-2');
    expect(redelivered.join('\n')).toContain(texts.askCommunity);
    expect(app.logLines.join('\n')).not.toContain('13812345678');
  });

  it('a message the platform will deliver again: one apology saying it was received, then it is answered', async () => {
    let down = true;
    const flaky = new Proxy(ctx.database.db, {
      get(target, prop, receiver) {
        if (prop === 'transaction' && down) return () => Promise.reject(Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' }));
        return Reflect.get(target, prop, receiver);
      },
    }) as Db;
    const app = await createTestApp(ctx.database, { db: flaky });
    const msg = { ...app.message('u-again', { kind: 'text', text: '电视坏了' }, 'again-1'), redeliveredIfFailed: true };
    // The platform delivers it three times while the database is down: one apology, not three.
    for (let i = 0; i < 3; i++) expect((await app.runner.handle(msg)).status).toBe('failed');
    expect(app.sender.sent.map((s) => s.payload.text)).toEqual([texts.sorryReceived]);
    down = false;
    expect((await app.runner.handle(msg)).status).toBe('handled');
    expect(app.sender.sent.at(-1)!.payload.choices?.[0]?.label).toBe('家电维修');
    // A message nobody delivers again (the terminal chat) is asked for again.
    down = true;
    await app.say('u-lost', '电视坏了', 'lost-1');
    expect(app.sender.sent.at(-1)!.payload.text).toBe(texts.sorry);
  });

  it('ignores group messages when no commands are wired (a runner without dispatch)', async () => {
    const app = await createTestApp(ctx.database);
    const bare = createFlowRunner({
      db: ctx.database.db,
      flows: [{ id: 'none' } as unknown as FlowDefinition],
      people: peoplePort,
      log: pino({ level: 'silent' }),
      deliver: async () => {},
      senders: {},
    });
    const result = await bare.handle({ ...app.message('u-group', { kind: 'text', text: '电视坏了' }), isGroup: true, chatId: 'group-1' });
    expect(result.status).toBe('ignored');
  });

  it('never starts a conversation from a group message: groups belong to dispatch', async () => {
    const app = await createTestApp(ctx.database);
    const result = await app.runner.handle({ ...app.message('u-group', { kind: 'text', text: '电视坏了' }), isGroup: true, chatId: 'group-2' });
    expect(result).toMatchObject({ status: 'handled', command: true });
    expect(await ctx.database.db.select().from(conversations).where(eq(conversations.key, 'test:group-2:u-group'))).toEqual([]);
    expect(
      app.sender.sent
        .filter((s) => s.chatId === 'group-2')
        .map((s) => s.payload.text)
        .join(''),
    ).not.toContain('电视');
  });

  it('never writes a resident’s phone or address to the logs', async () => {
    const app = await createTestApp(ctx.database);
    await app.completeIntake('u-privacy', { phone: '13755556666', address: '秘密小区8幢808室' });
    const logs = app.logLines.join('\n');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain('13755556666');
    expect(logs).not.toContain('秘密小区');
  });

  it('keeps conversations of different people apart', async () => {
    const app = await createTestApp(ctx.database);
    await app.say('u-a', '电视坏了');
    await app.say('u-b', '我的求助');
    const reply = await app.say('u-a', '1');
    expect(reply.join('\n')).toContain(texts.askCommunity);
    const rows = await ctx.database.db
      .select()
      .from(conversations)
      .where(and(eq(conversations.flowId, 'resident')));
    expect(rows.some((r) => r.key === 'test:u-b:u-b')).toBe(true);
  });

  it('gives an effect what the flow prepared before the transaction; a failing prepare only costs the head start', async () => {
    const app = await createTestApp(ctx.database);
    const { log, lines } = createCapturingLogger();
    const prepared: unknown[] = [];
    const calls: string[] = [];
    let failPrepare = false;
    const probe = {
      id: 'probe',
      version: 1,
      machine: createMachine({ id: 'probe', initial: 'a', states: { a: { on: { 'answer.text': { actions: 'lookUp' } } } } }),
      input: () => ({}),
      interpret: (_: unknown, content: { kind: string }) => (content.kind === 'text' ? [{ type: 'answer.text' }] : []),
      prepare: async (snapshot: { value: unknown } | null, content: { kind: string; text?: string }) => {
        calls.push(`${snapshot ? String(snapshot.value) : 'new'}:${content.text ?? ''}`);
        if (failPrepare) throw new Error('model unreachable');
        return { looked: content.text };
      },
      effects: { lookUp: async (_params: unknown, env: { prepared?: unknown }) => void prepared.push(env.prepared) },
      question: () => null,
      isStale: () => false,
    } as unknown as FlowDefinition;
    const runner = createFlowRunner({ db: ctx.database.db, flows: [probe], people: peoplePort, log, deliver: async () => {}, senders: {} });
    expect((await runner.handle(app.message('u-probe', { kind: 'text', text: '一' }))).status).toBe('handled');
    expect((await runner.handle(app.message('u-probe', { kind: 'text', text: '二' }))).status).toBe('handled');
    failPrepare = true;
    expect((await runner.handle(app.message('u-probe', { kind: 'text', text: '三' }))).status).toBe('handled');
    expect(calls).toEqual(['new:一', 'a:二', 'a:三']);
    expect(prepared).toEqual([{ looked: '一' }, { looked: '二' }, undefined]);
    expect(lines.filter((l) => l.includes('preparing a message failed'))).toHaveLength(1);
  });

  it('fails a message whose flow asks for an action with no handler (no_effect_handler): nothing kept, the person gets the apology', async () => {
    const app = await createTestApp(ctx.database);
    const sender = createMemorySender();
    const mystery = {
      id: 'mystery',
      version: 1,
      machine: createMachine({ id: 'mystery', entry: ['somethingUnknown'] }),
      input: () => ({}),
      interpret: () => [],
      effects: {},
      question: () => null,
      isStale: () => false,
    } as unknown as FlowDefinition;
    const runner = createFlowRunner({
      db: ctx.database.db,
      flows: [mystery],
      people: peoplePort,
      log: pino({ level: 'silent' }),
      deliver: async () => {},
      senders: { test: sender },
    });
    const msg = app.message('u-mystery', { kind: 'text', text: '你好' });
    const result = await runner.handle(msg);
    expect(result.status).toBe('failed');
    expect((result as { error: unknown }).error).toMatchObject({ name: 'FlowError', code: 'no_effect_handler' });
    expect(sender.sent).toEqual([{ chatId: 'u-mystery', payload: { text: texts.sorry } }]);
    expect(await ctx.database.db.select().from(conversations).where(eq(conversations.key, 'test:u-mystery:u-mystery'))).toEqual([]);
    expect(
      await ctx.database.db
        .select()
        .from(processedMessages)
        .where(eq(processedMessages.key, `test:u-mystery:${msg.messageId}`)),
    ).toEqual([]);
  });
});

describe('mergeReplies', () => {
  it('joins a reply to the one before while that one asks nothing (no choices, no question)', () => {
    expect(mergeReplies([{ text: 'a' }, { text: 'b' }, { text: 'c', choices: [{ id: 'x', label: 'X' }], questionId: 2 }])).toEqual([
      { text: 'a\nb\nc', choices: [{ id: 'x', label: 'X' }], questionId: 2 },
    ]);
  });

  it('keeps a reply after a question separate, and copies what it returns', () => {
    const question = { text: 'q', choices: [{ id: 'x', label: 'X' }], questionId: 1 };
    const out = mergeReplies([question, { text: 'b' }]);
    expect(out).toEqual([question, { text: 'b' }]);
    expect(out[0]).not.toBe(question);
    expect(mergeReplies([{ text: 'q', questionId: 3 }, { text: 'b' }])).toHaveLength(2);
    expect(mergeReplies([])).toEqual([]);
  });
});
