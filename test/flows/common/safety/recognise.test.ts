import { describe, expect, it } from 'vitest';
import { detectEmergency } from '../../../../flows/common/safety/index.js';

const urgent = (text: string) => {
  const r = detectEmergency(text);
  return r.level === 'urgent' ? r.services : [];
};

describe('detectEmergency', () => {
  it.each([
    ['我摔倒了', ['摔倒'], ['120']],
    ['老伴晕倒了', ['晕倒'], ['120']],
    ['他昏迷了', ['昏迷'], ['120']],
    ['胸痛得厉害', ['胸痛'], ['120']],
    ['孩子高烧不退', ['高烧不退'], ['120']],
    ['家里着火了', ['着火'], ['119']],
    ['有人闯入我家', ['有人闯入'], ['110']],
    ['着火了，有人晕倒', ['晕倒', '着火'], ['120', '119']],
  ])('%j → words %j, services %j', (text, words, services) => {
    expect(detectEmergency(text)).toMatchObject({ level: 'urgent', words, services });
  });

  it('救命 alone offers all three numbers; with a named danger, that danger’s number (changed: no 110 beside 119)', () => {
    expect(detectEmergency('救命')).toMatchObject({ level: 'urgent', services: ['120', '119', '110'], categories: ['plea'] });
    expect(detectEmergency('救救我')).toMatchObject({ level: 'urgent', services: ['120', '119', '110'] });
    expect(detectEmergency('救命！着火了')).toMatchObject({ level: 'urgent', words: ['着火', '救命'], services: ['119'], categories: ['fire', 'plea'] });
  });

  it.each([
    ['我爸突然说不出话，半边身子动不了', ['120']],
    ['老伴有糖尿病，现在浑身冒冷汗', ['120']],
    ['我父亲90岁了，已经高烧了几天，路也走不了', ['120']],
    ['老头子叫不醒', ['120']],
    ['我妈摔了一跤爬不起来', ['120']],
    ['有人在撬我家的门', ['110']],
    ['我被骗了五万块钱', ['110', '96110']],
    ['我爸老年痴呆走丢了', ['110']],
    ['燃气灶打不着火，还有一股煤气味', ['119']],
    ['煤气泄漏', ['119']],
    // A negation earlier in the sentence does not hide a later emergency.
    ['家里没人我爸晕倒了', ['120']],
    ['不是我，是我妈喘不过气来', ['120']],
    // Spaces and emoji part clauses; single characters typed apart are one word.
    ['我爸摔倒了 现在起不来了', ['120']],
    [' 我 摔 倒 了 ', ['120']],
    ['😭😭老伴叫不醒😭', ['120']],
    // A suspicion counts.
    ['我爸是不是中风了 嘴歪了', ['120']],
  ])('the issue’s missed emergency %j → %j', (text, services) => {
    expect(urgent(text)).toEqual(services);
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
    ['上次摔坏的椅子'],
    ['烟雾报警器没电了'],
    ['想咨询高血压吃什么'],
    ['社区有防诈骗讲座吗'],
    ['着火了怎么办的宣传单'],
    ['我爸中风过，想找人做康复'],
    ['杯子摔到地上碎了'],
    ['电视坏了'],
    ['水管漏水'],
    ['火车票怎么买'],
    [''],
  ])('%j raises nothing (not now, not real, a question, or no danger)', (text) => {
    expect(detectEmergency(text)).toEqual({ level: null, words: [], services: [], categories: [], aids: [] });
  });

  it.each([
    ['妈妈烧了三天了', '120'],
    ['发烧好几天了', '120'],
    ['有点头晕', '120'],
    ['胸闷', '120'],
    ['血压好高', '120'],
    ['烟雾报警器一直在响', '119'],
    ['有个陌生电话说我中奖了', '96110'],
  ])('%j is watch level (%s): a soft line, never silence', (text, service) => {
    expect(detectEmergency(text)).toMatchObject({ level: 'watch', services: [service] });
  });

  it('a fever of days turns urgent at 80 or more, or when it does not go down', () => {
    expect(urgent('我奶奶85岁 发烧三天了')).toEqual(['120']);
    expect(urgent('烧了3天了还不退')).toEqual(['120']);
    expect(detectEmergency('烧了3天了').level).toBe('watch');
  });

  it('a fall said to be harmless raises nothing; reassurance does not hide a worse sign in the same message', () => {
    // The held-out batches' writers label 摔了一跤没事 calm: nobody is in danger now.
    for (const text of ['摔了一跤没事', '我妈摔了一跤，没受伤', '跳舞摔了下 不疼']) expect(detectEmergency(text).level, text).toBeNull();
    expect(detectEmergency('摔了一跤 没事吧 起不来了').level).toBe('urgent');
    expect(urgent('摔了一跤 说没事 但是头上流了好多血')).toEqual(['120']);
  });

  it('a figure of speech is no plea; a call to the police declined, or already made, is none to make', () => {
    expect(detectEmergency('救命 饿死了 食堂几点开').level).toBeNull();
    expect(detectEmergency('救命 热死了 我爸晕倒了').level).toBe('urgent');
    expect(detectEmergency('老伴讲要报警 我觉得不用 就是楼上吵').level).toBeNull();
    expect(detectEmergency('电瓶车被偷了 报过警了 想问问保险').level).toBeNull();
  });

  it('a watch sign with a routine need asked for is calm, but not the chest', () => {
    expect(detectEmergency('我爸头晕 能不能请家庭医生上门看看').level).toBeNull();
    expect(detectEmergency('我爸胸闷 能不能请家庭医生上门看看')).toMatchObject({ level: 'watch', services: ['120'] });
  });

  it('a very long text and odd characters do not throw', () => {
    expect(detectEmergency('啊'.repeat(10_000)).level).toBeNull();
    expect(detectEmergency('\u0000\uFFFF🙂').level).toBeNull();
  });
});
