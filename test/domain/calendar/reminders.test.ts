import { and, eq, like } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../db/client.js';
import { calendarReminders, chatGroups, outbox, replyWindows, volunteers } from '../../../db/schema.js';
import { type ReminderDeps, reminderMessage, sendDueReminders } from '../../../src/domain/calendar/reminders.js';
import { readCalendarFile } from '../../../src/domain/calendar/rules.js';
import { createCalendar, remindersBetween } from '../../../src/domain/calendar/schedule.js';
import type { EventSource } from '../../../src/domain/calendar/types.js';
import { ensurePerson, peoplePort } from '../../../src/domain/people/people.js';
import { loadStationTree, type StationTree } from '../../../src/domain/stations/tree.js';
import { createCapturingLogger } from '../../support/app.js';
import { describeDb } from '../../support/db.js';

const calendar = createCalendar(readCalendarFile(), 'Asia/Shanghai');
const at = (local: string) => new Date(`${local}+08:00`);
const MINUTE = 60_000;

/** The 2027-01-25 pioneer day's reminder three days before: due 2027-01-22 09:00. */
const DUE = at('2027-01-22T09:00:00');
const KEY = '2027-01-25:three-days-before';

const events: EventSource = {
  async eventsBetween(_db, codes, from, to) {
    expect(codes).toBe('all');
    const all = [
      { id: 1, stationCode: 'nanhu-jianshe', title: '义务理发', startsAt: at('2027-01-25T08:30'), endsAt: null, place: '建设街道文化广场' },
      { id: 2, stationCode: 'xiuzhou', title: '冬季送温暖', startsAt: at('2027-01-25T09:00'), endsAt: null, place: '秀洲区新塍塘' },
    ];
    return all.filter((e) => e.startsAt >= from && e.startsAt < to);
  },
};

async function rowsFor(db: Db, key: string) {
  return db
    .select({ chatId: outbox.chatId, channel: outbox.channel, text: outbox.payload })
    .from(outbox)
    .where(like(outbox.dedupKey, `calendar:${key}:%`));
}

describeDb('service-day reminders, exactly once', (ctx) => {
  let tree: StationTree;
  let deps: ReminderDeps;
  let lines: string[];
  const groups: string[] = [];

  beforeAll(async () => {
    const db = ctx.database.db;
    tree = await loadStationTree(db);
    const logger = createCapturingLogger();
    lines = logger.lines;
    deps = {
      calendar,
      tree,
      events,
      privateChannels: [{ channel: 'wx', windowMs: 48 * 3_600_000, perMessage: 5 }],
      graceMs: 60 * MINUTE,
      log: logger.log,
      batchSize: 7,
    };
    const stations = tree.all();
    for (let i = 0; i < 120; i++) groups.push(`g${String(i).padStart(3, '0')}`);
    await db.insert(chatGroups).values(groups.map((chatId, i) => ({ channel: 'test', chatId, stationId: stations[i % stations.length]!.id, boundBy: 1 })));
    await db
      .update(chatGroups)
      .set({ stationId: tree.byCode('nanhu-jianshe')!.id })
      .where(eq(chatGroups.chatId, 'g000'));
  });

  it('writes the reminder once to every bound group, with the day and that station’s events', async () => {
    const db = ctx.database.db;
    expect(await sendDueReminders(db, deps, new Date(DUE.getTime() + 2_000))).toEqual({ sent: 120, skipped: 0 });
    expect(await sendDueReminders(db, deps, new Date(DUE.getTime() + 30 * MINUTE))).toEqual({ sent: 0, skipped: 0 });
    const rows = await rowsFor(db, KEY);
    expect(rows.map((r) => r.chatId).sort()).toEqual(groups);
    const g0 = String(rows.find((r) => r.chatId === 'g000')?.text.text);
    expect(g0).toContain('3天后，1月25日（星期一）是党员先锋服务日');
    expect(g0).toContain('走访孤寡老人');
    expect(g0).toContain('08:30 义务理发（建设街道文化广场）');
    expect(g0).not.toContain('冬季送温暖');
    const [state] = await db.select().from(calendarReminders).where(eq(calendarReminders.key, KEY));
    expect(state).toMatchObject({ status: 'sent', targets: 120 });
  });

  it('two schedulers at once send each reminder to each group once', async () => {
    const db = ctx.database.db;
    const key = '2027-01-25:morning-of';
    const due = at('2027-01-25T07:30:00');
    const runs = await Promise.all([1, 2, 3].map((n) => sendDueReminders(db, { ...deps, batchSize: 3 + n }, new Date(due.getTime() + n * 1000))));
    expect(runs.reduce((sum, r) => sum + r.sent, 0)).toBe(120);
    const rows = await rowsFor(db, key);
    expect(rows.map((r) => r.chatId).sort()).toEqual(groups);
    const [state] = await db.select().from(calendarReminders).where(eq(calendarReminders.key, key));
    expect(state).toMatchObject({ status: 'sent', targets: 120 });
  });

  it('resumes where it stopped after a crash in the middle, without repeats', async () => {
    const db = ctx.database.db;
    const key = '2027-01-30:three-days-before';
    const due = at('2027-01-27T09:00:00');
    let transactions = 0;
    // The process dies at its fourth batch: three batches of 7 are committed.
    const crashing = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop === 'transaction') {
          return (fn: (tx: Db) => Promise<unknown>) => {
            if (++transactions === 4) throw new Error('killed');
            return target.transaction(fn);
          };
        }
        return Reflect.get(target, prop, receiver);
      },
    }) as Db;
    await expect(sendDueReminders(crashing, deps, due)).rejects.toThrow('killed');
    expect(await rowsFor(db, key)).toHaveLength(21);
    // Restarted ten minutes later, within the grace.
    expect(await sendDueReminders(db, deps, new Date(due.getTime() + 10 * MINUTE))).toEqual({ sent: 99, skipped: 0 });
    const rows = await rowsFor(db, key);
    expect(rows.map((r) => r.chatId).sort()).toEqual(groups);
  });

  it('skips and logs a reminder found later than the grace, once; sends one within it', async () => {
    const db = ctx.database.db;
    // Down from before 2027-02-22 09:00 (the 25th's first reminder) until 10:30; 2027-02-24 09:00 is found at 09:59.
    const late = at('2027-02-22T10:30:00');
    expect(await sendDueReminders(db, deps, late)).toEqual({ sent: 0, skipped: 1 });
    expect(await sendDueReminders(db, deps, new Date(late.getTime() + MINUTE))).toEqual({ sent: 0, skipped: 0 });
    expect(await rowsFor(db, '2027-02-25:three-days-before')).toHaveLength(0);
    const skips = lines.filter((l) => l.includes('too late'));
    expect(skips).toHaveLength(1);
    expect(JSON.parse(skips[0]!)).toMatchObject({ key: '2027-02-25:three-days-before', lateMinutes: 90 });
    expect(await sendDueReminders(db, deps, at('2027-02-24T09:59:00'))).toEqual({ sent: 120, skipped: 0 });
    expect(await rowsFor(db, '2027-02-27:three-days-before')).toHaveLength(120);
  });

  it('reaches volunteers on a channel without groups privately, only while the platform lets the bot write', async () => {
    const db = ctx.database.db;
    const now = at('2027-03-22T09:00:00');
    const station = tree.byCode('nanhu-jianshe')!.id;
    const volunteer = async (id: string, o: { status?: 'approved' | 'pending'; wroteAt?: Date; sent?: number; blocked?: boolean }) => {
      const p = await ensurePerson(db, 'wx', id, id);
      await db.insert(volunteers).values({
        personId: p.id,
        name: id,
        phone: '13800000000',
        partyMember: true,
        skills: [],
        stationId: station,
        availability: '周末',
        status: o.status ?? 'approved',
      });
      if (o.wroteAt) await db.insert(replyWindows).values({ channel: 'wx', chatId: id, lastInboundAt: o.wroteAt, sentSinceInbound: o.sent ?? 0 });
      if (o.blocked) await peoplePort.markBlocked(db, 'wx', id, now);
    };
    await volunteer('wx-open', { wroteAt: new Date(now.getTime() - 3_600_000) });
    await volunteer('wx-old', { wroteAt: new Date(now.getTime() - 49 * 3_600_000) });
    await volunteer('wx-used-up', { wroteAt: new Date(now.getTime() - 3_600_000), sent: 5 });
    await volunteer('wx-pending', { status: 'pending', wroteAt: now });
    await volunteer('wx-blocked', { wroteAt: now, blocked: true });
    await volunteer('wx-silent', {});
    await sendDueReminders(db, deps, now);
    const rows = await rowsFor(db, '2027-03-25:three-days-before');
    expect(rows.filter((r) => r.channel === 'wx').map((r) => r.chatId)).toEqual(['wx-open']);
    expect(rows.filter((r) => r.channel === 'test')).toHaveLength(120);
    const [sent] = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.channel, 'wx'), eq(outbox.chatId, 'wx-open')));
    expect(String(sent?.payload.text)).toContain('党员先锋服务日');
  });
});

describe('the reminder as a chat reads it', () => {
  it('says when a day was moved off a holiday, and the holiday note', () => {
    const rules = readCalendarFile();
    const moving = createCalendar(
      { ...rules, recurring: rules.recurring.map((r) => ({ ...r, onHoliday: 'move' as const, moves: { '2025-05-31': '2025-06-07' } })) },
      'Asia/Shanghai',
    );
    const [reminder] = remindersBetween(moving, at('2025-06-07T00:00'), at('2025-06-08T00:00'));
    const target = { channel: 'test', chatId: 'g1', stationId: 1, stationCodes: ['jx'], stationName: '嘉兴市连心桥服务中心' };
    const text = reminderMessage(moving, reminder!, target, []).payload.text;
    expect(text).toContain('📅 今天6月7日（星期六）是党员志愿服务日');
    expect(text).toContain('· 党员志愿服务日（由5月31日改期）：');
    expect(text).toContain('请按时到岗');
    const [holiday] = remindersBetween(calendar, at('2026-02-28T00:00'), at('2026-03-01T00:00'));
    expect(reminderMessage(calendar, holiday!, target, []).payload.text).toContain('（春节调休上班日）');
  });

  it("lists the day's events with their title and place redacted, as on their own cards", () => {
    const [reminder] = remindersBetween(calendar, at('2027-01-25T00:00'), at('2027-01-26T00:00'));
    const target = { channel: 'test', chatId: 'g1', stationId: 1, stationCodes: ['jx'], stationName: '嘉兴市连心桥服务中心' };
    const planned = [
      { id: 7, stationCode: 'jx', title: '义务理发 报名加微信wang_xy1950', startsAt: at('2027-01-25T08:30'), endsAt: null, place: '文化广场，电话13812345678' },
    ];
    const text = reminderMessage(calendar, reminder!, target, planned).payload.text;
    expect(text).toContain('义务理发 报名加微信[联系方式已隐去]');
    expect(text).toContain('文化广场，电话***');
    expect(text).not.toMatch(/wang_xy1950|13812345678/);
  });
});
