import { FIGURE_OF_SPEECH, NOT_ROBBED, PERSON, type Sign } from './types.js';

// === Kinds of danger named by what happens, not by a word: self-harm, trapped, gas by its container,
// fraud in progress, robbery and forced entry, threats, a confused person missing, a plea with a place

const sign = (category: Sign['category'], services: Sign['services'], re: RegExp, more: Omit<Sign, 'category' | 'services' | 're'> = {}): Sign => ({
  category,
  services,
  re,
  ...more,
});

// === Self-harm: the wish to die, or a plan or means, said now (also 110: someone must come)

/** Wanting to die, said in the ways people say it. */
const WISH =
  /活着没意思|活得没意思|活着没劲|不想活|活不下去|活够了|活到头|寻死|寻短见|自杀|轻生|了结自己|结束自己|结束生命|一了百了|想死|(要|想)?去死|死了算了|没脸见|不想拖累|拖累(我们|子女|孩子|儿女|你们)|不想再熬|不(再)?拖累|今天就结束|遗书|遗言|留了?封?信|上吊|吊颈|悬梁|(割|划|砍|捅|杀|弄死|伤害|了结)[^，]{0,2}自己|自残|(熬|撑)不下去|(活|日子|人生)[^，]{0,6}没(什么|啥)?意思/u;
/** A farewell (今晚就走, 别找我, 照顾好自己): with another, or with the means at hand, it is self-harm. */
const FAREWELL =
  /(跟|和|向)(我|我们|你们|大家)告别|告别(了|的话)|(别|不要)(来)?找(我|他|她)|再见了|永别|照顾好(自己|妈|爸|孩子|你妈|你爸)|下辈子|(今天|今晚|今天晚上|马上|明天)就(走|去)(了)?(?![^，]{0,4}(杭州|上海|医院|女儿|儿子|家|旅|车站|买|看|玩|回))|说(一声)?再见|最后一次|对不(起|住)(大家|你们|孩子|我们)|这辈子对不(起|住)/u;
/** The means of self-harm, at hand. */
const MEANS = /农药|安眠药|药[^，]{0,3}(攒|准备|放)|绳|刀|煤炉|炭|楼顶|天台|河边|桥上/u;
/** Weary of living (活着太吃力了, 日子熬不动了): with the means at hand, self-harm. */
const WEARY = /(活着?|日子|人生)[^，]{0,3}(太|好|真|很)?(吃力|累|苦|难熬|受罪|遭罪|没劲|没盼头|没指望|熬不动)|不如死了|死了(倒)?(好|干净|省心)/u;
/** Affairs put in order: where the savings are, what to do after (存折放在衣柜里, 像交代后事). */
const AFFAIRS = /(存折|存款|银行卡|密码|证|房本|金子|首饰|钱|保险单?)[^，]{0,3}(放|藏|塞|锁)?在[^，]{0,6}(里|下|底|上|哪)|放哪|交代后事|(像|在)交代|后事|遗嘱/u;
/** Then gone silent, or said sorry (就不接电话了, 现在电话不接了, 关机了). */
const SILENT = /不接电话|电话不接|电话也不接|(没人|不)接了?|打不通|关机|联系不上|不回(消息|信息|微信)|对不(起|住)/u;
/** Silence alone, without a sorry (电话也不接, 打过去关机了). */
const SILENCE = /不接电话|电话(也)?不接|(没人|不)接了?|打不通|关机|联系不上|不回(消息|信息|微信)/u;

export const SELF_HARM_SIGNS: readonly Sign[] = [
  sign('medical', ['120', '110'], WISH, {
    unless: /开玩笑|笑话|够本|不想寻死|从没想过/u,
    unlessBefore: new RegExp(`(${FIGURE_OF_SPEECH.source}|(热|冷|饿|累|困|急|气|烦|笑)得?)$`, 'u'),
  }),
  sign('medical', ['120', '110'], FAREWELL, { when: new RegExp(`${MEANS.source}|(${FAREWELL.source})[\\s\\S]*(${FAREWELL.source})`, 'u') }),
  // A high place and a jump (站窗台上 说要跳).
  sign(
    'medical',
    ['120', '110'],
    /(站|爬|坐|蹲)(到|在)?[^，]{0,3}(窗台|楼顶|天台|阳台外|阳台边|阳台栏杆|桥上|栏杆外|栏杆上|屋顶|窗户外|窗外|窗户上|护栏|空调(外机)?架)|(窗台|楼顶|天台|阳台外|栏杆外|屋顶|窗户外|窗外|护栏外|空调(外机)?架)[^，]{0,8}(站着|坐着|蹲着|爬着)/u,
    {
      when: new RegExp(`跳|不(肯)?(下来|进来|回来)|不肯下|去(找|陪|见)|${WISH.source}`, 'u'),
    },
  ),
  // The means at hand, and the will to take them all (把安眠药全部拿出来了 讲要一口气吃掉).
  sign('medical', ['120', '110'], /(要|想|准备|打算|就)[^，]{0,4}(一口气|全部|都|一次)?(吃掉|吃下去|吞下去|喝下去|喝掉|全吃了)/u, {
    across: true,
    when: /安眠药|农药|药[^，]{0,3}(攒|准备|全部|都拿|拿出来)/u,
  }),
  // Shut in alone, with blood or no answer (把自己关在卫生间里 门缝底下有血).
  sign('medical', ['120', '110'], /把自己(关|锁)在/u, { when: /血|不开门|不应|不说话|不出声|药|刀|不想活|没意思|哭/u }),
  sign('medical', ['120', '110'], /(把|将)(手|手腕)(割|划)了|割(了|破)?手?腕/u),
  sign('medical', ['120', '110'], /(割|划)(了|破)?(手|腕)|(手|手腕)(割|划)|(爬|站|坐)(到|在)[^，]{0,4}(阳台外|楼顶|天台边|窗外|窗台|桥上|河边)/u, {
    when: WISH,
  }),
  sign('medical', ['120', '110'], /(药|安眠药)[^，]{0,4}攒|攒[^，]{0,4}(药|安眠药)/u),
  // Pills taken with a farewell (吞了一整瓶安眠药 说对不起我们).
  sign('medical', ['120', '110'], /(吞|吃|喝)[^，]{0,6}(药|农药)/u, {
    when: /对不起(我们|你们|大家|孩子)|永别|再见了|照顾好(自己|妈|爸)|下辈子|(不想|不愿|省得|免得|怕)[^，]{0,4}(给|替)?[^，]{0,4}(添麻烦|拖累|负担|累赘)|成了?(负担|累赘)/u,
  }),
  // Pesticide drunk with the bottle found beside (瓶子就在旁边): it may have been meant — the police come too.
  sign('medical', ['120', '110'], /(喝|吃)了?[^，]{0,2}(农药|敌敌畏|百草枯|老鼠药|灭鼠药)/u, {
    when: /(瓶子?|空瓶|药瓶|袋子)[^，]{0,4}(就)?(在|放在|扔在|倒在)?[^，]{0,2}(旁边|边上|手边|身边|床边|地上|脚边|枕头边)/u,
    unlessSaid: /以为|当(成|作)?[^，]{0,4}(饮料|酱油|水|酒|醋|药)|拿错|错|不小心|误/u,
  }),
  sign('medical', ['120', '110'], /烧炭/u, { when: /反锁|信|遗|不想|没意思/u }),
  sign('medical', ['120', '110'], /(喝|吃)了?[^，]{0,2}农药|农药[^，]{0,4}(喝|吃)了/u, { when: /不想|不要告诉|拖累|故意|自己/u }),
  sign('medical', ['120', '110'], /去(找|陪|见)(她|他|老伴|我妈|我爸|老头子?|老太太|外公|外婆|爷爷|奶奶)/u, {
    when: /走了以后|去世|过世|死了以后|没意思|安眠药|农药|一(整)?瓶|早点去/u,
  }),
  sign('medical', ['120', '110'], WEARY, {
    when: /(刀|药|绳|农药|安眠药|剪刀)[^，]{0,4}(在手边|在身边|在手里|拿在|准备好|放在|就在)|(拿|握|攥)着[^，]{0,2}(刀|药|绳)/u,
  }),
  // The means of hanging set up (把绳子系在门框上了), with a word of despair.
  sign('medical', ['120', '110'], /(绳子?|带子|围巾|皮带|床单)[^，]{0,4}(系|挂|绑|拴)(在|到)[^，]{0,4}(门框|房梁|梁上|窗|床头|树|暖气管|栏杆|吊扇|晾衣)/u, {
    when: new RegExp(`拖累|没意思|不想活|对不(起|住)|遗书|${WEARY.source}`, 'u'),
  }),
  // A farewell, then silence (说对不起我们 然后电话打不通; 这辈子对不住你们 打过去关机了).
  sign('medical', ['120', '110'], SILENCE, { when: FAREWELL }),
  // Affairs told, then silence (存折放在衣柜里 然后就不接电话了): a farewell.
  sign('medical', ['120', '110'], SILENT, { when: AFFAIRS, unlessSaid: /忘|找不到|丢了|补办|挂失|银行[^，]{0,4}(电话|打不通)/u }),
];

// === Trapped: in a lift, or shut in or stuck where someone must be freed (119)

/** A lift of any kind. */
const LIFT = '(?:电梯|货梯|客梯|升降梯|观光梯)';

/** Where people get trapped. */
const TRAP_PLACE = /电梯|栏杆|阳台|天台|门缝|井里|车里|厕所|卫生间|房间|柜子|屋顶/u;

export const TRAPPED_SIGNS: readonly Sign[] = [
  sign(
    'fire',
    ['119'],
    new RegExp(
      `${LIFT}[^，]{0,8}(卡住|卡在|停住|停在|关住|关在|困|出不来|打不开|开不开|不动了|掉下)|${LIFT}[^。]{0,10}(出不来|按铃没人|门打不开|门开不开|里(面|头|边)?(还)?有${PERSON}|关住|卡住|(关|困)(了|着)(个|一个)?[^，]{0,6}${PERSON})`,
      'u',
    ),
    {
      across: true,
      unless: /顿了一下|又动了|老是|修好|检查|没人关|没人困|试试|怕|保养|年检|维修/u,
    },
  ),
  // Shut in or out (关在阳台外, 锁在天台上): people, not doors — a door that sticks is a repair.
  sign('fire', ['119'], /困(住|在)|关(住|在)|锁在|出不去|出不来/u, {
    when: TRAP_PLACE,
    // 把自己关在房间里: shut in by choice, not trapped.
    unless: /钥匙|猫|狗|喉咙|嗓子|鱼刺|电梯|门(卡|推|拉)|把自己(关|锁)在(?![^，]{0,4}外)/u,
  }),
  // A head, a hand or a foot stuck (in railings, a window guard, a door): freed by the firemen.
  sign('fire', ['119'], /((?<!骨)头|手|脚|腿|胳膊|手指|脑袋)[^，]{0,3}(卡在|卡住|夹在|夹住|(卡|夹)(?![片号的子里了]))|(拔|拿|抽)不出来?/u, {
    when: /卡|夹/u,
    unless: /喉咙|嗓子|鱼刺|钥匙|鞋/u,
  }),
  // Someone pinned under something, or caught in a wreck (压在下面, 卡着出不来): freed by the firemen, seen to by 120.
  sign(
    'medical',
    ['120', '119'],
    /(压|埋|卡)(在|住|着)[^，]{0,4}(下面|底下|里面|里头|车里|废墟)|压(了|着|住)个?人|(人|有人)[^，]{0,4}(压|埋|卡)(在|住|着)|卡着出不来/u,
    {
      unless: /压力|压岁|血压/u,
    },
  ),
];

// === Gas by its container or valve, by its smell, or a flame where gas comes out (119)

export const GAS_SIGNS: readonly Sign[] = [
  sign('fire', ['119'], /(罐|瓶|阀门?|管子?|瓶口|接口)[^，]{0,4}(嘶嘶|呲呲|漏|关不住|关不掉|有火|着火|冒火)|嘶嘶|呲呲|哧哧/u, {
    when: /煤气|燃气|液化气|天然气|罐|瓶|阀/u,
    unless: /高压锅|压力锅|轮胎|气球|水管|暖气/u,
  }),
  sign('fire', ['119'], /臭鸡蛋味|(味道?|气味)[^，]{0,2}越来越(重|浓|大)/u, { unlessSaid: /下水道|厕所|垃圾|不是煤气|不是燃气/u }),
  sign('fire', ['119'], /(味道?|气味)[^，]{0,2}(很|好|特别|老)?(冲|重|浓|刺鼻|呛)/u, {
    when: /煤气|燃气|液化气|天然气|罐|阀/u,
    unlessSaid: /下水道|厕所|垃圾|不是(煤气|燃气)|没有?味|杀虫剂|油漆/u,
  }),
  sign('fire', ['119'], /(?<![睡站坐躺])着起来了/u, { when: /车|电|线|火|烟|锅|被|房|柜|箱/u }),
  // A fire seen from outside: something burning, smoke coming out, a red glow.
  sign('fire', ['119'], /(?<![发高饭菜水粥汤])烧着了|烟从[^，]{0,4}(飘|冒|出来|下来|进来)|烟[^，]{0,2}大得|红光/u, {
    when: /烟|火|噼里啪啦|烧/u,
    unless: /烟花|炊烟|烟囱|抽烟/u,
  }),
];

// === Fraud in progress, or money just lost to a scam (110 and 96110)

/** Money moved, or the means to move it handed over. */
const MONEY_ACT = new RegExp(
  [
    '转(了|过去|账|帐|钱|到)|(正在|在)转|汇(了|过去|钱)|打(了|过去)?钱|取(了|钱|出来|好了|五万|\\d+万)|付了|刷(了|卡)|交了|充了|给了|投了|先交钱',
    '准备[^，]{0,3}(万|钱)|买(了)?[^，]{0,3}卡|送[^，]{0,6}过去|扣(了|钱|款)|被转走|转走|划走|被刷(掉|走|了)|刷掉了|钱没了|钱少了|卡里[^，]{0,3}(没了|少了)|提不出|取不出',
    '(密码|验证码)[^，]{0,4}(告诉|报|给|输)|(告诉|报|给|输)了?[^，]{0,6}(密码|验证码)|银行卡[^，]{0,3}(拿走|收了|给了)|(收|拿)(了|走)[^，]{0,10}银行卡',
    '共享了?屏幕|屏幕共享了|(按|照)[^，]{0,6}(说|讲)的[^，]{0,6}(开|下载|装|点|输|按|转|操作)|(拿|交)(出来|出去)?给(他|她|对方|那人|人家)|给(他|她|对方|那人|人家)们?了|去取|要取|取[^，]{0,3}(块|元|万)',
    '收了[^，]{0,3}[一二三四五六七八九十百千万\\d]|(叫|让|要)我?[^，]{0,4}去银行|在银行排队|银行排队|(已经|刚刚?)(点了|开了|下载了|装了|扫了|输了|按了)',
    '(拿|带)(了|着)?[^，]{0,4}(存折|银行卡|现金|金子|首饰)[^，]{0,4}去|去(了)?银行(了|取|汇|转)|先交[^，]{0,4}(费|钱|税|金)|(汇|转|打)[^，]{0,3}(保证金|手续费|税|钱|款)',
    '(要|得|让)交[^，]{0,3}[一两二三四五六七八九十几\\d]+[^，]{0,2}(万|千)|(转|汇|打)出去|(转|汇|打)给[^，]{0,10}(人|他|她|对方|账户|卡|老师|警察|公安|检察|法院|客服|领导)|钱[^，]{0,2}(转|汇|打)(走|出去|过去)了|交给[^，]{0,10}(人|女人|男人|和尚|师傅|大师|他们)|(打|汇|转)(了)?[^，]{0,3}[一两二三四五六七八九十几\\d]+[^，]{0,2}(万|千|百|块|元)|(叫|让|要)我[^，]{0,3}(打|转|汇)[^，]{0,3}[一两二三四五六七八九十几\\d]',
  ].join('|'),
  'u',
);
/** Who asks, and why: the scripts of the year. */
const SCAM = new RegExp(
  [
    '骗子|电话里|接到[^，]{0,3}电话|打电话(来|给我|说)|来电|短信|快递[^，]{0,4}(丢|赔|破)|赔(偿|钱|给)|银行[^，]{0,3}(电话|客服|的人)|盗刷|领导|收旧|换金|视频|对方|陌生人|冒充|自称|(说|是)是?(银行|公安|警察|法院|检察|派出所|社区|客服|燃气公司)|客服|警察|警官|民警|公安|检察|法院|法官|派出所|通缉|安全账户',
    '没(有)?这回事|换了?号|打电话给|社保局|医保局|基金|扶贫|账户|拦不住|劝不住|劝不听|消灾|开光|作法|驱邪|大师|涉嫌|犯罪|洗钱|冻结|保证金|手术费|撞了人|打伤人|出车祸|被抓|换了?新号码|借钱|中奖|中了大奖|交税|手续费|投资|养老项目|理财|翻倍|返利|平台',
    '保健品|讲座|推销|帮(我|你|他|她)[^，]{0,2}办|养老金|开过光|治百病|认证|补贴|退款|理赔|链接|屏幕共享|共享屏幕|远程|会议软件|下载|备用金|私了|老战友|网上认识|网友|老师|群里|加了?[^，]{0,3}群|做任务|领(鸡蛋|礼品|米|油)|返现|上门',
  ].join('|'),
  'u',
);

export const FRAUD_SIGNS: readonly Sign[] = [
  // Money moved (or about to be) at a scammer's word; frames tell a story told or seen through.
  sign('police', ['110', '96110'], MONEY_ACT, {
    when: SCAM,
    unlessSaid: /想退|退货|进展|追回来|官司|律师|没转|没给/u,
  }),
  sign(
    'police',
    ['110', '96110'],
    /不(让|许)[^，]{0,2}(挂电话|挂|跟家里|告诉|关)|不(让|许|要)(我)?(跟|和|告诉)[^，]{0,4}(爸|妈|家里|家人|儿子|女儿|别人)(说)?(?=$|[^，]{0,6}(钱|万|块|转|汇|银行))|不要告诉(家里|家人|儿子|女儿|别人)|照对方说的按|被人遥控|远程控制|(屏幕|手机|电脑)[^，]{0,2}自己在?(动|点|跳)/u,
  ),
  // A relative in trouble needing money, as a call or a messenger tells it, and money about to go (孙子说出事了 要钱 我去取).
  sign(
    'police',
    ['110', '96110'],
    /(说|电话|称|冒充)[^，]{0,4}(是)?(我)?(孙子|外孙|孙女|儿子|女儿|侄子|外甥|领导|亲戚|老同学)[^，]{0,6}(出事|出车祸|撞了人|被抓|打伤人|打了人|住院|惹了事|欠了钱)|(孙子|外孙|孙女|儿子|女儿|侄子|外甥)[^，]{0,2}(说|打电话)[^，]{0,8}(出事|出车祸|撞了人|被抓|打伤人|打了人|惹了事|欠了钱)/u,
    { when: /要钱|打钱|汇钱|转钱|取钱|去取|要取|取[^，]{0,3}(万|块)|去银行|在银行|准备[^，]{0,3}(万|钱)|给[^，]{0,4}(钱|万)/u },
  ),
  // Money gone from a card of a sudden, or a card used by someone else.
  sign(
    'police',
    ['110', '96110'],
    /(卡里|卡上|账户里?|存折里?|余额)[^，]{0,3}钱?[^，]{0,2}(刚|突然|一下子|莫名其妙|全)[^，]{0,2}(没了|少了|被转走|不见了|被取走)|钱[^，]{0,2}被(转走|划走|取走|盗刷)|盗刷/u,
  ),
  // A fraud the resident wants reported now (前两天被骗了 想报警).
  sign('police', ['110', '96110'], /被骗|骗了|上当/u, { when: /(要|想|得|帮我)报警/u, now: true }),
];

// === Robbery, forced entry, weapons, threats (110)

export const POLICE_MORE_SIGNS: readonly Sign[] = [
  sign('police', ['110'], /抢[^，]{0,6}(包|钱|手机|项链|首饰|金|东西|手镯)|被[^，]{0,3}抢|抢了|往[^，]{0,4}(跑|逃)了/u, {
    when: /抢|偷|打|推/u,
    unless: NOT_ROBBED,
  }),
  sign(
    'police',
    ['110'],
    /被[^，]{0,3}偷|(小偷|贼)[^，]{0,4}(还在|在车上|在家|在里面|在屋)|偷[^，]{0,3}(推走|开走|骑走)|翻窗|翻进|爬(上来|进来|进)|往里(挤|冲|闯)|(撬|砸)[^，]{0,4}车|(拉|敲)[^，]{0,4}车(门|窗|玻璃)|踢门|砸门|砸[^，]{0,3}(窗|玻璃)/u,
    {
      unless: /猫|狗|老鼠|小孩子玩/u,
    },
  ),
  sign('police', ['110'], /(拿|拎|提|举)(着|了)?[^，]{0,3}(刀|菜刀|棍子|棒子|斧头|砖头|铁棍|铁棒|酒瓶|锤子|铁锹)|(刀|棍子)[^，]{0,3}(追|砍|打|骂|威胁)/u, {
    unless: /切菜|切肉|做饭|磨刀|砍柴|剁|削/u,
    unlessSaid: /割|自己|枕头/u,
  }),
  sign(
    'police',
    ['110'],
    /(说|要|扬言|威胁)[^，]{0,8}(打死|杀了|砍死|弄死|放火|烧(我|你|他|她)?(家|房子)|烧了)|(追着|按着|围着)[^，]{0,4}打|打(他|她)?老娘|推倒/u,
    {
      unless: /鸡|鸭|鱼|猪|羊|蚊子|苍蝇|蟑螂/u,
    },
  ),
  sign(
    'police',
    ['110'],
    /跟到(楼下|家门口|家|小区)|跟(着|住)[^，]{0,6}进(了)?(楼道|楼|家|门|电梯)|一路跟着|跟着[^，]{0,6}到(楼下|家门口|家|小区)|跟进(了)?(楼道|楼|家|门|电梯)|跟了[^，]{0,4}(条街|一路|好久)|(拉|拖|抱)(上车|走了)|往车里(拖|拉|塞|抱)|(拖|拉|塞|抱)(进|上)[^，]{0,2}车|(围着|堵着|拦住|拦着)(我|他|她)?[^，]{0,4}要钱|不给钱?就(打|砸|砍|杀|烧|弄死|不让走)|推了(我|他|她|老伴|老人|我妈|我爸|老头|老太)(?![^，]{0,4}(醒|应|反应|轮椅|散步|出去|去医院|车))|被[^，]{0,6}(拉上车|带走|抱走|拐走)/u,
    {
      unless: /快递|外卖/u,
    },
  ),
  // Someone has been in, and is still there (抽屉全翻开了 那人好像还在楼上).
  sign(
    'police',
    ['110'],
    /(那人|那个人|有人|贼|小偷|人)[^，]{0,6}(还在|没走|躲在)[^，]{0,6}(家|屋|里|楼上|楼下|房间|柜)|脚步声|有动静|(好像|可能|估计)还在(楼上|楼下|屋里|家里|里面|里头|房间)/u,
    {
      when: /进过人|进了人|撬|翻(开|得|乱)|门(开着|被打开|没锁)|抽屉|被翻/u,
    },
  ),
];

// === A confused person, or a child, missing for hours (110)

const CONFUSED = /痴呆|糊涂|记性不好|记性差|不认得路|不认识路|认不得路|认不清路|阿尔茨海默|健忘|失智|脑子不清/u;
const GONE =
  '(不知道|不晓得)?去哪(了|里了)|哪去了|到现在[^，]{0,6}(天都黑|天黑|还没|没回|没消息)|(一夜|一晚上?|整夜|整晚|一天一夜|两天|三天)[^，]{0,3}(没回|未归|没消息)|没看到人|没见到人|没看见人|人不见|找遍|到处找|没回来|没回家|还没回(?!复|信|消息|微信|电话)|不回来|找不到|找不着|没找着|没找到|联系不上|走出去|跑出来|跑出去|开门出去|走丢|不见了|没来过';
/** Someone unreachable over money (租客 三个月没交房租 人联系不上了): a dispute, not a missing person. */
export const DEBT = /房租|租客|欠(钱|款|账|债)|还钱|借钱|工资|老板|房东|退不掉|退(货|款)|投诉|保健品|商家|店家/u;
const LONG = /[两三四五六七八九十几\d]+个?(小时|钟头)|天黑|一夜|到现在|半夜|深更|[七八九十]点多?了|一早|一整天|好久/u;

/** Someone who cannot say who they are or where they live (问他家在哪说不清, 问什么都答不上). */
const CANNOT_SAY =
  /(问|叫)[^，]{0,6}(答不上|说不清|说不出|说不上|不知道|不晓得|记不得|想不起)|(家在哪|住哪|住在哪|哪里人|叫什么|姓什么)[^，]{0,4}(说不清|说不出|不知道|不晓得|记不得|答不上|想不起)/u;
/** …out in the street, dressed for home, or night coming. */
const ASTRAY =
  /门口|路边|路上|马路|街|店|超市|商场|公园|车站|站台|桥|广场|小区里|楼下|村口|河边|穿着?(拖鞋|睡衣)|天(快)?黑|找(她|他)?(妈|爸|家)|(要|说)(回家|去找)/u;

export const MISSING_SIGNS: readonly Sign[] = [
  // A confused person found astray: the police bring them home.
  sign('police', ['110'], CANNOT_SAY, { when: ASTRAY, unlessSaid: /电话|手机|密码|医生|题|考/u }),
  sign('police', ['110'], new RegExp(GONE, 'u'), { when: CONFUSED, unless: /钥匙|手机|卡|证|本/u, softBefore: /(老是|经常|总是|容易|怕|会)[^，]{0,3}$/u }),
  sign('police', ['110'], new RegExp(GONE, 'u'), {
    when: new RegExp(`(${LONG.source})[^。]*${PERSON}|${PERSON}[^。]*(${LONG.source})`, 'u'),
    unless: /钥匙|手机|卡|证|本|快递|外卖/u,
    unlessSaid: DEBT,
  }),
];

// === A plea that names no kind, with urgency or a place (快点来 勤俭新村三幢 快)

const EVERYDAY = /堵|坏了|漏水|修|停电|停水|没水|臭|吵|装|送|搬|开门|快递|外卖/u;

export const PLEA_MORE_SIGNS: readonly Sign[] = [
  sign('plea', [], /出(大)?事了|出人命|要出事/u, { when: /快|救(?!护车)|派人|求求/u, unlessSaid: EVERYDAY }),
  sign('plea', [], /快(点|快)?来|快派人|快叫人|叫人来|来人/u, {
    when: /快[^。]{0,5}快|新村|幢|号楼|小区|这里|这边|来人|帮帮|救|出事|不行了|要死了|人命|求求/u,
    // 能不能来人换一个: someone asked to come for a job is a service.
    unless: /来人(帮忙?)?[^，]{0,2}(换|修|看看|装|弄|送|查|量|搬|检查)/u,
    unlessBefore: /(能不能|可不可以|可以|想|请)$/u,
    unlessSaid: EVERYDAY,
  }),
  sign('plea', [], /有人吗/u, { when: /快/u, unlessSaid: EVERYDAY }),
  // 不晓得哪家出事了: somebody somewhere, heard of — not a report.
  sign('plea', [], /出(大)?事了/u, {
    level: 'watch',
    ask: true,
    unlessSaid: new RegExp(`${EVERYDAY.source}|电话|骗|说我|(不知道|不晓得)[^，]{0,3}(哪|谁)|来过`, 'u'),
  }),
];
