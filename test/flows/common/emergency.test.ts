import { describe, expect, it } from 'vitest';
import { EMERGENCY_WORDS, detectEmergency, emergencyActions } from '../../../flows/common/emergency.js';
import { startWish, W } from './wish.fixtures.js';

describe('detectEmergency', () => {
  it.each([
    ['我摔倒了', ['摔倒'], ['120']],
    ['老伴晕倒了', ['晕倒'], ['120']],
    ['他昏迷了', ['昏迷'], ['120']],
    ['胸痛得厉害', ['胸痛'], ['120']],
    ['喘不上气', ['喘不上气'], ['120']],
    ['孩子高烧不退', ['高烧不退'], ['120']],
    ['家里着火了', ['着火'], ['119']],
    ['煤气泄漏', ['煤气泄漏'], ['119']],
    ['救命', ['救命'], ['120', '119', '110']],
    ['救命！着火了', ['着火', '救命'], ['119', '110']],
    ['有人闯入我家', ['有人闯入'], ['110']],
    ['着火了，有人晕倒', ['晕倒', '着火'], ['120', '119']],
  ])('%j → words %j, services %j', (text, words, services) => {
    expect(detectEmergency(text)).toEqual({ words, services });
  });

  it('reads full-width and spaced text', () => {
    expect(detectEmergency(' 我 摔 倒 了 ').services).toEqual(['120']);
  });

  it.each([['电视坏了'], ['水管漏水'], ['火车票怎么买'], ['']])('%j is no emergency', (text) => {
    expect(detectEmergency(text)).toEqual({ words: [], services: [] });
  });

  it('every word names a known service', () => {
    for (const [word, service] of EMERGENCY_WORDS) {
      expect(['120', '119', '110']).toContain(service);
      expect(detectEmergency(`快来，${word}了`).words).toContain(word);
    }
  });
});

describe('emergencyActions', () => {
  const event = { type: 'emergency.detected', words: ['着火'], services: ['119'] };
  it('tells whom to call, then records an alert with the words', () => {
    const [tell, alert] = emergencyActions((services) => `call ${services.join(',')}`);
    expect(tell.type).toBe('reply');
    expect(tell.params({ event })).toEqual({ text: 'call 119' });
    expect(alert.type).toBe('recordAlert');
    expect(alert.params({ event })).toEqual({ words: ['着火'], services: ['119'] });
    expect(alert.params({ event: { type: 'answer.text' } })).toEqual({ words: [], services: [] });
  });

  it('in a flow: the numbers first, an alert, then the same question', () => {
    const c = startWish().say('去海边').say('救命！着火了');
    expect(c.texts).toEqual([W.emergency(['119', '110']), `${W.askColour}（去海边）`]);
    expect(c.effectsOf('recordAlert')).toEqual([{ words: ['着火', '救命'], services: ['119', '110'] }]);
    expect(c.state).toBe('colour');
  });
});
