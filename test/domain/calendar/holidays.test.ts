import { describe, expect, it } from 'vitest';
import { createHolidayBook, solarOfLunar } from '../../../src/domain/calendar/holidays.js';

const book = createHolidayBook({ holidaysByHand: {} });

function restDays(year: number, name: string): string[] {
  return [...book.year(year).holidays].filter(([, n]) => n === name).map(([d]) => d);
}
function workdays(year: number, name: string): string[] {
  return [...book.year(year).workdays].filter(([, n]) => n === name).map(([d]) => d);
}

describe('official holidays and make-up working days (State Council notices)', () => {
  it('2025: 春节 Jan 28–Feb 4, 调休 Jan 26 and Feb 8; 国庆 Oct 1–8, 调休 Sep 28 and Oct 11', () => {
    expect(book.year(2025).source).toBe('published');
    expect(restDays(2025, '春节')).toEqual(['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-02-02', '2025-02-03', '2025-02-04']);
    expect(workdays(2025, '春节')).toEqual(['2025-01-26', '2025-02-08']);
    // 中秋 fell on Oct 6 that year, inside the National Day break.
    expect([...restDays(2025, '国庆节'), ...restDays(2025, '中秋')].sort()).toEqual([
      '2025-10-01',
      '2025-10-02',
      '2025-10-03',
      '2025-10-04',
      '2025-10-05',
      '2025-10-06',
      '2025-10-07',
      '2025-10-08',
    ]);
    expect(workdays(2025, '国庆节')).toEqual(['2025-09-28', '2025-10-11']);
    expect(restDays(2025, '劳动节')).toEqual(['2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04', '2025-05-05']);
  });

  it('2026: 春节 Feb 15–23, 调休 Feb 14 and Feb 28; 元旦 Jan 1–3 with Jan 4 worked', () => {
    expect(restDays(2026, '春节')).toEqual([
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
    ]);
    expect(workdays(2026, '春节')).toEqual(['2026-02-14', '2026-02-28']);
    expect(restDays(2026, '元旦')).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);
    expect(workdays(2026, '元旦')).toEqual(['2026-01-04']);
  });

  it('reports 2027–2030 as not yet published, with no day guessed', () => {
    for (const year of [2027, 2028, 2029, 2030]) {
      expect(book.year(year).source, String(year)).toBe('not-published');
      expect(book.year(year).holidays.size).toBe(0);
      expect(book.day(`${year}-01-01`)).toEqual({ source: 'not-published', holiday: undefined, workday: undefined });
    }
  });

  it('takes a year set by hand only when the package has none', () => {
    const byHand = createHolidayBook({
      holidaysByHand: {
        '2027': { holidays: { '2027-02-06': '春节' }, workdays: { '2027-02-14': '春节' } },
        '2026': { holidays: { '2026-03-03': '乱填' }, workdays: {} },
      },
    });
    expect(byHand.day('2027-02-06')).toEqual({ source: 'by-hand', holiday: '春节', workday: undefined });
    expect(byHand.day('2027-02-14').workday).toBe('春节');
    expect(byHand.day('2026-03-03')).toEqual({ source: 'published', holiday: undefined, workday: undefined });
  });

  it('computes 春节 and 重阳 for any year from the lunar calendar', () => {
    const springFestival = { 2025: '2025-01-29', 2026: '2026-02-17', 2027: '2027-02-06', 2028: '2028-01-26', 2029: '2029-02-13', 2030: '2030-02-03' };
    const doubleNinth = { 2025: '2025-10-29', 2026: '2026-10-18', 2027: '2027-10-08', 2028: '2028-10-26', 2029: '2029-10-16', 2030: '2030-10-05' };
    for (const [year, date] of Object.entries(springFestival)) expect(solarOfLunar(Number(year), '01-01')).toBe(date);
    for (const [year, date] of Object.entries(doubleNinth)) expect(solarOfLunar(Number(year), '09-09')).toBe(date);
  });
});
