import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { calendarDeliveries, channelIdentities, organizers, replyWindows, stations, volunteers } from '../db/schema.js';
import { createApp, type DeliveryMode } from '../src/app.js';
import { createConfig } from '../src/config.js';
import type { IncomingMessage, OutgoingPayload } from '../src/core/message.js';
import type { Sender } from '../src/core/ports.js';
import { ensurePerson } from '../src/domain/people/people.js';
import { createCapturingLogger, createMemorySender, createTestApp } from './support/app.js';
import { describeDb } from './support/db.js';
import { LONG_MS, WAIT_MS } from './support/patience.js';
import { DEMO_STATIONS_FILE } from './support/stations.js';

// === createApp, the one composition root: what it builds, and when a handled message's messages go out

/** A sender that holds every send to `heldChat` until `release()`. */
function holdingSender(heldChat: string) {
  const sent: { chatId: string; payload: OutgoingPayload }[] = [];
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  const sender: Sender = {
    async send(chatId, payload) {
      if (chatId === heldChat) await held;
      sent.push({ chatId, payload });
      return { externalId: String(sent.length) };
    },
  };
  return { sender, sent, release, to: (chatId: string) => sent.filter((s) => s.chatId === chatId) };
}

let seq = 0;
const text = (userId: string, t: string): IncomingMessage => ({
  channel: 'test',
  chatId: userId,
  userId,
  displayName: '刘奶奶',
  isGroup: false,
  messageId: `app-${++seq}`,
  content: { kind: 'text', text: t },
});
/** Waits until `check` holds (or `WAIT_MS` passed) and says whether it does. */
const until = async (check: () => boolean) => {
  const end = Date.now() + WAIT_MS;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  return check();
};

describeDb('createApp', (ctx) => {
  /** An app whose organizer (of the root, from ORGANIZERS) is told of emergency words: a message to another chat. */
  const build = (organizer: string, senders: Record<string, Sender>, delivery?: DeliveryMode) =>
    createApp({
      config: createConfig({ STATIONS_FILE: DEMO_STATIONS_FILE, ORGANIZERS: `test:${organizer}` }),
      database: ctx.database,
      log: createCapturingLogger().log,
      senders,
      delivery,
    });

  it('service-day reminders go privately to the volunteers of a channel whose sender keeps a reply window', { timeout: LONG_MS }, async () => {
    const now = new Date('2027-01-22T09:00:05+08:00'); // three days before the 25th, at 09:00
    const windowed: Sender = { ...createMemorySender(), replyWindow: { ms: 48 * 3_600_000, perMessage: 5 } };
    const app = await createApp({
      config: createConfig({ STATIONS_FILE: DEMO_STATIONS_FILE }),
      database: ctx.database,
      log: createCapturingLogger().log,
      clock: () => now,
      senders: { plain: createMemorySender() },
      delivery: 'none',
    });
    app.addSender('windowed', windowed);
    const db = ctx.database.db;
    const stationId = app.tree.byCode('nanhu-jianshe-wenchang')!.id;
    for (const channel of ['windowed', 'plain']) {
      const person = await ensurePerson(db, channel, `rw-${channel}`, '志愿者');
      await db.insert(volunteers).values({
        personId: person.id,
        name: '志愿者',
        phone: '13900000001',
        partyMember: false,
        skills: [],
        stationId,
        availability: '周末',
        status: 'approved',
      });
      await db.insert(replyWindows).values({ channel, chatId: `rw-${channel}`, lastInboundAt: new Date(now.getTime() - 3_600_000) });
    }
    expect((await app.reminders.runOnce()).sent).toBeGreaterThan(0);
    const reached = await db.select({ channel: calendarDeliveries.channel, chatId: calendarDeliveries.chatId }).from(calendarDeliveries);
    expect(reached).toContainEqual({ channel: 'windowed', chatId: 'rw-windowed' });
    expect(reached.filter((r) => r.channel === 'plain')).toEqual([]);
  });

  it('numbers tickets and shows dates in the configured TIME_ZONE', { timeout: LONG_MS }, async () => {
    // 20:00 UTC: 1 June in Los Angeles, already 2 June in Shanghai (the default zone).
    const now = new Date('2026-06-01T20:00:00Z');
    const app = await createTestApp(ctx.database, { clock: () => now, env: { TIME_ZONE: 'America/Los_Angeles' } });
    expect(await app.completeIntake('tz-resident')).toMatch(/^20260601-\d{4}$/);
    const [identity] = await ctx.database.db.select().from(channelIdentities).where(eq(channelIdentities.externalId, 'tz-resident'));
    const [station] = await ctx.database.db.select({ id: stations.id }).from(stations).where(eq(stations.code, 'nanhu-jianshe-wenchang'));
    await ctx.database.db.insert(volunteers).values({
      personId: identity!.personId,
      name: '王师傅',
      phone: '13900000000',
      partyMember: false,
      skills: [],
      stationId: station!.id,
      availability: '周末',
      status: 'approved',
      suspendedUntil: new Date('2026-06-10T20:00:00Z'),
    });
    expect((await app.say('tz-resident', '/me')).join('\n')).toContain('暂停接单至 6月10日');
  });

  it('builds the station tree and dispatch, and makes the configured accounts organizers of the root', async () => {
    const app = await build('o-build', {});
    expect(app.tree.root().level).toBe('city');
    expect(app.dispatch.commands).toBeTypeOf('function');
    const [identity] = await app.db
      .select()
      .from(channelIdentities)
      .where(and(eq(channelIdentities.channel, 'test'), eq(channelIdentities.externalId, 'o-build')));
    const rows = await app.db.select().from(organizers).where(eq(organizers.personId, identity!.personId));
    expect(rows.map((r) => r.stationId)).toEqual([app.tree.root().id]);
    // Built again (a restart): still one role, no second person.
    await build('o-build', {});
    expect(await app.db.select().from(organizers).where(eq(organizers.personId, identity!.personId))).toHaveLength(1);
    expect(await app.db.select().from(channelIdentities).where(eq(channelIdentities.externalId, 'o-build'))).toHaveLength(1);
  });

  it('handles a message: the person’s reply is stored, and delivered ("await-all")', async () => {
    const sender = createMemorySender();
    const app = await build('o-handle', { test: sender }, 'await-all');
    const msg = text('r-handle', '电视坏了');
    const result = await app.handle(msg);
    expect(result).toMatchObject({ status: 'handled', command: false });
    expect(sender.sent.filter((s) => s.chatId === 'r-handle').length).toBeGreaterThan(0);
    expect(await app.handle(msg)).toEqual({ status: 'duplicate' });
  });

  it('"background": handle resolves at commit while the person’s reply is still being sent; what else it wrote goes when the outbox is woken', async () => {
    const held = holdingSender('r-bg');
    const app = await build('o-bg', { test: held.sender }, 'background');
    await app.start();
    try {
      // The reply's send is held: an answer that waited for it would never come.
      expect(await app.handle(text('r-bg', '我老伴摔倒了'))).toMatchObject({ status: 'handled' });
      expect(held.to('r-bg')).toHaveLength(0);
      // The organizer's alert, written due in the same transaction: the commit's `outbox` notification wakes the delivery.
      expect(await until(() => held.to('o-bg').length === 1)).toBe(true);
      held.release();
      expect(await until(() => held.to('r-bg').length > 0)).toBe(true);
    } finally {
      held.release();
      await app.stop();
    }
  });

  it('"await-all": handle resolves only after every message it caused was sent', async () => {
    const held = holdingSender('o-all');
    const app = await build('o-all', { test: held.sender }, 'await-all');
    let done = false;
    const handled = app.handle(text('r-all', '我老伴摔倒了')).then(() => (done = true));
    await until(() => held.to('r-all').length > 0);
    await new Promise((r) => setTimeout(r, 30));
    expect(done).toBe(false);
    held.release();
    await handled;
    expect(held.to('o-all')).toHaveLength(1);
  });

  it('"none": nothing is sent until the outbox is asked to deliver; start() delivers what waits', async () => {
    const sender = createMemorySender();
    const crashed = await build('o-none', { test: sender }, 'none');
    await crashed.handle(text('r-none', '我老伴摔倒了'));
    expect(sender.sent).toHaveLength(0);
    const restarted = await build('o-none', { test: sender }, 'none');
    await restarted.start();
    try {
      expect(await until(() => sender.sent.some((s) => s.chatId === 'r-none'))).toBe(true);
      expect(await until(() => sender.sent.some((s) => s.chatId === 'o-none'))).toBe(true);
    } finally {
      await restarted.stop();
    }
  });

  it('start() does not wait for the backlog: a new message is answered while it is still being sent, and each queued row goes once', async () => {
    const crashed = await build('o-backlog', {}, 'none');
    await crashed.handle(text('r-backlog', '我老伴摔倒了'));
    // The backlog's sends hang (a platform slow to answer, or the pacing of group messages).
    const held = holdingSender('r-backlog');
    const restarted = await build('o-backlog', { test: held.sender }, 'background');
    let started = false;
    const starting = restarted.start().then(() => (started = true));
    try {
      expect(await until(() => started)).toBe(true);
      await restarted.handle(text('r-fresh', '电视坏了'));
      expect(held.to('r-fresh').length).toBeGreaterThan(0);
      expect(held.to('r-backlog')).toHaveLength(0);
      held.release();
      expect(await until(() => held.to('r-backlog').length > 0 && held.to('o-backlog').length > 0)).toBe(true);
      await starting;
      await restarted.delivery.deliverDue();
      expect(held.to('r-backlog')).toHaveLength(1);
      expect(held.to('o-backlog')).toHaveLength(1);
    } finally {
      held.release();
      await restarted.stop();
    }
  });

  it('addSender: a channel started later is delivered to', async () => {
    const app = await build('o-late', {}, 'await-all');
    const late = createMemorySender();
    app.addSender('test', late);
    await app.handle(text('r-late', '电视坏了'));
    expect(late.sent.some((s) => s.chatId === 'r-late')).toBe(true);
    expect(app.senders.test).toBe(late);
  });
});
