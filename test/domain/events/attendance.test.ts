import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { checkIn } from '../../../src/domain/events/checkin.js';
import { attendanceCsv, csvField } from '../../../src/domain/events/attendance.js';
import { eventView } from '../../../src/domain/events/events.js';
import { signUp } from '../../../src/domain/events/signup.js';
import { runEventsCli } from '../../../src/cli/events.js';
import { eventTexts as t } from '../../../src/texts/events.js';
import { describeDb } from '../../support/db.js';
import { createDispatchApp } from '../../support/dispatch-app.js';
import { NOW, storedEvent, TZ } from './support.js';

const W = 'nanhu-jianshe-wenchang';
const START = new Date('2026-12-26T01:00:00Z');

describe('csvField', () => {
  it('quotes commas, quotes and line breaks, keeps Chinese as it is, and defuses formulas', () => {
    expect(csvField('张三')).toBe('张三');
    expect(csvField('张三,李四')).toBe('"张三,李四"');
    expect(csvField('他说"好"')).toBe('"他说""好"""');
    expect(csvField('一行\n两行')).toBe('"一行\n两行"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(1.5)).toBe('1.5');
    expect(csvField(null)).toBe('');
  });
});

const capture = () => {
  let text = '';
  const stream = new Writable({
    write(chunk, _e, cb) {
      text += String(chunk);
      cb();
    },
  });
  return { stream, text: () => text };
};

describeDb('events: lists and CSV for organizers', (ctx) => {
  it('exports sign-ups and attendance as CSV with names that hold commas and quotes, and through the CLI', async () => {
    const app = await createDispatchApp(ctx.database, { clock: () => NOW });
    const o = await app.organizer('at-o1', W);
    const { id } = await storedEvent(app, o, { title: '河道清洁, "大扫除"', cap: 1 });
    const a = await app.volunteer('at-v1', W, { name: '王,"小明"' });
    const b = await app.volunteer('at-v2', W, { name: '李四' });
    await app.db.transaction((tx) => signUp(tx, String(id), a, NOW, TZ));
    await app.db.transaction((tx) => signUp(tx, String(id), b, new Date(NOW.getTime() + 1000), TZ));
    await app.db.transaction((tx) => checkIn(tx, id, a, START, { earlyMinutes: 60, radiusMeters: 500, timeZone: TZ }));
    const e = (await app.db.transaction((tx) => eventView(tx, id)))!;
    const csv = await attendanceCsv(app.db, e, TZ);
    expect(csv.startsWith('\uFEFF活动编号,活动,志愿者编号,姓名,状态,报名时间,签到时间,签到方式,签退时间,时长（小时）\r\n')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(`${id},"河道清洁, ""大扫除""",${a},"王,""小明""",已报名,2026-12-05 10:00,2026-12-26 09:00,时间内签到,,2`);
    expect(lines[2]).toBe(`${id},"河道清洁, ""大扫除""",${b},李四,候补,2026-12-05 10:00,,,,`);

    const out = capture();
    expect(await runEventsCli(['export', '--event', String(id)], {}, out.stream, capture().stream, ctx.database)).toBe(0);
    expect(out.text()).toBe(csv);
    const err = capture();
    expect(await runEventsCli(['export'], {}, out.stream, err.stream, ctx.database)).toBe(2);
    expect(err.text()).toContain('usage: npm run events -- export --event');
    expect(await runEventsCli(['export', '--event', '99999'], {}, out.stream, capture().stream, ctx.database)).toBe(1);
  });

  it('a volunteer or a stranger trying an organizer’s event command is told what that command needs', async () => {
    const app = await createDispatchApp(ctx.database, { clock: () => NOW });
    const o = await app.organizer('at-o4', 'nanhu-jianshe');
    const { id } = await storedEvent(app, o);
    const v = await app.volunteer('at-v4', W, { name: '钱七' });
    const asks = [
      ['/events', t.organizerCommandRefused.list],
      [`/event ${id}`, t.organizerCommandRefused.detail],
      [`/cancelevent ${id}`, t.organizerCommandRefused['cancel-event']],
      [`/checkin ${id} ${v}`, t.organizerCommandRefused.confirm],
    ] as const;
    for (const user of ['at-v4', 'at-stranger4'])
      for (const [command, refusal] of asks) {
        await app.say(user, user, command);
        expect(app.lastTo(user)!.payload.text, `${user} ${command}`).toBe(refusal);
        expect(refusal).not.toContain('发布活动');
      }
    expect(new Set(asks.map(([, refusal]) => refusal)).size).toBe(4);
    expect((await app.db.transaction((tx) => eventView(tx, id)))!.status).toBe('open');
  });

  it('/events lists the events of the organizer’s stations; /event shows sign-ups; others are refused', async () => {
    const app = await createDispatchApp(ctx.database, { clock: () => NOW });
    const o = await app.organizer('at-o2', 'nanhu-jianshe');
    await app.organizer('at-o2x', 'xiuzhou');
    const { id } = await storedEvent(app, o, { cap: 5 });
    const { id: other } = await storedEvent(app, o, { stationCode: 'xiuzhou-xincheng-xiuyuan', title: '秀洲的活动' });
    const v = await app.volunteer('at-v3', W, { name: '赵六' });
    await app.db.transaction((tx) => signUp(tx, String(id), v, NOW, TZ));

    await app.say('at-o2', 'at-o2', '/events');
    const list = app.lastTo('at-o2')!.payload.text;
    expect(list).toContain(`· ${id} 12月26日（周六）09:00–11:00 党员志愿服务日（文昌社区）已报名 1/5`);
    expect(list).not.toContain('秀洲的活动');
    await app.say('at-o2', 'at-o2', `/event ${id}`);
    const detail = app.lastTo('at-o2')!.payload.text;
    expect(detail).toContain(`· 赵六（编号 ${v}）已报名`);
    expect(detail).toContain(t.exportHowTo(id));
    await app.say('at-o2', 'at-o2', `/event ${other}`);
    expect(app.lastTo('at-o2')!.payload.text).toBe(t.notOrganizerOfEvent);
    await app.say('at-o2x', 'at-o2x', `/event ${id}`);
    expect(app.lastTo('at-o2x')!.payload.text).toBe(t.notOrganizerOfEvent);
    await app.say('at-v3', 'at-v3', '/events');
    expect(app.lastTo('at-v3')!.payload.text).toBe(t.organizerCommandRefused.list);
    await app.say('at-o2', 'at-o2', '/event');
    expect(app.lastTo('at-o2')!.payload.text).toBe(t.usage('/event 活动编号'));
    // A volunteer sees the upcoming events of their community and the stations above it.
    await app.say('at-v3', 'at-v3', '活动');
    const upcoming = app.lastTo('at-v3')!.payload.text;
    expect(upcoming).toContain(`· ${id} `);
    expect(upcoming).not.toContain('秀洲的活动');
  });
});
