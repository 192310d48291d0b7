import { describe, expect, it } from 'vitest';
import { readCalendarFile } from '../../../src/domain/calendar/rules.js';
import { createCalendar, dueAt, remindersBetween } from '../../../src/domain/calendar/schedule.js';
import { LONG_MS } from '../../support/patience.js';

const calendar = createCalendar(readCalendarFile(), 'Asia/Shanghai');
const at = (local: string) => new Date(`${local}+08:00`);

/** Every minute from `from` to `to` at which something is due, with what. */
function firingMinutes(from: string, to: string): string[] {
  const fired: string[] = [];
  for (let t = at(from).getTime(); t < at(to).getTime(); t += 60_000) {
    const due = dueAt(calendar, new Date(t + 17_000)); // any second within the minute
    if (due.length > 0) fired.push(`${new Date(t + 8 * 3_600_000).toISOString().slice(0, 16)} ${due.map((r) => r.key).join(' ')}`);
  }
  return fired;
}

describe('what is due at minute M', () => {
  // Every minute of two weeks is tens of thousands of calls: a limit for a busy machine.
  it('fires at 09:00 three days before and 07:30 on the day, across the month and year end', { timeout: LONG_MS }, () => {
    expect(firingMinutes('2026-12-20T00:00', '2027-01-03T00:00')).toEqual([
      '2026-12-22T09:00 2026-12-25:three-days-before',
      '2026-12-23T09:00 2026-12-26:three-days-before',
      '2026-12-25T07:30 2026-12-25:morning-of',
      '2026-12-26T07:30 2026-12-26:morning-of',
      '2026-12-29T09:00 2027-01-01:three-days-before',
      '2027-01-01T07:30 2027-01-01:morning-of',
    ]);
  });

  it('fires once for the 25th on the last Saturday, across a February end', { timeout: LONG_MS }, () => {
    expect(firingMinutes('2027-02-20T00:00', '2027-03-01T00:00')).toEqual([
      '2027-02-22T09:00 2027-02-25:three-days-before',
      '2027-02-24T09:00 2027-02-27:three-days-before',
      '2027-02-25T07:30 2027-02-25:morning-of',
      '2027-02-27T07:30 2027-02-27:morning-of',
    ]);
    const sep = remindersBetween(calendar, at('2027-09-20T00:00'), at('2027-09-26T00:00'));
    expect(sep.map((r) => r.key)).toEqual(['2027-09-25:three-days-before', '2027-09-25:morning-of']);
    expect(sep[0]?.occurrence.items.map((i) => i.title)).toEqual(['党员志愿服务日', '党员先锋服务日']);
  });

  it('reads the reminder times in the configured zone, whatever zone the machine is in', () => {
    const berlin = createCalendar(readCalendarFile(), 'Europe/Berlin');
    expect(dueAt(berlin, new Date('2027-01-22T08:00:30Z')).map((r) => r.key)).toEqual(['2027-01-25:three-days-before']);
    expect(dueAt(berlin, new Date('2027-07-22T07:00:00Z')).map((r) => r.key)).toEqual(['2027-07-25:three-days-before']);
    expect(dueAt(calendar, new Date('2027-07-22T01:00:00Z')).map((r) => r.key)).toEqual(['2027-07-25:three-days-before']);
  });

  it('lists what a scheduler asleep for a span owes, in time order', () => {
    const owed = remindersBetween(calendar, at('2027-03-22T08:00'), at('2027-03-28T08:00'));
    expect(owed.map((r) => `${r.key} ${r.at.toISOString()}`)).toEqual([
      '2027-03-25:three-days-before 2027-03-22T01:00:00.000Z',
      '2027-03-27:three-days-before 2027-03-24T01:00:00.000Z',
      '2027-03-25:morning-of 2027-03-24T23:30:00.000Z',
      '2027-03-27:morning-of 2027-03-26T23:30:00.000Z',
    ]);
  });
});
