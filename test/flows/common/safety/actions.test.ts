import { describe, expect, it } from 'vitest';
import type { EventObject } from 'xstate';
import { emergencyActions, isWatch, watchActions } from '../../../../flows/common/safety/index.js';
import { safetyTexts } from '../../../../src/texts/safety.js';
import { startWish, W } from '../wish.fixtures.js';

describe('emergencyActions and watchActions', () => {
  const event = { type: 'emergency.detected', level: 'urgent', words: ['着火'], services: ['119'] } as EventObject;
  const watch = { ...event, level: 'watch', services: ['120'] } as EventObject;
  it('urgent: tells whom to call, then records an alert with the words', () => {
    const [tell, alert] = emergencyActions((services) => `call ${services.join(',')}`);
    expect(tell.type).toBe('reply');
    expect(tell.params({ event })).toEqual({ text: 'call 119' });
    expect(alert.type).toBe('recordAlert');
    expect(alert.params({ event })).toEqual({ words: ['着火'], services: ['119'] });
    expect(alert.params({ event: { type: 'answer.text' } })).toEqual({ words: [], services: [] });
  });

  it('watch: the soft line only, no alert', () => {
    const actions = watchActions((services) => `if worse call ${services.join(',')}`);
    expect(actions.map((a) => a.type)).toEqual(['reply']);
    expect(actions[0].params({ event: watch })).toEqual({ text: 'if worse call 120' });
    expect(isWatch({ event: watch })).toBe(true);
    expect(isWatch({ event })).toBe(false);
    expect(isWatch({ event: { type: 'answer.text' } })).toBe(false);
  });

  it('watch, unsure: the soft line asks (是不是有人现在有危险？) and names the numbers', () => {
    const unsure = { ...watch, services: ['120', '119', '110'], ask: true } as EventObject;
    const [line] = watchActions(safetyTexts.watch);
    expect(line.params({ event: unsure }).text).toMatch(/^是不是有人现在有危险？.*120.*119.*110/u);
    expect(line.params({ event: watch }).text).not.toContain('是不是有人现在有危险');
  });

  it('in a flow, urgent: the numbers first, an alert, then the same question', () => {
    const c = startWish().say('去海边').say('救命！着火了');
    expect(c.texts).toEqual([W.emergency(['119']), `${W.askColour}（去海边）`]);
    expect(c.effectsOf('recordAlert')).toEqual([{ words: ['着火', '救命'], services: ['119'] }]);
    expect(c.state).toBe('colour');
  });

  it('in a flow, watch: the soft line, no alert, then the same question', () => {
    const c = startWish().say('去海边').say('有点头晕');
    expect(c.texts).toEqual([W.watch(['120']), `${W.askColour}（去海边）`]);
    expect(c.effectsOf('recordAlert')).toEqual([]);
    expect(c.state).toBe('colour');
  });
});
