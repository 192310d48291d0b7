import { PERSON, type Sign } from './types.js';

// === Symptoms described, not named: a body part, what is wrong with it, and how sudden or bad it is
// 一只手突然拿不住筷子, 嘴唇紫了, 血流个不停, 喉咙发紧: each part of the language is written once below
// and the signs are composed from the parts, so a new wording of the same thing is still read.

const M = (re: RegExp, more: Omit<Sign, 'category' | 'services' | 're'> = {}): Sign => ({ category: 'medical', services: ['120'], re, ...more });
const any = (...parts: string[]) => `(?:${parts.join('|')})`;
/** Within one clause, up to `n` characters apart. */
const near = (n: number) => `[^，]{0,${n}}`;
/** Across a clause break or two (typed with spaces: 血 一直流 止不住). */
const soon = (n: number) => `[^。]{0,${n}}`;

// === The parts

/** One side of the body. */
const SIDE = any('一边', '半边', '一侧', '左半边', '右半边', '左边?', '右边?', '半拉', '一只');
const LIMB = any('手臂', '胳膊', '手腕', '手指头?', '手脚', '手', '脚', '腿', '身子', '身体', '半身');
const FACE = any('脸', '嘴巴?', '嘴角', '口角', '眼皮', '眉毛');
/** A limb that does not obey. */
const WEAK = any(
  '动不了',
  '不会动',
  '不能动',
  '动不起来',
  '抬不起来?',
  '举不起来?',
  '拿不住',
  '捏不住',
  '握不住',
  '没力气?',
  '没劲',
  '使不上劲',
  '不听使唤',
  '不听话',
  '发?麻(?![烦将])',
  '麻木',
  '瘫',
);
/** A face that droops. */
const DROOP = any('歪', '斜', '挂下来', '耷拉', '流口水', '发?麻(?![烦将])');
/** Speech gone wrong. */
const SPEECH = any(
  `说话?${near(3)}(含糊|(?<![听看])不清|不对头|不对劲|颠三倒四|大舌头)`,
  `舌头${near(2)}(打结|大了?|发硬|僵|不灵)`,
  '问东答西',
  '答非所问',
  '说不出话',
  '话也说不出',
  '话都说不出',
  '(突然|就)不(说话|响)了?',
  '不说话了',
  '声音都变了',
);
/** Sudden, or getting worse. */
const SUDDEN = /突然|一下子|刚刚|刚才|早上起来|醒来|半天|更厉害|越来越|就这样/u;
/** Calling someone gets nothing back. */
const NO_ANSWER = any(
  '不醒',
  '不应',
  '没反应',
  '不理',
  '不睁',
  '睁不开',
  '睁不了',
  '不响',
  '不答应',
  '不大应',
  '不大醒',
  '不太(应|醒|理|答应)',
  '没醒',
  '醒不过来',
  '没动静',
  '没声音',
  '没(答应|回应|应声)',
  '不吭声',
  '(一点)?声音也没有',
  '反应[^，]{0,2}慢',
);
/** Lips or face turning a colour of no air. */
const NO_AIR_COLOUR = `(嘴唇|嘴|脸色?)${near(3)}(发?紫|发?青|乌青|发黑|发灰)`;
/** Breathing that is wrong. */
const BREATH = any(
  `呼吸${near(3)}(难|急|困难|不上|不过来|越来越慢|有声音|很快|停了|没了|不动)`,
  '不会呼吸',
  '不(大|太)喘气',
  `((?<![语力脾口运天生客])气|呼吸)${near(2)}(很|好)?(弱|轻|浅)`,
  `喘${near(3)}(厉害|睡不下|躺不平|坐着|急|不行|不过来|不上来)`,
  '躺都躺不平',
  '气急',
  '一口气没上来',
  `(喉咙|嗓子)${near(3)}(发紧|紧|肿|堵|呼噜)`,
  `抓${near(2)}(喉咙|脖子|嗓子)`,
  '咳不出(声|来)',
);
/** Blood that does not stop, or a lot of it. */
const BLOOD_BAD = any(
  '止不住',
  '停不下',
  '不停',
  '个不停',
  '一直(在)?(流|冒|往外|滴)',
  '滴个不停',
  '往外冒',
  '哗哗',
  '哗啦',
  '直流',
  '直淌',
  '直冒',
  '汩汩',
  '流了一(床|地|身|摊)',
  '红透',
  '湿透',
  '好多',
  '很多',
  '多死',
  '一大口',
  '一口一口',
  '黑红',
  '暗红',
);
/** Pain at its worst. */
const PAIN_BAD = any(
  '打滚',
  '要裂',
  '裂开',
  '要炸',
  '炸开',
  '要命',
  '要死',
  '死了?',
  '受不了',
  '直叫',
  '哭',
  '哼哼',
  '冒汗',
  '出汗',
  '直不起',
  '站不起',
  '不行',
  '从来没这么',
  '撕',
  '刀割',
  '刀绞',
  '钻心',
);
/** What comes with severe pain and makes it urgent. */
const WITH_PAIN = /吐|呕|冷汗|出汗|发烧|寒热|肿|硬|胀|倒|晕|站不住|脸色?(白|煞白)|尿不出|没大便|出血|流血/u;

// === The signs

export const SYMPTOM_SIGNS: readonly Sign[] = [
  // Stroke: a side or a limb that does not obey, a face that droops, speech gone wrong — said as sudden.
  M(new RegExp(`${SIDE}的?${LIMB}${near(4)}${WEAK}`, 'u'), { unlessSaid: /康复|护理|后遗症|偏瘫|好几年|多年/u }),
  M(new RegExp(`${LIMB}${near(4)}${WEAK}`, 'u'), { when: SUDDEN, unless: /扭|崴|摔|跌|冻|冷|睡|压|蹲|坐久|老毛病|好几年/u }),
  M(new RegExp(`${SIDE}?${FACE}${near(3)}${DROOP}`, 'u'), { unless: /笑|气|冻|冷|过敏|牙/u }),
  M(new RegExp(`(筷子|碗|杯子|东西)${near(3)}(拿不住|捏不住|握不住|掉)`, 'u'), { when: SUDDEN }),
  M(new RegExp(SPEECH, 'u'), {
    unlessBefore: /(气得|感动得|高兴得|吓得|惊得|激动得)[^，]{0,2}$|(我|我们)(也|都|就|又|还)?$/u,
    unless:
      /孩子|小孩|宝宝|从小|训练|方言|普通话|电话(打|没)|信号|口吃|结巴|(说|讲)不清楚?(住|家|地址|哪|名字|是谁|什么)|(家在哪|住哪|地址)[^，]{0,2}(说|讲)不清/u,
  }),
  M(/(眼睛?|眼)[^，]{0,4}(突然)?(看不见|看不清|瞎|黑了)/u, { when: SUDDEN, unless: /老花|近视|白内障|眼镜/u }),
  // Nobody answers, or lies still.
  M(new RegExp(`[叫喊拍推摇掐]${soon(8)}${NO_ANSWER}`, 'u'), { across: true, unless: /电话|微信|手机|门铃|狗|猫/u, unlessSaid: /救命/u }),
  M(new RegExp(`敲门${soon(8)}${NO_ANSWER}`, 'u'), { across: true, when: /洗澡|浴室|卫生间|厕所|浴缸/u }),
  M(new RegExp(`(躺|趴|倒|坐)(在|着)?${near(6)}((?<![走拿搬推拉扛提抬爬跑])不动|一动不动|不说话)|人不动了?|眼睛(睁着|定|直)${near(3)}(不说话|不动|不眨)`, 'u')),
  // Someone named, then down (老公公 刚才 捂着胸口 倒了); the word is read first, the person behind it.
  M(new RegExp(`(?<![晕昏摔跌滑绊栽])(倒了|倒下|瘫下去|瘫倒|倒在)(?<=${PERSON}${soon(10)}(倒了|倒下|瘫下去|瘫倒|倒在))`, 'u'), {
    across: true,
    unless: /车|树|自行车|热水瓶|蜡烛|瓶|杯|碗|柜|架|墙|椅|凳|倒霉|倒垃圾|倒水|倒茶/u,
  }),
  M(/(躺|倒|趴)(在)?[^，]{0,4}(地上|地板上?|路边|马路上?|路上|楼梯上?|地下)/u, { unless: /玩|睡午觉|乘凉|躺平/u }),
  // Fainted or lying where nobody lies down (晕在厕所, 躺门口, 倒在浴室里).
  M(
    /(晕|昏)(倒)?(在|到)?[^，]{0,3}(厕所|卫生间|浴室|浴缸|门口|厨房|院子|楼道|走廊|田里|河边|楼梯|地上|路上|路边)|(躺|趴)(在)?[^，]{0,2}(厕所|卫生间|浴室|门口|厨房|院子|楼道|走廊|田里|田埂|河边)/u,
    {
      unless: /玩|睡午觉|乘凉|躺平|晒太阳|看书|休息|晕车|晕船/u,
    },
  ),
  // Dizzy to the point of falling (头好晕 要倒了, 晕得站不住).
  M(new RegExp(`(晕|昏|天旋地转)${soon(8)}(要倒|快倒|站不住|站不稳|坐不住|站都站不|扶着墙|扶墙)`, 'u'), { across: true, unless: /晕车|晕船|晕机/u }),
  M(/人[^，]{0,2}(软了|软掉|软软|软塌塌|软绵绵|瘫了|没力气了)/u, { when: /吐|拉|烧|寒热|叫|睡|晕|岁|冷汗|呕|没小便/u }),
  // Breathing and the airway.
  M(new RegExp(BREATH, 'u'), { unless: /罐|瓶|煤气|燃气|轮胎|气球|打火机|工作|压力|房贷|累得|爬楼|走快/u }),
  M(new RegExp(NO_AIR_COLOUR, 'u'), { unless: /冻|冷得|口红|涂/u }),
  M(/(脸|嘴|嘴唇|眼睛|喉咙|全身|浑身|身上)[^，]{0,4}(肿|起疹子|起红|起包|红包|红块|风团)/u, { when: /喉咙|嗓子|呼吸|喘|哑|憋|紧|眼睛睁不开/u }),
  M(/(吃|咽|吞|喂)[^，]{0,6}(卡住|卡了|卡到|噎)/u, { unless: /鱼刺|鱼骨|刺|骨头|卡片|银行卡|电话卡|手机/u }),
  // Bleeding.
  M(/(好多|很多|满手|满地|一地|一手|一大摊|一滩|一大滩)的?血/u, { when: /割|切|砍|划|摔|磕|撞|咬|破|伤|刀|跌/u }),
  M(new RegExp(`血(?![压糖管型脂氧栓检])${soon(6)}${BLOOD_BAD}`, 'u'), { across: true, unlessBefore: /(抽|验|献|查)[^，]{0,2}$/u }),
  M(/(伤口|口子)[^，]{0,4}(很深|好深|见骨|好大|很大)|(手指头?|指头|(?<![把扶拉])手(?![表机套链镯绢柄纸续艺工电])|脚趾)[^，]{0,6}(断|截|切掉|轧断|压断|切断)/u, {
    unless: /指甲/u,
  }),
  M(/(大便|拉)[^，]{0,4}(全是|都是)?(黑|血)|(耳朵|鼻子)[^，]{0,3}(里)?(出血|有血|流血)/u, { when: /晕|站不住|脸|吐|摔|磕|撞|止不住|一直/u }),
  M(/(怀孕|孕)[^。]{0,12}(出血|流血|痛|疼)/u, { across: true }),
  // Severe pain, with what makes it urgent.
  M(new RegExp(`(痛|疼)[得的]?${near(4)}${PAIN_BAD}`, 'u'), { when: WITH_PAIN, unless: /牙|膝盖|关节|老毛病|腰椎|颈椎/u }),
  M(new RegExp(`(痛|疼)${soon(6)}(打滚|满地滚|在地上滚|滚来滚去)`, 'u'), { across: true, unless: /笑/u }),
  M(/(肚子|肚)[^，]{0,4}(胀|硬|像鼓)|尿不出/u, { when: /痛|疼|吐|没大便|硬邦邦/u }),
  M(/(胸|心口|胸口)[^，]{0,3}(闷|痛|压)/u, { when: /左(手|臂|边手)|手臂|后背|背|冷汗|出汗|透不过气|喘/u }),
  M(/(酸|痛|疼|麻|胀)(到|连着|牵到|扯到|串到)[^，]{0,3}(下巴|牙|脖子|肩|背|胸|手臂|胳膊)|左(边)?(手臂|胳膊|肩膀?|手)[^，]{0,4}(酸|痛|疼|麻)/u, {
    when: /汗|胸|心口|心脏|喘|闷|下巴/u,
  }),
  M(/心跳[^，]{0,4}(很快|好快|乱跳|一下快一下慢|乱|快得)/u, { when: /晕|黑|倒|喘|胸|呼吸|慌|要昏|心脏|停不下来|要命/u }),
  // Severe pain that goes on (痛得直不起腰 从中午痛到现在).
  M(/(痛|疼)得?[^，]{0,3}(直不起|站不起|受不了|要命|要死)/u, {
    when: /(痛|疼)到现在|一直(痛|疼)|越来越(痛|疼)|(痛|疼)了[^，]{0,4}(小时|半天)/u,
    unless: /老毛病|膝盖|关节|腰椎|颈椎|牙|好几年|多年/u,
  }),
  // A high fever in the very old, or one that takes the mind (烧得滚烫 九十二岁了 叫她也不太应).
  M(/烧得[^，]{0,2}(滚烫|很烫|烫)|滚烫|发高烧|高烧|烧得(很|好)?厉害/u, {
    when: /([89]\d|1[01]\d)(多)?(岁|了)|[八九]十|一百|迷糊|胡话|糊涂|抽|喘|发抖|不认得|不应|叫不醒|不太应|不大应/u,
  }),
  // Heat: hot to the touch and no sweat, with the mind going (浑身没汗很烫, 人迷迷糊糊).
  M(/(浑身|身上|人)[^，]{0,3}(很烫|滚烫|发烫)|不出汗|没汗/u, {
    when: /(热|晒|中暑|太阳)[\s\S]*(迷糊|胡话|晕|倒|坐地|不应|叫不醒)|(迷糊|胡话|晕|倒|坐地|不应|叫不醒)[\s\S]*(热|晒|中暑|太阳)/u,
  }),
  // Injuries: a limb bent wrong, a head hit, a fall from somewhere.
  M(/(腿|手|手臂|手腕|胳膊|脚|脚踝)[^，]{0,4}(弯得不对|弯掉|翘起来|变形|戳出来)|骨头[^，]{0,3}(戳出来|露出来)/u),
  M(/头[^，]{0,3}(磕|撞|碰|着地)|后脑勺?[^，]{0,3}(磕|撞|着地)/u, { when: /吐|晕|血|说话|不醒|颠三倒四|不应/u }),
  M(/从[^，]{1,6}(滚|摔|跌|栽|翻|滑)了?(下来|下去|下)|(楼梯|台阶)上?[^，]{0,2}滚下/u),
  // Heat and cold; water lost by the very old.
  M(/热晕|晒晕|晒昏|中暑[^，]{0,3}(晕|倒|昏)|冻了?[^，]{0,3}(一夜|半夜)|(手|身上|身体|浑身)[^，]{0,2}(冰冷|冰凉)/u, {
    when: /叫|不说话|含糊|脸|倒|躺|晕|昏|不醒|不应|紫/u,
  }),
  M(/(拉肚子|拉了|上吐下泻|一直吐)/u, { when: /人软|软塌塌|站不住|没小便|嘴干|叫|[89]\d岁|[八九]十/u }),
  // What was swallowed or taken.
  // A button battery or a magnet swallowed: always (it burns through in hours).
  M(/(吞|吃)(了|下|进)?[^，]{0,6}(电池|纽扣|磁铁)|(电池|纽扣|磁铁)[^，]{0,4}(吞|吃)(了|下|进)/u, { unless: /怕|放在|防/u }),
  M(/(吞|吃|喝)(了|下|进)?[^，]{0,6}(电池|纽扣|磁铁|假牙|硬币|农药|洗洁精|消毒水|消毒液|老鼠药|杀虫剂|蘑菇)/u, {
    when: /吐|拉|晕|哭|痛|卡|不|软|呛|脸|喉咙|现在|刚刚/u,
    unless: /怕|放在|防/u,
  }),
  M(
    /药[^，]{0,3}(吃了?|吞了?)[^，]{0,3}(很多|好多(?!了)|好几|一大?把|一瓶|一板|两遍|两次|双份|重了|多了|错了)|(当糖|当饮料)吃|头孢[^，。]{0,8}酒|酒[^，。]{0,8}头孢/u,
  ),
  // Charcoal or a coal stove in a closed room: carbon monoxide, as gas (120 and 119).
  { category: 'medical', services: ['120', '119'], re: /烧炭|炭火|煤炉|一氧化碳(?!报警)/u, when: /头痛|头疼|吐|晕|软|叫不醒|不醒|不应/u },
  // A fever that is high in the very old, or takes the mind.
  M(/(烧|发烧|发热|寒热)[^，]{0,4}(4\d|四十|39|三十九)/u, { when: /[89]\d岁|[八九]十|迷糊|胡话|抽|喘|发抖|不认得/u }),
  M(/血糖[^，]{0,6}([1-3]点|[一二三]点|[1-3]\.\d)/u),
  M(/哮喘[^，]{0,4}药[^，]{0,4}(没用|用光|用完|不管用)|药[^，]{0,4}(用光|没用)[^，]{0,4}(喘|呼吸)/u),
  M(/(烫|泼|溅)[^。]{0,10}(起泡|起了?水泡|皮都|一大块|一大片|整个)/u, { across: true, when: /烫|开水|热水|热汤|热油|油锅|火/u }),
  // Bitten or stung, and swelling or turning dark; a snake, always.
  M(/蛇[^，]{0,3}咬|(咬|蛰|叮|蜇)[^。]{0,10}(肿得|发黑|发紫|喘|晕|呼吸)/u, { across: true, unless: /蚊子/u }),
  M(/(不知道|不晓得|不清楚|不知)[^，]{0,2}(吃|吞|喝)了?[^，]{0,2}(什么|多少|几)[^，]{0,3}(药|片|粒|颗|瓶)/u),
  M(/药[^，]{0,8}(一把|全部?|一整?瓶|一整?板|一大把|好多|很多|几十)[^，]{0,3}(吃|吞)(了|掉|下)/u),
  M(/(一整?板|一整?瓶|一整?盒|一把|好多|很多|几十)[^，]{0,6}药[^，]{0,4}(吃|吞|喝)了|(吃|吞|喝)了?(一整?板|一整?瓶|一整?盒|一把|好多|很多|几十)[^，]{0,4}药/u),
  M(/(吐|咳|呕)[^，]{0,4}血/u),
  M(/从来没(有)?这么(痛|疼)过?/u, { when: /头|吐|胸|肚子/u }),
  M(/(眼睛|眼)[^，]{0,2}(翻白|往上翻|上翻|翻上去)|吐白沫|抽起来|抽筋/u, { when: /白沫|翻|不应|不醒|发烧|高烧|眼睛/u }),
];
