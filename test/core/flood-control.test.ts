import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { alerts, processedMessages } from '../../db/schema.js';
import { createApp } from '../../src/app.js';
import { createConfig } from '../../src/config.js';
import { createFloodAllowance, URGENT_LIMITS } from '../../src/core/flood-control.js';
import type { IncomingMessage } from '../../src/core/message.js';
import { texts } from '../../src/texts/resident.js';
import { createCapturingLogger, createMemorySender } from '../support/app.js';
import { describeDb } from '../support/db.js';
import { DEMO_STATIONS_FILE } from '../support/stations.js';

const limits = { burst: 10, perMinute: 60 };

describe('flood allowance', () => {
  const never = () => false;

  it('lets a burst through at once, then one message per second, and says so once per flood', () => {
    const a = createFloodAllowance({ limits });
    const verdicts = Array.from({ length: 100 }, () => a.check('k', 0, never));
    expect(verdicts.filter((v) => v.pass)).toHaveLength(10);
    expect(verdicts.slice(10).every((v) => !v.pass)).toBe(true);
    expect(verdicts.filter((v) => !v.pass && v.notice)).toHaveLength(1);
    // 100 messages a second for 5 more seconds: one a second gets through, and no second notice.
    let passed = 0;
    let notices = 0;
    for (let ms = 10; ms <= 5000; ms += 10) {
      const v = a.check('k', ms, never);
      if (v.pass) passed++;
      else if (v.notice) notices++;
    }
    expect(passed).toBe(5);
    expect(notices).toBe(0);
  });

  it('gives a new flood its notice once the allowance was whole again', () => {
    const a = createFloodAllowance({ limits });
    for (let i = 0; i < 12; i++) a.check('k', 0, never);
    // Ten seconds of quiet fill the burst again.
    const later = Array.from({ length: 12 }, () => a.check('k', 10_000, never));
    expect(later.filter((v) => v.pass)).toHaveLength(10);
    expect(later.filter((v) => !v.pass && v.notice)).toHaveLength(1);
  });

  it('keeps people apart', () => {
    const a = createFloodAllowance({ limits });
    for (let i = 0; i < 50; i++) a.check('flooder', 0, never);
    expect(a.check('neighbour', 0, never)).toEqual({ pass: true, urgent: false });
  });

  it('reads a message beyond the allowance for danger and lets urgent ones through, two at once then one per 30 s', () => {
    const a = createFloodAllowance({ limits });
    let asked = 0;
    const urgent = () => {
      asked++;
      return true;
    };
    for (let i = 0; i < 10; i++) expect(a.check('k', 0, urgent).pass).toBe(true);
    // Within the allowance the flow reads it; the allowance asks only beyond it.
    expect(asked).toBe(0);
    const beyond = Array.from({ length: 20 }, () => a.check('k', 0, urgent));
    expect(asked).toBe(20);
    expect(beyond.filter((v) => v.pass)).toEqual([
      { pass: true, urgent: true },
      { pass: true, urgent: true },
    ]);
    expect(URGENT_LIMITS.burst).toBe(2);
    // The ordinary allowance refills one a second: at 30 s both lanes have tokens again.
    for (let i = 0; i < 30; i++) a.check('k', 30_000, never);
    expect(a.check('k', 30_000, urgent)).toEqual({ pass: true, urgent: true });
  });

  it('forgets people whose allowance is whole again, and never tracks more than its bound', () => {
    const a = createFloodAllowance({ limits, maxTracked: 100 });
    for (let i = 0; i < 1000; i++) a.check(`p${i}`, 0, never);
    expect(a.size).toBe(100);
    // Ten seconds later each of them is idle: the next messages sweep them away.
    for (let i = 0; i < 60; i++) a.check(`q${i}`, 10_000 + i, never);
    expect(a.size).toBeLessThanOrEqual(61);
    for (let i = 0; i < 60; i++) a.check(`r${i}`, 30_000 + i, never);
    expect(a.size).toBeLessThanOrEqual(61);
  });
});

describeDb('flood control in front of the runner', (ctx) => {
  /** The default allowance (FLOOD_BURST). */
  const burst = createConfig({}).limits.flood.burst;
  const now = new Date('2026-06-01T02:00:00Z');
  async function app() {
    const sender = createMemorySender();
    const { log, lines } = createCapturingLogger();
    const built = await createApp({
      config: createConfig({ STATIONS_FILE: DEMO_STATIONS_FILE }),
      database: ctx.database,
      log,
      clock: () => now,
      senders: { test: sender },
      delivery: 'await-all',
    });
    return { app: built, sender, lines };
  }
  let seq = 0;
  const text = (userId: string, t: string, isGroup = false): IncomingMessage => ({
    channel: 'test',
    chatId: isGroup ? 'group-1' : userId,
    userId,
    displayName: '张阿姨',
    isGroup,
    messageId: `f${++seq}`,
    content: { kind: 'text', text: t },
  });

  it('drops a flood beyond the allowance with one notice, and does not touch the database for what it drops', async () => {
    const { app: a, sender } = await app();
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => a.handle(text('flooder', `第${i}条`))));
    expect(results.filter((r) => r.status === 'throttled')).toHaveLength(100 - burst);
    expect(results.filter((r) => r.status === 'handled')).toHaveLength(burst);
    const toFlooder = sender.sent.filter((s) => s.chatId === 'flooder').map((s) => s.payload.text);
    expect(toFlooder.filter((t) => t === texts.tooFast)).toHaveLength(1);
    const processed = await ctx.database.db.select().from(processedMessages);
    expect(processed.filter((p) => p.key.startsWith('test:flooder:'))).toHaveLength(burst);
    expect(a.flood.stats).toMatchObject({ dropped: 100 - burst, notices: 1 });
    // Someone else at the same moment is answered as always.
    const neighbour = await a.handle(text('neighbour', '你好'));
    expect(neighbour.status).toBe('handled');
  });

  it('still hears an emergency in the middle of a flood: the numbers, and an alert for organizers', async () => {
    const { app: a, sender } = await app();
    for (let i = 0; i < 30; i++) await a.handle(text('flooder-2', `${i}`));
    const before = sender.sent.length;
    const result = await a.handle(text('flooder-2', '救命，我爸倒在地上叫不醒了'));
    expect(result.status).toBe('handled');
    const answer = sender.sent
      .slice(before)
      .map((s) => s.payload.text)
      .join('\n');
    expect(answer).toContain('120');
    const raised = await ctx.database.db.select().from(alerts).where(eq(alerts.conversationKey, 'test:flooder-2:flooder-2'));
    expect(raised).toHaveLength(1);
    expect(a.flood.stats.urgentPassed).toBe(1);
  });

  it('drops a group flood silently: no notice in front of the group', async () => {
    const { app: a, sender } = await app();
    const results = await Promise.all(Array.from({ length: 30 }, () => a.handle(text('chatty', '哈哈', true))));
    expect(results.filter((r) => r.status === 'throttled')).toHaveLength(30 - burst);
    expect(sender.sent.filter((s) => s.payload.text === texts.tooFast)).toHaveLength(0);
  });

  it('never holds back a follow or an unfollow', async () => {
    const { app: a } = await app();
    for (let i = 0; i < 20; i++) await a.handle(text('fan', `${i}`));
    const followed = await a.handle({ ...text('fan', ''), content: { kind: 'followed' } });
    expect(followed.status).toBe('handled');
  });
});
