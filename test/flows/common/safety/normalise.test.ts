import { describe, expect, it } from 'vitest';
import { clausesOf } from '../../../../flows/common/safety/index.js';
import { fixTypos, normaliseClause, readEnglish } from '../../../../flows/common/safety/normalise.js';

// === Before matching: Wu and colloquial forms, pinyin typos and a little English, read as Mandarin

describe('normaliseClause: Wu and colloquial forms', () => {
  it.each([
    ['老头子爬勿起来', '老头子爬不起来'],
    ['是真的伐', '是真的吗'],
    ['屋里厢一股味道', '家里一股味道'],
    ['老太婆寻勿着了', '老太太找不着了'],
    ['右手捏勿牢筷子', '右手捏不住筷子'],
    ['血止勿牢', '血止不住'],
    ['小囡发寒热', '孩子发寒热'],
    ['伊掼了一跤', '他摔了一跤'],
    ['刚刚掼倒了', '刚刚摔倒了'],
    ['老头子困在地上', '老头子躺在地上'],
    ['一直困觉', '一直睡觉'],
    ['讲闲话讲勿清爽', '说话说不清楚'],
    ['透勿过气', '透不过气'],
    ['透气难过', '呼吸难过'],
    ['心口痛煞了', '心口痛死了'],
    ['心跳交关快', '心跳很快'],
    ['钞票被划走了', '钱被划走了'],
    ['拉了两日肚子', '拉了两天肚子'],
    ['面孔煞白', '脸煞白'],
    ['在楼梯上迭了一跤', '在楼梯上摔了一跤'],
  ])('%s → %s', (wu, mandarin) => {
    expect(normaliseClause(wu)).toBe(mandarin);
  });

  it('a lift stays a lift: 困 in a lift is trapped, on the floor it is lying', () => {
    expect(normaliseClause('困在电梯里')).toBe('困在电梯里');
    expect(normaliseClause('困在地板上')).toBe('躺在地板上');
  });

  it('leaves Mandarin as it is (坐牢, 老人, 讲座, 脱落)', () => {
    for (const text of ['他坐牢了', '老人摔倒了', '防诈骗讲座', '墙皮脱落', '老大爷晕倒了']) expect(normaliseClause(text)).toBe(text);
  });
});

describe('fixTypos: a danger word typed with characters of the same sound', () => {
  it.each([
    ['就护车', '救护车'],
    ['电题停了', '电梯停了'],
    ['凶口闷', '胸口闷'],
    ['雪压两百', '血压两百'],
    ['头云得厉害', '头晕得厉害'],
    ['隔壁在帽烟', '隔壁在冒烟'],
    ['输了蜜码', '输了密码'],
  ])('%s → %s', (typo, word) => {
    expect(fixTypos(typo)).toBe(word);
  });

  it('never rewrites a real word, a number, or a word a typo would cut in two', () => {
    // 九名 (nine people), 抱紧, 猫眼 are words; 有点事 holds 有点, so 点事 is not 电视.
    for (const text of ['九名老人', '抱紧孩子', '猫眼里看', '我有点事想问', '收集旧衣服']) expect(fixTypos(text)).toBe(text);
  });
});

describe('readEnglish and clausesOf', () => {
  it('reads the few English words that name danger, before the message is cut', () => {
    expect(readEnglish('my mom says her left arm 麻了')).toBe('我妈左边手臂麻了');
    expect(clausesOf('Hi 我是在北京的女儿 my mom says her left arm 麻了半天了 抬不起来')).toContain('我妈左边手臂麻了半天了');
    expect(clausesOf('jiuming')).toEqual(['救命']);
  });

  it('reads danger words spelt in pinyin letters, wholly or in part, and emoji that picture them', () => {
    expect(clausesOf('jiu hu che 快')).toEqual(['救护车', '快']);
    expect(clausesOf('xiong口疼')).toEqual(['胸口疼']);
    expect(clausesOf('我妈zhong feng了')).toEqual(['我妈中风了']);
    expect(clausesOf('🆘')).toEqual(['sos']);
    expect(clausesOf('快叫🚑')).toEqual(['快叫救护车']);
    // Letters that only start a word, or spell no danger word, stay.
    expect(clausesOf('jiuzhe 吧')).toEqual(['jiuzhe', '吧']);
  });

  it('leaves out greetings, thanks and apologies (不好意思 holds 意思), not words that hold them', () => {
    expect(clausesOf('小同志你好，不好意思打扰了，我妈摔了')).toEqual(['我妈摔了']);
    expect(clausesOf('我觉得你好坏')).toEqual(['我觉得你好坏']);
  });
});

describe('fixTypos: words as they are read, never a particle, never an everyday word', () => {
  it('a danger word by the sound of the word (着火 is zhao huo), both characters typed wrong too', () => {
    expect(fixTypos('三楼找火了')).toBe('三楼着火了');
    expect(fixTypos('老头子婚到了')).toBe('老头子昏倒了');
    expect(fixTypos('店事里讲')).toBe('电视里讲');
  });

  it('not across a particle, nor an everyday word the dictionary lacks', () => {
    expect(fixTypos('然后呢水放不掉')).toBe('然后呢水放不掉');
    expect(fixTypos('五十了找活干')).toBe('五十了找活干');
  });
});
