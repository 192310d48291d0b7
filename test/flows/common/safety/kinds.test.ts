import { describe, expect, it } from 'vitest';
import { detectEmergency } from '../../../../flows/common/safety/index.js';

// === Kinds named by what happens (kinds.ts) and symptoms described, not named (symptoms.ts)

const reads = (text: string) => {
  const r = detectEmergency(text);
  return `${r.level ?? 'calm'} ${r.services.join('+')}`.trim();
};

describe('symptoms composed from a body part, what is wrong, and how sudden', () => {
  it.each([
    ['外婆早上起来一只手一只脚动不了 嘴角流口水'],
    ['我妈一个人在家 打电话讲话不对头 问东答西 舌头也大了'],
    ['爷爷吃饭的时候突然咳不出来 脸憋红了 手一直抓喉咙'],
    ['吃了虾全身起红包 现在喉咙发紧 讲话声音哑掉了'],
    ['狗咬了我孙子的腿 咬得蛮深 血流个不停'],
    ['老人家大便全是黑的 人一站起来就晕'],
    ['隔壁小伙子在楼下跌倒 腿骨头戳出来了'],
    ['老伴透析的 今天没去成 现在脚肿气急 躺都躺不平'],
    ['老公公 刚才 捂着胸口 倒了'],
  ])('%s → urgent 120', (text) => {
    expect(reads(text)).toBe('urgent 120');
  });
});

describe('kinds of danger the issue names', () => {
  it.each([
    // Self-harm: also 110, someone must come.
    ['活着没意思了 药都攒好了 今天夜里就吃掉', 'urgent 120+110'],
    ['老爸讲不想拖累我们 刚刚爬到阳台外面去了', 'urgent 120+110'],
    // Gas by its container or valve.
    ['煤气罐嘶嘶嘶响 阀门关勿牢', 'urgent 119'],
    ['燃气灶关了 还是一股臭鸡蛋味 越来越浓', 'urgent 119'],
    // Trapped in a lift, or shut out on a balcony in the snow.
    ['哎 电梯里 出不来 门打不开 好闷', 'urgent 119'],
    ['我被锁在阳台上出勿去 门从里厢碰上了 外头落雪 我八十几岁了', 'urgent 119'],
    // Street robbery and forced entry.
    ['刚刚在菜场包被人抢脱了 那人往东面逃了', 'urgent 110'],
    ['我是门卫 有个陌生男的在楼里挨家挨户敲门 老人一开门他就往里挤', 'urgent 110'],
    // A confused person missing for hours.
    ['外婆下午三点出门遛弯 现在晚上九点了还没回来 她记性不好', 'urgent 110'],
    ['老头子讲去剃头 剃头店讲伊没来过 四个钟头了', 'urgent 110'],
    // Fraud in progress, and money just lost: urgent, not merely "ask 96110".
    ['那个那个 有个人讲是法院的 讲我有案子 叫我现在去银行 勿要告诉屋里人 我现在就在银行排队 嗯 是真的伐', 'urgent 110+96110'],
    ['点了个退款链接 输了银行卡密码 短信说扣了八千', 'urgent 110+96110'],
    ['外公接到电话说我在派出所 叫他送三万块过去 他已经出门了 我根本没事', 'urgent 110+96110'],
    // A plea with a place.
    ['快点来 勤俭新村三幢 快', 'urgent 120+119+110'],
  ])('%s → %s', (text, expected) => {
    expect(reads(text)).toBe(expected);
  });

  it.each([
    // Parts composed anew (2026-12-07b): what was swallowed and how many, a high place and a jump, a farewell with the means.
    ['外公把降压药一大把全吃掉了 现在人软软的', 'urgent 120'],
    ['我外甥女站在窗台上 哭着说要跳', 'urgent 120+110'],
    ['老伴讲明天就走 别找他 农药也不见了', 'urgent 120+110'],
    ['我儿子把自己锁在卧室里 叫他不应 地上有血', 'urgent 120+110'],
    ['老头子讲要割自己', 'urgent 120+110'],
    // Into a pit, pinned under a wreck, an explosion with harm: rescue as well.
    ['隔壁小孩掉进化粪池了', 'urgent 120+119'],
    ['三轮车翻了 老伯伯压在车子底下', 'urgent 120+119'],
    ['楼下一声巨响 玻璃全碎了 有人躺着', 'urgent 120+119+110'],
    // A relative in trouble needing money, as a caller or a messenger tells it.
    ['电话里说外孙打伤人了 要赔钱 我妈现在去取', 'urgent 110+96110'],
    ['存折上的钱突然少了两万', 'urgent 110+96110'],
    ['领鸡蛋的群里叫我交钱做任务 我转了三笔', 'urgent 110+96110'],
    // Someone has been in and is still there.
    ['回家看到门开着 东西被翻了 房间里有动静', 'urgent 110'],
  ])('%s → %s', (text, expected) => {
    expect(reads(text)).toBe(expected);
  });

  it('a scam seen through, a warning heard, a story of the past: nothing', () => {
    for (const text of [
      '电话那头讲我医保卡被冻结了 我没理他 这种是不是骗子',
      '楼下阿姨说骗子最近冒充燃气公司 让我跟我妈说一声 我已经说过了',
      '上个月被骗了两千 报过警了 想问问能不能追回来',
    ]) {
      expect(reads(text), text).toBe('calm');
    }
  });

  it('unsure (出事了, nothing more): the soft line with all three numbers, and a question', () => {
    expect(detectEmergency('隔壁好像出事了')).toMatchObject({ level: 'watch', services: ['120', '119', '110'], ask: true });
    expect(detectEmergency('有点头晕').ask).toBeUndefined();
  });
});
