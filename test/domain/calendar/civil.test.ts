import { describe, expect, it } from 'vitest';
import { addDays, dateIn, instantOf, isCivilDate, lastSaturday, weekday, zonedParts } from '../../../src/domain/calendar/civil.js';

describe('civil dates', () => {
  it('finds the last Saturday of every month 2025–2030, checked day by day', () => {
    for (let year = 2025; year <= 2030; year++) {
      for (let month = 1; month <= 12; month++) {
        let expected = '';
        for (let day = 1; day <= 31; day++) {
          const d = new Date(Date.UTC(year, month - 1, day));
          if (d.getUTCMonth() === month - 1 && d.getUTCDay() === 6) expected = d.toISOString().slice(0, 10);
        }
        expect(lastSaturday(year, month), `${year}-${month}`).toBe(expected);
      }
    }
  });

  it('knows a few last Saturdays by heart', () => {
    expect(lastSaturday(2025, 1)).toBe('2025-01-25');
    expect(lastSaturday(2026, 2)).toBe('2026-02-28');
    expect(lastSaturday(2027, 12)).toBe('2027-12-25');
    expect(lastSaturday(2028, 2)).toBe('2028-02-26');
  });

  it('adds days across month, year and leap-day ends', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(weekday('2027-01-01')).toBe(5);
  });

  it('refuses dates that do not exist', () => {
    expect(isCivilDate('2027-02-29')).toBe(false);
    expect(isCivilDate('2028-02-29')).toBe(true);
    expect(isCivilDate('2027-13-01')).toBe(false);
    expect(isCivilDate('27-01-01')).toBe(false);
  });

  it('turns a wall-clock time in a zone into the instant and back', () => {
    expect(instantOf('2027-01-25', '07:30', 'Asia/Shanghai').toISOString()).toBe('2027-01-24T23:30:00.000Z');
    expect(instantOf('2027-01-01', '00:00', 'Asia/Shanghai').toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(dateIn(new Date('2026-12-31T16:00:00Z'), 'Asia/Shanghai')).toBe('2027-01-01');
    expect(dateIn(new Date('2026-12-31T15:59:59Z'), 'Asia/Shanghai')).toBe('2026-12-31');
    // A zone with daylight saving: 09:00 in Berlin is 08:00 UTC in winter, 07:00 in summer.
    expect(instantOf('2027-01-22', '09:00', 'Europe/Berlin').toISOString()).toBe('2027-01-22T08:00:00.000Z');
    expect(instantOf('2027-07-22', '09:00', 'Europe/Berlin').toISOString()).toBe('2027-07-22T07:00:00.000Z');
    expect(zonedParts(new Date('2027-07-22T07:00:00Z'), 'Europe/Berlin')).toMatchObject({ date: '2027-07-22', hour: 9, minute: 0 });
  });
});
