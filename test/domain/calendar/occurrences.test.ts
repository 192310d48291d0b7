import { describe, expect, it } from 'vitest';
import { type CivilDate, lastSaturday } from '../../../src/domain/calendar/civil.js';
import { type CalendarRules, parseCalendarRules, readCalendarFile } from '../../../src/domain/calendar/rules.js';
import { createCalendar, occurrencesOf } from '../../../src/domain/calendar/schedule.js';

const rules = readCalendarFile();
const calendar = createCalendar(rules, 'Asia/Shanghai');

function withRecurring(change: (r: CalendarRules['recurring'][number]) => object): CalendarRules {
  return parseCalendarRules({ ...rules, recurring: rules.recurring.map((r) => ({ ...r, ...change(r) })) });
}

describe('service days 2025–2030', () => {
  const { occurrences } = occurrencesOf(calendar, '2025-01-01', '2030-12-31');
  const byDate = new Map(occurrences.map((o) => [o.date, o]));
  const ids = (date: CivilDate) => byDate.get(date)?.items.map((i) => i.id) ?? [];

  it('has every last Saturday and every 25th, and no other recurring day', () => {
    const expected = new Set<CivilDate>();
    for (let year = 2025; year <= 2030; year++) {
      for (let month = 1; month <= 12; month++) {
        const m = String(month).padStart(2, '0');
        expect(ids(lastSaturday(year, month)), `${year}-${m} last Saturday`).toContain('service-day');
        expect(ids(`${year}-${m}-25`), `${year}-${m}-25`).toContain('pioneer-day');
        expected.add(lastSaturday(year, month)).add(`${year}-${m}-25`);
      }
    }
    const recurring = occurrences.filter((o) => o.items.some((i) => i.kind === 'recurring')).map((o) => o.date);
    expect(new Set(recurring)).toEqual(expected);
  });

  it('announces the 25th on the last Saturday as one occurrence with two titles', () => {
    const together = occurrences.filter((o) => o.items.filter((i) => i.kind === 'recurring').length === 2).map((o) => o.date);
    // The 25th is the last Saturday exactly when it is a Saturday.
    const saturdays25 = occurrences.map((o) => o.date).filter((d) => d.endsWith('-25') && new Date(`${d}T00:00:00Z`).getUTCDay() === 6);
    expect(together).toEqual(saturdays25);
    expect(together.slice(0, 4)).toEqual(['2025-01-25', '2025-10-25', '2026-04-25', '2026-07-25']);
    expect(byDate.get('2026-04-25')?.items.map((i) => i.title)).toEqual(['党员志愿服务日', '党员先锋服务日']);
  });

  it('has the holiday activities, 春节 and 重阳 from the lunar calendar', () => {
    for (const d of ['2025-01-29', '2026-02-17', '2027-02-06', '2028-01-26', '2029-02-13', '2030-02-03']) expect(ids(d), d).toContain('spring-festival');
    for (const d of ['2025-10-29', '2026-10-18', '2027-10-08', '2028-10-26', '2029-10-16', '2030-10-05']) expect(ids(d), d).toContain('double-ninth');
    for (let y = 2025; y <= 2030; y++) {
      expect(ids(`${y}-01-01`)).toContain('new-year');
      expect(ids(`${y}-05-01`)).toContain('labour-day');
      expect(ids(`${y}-07-01`)).toContain('party-day');
    }
  });

  it('notes holidays, make-up working days and years not yet published', () => {
    expect(byDate.get('2026-02-28')?.holidayNote).toBe('春节调休上班日');
    expect(byDate.get('2025-05-31')?.holidayNote).toBe('端午假期');
    expect(byDate.get('2025-03-29')?.holidayNote).toBeNull();
    expect(byDate.get('2026-03-28')?.planUnknown).toBe(false);
    expect(byDate.get('2027-03-27')).toMatchObject({ holidayNote: null, planUnknown: true });
  });
});

describe('a recurring day on an official holiday', () => {
  it('is kept by default', () => {
    expect(occurrencesOf(calendar, '2025-05-31', '2025-05-31').occurrences.map((o) => o.items[0]?.id)).toEqual(['service-day']);
  });

  it('is skipped, and said so, when the rule says skip', () => {
    const skipping = createCalendar(
      withRecurring(() => ({ onHoliday: 'skip' })),
      'Asia/Shanghai',
    );
    const { occurrences, displaced } = occurrencesOf(skipping, '2025-05-01', '2025-06-30');
    expect(occurrences.map((o) => o.date)).not.toContain('2025-05-31');
    expect(displaced).toEqual([{ id: 'service-day', title: '党员志愿服务日', date: '2025-05-31', holiday: '端午', policy: 'skip' }]);
  });

  it('moves to the date the organizers set, even across a month end', () => {
    const moving = createCalendar(
      withRecurring(() => ({ onHoliday: 'move', moves: { '2025-05-31': '2025-06-07' } })),
      'Asia/Shanghai',
    );
    const june = occurrencesOf(moving, '2025-06-01', '2025-06-30').occurrences;
    expect(june.find((o) => o.date === '2025-06-07')?.items).toMatchObject([{ id: 'service-day', movedFrom: '2025-05-31' }]);
    expect(occurrencesOf(moving, '2025-05-01', '2025-05-31').occurrences.map((o) => o.date)).not.toContain('2025-05-31');
  });

  it('stays, flagged, when it should move but no date is set', () => {
    const unset = createCalendar(
      withRecurring(() => ({ onHoliday: 'move' })),
      'Asia/Shanghai',
    );
    const { occurrences, displaced } = occurrencesOf(unset, '2025-05-31', '2025-05-31');
    expect(occurrences).toHaveLength(1);
    expect(displaced[0]).toMatchObject({ date: '2025-05-31', policy: 'move-unset' });
  });
});

describe('the calendar file', () => {
  it('says which field is wrong', () => {
    expect(() => parseCalendarRules({ ...rules, reminders: [{ id: 'x', daysBefore: 3, time: '9 点' }] })).toThrow(/reminders\.0\.time: must be a time HH:MM/);
    expect(() => parseCalendarRules({ ...rules, recurring: [] })).toThrow(/recurring/);
  });
});
