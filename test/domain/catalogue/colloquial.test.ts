import { describe, expect, it } from 'vitest';
import { plainMandarin } from '../../../src/domain/catalogue/colloquial.js';
import { createCatalogueMatcher } from '../../../src/domain/catalogue/matcher.js';
import { matchableChars } from '../../../src/domain/catalogue/text-reading.js';
import { readCatalogueFile } from '../../../src/domain/reference-data.js';

// === Dialect and colloquial forms read as plain Mandarin before matching

describe('plainMandarin', () => {
  it.each([
    ['冰箱勿冷了', '冰箱不冷了'],
    ['屋里厢的灯坏脱了', '家里的灯坏了'],
    ['钥匙寻勿着', '钥匙找不到'],
    ['老头子半年没汏浴了', '老伴半年没洗澡了'],
    ['夜里困勿着', '夜里睡不着'],
    ['啥辰光好来', '什么时候好来'],
    ['小囡的爷娘都在外地', '孩子的父母都在外地'],
    ['掼了一跤', '摔跤'],
    ['侬好派人来修伐？', '你好派人来修吗？'],
    ['电瓶车罢工了', '电动车坏了'],
    ['饭钿也没了', '饭钱也没了'],
    ['灯侪坏特了', '灯都坏了'],
    ['朆人来修', '没人来修'],
    ['寻老娘舅评评理', '找调解员评评理'],
    ['隔壁邻舍天天吵', '邻居天天吵'],
    ['晒台漏水', '阳台漏水'],
    ['窗帘要拆下来汰', '窗帘要拆下来洗'],
  ])('%s → %s', (text, plain) => {
    expect(plainMandarin(text)).toBe(plain);
  });

  it('leaves alone what only looks like a dialect form: 困难, 步伐, plain Mandarin', () => {
    expect(plainMandarin('家里困难')).toBe('家里困难');
    // 下头 is 下面, but not in 看一下头发 or 摸一下头皮 (剪一下头发 is 剪头发: how often says nothing of the need).
    expect(plainMandarin('看一下头发')).toBe('看一下头发');
    expect(plainMandarin('摸一下头皮')).toBe('摸一下头皮');
    expect(plainMandarin('剪一下头发')).toBe('剪头发');
    expect(plainMandarin('放在下头')).toBe('放在下面');
    expect(plainMandarin('步伐不稳')).toBe('步伐不稳');
    expect(plainMandarin('电视坏了，水管漏水')).toBe('电视坏了，水管漏水');
    expect(plainMandarin('旧电视淘汰了')).toBe('旧电视淘汰了');
  });
});

describe('what says nothing of the need', () => {
  it.each([
    ['谢谢小同志，水泵坏了', '水泵坏了'],
    ['不好意思打扰了，我眼睛不好', '我眼睛不好'],
    ['你好打扰了 嗯 就是说电视坏了 麻烦你了', '电视坏了'],
  ])('greetings, thanks, apologies and fillers are a pause: %s', (text, plain) => {
    expect(matchableChars(text).join('')).toBe(plain);
  });

  it('侬好 is "can you", not a greeting', () => {
    expect(matchableChars('侬好派人来修伐').join('')).toBe('你好派人来修吗');
  });

  it.each([
    ['换个锁', '换锁'],
    ['搬个柜子', '搬柜子'],
    ['想配两把钥匙', '想配钥匙'],
    ['送一桶水', '送水'],
    ['找个师傅', '找师傅'],
  ])('a measure word between a verb and its thing: %s → %s', (text, plain) => {
    expect(plainMandarin(text)).toBe(plain);
  });

  it.each([
    ['能不能订两份老人餐', '能不能订老人餐'],
    ['洗一次头汏一次浴', '洗头洗澡'],
    ['想修一下电视', '想修电视'],
    ['每个月量两次血压', '每个月量血压'],
    ['帮他擦擦身', '帮他擦身'],
    ['洗一洗澡', '洗澡'],
  ])('a measure of food, or how often, between a verb and its thing: %s → %s', (text, plain) => {
    expect(plainMandarin(text)).toBe(plain);
  });

  it('keeps how-often words that belong to something else: 一下子, 一下午, a verb with nothing after it', () => {
    expect(plainMandarin('家里一下子困难了')).toBe('家里一下子困难了');
    expect(plainMandarin('送一下午')).toBe('送一下午');
    expect(plainMandarin('想请人修一下')).toBe('想请人修一下');
    expect(plainMandarin('裤子破了 补补')).toBe('裤子破了 补补');
  });

  it.each([
    ['我是保姆 东家的冰箱不冷了', '东家的冰箱不冷了'],
    ['我是楼道长 4楼老伯想配钥匙', '4楼老伯想配钥匙'],
    ['我是小店老板 常有老人来问', '常有老人来问'],
    ['我是他家的护工 老人想理发', '老人想理发'],
    ['早上好 我是二楼的 帮楼上阿婆问一下', '帮阿婆问一下'],
  ])('a helper or bystander introducing themselves is a pause: %s', (text, plain) => {
    expect(matchableChars(text).join('')).toBe(matchableChars(plain).join(''));
  });

  it('keeps an introduction that says who needs the help: 残疾人, 退伍老兵, 一个人住的老人', () => {
    expect(plainMandarin('我是残疾人 想找工作')).toBe('我是残疾人 想找工作');
    expect(plainMandarin('我是退伍老兵')).toBe('我是退伍老兵');
    expect(plainMandarin('我是一个人住的老人')).toBe('我是一个人住的老人');
  });

  it('a neighbour named as a person is whom the request is for, a neighbour alone stays', () => {
    expect(plainMandarin('楼上阿爹洗衣机响')).toBe('阿爹洗衣机响');
    expect(plainMandarin('隔壁老伯裤子破了')).toBe('老伯裤子破了');
    expect(plainMandarin('对门的阿姨跳闸了')).toBe('阿姨跳闸了');
    expect(plainMandarin('楼上天天拖椅子')).toBe('楼上天天拖椅子');
    expect(plainMandarin('隔壁装修太吵')).toBe('隔壁装修太吵');
  });

  it('keeps measure words that belong to something else: 一个人, 这个, 换台', () => {
    expect(plainMandarin('一个人住')).toBe('一个人住');
    expect(plainMandarin('这个锁坏了')).toBe('这个锁坏了');
    expect(plainMandarin('遥控器换台没反应')).toBe('遥控器换台没反应');
  });

  it('no keyword of the catalogue reads as a single character (多配几把 must not become a bare 配)', () => {
    const catalogue = readCatalogueFile();
    const shrunk = catalogue.classes
      .flatMap((c) => c.items.flatMap((i) => [...i.keywords, ...(i.context ?? [])]))
      .filter((k) => Array.from(k).length >= 2 && matchableChars(k).length < 2);
    expect(shrunk).toEqual([]);
  });
});

describe('in the matcher', () => {
  const matcher = createCatalogueMatcher(readCatalogueFile(), { model: null });
  it.each([
    ['屋里厢马桶堵牢了 水勿走', 'drain-unblocking'],
    ['老头子汏浴汏勿动 要人帮忙', 'bath-help'],
    ['夜里困勿着 心里空落落', 'mental-support'],
    ['换个锁', 'lock-service'],
    ['搬个柜子', 'moving-help'],
    ['楼上阿爹洗依机转起来咣咣响', 'appliance-repair'],
    ['我是保姆 周末老人能不能放到你们那里一天', 'day-care'],
    ['想请人每礼拜来帮阿婆洗一次头汏一次浴', 'bath-help'],
  ])('the rules alone read "%s" as %s', (text, code) => {
    expect(matcher.match(text)[0]?.itemCode).toBe(code);
  });
});
