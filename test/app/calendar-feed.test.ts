import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../db/client.js';
import { addCalendarFeedRoutes, feedPath } from '../../src/app/calendar-feed.js';
import { createHttpServer } from '../../src/http/server.js';
import { readCalendarFile } from '../../src/domain/calendar/rules.js';
import { createCalendar } from '../../src/domain/calendar/schedule.js';
import type { EventSource } from '../../src/domain/calendar/types.js';
import { stationTreeOf } from '../../src/domain/stations/tree.js';
import { createCapturingLogger } from '../support/app.js';
import { readDemoStations } from '../support/stations.js';

const asked: { codes: string[] | 'all'; from: Date; to: Date }[] = [];
const events: EventSource = {
  async eventsBetween(_db, codes, from, to) {
    asked.push({ codes, from, to });
    return [
      { id: 3, stationCode: 'nanhu-jianshe-wenchang', title: '义务磨刀', startsAt: new Date('2027-01-30T01:00:00Z'), endsAt: null, place: '文昌社区广场' },
    ];
  },
};
const tree = stationTreeOf(readDemoStations());
const http = createHttpServer({ log: createCapturingLogger().log });
const url = (path: string) => `http://127.0.0.1:${http.port()}${path}`;

beforeAll(async () => {
  const calendar = createCalendar(readCalendarFile(), 'Asia/Shanghai');
  addCalendarFeedRoutes(http, { db: {} as Db, tree, calendar, events }, () => new Date('2027-01-10T00:00:00Z'));
  await http.listen(0, '127.0.0.1');
});
afterAll(() => http.close());

it('serves a station’s feed as text/calendar, with the events of it and the stations below', async () => {
  const res = await fetch(url(feedPath('nanhu-jianshe')));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  const body = await res.text();
  expect(body).toContain('X-WR-CALNAME:建设街道分站 服务日历');
  expect(body).toContain('SUMMARY:义务磨刀');
  expect(body).toContain('DTSTART;VALUE=DATE:20270130');
  const [q] = asked;
  expect(q?.codes).toContain('nanhu-jianshe');
  expect(q?.codes).toContain('nanhu-jianshe-wenchang');
  expect(q?.codes).not.toContain('nanhu');
  expect(q?.from.toISOString()).toBe('2026-11-30T16:00:00.000Z');
});

it('answers 404 for a station that does not exist', async () => {
  expect((await fetch(url('/calendar/nowhere.ics'))).status).toBe(404);
});
