import { describe, expect, it } from 'vitest';
import { SERVICE_NAMES, SERVICE_TIPS, safetyTexts } from '../../src/texts/safety.js';

describe('safety texts', () => {
  it('the urgent line names each service, then one or two things to do per service', () => {
    const line = safetyTexts.emergency(['120', '119']);
    expect(line.startsWith('⚠️')).toBe(true);
    expect(line).toContain('120 急救、119 火警');
    expect(line).toContain(SERVICE_TIPS['120']);
    expect(line).toContain('关掉阀门');
    expect(safetyTexts.emergency(['999'])).toContain('999');
  });

  it('the watch line is soft: 如果… 请马上打 the number, no alarm sign', () => {
    for (const s of ['120', '119', '110', '96110']) {
      const line = safetyTexts.watch([s]);
      expect(line).toContain(s);
      expect(line).not.toContain('⚠️');
    }
    expect(safetyTexts.watch(['120'])).toMatch(/如果.*马上打 120/);
    expect(safetyTexts.watch(['999'])).toContain('999');
  });

  it('every service has a name and a tip', () => {
    expect(Object.keys(SERVICE_TIPS).sort()).toEqual(Object.keys(SERVICE_NAMES).sort());
  });
});
