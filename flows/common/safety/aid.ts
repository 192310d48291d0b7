import type { EmergencyService } from './types.js';

// === What to do while help comes: one sentence per kind of danger, chosen from the words found

/** A kind of danger with its own first aid (the sentences are in `src/texts/safety.ts`). */
export type FirstAid =
  | 'choking'
  | 'bleeding'
  | 'stroke'
  | 'low-sugar'
  | 'chest'
  | 'breathing'
  | 'fumes'
  | 'poison'
  | 'seizure'
  | 'electric'
  | 'burn'
  | 'fall'
  | 'drowning'
  | 'gas'
  | 'lift'
  | 'trapped'
  | 'fire'
  | 'fraud'
  | 'missing'
  | 'self-harm'
  | 'water'
  | 'robbery'
  | 'violence'
  | 'danger';

/** The number each first aid goes with. */
export const AID_SERVICE: Record<FirstAid, EmergencyService> = {
  choking: '120',
  bleeding: '120',
  stroke: '120',
  'low-sugar': '120',
  chest: '120',
  breathing: '120',
  fumes: '120',
  poison: '120',
  seizure: '120',
  electric: '120',
  burn: '120',
  fall: '120',
  drowning: '120',
  gas: '119',
  lift: '119',
  trapped: '119',
  fire: '119',
  fraud: '96110',
  missing: '110',
  'self-harm': '110',
  water: '110',
  robbery: '110',
  violence: '110',
  danger: '110',
};

/** Most specific first: the first two that fit are said. Read on the words the signs matched. */
const AIDS: ReadonlyArray<readonly [FirstAid, RegExp]> = [
  // Someone who may jump, drown or harm themselves: stay with them — never "lock the door".
  [
    'self-harm',
    /没意思|不想活|活不下去|活到头|寻死|寻短见|自杀|轻生|了结|结束|一了百了|想死|死了算了|没脸|拖累|不想再熬|遗书|遗言|信|割|跳|阳台外|楼顶|天台|窗外|窗台|桥上|攒|烧炭|去找|去陪|想不开|吃掉|吃下去|吞下去|喝下去|喝掉/u,
  ],
  ['drowning', /落水|溺水|(掉|跌|摔|滑|落)(到|进|下)了?(河|水|湖|井|池塘|塘|江|海)/u],
  ['water', /落水|溺水|(掉|跌|摔|滑|落)(到|进|下)了?(河|水|湖|井|池塘|塘|江|海)/u],
  ['choking', /噎|卡(在|住)?了?(喉咙|嗓子|气管)|(喉咙|嗓子|气管)/u],
  ['electric', /电(到|击|打)|触电/u],
  ['stroke', /中风|中疯|脑梗|脑埂|卒中|脑溢血|脑出血|半身不遂|半边|半个|一边|一侧|左边|右边|半拉|歪|斜|重影|说[不勿]出|讲[不勿]出|含糊|不清|大舌头|舌头/u],
  ['low-sugar', /血糖|冷汗|冒汗|出汗|发抖|手抖|哆嗦/u],
  ['chest', /胸|心口|心脏|心梗|心绞痛/u],
  ['breathing', /喘|透不过|呼吸|憋气|憋得|嘴唇发紫|上不来气/u],
  // Fumes from a fire burning indoors (carbon monoxide): fresh air first, not the poison's bottle.
  ['fumes', /炭盆|炭火|木炭|烤炭|火盆|煤炉|煤球炉|蜂窝煤|煤饼炉|炉子|一氧化碳/u],
  [
    'poison',
    /农药|敌敌畏|百草枯|洗洁精|消毒|老鼠药|除草剂|杀虫剂|安眠药|药片|胶囊|蘑菇|中毒|吃多了|误吃|偷吃|当糖|当饮料|两遍|吃重|一板|一瓶|好几粒|头孢|电池|纽扣|硬币|炭/u,
  ],
  ['seizure', /抽搐|抽风|羊角风|羊癫疯|白沫|翻白眼|抽筋/u],
  ['bleeding', /血/u],
  ['burn', /烫|烧伤|皮都/u],
  ['fall', /摔|跌|滑|绊|掼|栽|倒|起[不勿]来|地上|骨折|晕|昏|厥|不省人事|叫[不勿]|喊[不勿]|没(有)?反应|没动静|不动|知觉|意识|休克|一黑/u],
  ['gas', /煤气|燃气|天然气|液化气|媒气|燃汽|煤汽|然气|沼气|漏气|怪味|臭味/u],
  // The lift's advice only for a lift; someone shut in or stuck elsewhere is freed by the firemen.
  ['lift', /电梯/u],
  ['trapped', /卡|困|关|锁在|出不去|出不来|拔不出|打不开|推不开|开不开|拉不开/u],
  ['fire', /火|烟|焦|烧/u],
  ['fraud', /骗|转|汇|打钱|取|验证码|密码|银行|安全账户|冒充|公检法|刷单|洗钱|中奖|绑架|投资|理财|充了|付了|刷卡|扣|挂电话|告诉|遥控|远程|屏幕/u],
  ['missing', /走丢|走失|走散|丢了|不见了|找不到|找不着|没回来|不回来|没回家|联系不上|没来过|走出去|跑出来|跑出去|开门出去|寻[不勿]着|拉上车|带走|抱走|拐走/u],
  // Robbed or followed in the street: do not chase; someone armed or violent: get away from them.
  ['robbery', /抢|偷|贼|跑了|逃了|跟着|跟踪|跟到|跟了|车门|车窗|车玻璃/u],
  ['violence', /刀|棍|棒|斧|砖|打|砍|捅|杀|推倒|威胁|恐吓|家暴|行凶|踢门|砸/u],
  // A plea that names no danger (救命, 快来人) gets each number's general advice instead.
  ['danger', /^(?!.*(救命|救救|来人|就命|sos|help)).+/iu],
];

/**
 * The first aid to say for the words found, at most two, each with a number among `services` (a word
 * of one danger must not pick the first aid of another: 血 of a fight is not a fall).
 */
export function firstAidFor(words: readonly string[], services: readonly EmergencyService[]): FirstAid[] {
  const aids: FirstAid[] = [];
  for (const word of words) {
    // For each number called, the most specific first aid the word names (掉进河里: drowning for 120, water for
    // 110); the general advice for danger from people only when the word names nothing more particular.
    const own = services.flatMap((service) => AIDS.find(([aid, re]) => aid !== 'danger' && AID_SERVICE[aid] === service && re.test(word))?.[0] ?? []);
    for (const aid of own.length > 0 ? own : AIDS.filter(([aid, re]) => aid === 'danger' && services.includes('110') && re.test(word)).map(([aid]) => aid)) {
      if (!aids.includes(aid)) aids.push(aid);
    }
  }
  // A lift's own advice says all there is to do in a lift.
  const kept = aids.includes('lift') ? aids.filter((a) => a !== 'trapped') : aids;
  // The most specific first, as the table orders them.
  const rank = (a: FirstAid) => AIDS.findIndex(([aid]) => aid === a);
  return kept.sort((a, b) => rank(a) - rank(b)).slice(0, 2);
}
