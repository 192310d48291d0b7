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

  it.each([
    ['我爸突然说不出话，半边身子动不了', ['120']],
    ['老伴有糖尿病，现在浑身冒冷汗', ['120']],
    ['我父亲90岁了，已经高烧了几天，路也走不了', ['120']],
    ['妈妈烧了三天了', ['120']],
    ['老头子叫不醒', ['120']],
    ['我妈摔了一跤爬不起来', ['120']],
    ['有人在撬我家的门', ['110']],
    ['我被骗了五万块钱', ['110', '96110']],
    ['我爸老年痴呆走丢了', ['110']],
    ['燃气灶打不着火，还有一股煤气味', ['119']],
    ['救救我', ['120', '119', '110']],
    // A negation earlier in the sentence does not hide a later emergency.
    ['家里没人我爸晕倒了', ['120']],
    ['不是我，是我妈喘不过气来', ['120']],
  ])('the issue’s missed emergency %j → %j', (text, services) => {
    expect(detectEmergency(text).services).toEqual(services);
  });

  it.each([
    ['燃气灶打不着火'],
    ['煤气灶点不着火了，帮忙看看'],
    ['没有着火，就是插座坏了'],
    ['不是摔倒，是椅子腿断了'],
    ['上次摔倒的时候扶手松了，想装个扶手'],
    ['想咨询一下怎么防止被骗'],
    ['担心老人走丢，想办个定位手环'],
    ['万一着火了怎么办，想学学灭火器'],
    ['想问问中风以后怎么康复'],
  ])('%j raises no alarm (not now, not real, or a question)', (text) => {
    expect(detectEmergency(text)).toEqual({ words: [], services: [] });
  });

  it('reads full-width and spaced text', () => {
    expect(detectEmergency(' 我 摔 倒 了 ').services).toEqual(['120']);
  });

  it.each([['电视坏了'], ['水管漏水'], ['火车票怎么买'], ['']])('%j is no emergency', (text) => {
    expect(detectEmergency(text)).toEqual({ words: [], services: [] });
  });

  it('every word names a known service', () => {
    for (const [word, service] of EMERGENCY_WORDS) {
      expect(['120', '119', '110', '96110']).toContain(service);
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
