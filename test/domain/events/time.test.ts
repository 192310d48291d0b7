import { describe, expect, it } from 'vitest';
import { formatEventTime, nextServiceDays, parseEventTime, zonedInstant } from '../../../src/domain/events/time.js';

// Saturday 5 December 2026, 10:00 in Shanghai.
const NOW = new Date('2026-12-05T02:00:00Z');
const read = (text: string, tz = 'Asia/Shanghai') => parseEventTime(text, NOW, tz);
const start = (text: string) => {
  const r = read(text);
  if (!r.ok) throw new Error(`${text}: ${r.reason}`);
  return r;
};

describe('parseEventTime', () => {
  it.each([
    ['12月27日上午9点', '2026-12-27T01:00:00.000Z', null],
    ['下周六 9:00', '2026-12-12T01:00:00.000Z', null],
    ['2027-01-25 14:00', '2027-01-25T06:00:00.000Z', null],
    ['2027年1月25日14时', '2027-01-25T06:00:00.000Z', null],
    ['十二月二十七日下午三点', '2026-12-27T07:00:00.000Z', null],
    ['明天下午两点半', '2026-12-06T06:30:00.000Z', null],
    ['星期日上午九点', '2026-12-06T01:00:00.000Z', null],
    ['12月26日上午9点到11点', '2026-12-26T01:00:00.000Z', '2026-12-26T03:00:00.000Z'],
    ['1月25日 14:00-16:00', '2027-01-25T06:00:00.000Z', '2027-01-25T08:00:00.000Z'],
    ['今天晚上7点30', '2026-12-05T11:30:00.000Z', null],
    ['12/31 20:00', '2026-12-31T12:00:00.000Z', null],
    ['２７号　９：００', '2026-12-27T01:00:00.000Z', null],
  ])('%s', (text, startsAt, endsAt) => {
    expect(start(text)).toEqual({ ok: true, startsAt, endsAt });
  });

  it('takes a date without a year as next year when it passed more than 30 days ago (1月25日 typed in December)', () => {
    expect(start('1月25日 9点').startsAt).toBe('2027-01-25T01:00:00.000Z');
  });

  it.each([
    ['12月27日', 'no_time'],
    ['下周六', 'no_time'],
    ['12月1日 9点', 'past'],
    ['今天9点', 'past'],
    ['2020-01-01 09:00', 'past'],
    ['2月30日 9点', 'unknown'],
    ['改天再说', 'unknown'],
    ['25点', 'unknown'],
    ['明天下午3点到1点', 'end_before_start'],
    ['2028-06-01 09:00', 'too_far'],
  ])('refuses %s (%s)', (text, reason) => {
    expect(read(text)).toEqual({ ok: false, reason });
  });

  it('reads the wall clock of the configured time zone', () => {
    expect(parseEventTime('2027-01-25 14:00', NOW, 'Europe/Berlin')).toEqual({ ok: true, startsAt: '2027-01-25T13:00:00.000Z', endsAt: null });
    expect(zonedInstant(2027, 7, 1, 9, 0, 'Europe/Berlin').toISOString()).toBe('2027-07-01T07:00:00.000Z');
  });
});

describe('formatEventTime', () => {
  it('shows the day, weekday and times; the year only when it is not this year', () => {
    expect(formatEventTime(new Date('2026-12-26T01:00:00Z'), new Date('2026-12-26T03:00:00Z'), 'Asia/Shanghai', NOW)).toBe('12月26日（周六）09:00–11:00');
    expect(formatEventTime(new Date('2027-01-25T06:00:00Z'), null, 'Asia/Shanghai', NOW)).toBe('2027年1月25日（周一）14:00');
  });
});

describe('nextServiceDays', () => {
  it('gives the next 25th and last Saturday at 08:30, at least an hour ahead, one when they coincide', () => {
    const days = (iso: string) => nextServiceDays(new Date(iso), 'Asia/Shanghai').map((d) => [d.kind, d.local]);
    expect(days('2026-12-05T02:00:00Z')).toEqual([
      ['25th', '2026-12-25 08:30'],
      ['last-saturday', '2026-12-26 08:30'],
    ]);
    // 08:00 on the 25th: too close, the next month's.
    expect(days('2026-12-25T00:00:00Z')).toEqual([
      ['last-saturday', '2026-12-26 08:30'],
      ['25th', '2027-01-25 08:30'],
    ]);
    // 25 September 2027 is the last Saturday.
    expect(days('2027-09-20T00:00:00Z')).toEqual([['last-saturday', '2027-09-25 08:30']]);
  });
});
