import { describe, expect, it } from 'vitest';
import { feedRange, foldOctets, stationFeed } from '../../../src/domain/calendar/feed.js';
import { readCalendarFile } from '../../../src/domain/calendar/rules.js';
import { createCalendar } from '../../../src/domain/calendar/schedule.js';

const calendar = createCalendar(readCalendarFile(), 'Asia/Shanghai');
const now = new Date('2027-09-10T02:00:00Z');
const feed = stationFeed({
  calendar,
  station: { code: 'nanhu-jianshe-wenchang', name: '文昌社区' },
  events: [
    {
      id: 7,
      stationCode: 'nanhu-jianshe-wenchang',
      title: '义务理发',
      startsAt: new Date('2027-09-25T00:30:00Z'),
      endsAt: new Date('2027-09-25T03:00:00Z'),
      place: '文昌社区文化广场',
    },
    { id: 8, stationCode: 'nanhu-jianshe-wenchang', title: '重阳敬老午餐', startsAt: new Date('2027-10-08T03:00:00Z'), endsAt: null, place: '文昌社区食堂' },
  ],
  from: '2027-09-01',
  to: '2027-10-31',
  now,
});

/** The feed's content lines, unfolded (RFC 5545 3.1). */
const unfolded = feed.replace(/\r\n[ \t]/g, '').split('\r\n');
/** Each VEVENT's properties. */
const vevents = feed
  .replace(/\r\n[ \t]/g, '')
  .split('BEGIN:VEVENT\r\n')
  .slice(1)
  .map((block) => block.split('END:VEVENT')[0]!.split('\r\n').filter(Boolean));

describe('a station’s .ics feed', () => {
  it('is valid RFC 5545 text: CRLF lines folded at 75 octets, balanced components', () => {
    expect(feed.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(feed.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
    expect(feed.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of feed.split('\r\n')) expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
    for (const c of ['VCALENDAR', 'VEVENT', 'VALARM']) expect(feed.split(`BEGIN:${c}\r\n`).length).toBe(feed.split(`END:${c}\r\n`).length);
    expect(unfolded).toContain('X-WR-CALNAME:文昌社区 服务日历');
  });

  it('has every service day and holiday activity once, with a UID and DTSTAMP, and the station’s events', () => {
    const summaries = vevents.map((v) => v.find((l) => l.startsWith('SUMMARY:')));
    expect(summaries).toEqual([
      'SUMMARY:党员志愿服务日、党员先锋服务日',
      'SUMMARY:重阳节',
      'SUMMARY:党员先锋服务日',
      'SUMMARY:党员志愿服务日',
      'SUMMARY:义务理发',
      'SUMMARY:重阳敬老午餐',
    ]);
    const uids = vevents.map((v) => v.find((l) => l.startsWith('UID:')));
    expect(new Set(uids).size).toBe(6);
    for (const v of vevents) expect(v).toContain('DTSTAMP:20270910T020000Z');
    expect(vevents[0]).toContain('DTSTART;VALUE=DATE:20270925');
    expect(vevents[0]).toContain('DTEND;VALUE=DATE:20270926');
    expect(vevents[4]).toEqual(expect.arrayContaining(['DTSTART:20270925T003000Z', 'DTEND:20270925T030000Z', 'LOCATION:文昌社区文化广场']));
    expect(vevents[5]).toEqual(expect.arrayContaining(['DTSTART:20271008T030000Z', 'DURATION:PT2H']));
  });

  it('carries the reminders as alarms: three days before at 09:00, the day at 07:30', () => {
    const triggers = vevents[0]!.filter((l) => l.startsWith('TRIGGER'));
    expect(triggers).toEqual(['TRIGGER:-P2DT15H', 'TRIGGER:PT7H30M']);
    expect(vevents[4]!.some((l) => l.startsWith('TRIGGER'))).toBe(false);
  });

  it('reaches from the start of last month to a year ahead, in the calendar’s zone', () => {
    expect(feedRange(now, 'Asia/Shanghai')).toEqual({ from: '2027-08-01', to: '2028-08-31' });
    expect(feedRange(new Date('2026-12-31T16:30:00Z'), 'Asia/Shanghai')).toEqual({ from: '2026-12-01', to: '2027-12-31' });
    expect(feedRange(new Date('2026-12-31T16:30:00Z'), 'UTC')).toEqual({ from: '2026-11-01', to: '2027-11-30' });
  });
});

describe('folding', () => {
  it('folds at 75 octets without splitting a character, and unfolds to the same text', () => {
    const line = `DESCRIPTION:${'党员志愿服务日'.repeat(9)}abc`;
    const folded = foldOctets(`BEGIN:VCALENDAR\r\n${line}\r\nEND:VCALENDAR\r\n`);
    for (const l of folded.split('\r\n')) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
    expect(folded.split('\r\n')[2]?.startsWith(' ')).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(`BEGIN:VCALENDAR\r\n${line}\r\nEND:VCALENDAR\r\n`);
  });
});
