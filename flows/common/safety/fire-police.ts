import { DEBT } from './kinds.js';
import { EXASPERATION, FIGURE_OF_SPEECH, NOT_ROBBED, PERSON, type Sign } from './types.js';

// === Fire and gas (119), danger from people (110, fraud also 96110), and a plea naming no kind

const F = (re: RegExp, more: Omit<Sign, 'category' | 'services' | 're'> = {}): Sign => ({ category: 'fire', services: ['119'], re, ...more });
const P = (re: RegExp, more: Omit<Sign, 'category' | 'services' | 're'> = {}): Sign => ({ category: 'police', services: ['110'], re, ...more });
const FRAUD = (re: RegExp, more: Omit<Sign, 'category' | 'services' | 're'> = {}): Sign => ({ category: 'police', services: ['110', '96110'], re, ...more });

/** Why someone not back yet is missing: confusion, or a long time. */
const LOST = /痴呆|糊涂|记性|认不得路|认不清路|阿尔茨海默|一夜|一晚|一天一夜|两天|一整天|一个下午|到现在|几个小时|天黑|失智/u;

/** Gas, with the typos of pinyin input (媒气, 燃汽). */
const GAS = '(?:煤气|燃气|天然气|液化气|媒气|燃汽|煤汽|然气|沼气|液化石油气)';

/** Fire and gas signs. */
export const FIRE_SIGNS: readonly Sign[] = [
  // 打不着火 / 点不着火 is a stove that does not light, not a fire.
  F(
    /(?<![不没])(着|著)(火|伙)|火(着|烧)(起来|了)|起了?大?火|失火|火灾|火光|大火|火(蹿|窜|冒)|(?<![发高])烧起来了|火(苗|势)[^，]{0,2}(蹿|窜|冒|好大|很大|老高|越来越)|明火|火(很|好|越来越|特别)大|(锅|油锅|电线|插座|被子|窗帘|房子|房间|厨房|楼道|车|电瓶车|电动车|柜子|沙发|垃圾|垃圾桶|纸箱|草堆|柴)[^，]{0,3}(烧着|着了|起火|冒火|烧起来)|火[^，]{0,2}(烧|蹿|窜|燎|引|烧过|烧上)(到|过来|过去|上去)|(烧|燎|蹿|窜)到[^，]{0,6}(衣服|衣裳|被子|窗帘|床|沙发|柜|家具|房|屋|楼|墙|电线|草|树|车|头发|身上)|(引燃|燎着)了/u,
    {
      unless: /脾气|火气|肝火|上火|发火|恼火|火车|火锅|打火机/u,
      // Afterwards: 家里失火了东西全烧光了 asks for aid, not for the fire brigade.
      unlessSaid: /烧光|烧没了|烧毁|烧掉了|烧完了|没地方住|扑灭|火灭了|救灾|重建|损失|赔/u,
    },
  ),
  F(
    /冒(黑|白|浓)?烟|烟[^，]{0,2}冒(出来|进来|上来)|浓烟|黑烟|(好多|很多|一屋子?|满屋子?|满楼道|满|全是|都是)的?(?<!油)烟|(?<!油)烟雾?(老|很|好|特别)大|(?<!油)烟(很|好|特别)大|烟雾(很|好|特别)大|烟雾?(弥漫|腾腾|滚滚)|(起|着)烟了|(屋里|家里|客厅|房间|厨房|卧室|楼道|楼上|楼下|窗口|窗户|门缝|车里|仓库)[^，没不]{0,2}(有|在|出|全是)烟|烟[^。]{0,6}越来越(浓|大|多|呛)/u,
    {
      across: true,
      unless: /嗓子|喉咙|渴|烟囱|烟花|炊烟|油烟|烟雾报警|鞭炮|炮仗|放炮|烧香|香烟|蚊香|烧烤/u,
      unlessSaid: /抽烟|烟头|香烟|吸烟|鞭炮|炮仗|放炮|烟花|烧香|蚊香|烧烤/u,
    },
  ),
  F(/冒火星|冒火花|火星子|打火花|(冒|蹦|闪)火|火花|火星[^，]{0,4}(掉|飞|溅|往下)/u, { unless: /气得|眼睛|烟花|焊/u }),
  F(
    /(烧焦|焦糊|焦煳|糊焦|烧塑料|塑料烧|电线烧|橡胶烧)[^，]{0,2}(味|气味|味道)|焦(味|臭)(?![^。]{0,20}(打扫|清理|除味|去味|散味|刷))|(电线|插座|插头|插线板|电表|电闸|开关|电箱|电瓶|充电器|电器|电视|冰箱|取暖器|电热毯)[^，]{0,4}(冒火|冒烟|起火|打火|着了|烧焦|焦了|火花|烧起来|烧着)/u,
  ),
  // Trapped (in a lift): the fire brigade frees people.
  F(/被?(困|关)在电梯|电梯[^，]{0,4}(困|关)(住|着)|被困(住|在|了)|困在/u),
  // Gas smelled or leaking: 关阀开窗别开灯.
  F(
    new RegExp(
      `${GAS}[^，]{0,6}?(味|泄漏|泄露|漏了|在漏|漏气|漏出|跑出来|冲鼻|报警器?[^，]{0,4}(响|叫|鸣))|(漏|闻到|一股|有股|好大的?)${GAS}|${GAS}(罐|瓶|管|管子|阀门?|灶|表)[^，]{0,4}(漏|嘶嘶|呲呲)`,
      'u',
    ),
  ),
  // 一股没气味道: 没气 (no breath) is a word, but a smell of it is gas typed by sound (mei qi).
  F(/(一股|有股|闻到|好大的?|满屋子?的?)没气味/u),
  // A smell, or gas left on, where gas is spoken of (家里有股怪味 像是煤气; 煤气灶开着人睡着了).
  F(/(一股|有股|满屋子?|一屋子?|好大的?|很重的?)[^，]{0,2}(怪味|味道|臭味|气味)|(煤气|燃气|天然气)[^，]{0,4}(开着|没关|忘了关|忘关)/u, {
    when: new RegExp(GAS, 'u'),
    unlessSaid: /下水道|厕所|垃圾|不是(煤气|燃气)/u,
  }),
  // An explosion with harm seen or heard after it: all three come.
  {
    category: 'fire',
    services: ['120', '119', '110'],
    re: /爆炸|炸(开|掉)了|巨响|砰的一声/u,
    when: /玻璃|碎|塌|火|烟|有人|倒|伤|血|没声音|叫|喊/u,
    unless: /以为|鞭炮|炮仗|烟花|打雷/u,
  },
  F(/漏气/u, {
    unless: /胎|车|轮|气球|气垫|床垫|泳圈|篮球|足球|打气|充气|高压锅|压力锅|空调|冰箱|窗|门缝|漏风/u,
    unlessSaid: /(气|煤气|燃气)费|账单|(没|没有)闻到|没(有)?(什么)?味道?/u,
  }),
];

/** Danger from people, and fraud in progress. */
export const POLICE_SIGNS: readonly Sign[] = [
  // Break-in, theft.
  P(
    /撬|(砸|踹|踢)(我家)?(门|锁|窗)|有人(闯|冲|翻|爬|溜)(进|入|窗|阳台|墙|上来)|闯(进|入)|(进|来|招|遭|有)了?(小偷|贼|贼骨头|强盗|坏人)|(小偷|贼|贼骨头)(还|就)?(在|进|来|跑)|入室|翻进来|被(偷|盗)|偷(了|走)|在偷|偷东西|偷我|盗窃|捅锁|有[个]?人[^，]{0,6}(开|弄|推|拧|拉|捅)[^，]{0,3}(我家|我们家)?的?(门|锁|窗)/u,
    {
      unless: /猫|狗|老鼠|偷吃|偷懒|偷偷|开锁师傅|锁匠/u,
    },
  ),
  // Robbery, violence.
  P(/(钱|现金|首饰|金|项链|存折|手镯)[^，]{0,6}(不见了|没了|被拿)/u, { when: /门|窗|锁|翻/u }),
  P(/抢劫|打劫|被抢|抢(了|走)(我|他|她)?的?|抢(包|钱|手机|项链)|飞车抢/u, { unless: NOT_ROBBED }),
  P(
    /被打(?!扰|折|开|湿|印|针|疫苗|断|碎|包|卡|电话|款|钱|分|败|动|过)|挨打|挨揍|(?<!打)打人(?!家|工|员|话)|动手打|动起手|动手了|家暴|持刀|砍(人|我|他|她)|拿(着)?(刀|棍子|棒子|斧头|砖头)[^，]{0,4}(砍|追|吓|威胁|要|打|堵|乱)|行凶|要杀|杀人|捅(了(?![^，]{0,3}(蜂|窝))|伤|人)|打(起来了|架)|(威胁|恐吓)(我|要|说)|被人(打|推|踢|砍|捅|掐)|掐(我|脖子)|(?<!像)被[^，]{0,4}(老公|老婆|丈夫|儿子|媳妇|男人|女婿|那人|人)[^，]{0,3}(揪|拖|拽|掐|踢|扇|按在|摁在|推倒)|揪(着|住)[^，]{0,3}头发|扇[^，]{0,2}耳光|(一直|还)在打(?![^，]{0,2}(电话|针|牌|麻将|扫|呼噜|游戏|喷嚏|嗝|哈欠|字|工|球|拳|太极))/u,
    // Animals are killed for the pot (要杀那只老母鸡).
    { unless: /鸡|鸭|鹅|鱼|猪|羊|兔|蚊子|苍蝇|蟑螂|老鼠|怪|游戏|僵尸|boss/u },
  ),
  // 打我女儿的 139… is a call: clausesOf reads it 拨打.
  P(/(?<![拨])打(我|他|她|老人|我妈|我爸|老伴|老头|老太)(?!电话|手机|的电话|的手机|家|号码|一下电话|个电话|微信|视频)/u, {
    unless: /电话|手机|微信|视频|号码|打不通|打通/u,
  }),
  // A missing elder or child, a confused person lost.
  P(/走丢|走失|走散了/u, { unless: /狗|猫|宠物|鸟/u, softBefore: /(老是|经常|总是|容易|常常|总|怕|会)[^，]{0,3}$/u }),
  P(new RegExp(`${PERSON}[^，的把东钥手钱猫狗包卡证本快件货]{0,8}?(丢了|(?<![看瞧])不见了|找不到了|找不着了|寻不着|寻勿着|迷路了|联系不上了)`, 'u'), {
    unlessSaid: DEBT,
  }),
  P(
    new RegExp(
      `${PERSON}[^，的把]{0,10}?(没回来|没回家|未归|没有回来|还没到家)|(出去|出门|散步|买菜)[^，]{0,6}(不见了|找不到了|寻不着|没回来|没回家|还没回)|(跑|溜|走)出去了`,
      'u',
    ),
    { when: LOST },
  ),
  // An elder not seen for days, not answering the door.
  P(/敲门[^，]{0,4}(没人应|没反应|不开|没人开)|(叫|喊)[^，]{0,3}(没人应|不应)/u, { when: /(好几天|几天|两天|三天)[^，]{0,4}没(出门|见|露面|开门|动静)/u }),
  // 闺女要报警 俺不想: a wish declined is no call to make.
  P(/(要|想|帮我|赶紧|快|得)报警(?!器|吗|么|嘛|不|伐)/u, { unlessSaid: /(不想|不用|不必|没必要|用不着)(报警|报|叫警察)?(?=$|，)|不要报警|算了|不报了|报过/u }),
  // Fraud in progress (and just done): the police, and 96110.
  FRAUD(
    /被骗(?!子)|被人骗|骗了|骗走|上当|受骗|安全账户|冒充|刷单|涉嫌洗钱|公检法|(要|叫|让|逼)我[^，]{0,8}(转账|汇款|打钱|汇钱|转钱|付钱|交钱|交保证金|买卡|充值|取钱|投资)|(投资|理财)[^，]{0,8}(取不出|提不出|拿不回)/u,
    // 骗子冒充燃气公司: a warning about a kind of scam; a purchase regretted (想退) is a dispute.
    // 被骗了以后天天骂人: the scam is what happened before what is told.
    { unlessBefore: /骗子[^，]{0,4}$/u, unlessSaid: /想退|退货|退钱|进展|官司|律师|起诉|(被骗|上当|骗了)了?以后/u },
  ),
  FRAUD(
    /绑架|(出事|被抓|住院|撞了人|打了人)[^，]{0,6}(要钱|打钱|汇钱|转钱)|(对方|那人|他|有人|客服|电话里)[^，]{0,6}(要|问|让|叫)[^，]{0,4}验证码|(要|让|叫)(我|他|她)把?验证码|中奖[^，]{0,6}(交|付|转)/u,
  ),
];

const SPOKEN_LIGHTLY = new RegExp(`${FIGURE_OF_SPEECH.source}|${EXASPERATION.source}`, 'u');

/** 救命 / 救救我 / 快来人: danger, of no kind named. */
export const PLEA_SIGNS: readonly Sign[] = [
  // 救命啊这个天热得人要死了, 打字像发暗号 救命哦: a figure of speech or exasperation, not a plea.
  { category: 'plea', services: [], re: /救命(?!钱|稻草|恩人|药|之恩)|救救|快来救人|救人啊|就命啊|\bsos\b|\bhelp\b/iu, unlessSaid: SPOKEN_LIGHTLY },
  // 快来人 is also said of a blocked toilet: a plea only when no everyday trouble is named.
  { category: 'plea', services: [], re: /快来人|来人啊|来人呐/u, unlessSaid: /堵|坏了|漏水|修|停电|停水|没水|臭|吵|装/u },
  // 帮帮我 and nothing else: ask whether someone is in danger now.
  { category: 'plea', services: [], re: /^(求求你们?|快)?帮帮(我|我们|忙)(吧|啊|呀|呐)*$/u, level: 'watch', ask: true, when: /^[^，]*$/u },
];
