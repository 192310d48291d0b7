import type { EmergencyService, Sign } from './types.js';

// === Round five's language (2026-12-08b): a small child in danger (out of the water and still, a battery
// swallowed, a household liquid drunk, shut in a car, a finger stuck, gone in a moment, a stranger's hands),
// a widow joining the dead tonight, smoke on the stairs, a gas pipe drilled through, trapped in a basement
// or a lift, and a village's dangers (a swarm's stings, a dog's bite, a birth, a beating at the bridge)

type More = Omit<Sign, 'category' | 'services' | 're'>;
const M = (re: RegExp, more: More = {}): Sign => ({ category: 'medical', services: ['120'], re, ...more });
const F = (re: RegExp, more: More = {}, services: EmergencyService[] = ['119']): Sign => ({ category: 'fire', services, re, ...more });
const P = (re: RegExp, more: More = {}, services: EmergencyService[] = ['110']): Sign => ({ category: 'police', services, re, ...more });

/** A small child (孙子, 外孙, 宝宝, 小孩): not a grown son or daughter. */
const CHILD = /孙|宝宝|宝贝|小孩|孩子|娃|小朋友|囡囡|小家伙|婴儿/u;
/** A liquid or pill a child should never drink (指甲油, 白酒, 蚊香液, 洗衣液, 药). */
const CHILD_POISON =
  /指甲油|洗甲水|卸甲水|白酒|烧酒|酒精|蚊香液|驱蚊液|花露水|洗衣液|洗衣粉|洗涤剂|清洁剂|洁厕|消毒|香水|煤油|汽油|机油|药水|药片|降压药|安眠药|大人的药|一板药|一瓶药/u;
/** Asked about, not done (会怎么样, 怎么放, 要是): a worry or a lesson. */
const ASKED = /会怎么样|会不会|怎么(放|存|收)|放放好|放好|收起来|要是|万一|如果|视频|教/u;

export const YOUNG_SIGNS: readonly Sign[] = [
  // A baby out of the water and still (宝宝在澡盆里呛水了 抱起来不哭也不动).
  M(/不哭(也)?不动|不哭不闹也?不动|不动也不哭|不会哭了|没有?哭声/u, { when: /呛水|溺水|澡盆|浴缸|水里|掉[^，]{0,3}(水|河|塘|池)|捞/u }),
  // A button battery swallowed, typed as it sounds (店池 吞进去了).
  M(/(电池|店池|电尺|点池|纽扣)[^。]{0,6}(吞|吃|咽)(了|下|进)|(吞|吃|咽)(了|下|进)[^，]{0,6}(店池|电尺|点池)/u, { across: true, unlessSaid: ASKED }),
  // A child who drank what is on the table (外孙把一瓶指甲油喝了; 孙子喝了半瓶白酒): poisoning, 120.
  M(CHILD_POISON, {
    when: new RegExp(`(${CHILD.source})[^。]*?(喝|吃|吞|舔)(了|掉|下|进|光)|(喝|吃|吞)(了|掉|下)[^。]*?(${CHILD.source})`, 'u'),
    unlessSaid: ASKED,
  }),
  // A child shut in a car (外孙把自己锁在车里了 太阳底下晒着): the firemen open it, an ambulance for the heat.
  F(/(锁|关|困)在[^，]{0,3}车(子)?里/u, { when: CHILD, unlessBefore: /(钥匙|手机|包|东西|钱包|狗|猫)[^，]{0,3}$/u, unlessSaid: ASKED }, ['119', '120']),
  // A finger or head stuck and swelling (手指伸进浴缸下水口拔不出来 肿起来了): the firemen free it.
  F(/(拔|抽|取|拿|退)不出来|卡(住|在)[^，]{0,4}(出不来|拿不出)?/u, {
    when: /(手指|指头|手|头|脚|脑袋)[^。]*?(肿|发紫|发青|越来越)/u,
    unless: /鱼刺|骨头|喉咙|东西|钥匙|抽屉|拉链/u,
    unlessSaid: ASKED,
  }),
  // A child gone in a moment (一眨眼没有了 到处寻勿着).
  P(/(一眨眼|一转眼|一转身|一回头|一晃)[^，]{0,3}(就|人)?(没有?了|不见了|没影了?)/u, { when: CHILD }),
  // A stranger taking a child (要把我孙子抱走 她还在拉) or touching one (还想摸她).
  P(new RegExp(`(把|将)[^，]{0,3}(${CHILD.source})[^，]{0,2}(抱走|拉走|带走|拖走|抢走)`, 'u'), {
    when: /不认(得|识)|陌生|不让|还在拉|不放|硬要|抢/u,
    unlessSaid: ASKED,
  }),
  P(new RegExp(`(想|要|还|去)摸(她|他|我${CHILD.source}|${CHILD.source}|小姑娘)`, 'u'), { when: /有个人|有人|陌生|不认|男的|不走/u, unlessSaid: ASKED }),
  // Joining a dead spouse tonight (老头子走了以后…想跟他一道去 今晚就去); at the river, ready to go in.
  {
    category: 'medical',
    services: ['120', '110'],
    re: /(想|要)(跟|随|陪)(他|她|老头子?|老伴儿?|老太婆|老婆|老公|爸|妈)[^，]{0,3}(一道|一起|一块|一同)?(去|走)(?![^，]{0,2}(买|看|玩|旅|逛|吃|医院|公园|超市|菜场))/u,
    when: /走了以后|去世|死了|不在了|过世|没了|走了(?!一)/u,
    unlessSaid: /旅游|公园|买菜|超市|逛街/u,
  },
  {
    category: 'medical',
    services: ['120', '110'],
    re: /准备(跳)?下去了|(要|想)跳下去/u,
    when: /河|江|湖|桥|楼顶|天台|水库|塘|拖累|不想活/u,
  },
  // Smoke on the stairs and someone who cannot get down (楼道里好大的烟 我抱着孙子下不去).
  F(/(下|出|逃|跑)不(去|来|出去)|看不见(楼梯|路)/u, {
    when: /(好大|很大|好多|好浓|浓|黑)的?烟|烟[^，]{0,3}(好大|很大|越来越|呛|冒|上来)/u,
    unlessSaid: /抽烟|烟雾报警器|油烟|香烟/u,
  }),
  // A gas pipe drilled through (天然气管子被装修的钻破了 在呼呼往外喷).
  F(/(天然气|煤气|燃气)(管|管子|管道)?[^，]{0,6}(钻破|打破|挖破|弄破|钻穿|挖断|破了|断了|裂了)/u, { unlessSaid: ASKED }),
  // A bare 火 with a floor and 快 (火 三楼 快).
  F(/(?:^|(?<=，))火[!！]*(?=，|$)/u, { when: /快|楼|救/u, unlessSaid: /灭|点不着|打不着|小点|大点|关火/u }),
  // Shut in a basement or a lift (被关在地下室储藏间里 门锁坏了打不开; 在电梯里关了半个钟头了).
  F(/(被)?(关|锁|困)在[^，]{0,8}(地下室|储藏间|储藏室|仓库|冷库|车库)/u, { when: /打不开|出不去|出不来|没灯|没电|没信号/u }),
  F(/电梯里[^，]{0,6}(关|困|卡)(了|住)|(关|困|卡)在电梯/u, { unless: /灯|空调|风扇|广告|门关/u, unlessSaid: /以前|上次|去年|怕|会不会|万一/u }),
  // A birth begun (羊水破了, 老婆要生了).
  M(/羊水破|(老婆|媳妇|女儿|儿媳|妇女|孕妇)[^，]{0,3}(要|快)生了/u, { unlessSaid: /预产期|下个月|还有[^，]{0,3}(天|周|个月)/u }),
  // Stung by a swarm and weak (被叮了几十口 人发软站不牢).
  M(/(叮|蜇|螫)了?[^，]{0,4}(几十|好多|一身|满身)|(发软|站不(牢|稳|住)|喘不上|晕)/u, { when: /蜂/u, unlessSaid: ASKED }),
  // Bitten by a dog, bleeding (大狗把我孙子脸咬了 血淋淋的).
  M(/血淋淋|血糊糊|一脸(的)?血|满(脸|头|身)(是)?血/u, { when: /咬|狗|抓/u }),
  // At night, someone walking the yard with a torch (手电筒照来照去 我一个人在屋里 怕).
  P(/照来照去|有人在[^，]{0,3}(院子|院里|屋外|窗外|门口)[^，]{0,3}(走|转|晃)/u, { when: /夜里|半夜|深更|凌晨/u }),
  // Cable cut now (有人在剪村里的电缆线 现在正在剪).
  P(/(剪|割|偷)[^，]{0,4}(电缆|电线|铜线)/u, { when: /正在|现在|在(剪|割|偷)/u }),
  // Surrounded and beaten (被一帮人围起来打).
  P(/被[^，]{0,6}(围起来|围着|围住)[^，]{0,2}打|(一帮|一群|好几个)人[^，]{0,4}(围|打)/u),
  // An elder astray and not knowing home (奶奶走丢了 伊记勿牢屋里在哪).
  P(/记(勿|不)(牢|住|得)[^，]{0,3}(屋里|家|屋)[^，]{0,2}在哪/u, { when: /走丢|走失|寻(勿|不)着|找不到|不见/u, now: true }),
  // A link clicked and a bank password typed in (短信说社保卡要过期 我点进去填了银行卡密码).
  P(/(填|输)(了|入|进去)?[^，]{0,4}(银行卡|卡)?密码/u, { when: /短信|链接|点进去|网址|过期/u, unlessSaid: /没填|没输|没点|差点|幸亏|还好/u }, ['110', '96110']),
];

/** What only the model's soft line caught in round five, read by the rules too, by cause. */
export const YOUNG_MORE_SIGNS: readonly Sign[] = [
  // A face or throat swelling after food or a pill (吃了虾以后…眼皮嘴巴肿起来了): an allergy closing the airway.
  M(/(眼皮|嘴巴|嘴唇|喉咙|舌头)[^，]{0,4}肿(起来|了)/u, { when: /吃了|过敏|虾|蟹|花生|药|疙瘩|风团|疹/u, unlessSaid: ASKED }),
  // Something stuck in the nose or throat and breathing hard (鼻子里塞了颗黄豆…喘气吃力; 喉咙里卡了鱼骨头 讲话讲不出).
  M(/(鼻子|鼻孔|喉咙|气管)里?[^，]{0,2}(塞|卡)(了|进|住)/u, { when: /喘|讲不出|说不出|憋|透不过/u, unlessSaid: ASKED }),
  // A wound open to the flesh or bone (下巴裂开一个大口子 肉都翻出来了; 骨头都看得到).
  M(/(裂开|豁开|划开)[^，]{0,4}(大)?口子|肉都翻出来|骨头都看得(到|见)|看得(到|见)骨头/u),
  // A shock and a child who cannot cry (被电了一下 现在哭都哭不出声).
  M(/被电(了|到|击)/u, { when: /哭不出|哭都哭不|没反应|不动|昏|叫不应|不会哭/u }),
  // A fall and blood from nose and mouth (面孔朝下摔在水泥地上 鼻子嘴巴都是血).
  M(/(鼻子|嘴巴|嘴)[^，]{0,3}(都是|全是|在流|流)血/u, { when: /摔|跌|翻出来|掉/u }),
  // A fever with purple spots or a stiff neck (身上出了紫红色的点点; 脖子硬邦邦).
  M(/紫红色?的?(点|斑)|出血点|瘀点|脖子(硬|僵)|颈(子)?(硬|僵)/u, { when: /烧|热|头痛|吐|昏睡/u }),
  // A child dragged towards a car (在拉小孩往车上拖).
  P(/(往|上|进)[^，]{0,2}车(上|里)?[^，]{0,2}(拖|拉|塞|抱)|拉上车/u, { when: CHILD, unlessSaid: ASKED }),
  // An elder taken to a sales pitch with the savings book (被人拉去买理财…存折都带去了).
  P(/(存折|银行卡|现金|户口本)[^，]{0,3}(都)?带(去|走|过去)了/u, { when: /理财|翻倍|高息|利息|投资|保健品|讲座/u }, ['110', '96110']),
  // Clutching the chest and falling (突然捂着胸口倒在沙发上); the heart again, pressing, hands and feet cold.
  M(/捂着?(胸口|心口)[^，]{0,4}(倒|蹲|躺|瘫)/u),
  M(/压得慌|手脚冰(冷|凉)/u, { when: /心脏|胸口|心口/u, unlessSaid: ASKED }),
  // Low blood sugar and nothing goes down (糖水喂不进去).
  M(/喂不进去|灌不进去/u, { when: /低血糖|糖水|昏|抖|没反应/u }),
  // A face dropping on one side (一边面孔往下挂).
  M(/(一边|半边)[^，]{0,3}(面孔|脸)[^，]{0,3}(往下|挂|歪|塌)|面孔[^，]{0,2}(歪|往下挂)/u),
  // Down and not answering (刚在菜场门口倒下 他没反应).
  M(/(他|她|人)?没(有)?反应(?!过来)/u, { when: /倒(下|在|了)|晕|摔|跌/u, unlessSaid: ASKED }),
  // Breath growing less (老头子气越来越少了).
  M(/气越来越(少|弱|小|短)|越来越没气/u),
  // A burn blistered and the skin off (腿上一大片起泡皮都掉了).
  M(/一大片[^，]{0,3}(起泡|水泡)|皮都(掉|脱)了/u, { when: /烧|烫|火/u }),
  // A knock to the head, a lump, then vomiting or drowsy (跌了 头上肿个包 现在吐了 人困困的).
  M(/(头|脑壳|额头|头上)[^，]{0,3}(肿|起)(了)?(个|一个)?(大)?包/u, { when: /吐|困|想睡|迷糊|叫不醒/u }),
  // Pesticide breathed in while spraying (打农药的辰光吸进去了 头昏 一直吐).
  M(/吸进去了?/u, { when: /农药|药水|毒/u, unlessSaid: /怕|口罩|会怎么样|会不会|要是|万一|如果/u }),
  // A smell of gas, afraid to switch the light on (梅气味道老重 我不敢开灯).
  F(/不敢(开灯|开关|点火|按开关|打火)/u, { when: /气|味/u }),
  // Stealing now (有人在我鱼塘里偷鱼 现在还在); followed (一直跟牢我孙女 现在还在后面); threatening to break in.
  P(/偷(鱼|鸡|鸭|羊|牛|猪|东西)/u, { when: /现在|还在|正在/u, unlessBefore: /(猫|狗|鸟|黄鼠狼)[^，]{0,3}$/u }),
  P(/(一直|一路)跟(牢|着|住)/u, { when: /现在|还在|后面/u, unlessSaid: ASKED }),
  P(/要(冲|闯|打|砸)进来/u),
];
