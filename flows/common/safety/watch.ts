import { OBJECT_BEFORE, PERSON, REASSURED, type Sign } from './types.js';

// === The watch level: severe-but-unsure signs get a soft "如果…请马上打" line, never silence

const W = (services: Sign['services'], category: Sign['category'], re: RegExp, more: Omit<Sign, 'category' | 'services' | 're'> = {}): Sign => ({
  category,
  services,
  re,
  level: 'watch',
  ...more,
});

/** Aged 80 or more (九十岁, 85了, 八十多): a fever of days is urgent then. */
const OLD = /([89]\d|1[01]\d)(多)?(岁|了|周岁)|[八九]十(多|几)?(岁|了)?|一百(多)?岁|百岁|高龄/u;
/** A fever getting worse, or taking the legs or the mind. */
const WORSE =
  /不退|退不下来|退[不勿]了|越来越|走不了|走不动|下不了床|起不来|爬不起来|糊涂|说胡话|迷糊|不吃不喝|吃不下|喝不下|抽筋|抽搐|喘|叫不醒|没精神|人都软/u;
/** A fever lasting days, either way round (烧了三天, 发烧好几天了, 三天了还在发烧, 寒热一个礼拜). */
const DAYS = '(?:好几天|好些天|几天|[两二三四五六七八九十\\d]+天|一个?(?:礼拜|星期|周)|多天)';
const FEVER = '(?:发高烧|高烧|发烧|发热|发寒热|寒热|烧)';
export const LASTING_FEVER = new RegExp(`${FEVER}[^，]{0,5}?${DAYS}|${DAYS}[^，]{0,6}?${FEVER}`, 'u');

/** A fever of days: urgent for someone 80 or more, or when it gets worse; otherwise watch. */
export const FEVER_SIGNS: readonly Sign[] = [
  { category: 'medical', services: ['120'], re: LASTING_FEVER, when: new RegExp(`${OLD.source}|${WORSE.source}`, 'u'), unless: /退烧药|退了/u },
  W(['120'], 'medical', LASTING_FEVER, { unless: /退烧药|退了/u }),
];

/** Watch-level signs. */
export const WATCH_SIGNS: readonly Sign[] = [
  // 120: dizzy, chest tight, blood pressure up, a fever, bleeding, pain, numbness, a low.
  W(['120'], 'medical', /头晕|头昏|头很晕|头有点晕|发晕|有点晕|晕(乎乎|得很|得厉害|晕的)|眼前发黑|天旋地转|眼冒金星/u, { unless: /晕车|晕船|晕机/u }),
  // 看着心慌: uneasy at a sight, not the heart.
  W(['120'], 'medical', /(胸口|心口|心脏)[^，]{0,2}(不舒服|难受)|胸闷|胸口闷|心口闷|心慌|心跳(很|好|特别|突然)?(快|乱)|心悸|心里发慌/u, {
    unlessBefore: /(看着|看了|看得|听着|听了|想到|想起)[^，]{0,2}$/u,
    evenRoutine: true,
  }),
  W(['120'], 'medical', /血压(很|好|特别|突然|有点|又|一下子)?(高|升高|升上去|上来|飙|到了?\d|一百|两百)|血压\d{3}/u),
  // 37度8, 精神好的: a mild fever in someone lively is nothing to watch.
  W(['120'], 'medical', /发高?烧|高烧|发热|烧到(\d{2}|三十|四十)|发寒热|寒热/u, {
    unless: /退烧药|退烧贴|体温计|3[67](\.\d)?度|3[67]度\d|三十[六七]度/u,
    unlessSaid: /精神(很|蛮|还|挺)?好|活蹦乱跳|能吃能玩|低烧/u,
  }),
  W(['120'], 'medical', /流血|出血|便血|尿血|鼻血|血丝|带血|有血/u, { unless: /献血|抽血|验血|牙|刷牙|月经|例假|痔疮/u }),
  W(['120'], 'medical', /(肚子|胃|腰|头|牙|腿|心口)(疼|痛)得?[^，]{0,2}(厉害|受不了|要命|要死)|上吐下泻|一直(吐|拉)|吐得厉害|又吐又拉/u),
  W(['120'], 'medical', /(手|脚|手脚|胳膊|腿)[^，]{0,2}(发麻|麻木|没知觉)/u),
  W(['120'], 'medical', /低血糖|血糖(很|好|特别|太)?低|血糖(很|特别|太)高/u),
  W(['120'], 'medical', /烫伤|烫到|烧伤/u, { unless: /膏|药|喷雾/u }),
  W(['120'], 'medical', /(脚|腰|腿|手|脚骨|脚踝)[^，]{0,3}(扭|崴)|崴(了|到)|(扭|崴)伤|(脚|腰|腿)[^，]{0,4}动[不勿]了/u),
  W(['120'], 'medical', /(摔|跌|滑|绊|掼)(了|倒)(?![^，]{0,2}(遥控器|杯|碗|盘|瓶|手机|东西|电话|门|花瓶))/u, {
    unlessBefore: OBJECT_BEFORE,
    unlessSaid: REASSURED,
  }),
  // 119: a smoke alarm sounding, a smell of smoke.
  W(['119'], 'fire', /(烟雾|烟感|火灾|消防)?报警器[^，]{0,4}(响|叫|嘀|滴|鸣|报警)|烟感[^，]{0,3}(响|叫)/u, {
    unlessSaid: /没电|换电池|电池换过|没冒烟|就是吵|装一个|安装|买|坏了|不响|误报过|没(有)?烟|不是着火|(煮|烧|烤|炒)[^，]{0,2}糊|油烟|炒菜|按掉|停了/u,
    unless: /车/u,
  }),
  W(['119'], 'fire', /烟味|糊味/u, { unlessSaid: /抽烟|香烟|烟草|二手烟|烟民|油烟/u }),
  // 110: someone lurking; a person not back yet.
  W(
    ['110'],
    'police',
    /陌生人[^，]{0,8}(敲门|转悠|跟着|盯着|徘徊|门口|楼道)|摸[^，]{0,8}锁|鬼鬼祟祟|可疑的人|有人[^，]{0,3}(一直|老是|总是)(敲门|跟着我|跟踪)|有人[^，]{0,3}(跟着我|跟踪)|(门口|楼道|窗外)[^，]{0,4}有(陌生人|人)[^，]{0,4}(转|蹲|站|看)/u,
  ),
  W(['110'], 'police', new RegExp(`${PERSON}[^，的把]{0,10}?(没回来|没回家|还没到家)`, 'u')),
  W(['110'], 'police', /砸东西|摔东西|(吵|闹)得(很|好|特别)?凶/u),
  W(['110'], 'police', /(电话|打电话)[^，]{0,4}(没人接|打不通|不接|联系不上)/u, { when: /一天|两天|好几天|几天|一整天|一个人|独居|老人/u }),
  W(['110'], 'police', /(好几天|几天|两天|三天)[^，]{0,4}没(出门|见|露面|开门|动静)/u, { when: /老人|老头|老太|独居|一个人/u }),
  // 96110: a call or message that smells of fraud.
  W(['96110'], 'police', /陌生电话[^。]{0,4}(说|要|让|叫)/u, { across: true }),
  W(
    ['96110'],
    'police',
    /(是不是|可能是|好像是|像是|遇到)骗子|诈骗|可疑电话|(说我|说是)中奖|中了?大奖|(要|让)我下载|屏幕共享|共享屏幕|保健品[^，]{0,4}(推销|讲座|送鸡蛋)/u,
  ),
];
