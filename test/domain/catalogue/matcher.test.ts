import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../../src/domain/catalogue/load.js';
import { createCatalogueMatcher } from '../../../src/domain/catalogue/matcher.js';
import type { Catalogue } from '../../../src/domain/catalogue/types.js';
import { dictionaryWords } from '../../../src/domain/catalogue/words.js';

const catalogue = loadCatalogue(JSON.parse(fs.readFileSync(new URL('../../../db/seed/catalogue.json', import.meta.url), 'utf8')));
const matcher = createCatalogueMatcher(catalogue);
/** The keyword rules alone, without the learned model: how they score and choose. */
const rules = createCatalogueMatcher(catalogue, { model: null });
const top = (text: string): string | undefined => matcher.match(text)[0]?.itemCode;

describe('catalogue matcher on the seed catalogue', () => {
  it.each([
    ['电视坏了', 'appliance-repair'],
    ['我家电视没图像了', 'appliance-repair'],
    ['冰箱不制冷了怎么办', 'appliance-repair'],
    ['洗衣机不转了', 'appliance-repair'],
    ['微波炉不加热', 'appliance-repair'],
    ['热水器不出热水', 'appliance-repair'],
    ['水管漏水', 'water-electric-repair'],
    ['水龙头关不紧一直滴水', 'water-electric-repair'],
    ['家里突然停电了', 'water-electric-repair'],
    ['老是跳闸', 'water-electric-repair'],
    ['下水道堵了', 'drain-unblocking'],
    ['马桶堵住了冲不下去', 'drain-unblocking'],
    ['厨房水池不下水', 'drain-unblocking'],
    ['钥匙锁家里了', 'lock-service'],
    ['钥匙丢了进不了门', 'lock-service'],
    ['想剪个头发', 'haircut'],
    ['菜刀钝了', 'knife-key'],
    ['想配把钥匙', 'knife-key'],
    ['帮我买点菜', 'errands'],
    ['能帮忙取个快递吗', 'errands'],
    ['煤气灶打不着火', 'gas-stove-repair'],
    ['窗户关不上', 'door-window-repair'],
    ['手机不会用微信', 'digital-help'],
    ['手机没电了充不进电', 'digital-help'],
    ['电动车没气了', 'vehicle-repair'],
    ['屋顶漏雨', 'house-leak-repair'],
    ['社保怎么交', 'social-security'],
    ['医保报销', 'medical-insurance'],
    ['住院能报多少', 'medical-insurance'],
    ['身份证丢了', 'household-id'],
    ['退休金没到账', 'pension'],
    ['残疾证怎么办', 'disability-policy'],
    ['有人打电话说我中奖了', 'anti-fraud'],
    ['和邻居吵架了', 'neighbour-dispute'],
    ['楼上太吵了', 'neighbour-dispute'],
    ['儿子不孝顺不管我', 'family-conflict'],
    ['婆媳吵架', 'family-conflict'],
    ['物业不管事', 'property-dispute'],
    ['老板拖欠工资', 'labour-dispute'],
    ['买到假货商家不给退', 'consumer-dispute'],
    ['房东不退押金', 'tenancy-dispute'],
    ['借钱不还怎么办', 'legal-consult'],
    ['老人一个人吃饭不方便想送饭', 'meal-help'],
    ['腿脚不好洗不了澡', 'bath-help'],
    ['老伴要去医院没人陪', 'hospital-escort'],
    ['一个人在家想有人来看看', 'home-visit'],
    ['儿子不在身边很孤单', 'home-visit'],
    ['降压药吃完了帮我配药', 'medicine-delivery'],
    ['家里想打扫一下卫生', 'housekeeping'],
    ['心情不好睡不着', 'mental-support'],
    ['老伴瘫痪在床需要护理', 'rehab-nursing'],
    ['我妈摔倒了起不来', 'emergency-help'],
    ['想借个轮椅', 'assistive-devices'],
    ['家里困难想申请低保', 'subsistence-aid'],
    ['家里着火了房子烧了没地方住', 'temporary-aid'],
    ['孩子考上大学交不起学费', 'education-aid'],
    ['得了癌症治不起', 'serious-illness-aid'],
    ['下岗了想找个工作', 'employment-aid'],
    ['冬天冷没有棉被', 'goods-donation'],
    ['孩子放学没人接', 'children-care'],
  ])('"%s" → %s', (text, code) => {
    expect(top(text)).toBe(code);
  });

  it.each([
    ['店事坏了', 'appliance-repair'],
    ['冰相不制冷', 'appliance-repair'],
    ['水龙头楼水', 'water-electric-repair'],
    ['下水道赌了', 'drain-unblocking'],
    ['马统堵了', 'drain-unblocking'],
    ['医宝报销', 'medical-insurance'],
    ['低包怎么申请', 'subsistence-aid'],
    ['生份证丢了', 'household-id'],
  ])('homophone typo "%s" → %s', (text, code) => {
    expect(top(text)).toBe(code);
  });

  it.each([
    ['电 视 坏 了！！！', 'appliance-repair'],
    ['电视😭😭坏了', 'appliance-repair'],
    ['家里ＷＩＦＩ连不上', 'digital-help'],
    ['【下水道】堵了……', 'drain-unblocking'],
  ])('ignores spacing, punctuation, emoji and full-width forms: "%s"', (text, code) => {
    expect(top(text)).toBe(code);
  });

  it.each(['你好', '哈哈哈', '😀😀', '谢谢', '在吗', '明天下午三点', '好的没问题', '？？？', '   '])('finds nothing in "%s"', (text) => {
    expect(matcher.match(text)).toEqual([]);
  });

  it('returns [] for an empty string', () => {
    expect(matcher.match('')).toEqual([]);
  });

  it('copes with a 5000-character text', () => {
    const text = '我家电视坏了，水管也漏水！哈哈😀'.repeat(400).slice(0, 5000);
    expect(text).toHaveLength(5000);
    const result = matcher.match(text);
    expect(result.length).toBeGreaterThan(0);
    expect(result.length).toBeLessThanOrEqual(3);
  });

  it('scores exact hits above homophone hits, and several hits above one', () => {
    const [exact] = matcher.match('电视');
    const [homophone] = matcher.match('店事');
    const [both] = matcher.match('电视没图像');
    expect(exact?.itemCode).toBe('appliance-repair');
    expect(homophone?.itemCode).toBe('appliance-repair');
    expect(exact!.score).toBeGreaterThan(homophone!.score);
    expect(both!.score).toBeGreaterThan(exact!.score);
  });

  it('returns at most `limit` items, best first, with item and class details', () => {
    const result = rules.match('电视坏了水管漏水下水道也堵了', 2);
    expect(result).toHaveLength(2);
    expect(result[0]!.score).toBeGreaterThanOrEqual(result[1]!.score);
    expect(rules.match('电视坏了水管漏水下水道也堵了')).toHaveLength(3);
    expect(matcher.match('电视坏了')[0]).toMatchObject({
      itemCode: 'appliance-repair',
      itemName: '家电维修',
      classCode: 'daily-life',
    });
  });

  it('drops weak side matches next to a strong one', () => {
    expect(matcher.match('我老伴摔倒了起不来').map((m) => m.itemName)).toEqual(['紧急求助']);
  });

  it.each([
    ['老伴有糖尿病', 'labour-dispute'],
    ['我老伴有糖尿病现在浑身冒冷汗', 'labour-dispute'],
    ['我老爸当了二十年兵现在生病了', 'appliance-repair'],
  ])('exact words win: "%s" is not read as %s', (text, wrong) => {
    expect(matcher.match(text).map((m) => m.itemCode)).not.toContain(wrong);
  });

  it('a polyphonic keyword is heard in its other readings too: 空掉 (kong diao) is 空调', () => {
    expect(top('空掉坏了吹出来是冷风')).toBe('appliance-repair');
  });

  it('a variant spelling that is a word is a keyword of its own: 身分证, 水笼头', () => {
    expect(top('身分证掉了')).toBe('household-id');
    expect(top('水笼头坏了')).toBe('water-electric-repair');
  });

  it.each([
    ['腿脚不方便想有人送饭', 'meal-help'],
    ['我一个人住 家里电灯坏了', 'water-electric-repair'],
    ['我九十岁了一个人住饭也烧不动了有没有人送饭来', 'meal-help'],
  ])('situation words count little next to a need: "%s" → %s', (text, code) => {
    expect(matcher.match(text).map((m) => m.itemCode)).toEqual([code]);
  });

  it('situation words alone still decide: "最近老失眠" → 心理疏导', () => {
    expect(top('最近老失眠')).toBe('mental-support');
  });

  it('one clear winner is proposed alone; close runners-up beside it, the first named first (the rules)', () => {
    expect(rules.match('楼道里的灯坏了').map((m) => m.itemCode)).toEqual(['public-repair']);
    expect(rules.match('冰箱坏了水管漏水').map((m) => m.itemCode)).toEqual(['appliance-repair', 'water-electric-repair']);
    expect(rules.match('水管漏水 冰箱坏了').map((m) => m.itemCode)).toEqual(['water-electric-repair', 'appliance-repair']);
  });

  it('what is asked for after 想 / 帮 / 请 outweighs what is only described', () => {
    expect(top('药快吃完了想请人帮忙配')).toBe('medicine-delivery');
    expect(top('眼睛看不清楚 想请人帮忙写个材料')).toBe('letter-writing');
  });

  it('looks items up by code', () => {
    expect(matcher.item('haircut')).toMatchObject({
      code: 'haircut',
      name: '理发',
      classCode: 'daily-life',
      className: '生活求助类',
    });
    expect(matcher.item('no-such-item')).toBeUndefined();
  });

  it('is fast on typical sentences', () => {
    const texts = ['我家电视没图像了', '老伴要去医院没人陪', '水龙头楼水，麻烦师傅来看看', '家里困难想申请低保'];
    matcher.match(texts[0]!);
    // The processor time this process spent, which a busy machine does not stretch as it does the clock.
    const start = process.cpuUsage();
    for (let i = 0; i < 400; i++) matcher.match(texts[i % texts.length]!);
    const { user, system } = process.cpuUsage(start);
    expect((user + system) / 1000 / 400).toBeLessThan(2);
  });
});

describe('clauses', () => {
  const small: Catalogue = {
    classes: [{ code: 'c', name: '类', items: [{ code: 'family', name: '家庭矛盾', keywords: ['不管我'] }] }],
  };

  it('a keyword never spans two clauses: 都不管，我老了 is not 不管我', () => {
    const m = createCatalogueMatcher(small, { model: null, words: () => new Set() });
    expect(m.match('儿子不管我').map((x) => x.itemCode)).toEqual(['family']);
    expect(m.match('爸妈都不管，我老了带不动')).toEqual([]);
    expect(m.match('爸妈都不管 我老了带不动')).toEqual([]);
  });
});

describe('the real-word rule, on a small catalogue', () => {
  const small: Catalogue = {
    classes: [
      {
        code: 'c',
        name: '类',
        items: [
          { code: 'labour', name: '劳资纠纷', keywords: ['老板'] },
          { code: 'fridge', name: '家电维修', keywords: ['冰箱'] },
        ],
      },
    ],
  };

  it('without a dictionary, homophones are read anywhere (the old failure)', () => {
    const bare = createCatalogueMatcher(small, { words: () => new Set() });
    expect(bare.match('老伴欠我钱').map((m) => m.itemCode)).toEqual(['labour']);
    expect(bare.match('当兵现在').map((m) => m.itemCode)).toEqual(['fridge']);
  });

  it('a homophone is not read over a real word, nor over one it would cut in two', () => {
    const m = createCatalogueMatcher(small);
    expect(m.match('老伴欠我钱')).toEqual([]);
    expect(m.match('当兵现在')).toEqual([]);
    expect(m.match('冰相坏了').map((x) => x.itemCode)).toEqual(['fridge']);
    expect(m.match('老扳').map((x) => x.itemCode)).toEqual(['labour']);
  });

  it('asks the dictionary only when a homophone is in question', () => {
    const asked: string[] = [];
    const m = createCatalogueMatcher(small, {
      words: (t) => {
        asked.push(t);
        return new Set();
      },
    });
    m.match('冰箱坏了');
    m.match('今天天气好');
    expect(asked).toEqual([]);
    m.match('冰相坏了');
    expect(asked).toEqual(['冰相坏了']);
  });
});

describe('dictionary words', () => {
  it('finds the words of a sentence, overlapping ones too, two characters or more', () => {
    const words = dictionaryWords('我老伴有糖尿病');
    expect(words.has('老伴')).toBe(true);
    expect(words.has('糖尿病')).toBe(true);
    expect(words.has('我')).toBe(false);
    expect(dictionaryWords('店事坏了').has('店事')).toBe(false);
  });
});
