import { describe, expect, it } from 'vitest';
import { AID_SERVICE, detectEmergency, type FirstAid, firstAidFor } from '../../../../flows/common/safety/index.js';
import { FIRST_AID, safetyTexts } from '../../../../src/texts/safety.js';

// === The first aid said with the number: the one for the danger named, not every number's general advice

const aidsOf = (text: string) => detectEmergency(text).aids;
const reply = (text: string) => {
  const r = detectEmergency(text);
  return safetyTexts.emergency(
    r.services,
    r.aids.map((aid) => ({ aid, service: AID_SERVICE[aid] })),
  );
};

describe('firstAidFor', () => {
  it.each([
    ['我爸突然说不出话，半边身子动不了', ['stroke']],
    ['老伴有糖尿病，现在浑身冒冷汗', ['low-sugar']],
    ['我妈摔倒了起不来', ['fall']],
    ['汤圆噎住了喘不上气', ['choking', 'breathing']],
    ['他胸口痛得厉害', ['chest']],
    ['孩子误吃了安眠药', ['poison']],
    ['手被刀割了流血不止', ['bleeding']],
    ['厨房煤气味很重', ['gas']],
    ['家里着火了', ['fire']],
    ['被困在电梯里了', ['lift']],
    ['孙子的头卡在阳台栏杆里拔不出来', ['trapped']],
    ['烧了炭盆关了窗 两个老人都头痛恶心', ['fumes']],
    ['地下车库进水了 车门打不开了', ['trapped']],
    ['活着没意思了 药都攒好了 今天夜里就吃掉', ['self-harm']],
    ['孩子掉进河里了 刚捞上来', ['drowning', 'water']],
    ['小区里有人抢老太太的包 往北门跑了', ['robbery']],
    ['有人在撬我家的门', ['danger']],
    ['我被骗了 他让我转到安全账户', ['fraud']],
    ['老年痴呆的爸爸走丢了', ['missing']],
    ['救命', []],
  ] as const)('%s → %j', (text, aids) => {
    expect(aidsOf(text)).toEqual(aids);
  });

  it('says at most two, and only for numbers that are called', () => {
    expect(firstAidFor(['噎住', '喘不上气', '胸口痛', '流血'], ['120'])).toEqual(['choking', 'chest']);
    expect(firstAidFor(['着火'], ['120'])).toEqual([]);
  });

  it('a watch-level sign names no first aid', () => {
    expect(detectEmergency('我有点头晕').aids).toEqual([]);
  });

  it('every kind has its sentence', () => {
    for (const aid of Object.keys(AID_SERVICE) as FirstAid[]) expect(FIRST_AID[aid], aid).toBeTruthy();
  });
});

describe('the first reply', () => {
  it('a stroke: note the time, no food or water — not the choking advice', () => {
    const text = reply('我爸突然说不出话，半边身子动不了');
    expect(text).toContain('120');
    expect(text).toContain('记下发病的时间');
    expect(text).not.toContain('拍');
  });

  it('fraud: stop transferring; not the advice to lock the door', () => {
    const text = reply('我被骗了五万块钱 他让我转到安全账户');
    expect(text).toContain('96110');
    expect(text).toContain('不要再转账');
    expect(text).not.toContain('锁好门');
  });

  it('a fight with a bleeding head: press the wound, and get somewhere safe', () => {
    const text = reply('我老公打我 头上出血了');
    expect(text).toContain('按住伤口');
    expect(text).toContain('安全的地方');
  });

  it('a plea that names nothing: each number with its general advice', () => {
    const text = reply('救命');
    for (const s of ['120', '119', '110']) expect(text).toContain(s);
    expect(text).toContain('别急着搬动');
  });

  it('someone about to jump, or pulled from a river: stay with them — never "lock the door"', () => {
    for (const text of ['老爸讲不想拖累我们 刚刚爬到阳台外面去了', '邻居阿婆说她要跳河 刚刚往河边走了', '孩子掉进河里了 刚捞上来']) {
      const said = reply(text);
      expect(said, text).toContain('110');
      expect(said, text).not.toContain('锁好门');
    }
    expect(reply('老爸讲不想拖累我们 刚刚爬到阳台外面去了')).toContain('陪在他身边');
  });

  it('the lift advice only for a lift, never for someone lying on the floor (困 in Wu)', () => {
    expect(reply('电梯卡牢了 我跟老太婆困在里厢 按铃没人应')).toContain('电梯里的警铃');
    for (const text of ['那个那个就是说我老头子困在地上起勿来 头上出血了', '小区门口有个老太太困在地上 没人管 我勿敢动伊', '孙子头卡在阳台栏杆里拔勿出来']) {
      expect(reply(text), text).not.toContain('电梯里的警铃');
    }
  });

  it('street robbery and forced entry: the police line with what to do now', () => {
    const robbed = reply('刚刚在菜场包被人抢脱了 那人往东面逃了');
    expect(robbed).toContain('110');
    expect(robbed).toContain('别去追');
    const entry = reply('有人在撬我屋里门 我在里厢 怕煞了');
    expect(entry).toContain('110');
    expect(entry).toContain('安全的地方');
  });
});
