import { describe, expect, it } from 'vitest';
import { clausesOf, detectEmergency } from '../../../../flows/common/safety/index.js';
import { framesOf } from '../../../../flows/common/safety/frames.js';

// === Context frames: what a message says about its danger words as a whole

const frames = (text: string) => framesOf(clausesOf(text));
const level = (text: string) => detectEmergency(text).level;

describe('framesOf', () => {
  it('a frame opened by a clause holds for the clauses after it, until one says now', () => {
    expect(frames('刚看完新闻 有个老人吃东西噎死了 好可怕').clause).toEqual(['media', 'media', 'media']);
    expect(frames('看抖音说掐人中有用 掐了半天我爸还是没醒过来').clause).toEqual(['media', null]);
    expect(frames('要是人倒在地上叫不应怎么办 我妈现在就是这样 喊她没反应').clause).toEqual(['hypothetical', null, null]);
  });

  it('long ago holds for what follows; yesterday only for its own clause', () => {
    expect(frames('外公上礼拜摔了 骨折打了石膏在家').clause).toEqual(['past', 'past']);
    expect(frames('昨天晚饭吃了蘑菇 两个人都吐了').clause).toEqual(['recent', null]);
  });

  it('what comes before 现在好了 (or 其实) is over', () => {
    expect(frames('胸口痛住了三天院 现在好了').clause).toEqual(['past', 'past']);
    expect(frames('老太太说家里有贼 其实没有').clause).toEqual(['past', 'past']);
  });

  it('what is usual resolves nothing; it turned out to be something else: what came before is over', () => {
    // 平时一个钟头就回来了 says what is usual, not that she is back.
    expect(frames('我妈出去买菜 到现在没回来 平时半个钟头就回来了').clause).toEqual([null, null, null]);
    expect(frames('闻到煤气味 原来是隔壁在炒菜').clause).toEqual(['past', null]);
    expect(frames('昨天楼上打起来了 后来他们自己走了').clause[1]).toBe('past');
  });

  it('whenever X then Y is a habit; where nobody knows is heard of, not seen', () => {
    expect(frames('我一累就心口闷').clause).toEqual(['habit']);
    expect(frames('消防车刚开过去 不知道哪里着火了').clause[1]).toBe('question');
    expect(frames('我妈不知道走到哪里去了').clause).toEqual([null]);
  });

  it('the message as a whole: a joke, a long-standing condition, a scam seen through', () => {
    expect(frames('救命 这个手机字怎么调大 哈哈')).toMatchObject({ joke: true });
    expect(frames('高血压老毛病 药吃完了')).toMatchObject({ chronic: true });
    expect(frames('电话里说我医保卡被冻结了 我没理他')).toMatchObject({ foiled: true });
  });
});

describe('frames in the reading', () => {
  it.each([
    ['店事里讲有个老太被骗了十万 伲老年人要当心点啥'],
    ['孙子打游戏一直喊救命救命 吵煞了'],
    ['要是煤气漏了应该先做啥 开窗还是关阀门'],
    ['上个月我掼了一跤 现在好了 想在卫生间装个扶手'],
    ['电热毯用了十年了 会勿会着火 要勿要换'],
    ['老太婆讲菜价贵得来要跳楼了 伊讲笑话的 哈哈'],
    ['我一直头云 老毛病了 颈椎 想寻个推拿的上门'],
    ['骗子电话吓了我一跳 我直接挂掉了 没给钱 要不要报警'],
    ['屋里电线老了 插座有时候碰一下冒火星 现在没插东西 想寻人来看看'],
    // 2026-12-07b: a sketch on TV, an alarm explained, a fall said to be harmless, a routine need, a word asked about.
    ['相声里喊救命 孙子天天学'],
    ['烤鱼烤糊了 烟雾报警器叫了一下'],
    ['买菜摔了一下 不疼 想问问哪里配拐杖'],
    ['我妈脚崴了 想借个轮椅'],
    ['老头子每个礼拜要量血压 血压高 能不能上门'],
    ['孙子讲要去打怪 是什么意思'],
    ['燃气表怎么查漏没漏'],
    ['中风有什么症状'],
    ['骨折好了 想问问康复'],
    ['儿子要报警 我不想 就是吵了几句'],
    ['热得要死 救命 空调坏了'],
    ['刷牙出血好几天了'],
  ])('%s: nothing raised', (text) => {
    expect(level(text)).toBeNull();
  });

  it.each([
    ['刚在看店事里讲假警察视频骗钱的 老头子手里遥控器突然掉了 嘴巴歪了讲话含含糊糊'],
    ['要是人倒在地上叫勿应怎么办 我姆妈现在就是这样 喊伊没反应'],
    ['我觉得不用报警 就是我爸从楼梯上滚下来了 腿弯得不对劲 起不来'],
    ['昨天就讲心口勿适意 我以为没事 今朝倒在灶披间喊不醒'],
    ['没什么大事 就是想问问 我爸刚才一下子坐地上了 叫他不太应'],
    ['以为是炒菜 原来是煤气漏了 味道好重'],
  ])('%s: still urgent — the frame is closed, or never opened', (text) => {
    expect(level(text)).toBe('urgent');
  });
});
