// === What the safety component speaks of: services, categories, levels, signs

/** Whom to call: emergency medical, fire, police, and the police's anti-fraud line. */
export type EmergencyService = '120' | '119' | '110' | '96110';

/** The kinds of danger, each with its number: medical 120, fire and gas 119, police 110 (fraud also 96110), a plain plea for help. */
export type EmergencyCategory = 'medical' | 'fire' | 'police' | 'plea';

/**
 * `urgent`: someone may be in danger now — the numbers first, the request marked urgent, organizers alerted.
 * `watch`: a severe-but-unsure sign (头晕, 发烧, a smoke alarm beeping) — a soft "如果…请马上打" line, nothing else.
 */
export type EmergencyLevel = 'urgent' | 'watch';

/** One way of saying a danger, read clause by clause. */
export interface Sign {
  category: EmergencyCategory;
  /** The numbers to call; empty for a plea that names no kind (all three are offered then). */
  services: readonly EmergencyService[];
  /** Looked for in each clause; the matched text is the word recorded on the alert. */
  re: RegExp;
  /** Defaults to `urgent`. */
  level?: EmergencyLevel;
  /** Only when the whole message matches this too (a context: 糖尿病 for 发抖, a fall for 起不来). */
  when?: RegExp;
  /** Not when its clause matches this (a device, an object, a figure of speech). */
  unless?: RegExp;
  /** Not when the whole message matches this (抽烟 for a smell of smoke, 换电池 for an alarm). */
  unlessSaid?: RegExp;
  /** Not when the text just before the word ends like this (杯子摔, 吓出一身冷汗). */
  unlessBefore?: RegExp;
  /** Only `watch` when the text just before the word ends like this (老是摔跤: a habit, not an event now). */
  softBefore?: RegExp;
  /** Only `watch` when the whole message matches this (摔了一跤，没受伤). */
  calmedBy?: RegExp;
  /**
   * Matched on the whole message, across clause breaks (老公公 刚才 捂着胸口 倒了: typed with spaces); the
   * frames and negation of the clauses where it starts and ends apply.
   */
  across?: boolean;
  /** Read whatever frame its clause is in: an act of now (想报警 after 前两天被骗了). */
  now?: boolean;
  /** A watch sign raised even when a routine need is asked for (胸闷 想找人陪我去看看: the chest is not left to a visit). */
  evenRoutine?: boolean;
  /** Unsure: a `watch` line that also asks 是不是有人现在有危险？ (出事了, with nothing more). */
  ask?: boolean;
}

/** Said after a fall or a knock, it was not bad (没受伤, 自己起来了, 不疼): nothing to raise. Not a question (没事吧). */
export const REASSURED =
  /没事(?![吧吗啊呀])|没大事|没什么事|小伤|擦破|破了点皮|没受伤|没有受伤|没伤着|没伤到|没摔伤|没摔坏|不要紧(?![吗吧])|没大碍|不碍事|不打紧|没啥事|自己(爬|站)?起来了|还能走|能走路|问题不大|不疼|不痛|没骨折|没破/u;

/** A figure of speech (热得要死, 急死我了, 累死了): a feeling, not a danger. */
export const FIGURE_OF_SPEECH = /(热|冷|饿|累|困|急|气|烦|吵|忙|闷|渴|晒|笑|痒|挤|无聊|难受|郁闷|心烦)(得|的)?(人|我)?(要|快)?死(了|人|我|啦)?/u;

/** Exasperation, not danger (打字像发暗号 救命哦, 这手机搞不懂 救命): makes 救命 no plea. */
export const EXASPERATION =
  /(搞|弄|学|看|记|用)不(懂|会|来|明白|清楚)|打字|(说|讲|笑话?|嫌)我[^，]{0,6}(像|是|慢|笨|老)|(太|好|真)(吵|闹|烦)了?(?!死)|噪音|麻烦|手续|材料|报销|年审|跑了[^，]{0,2}趟|晒不干|黄梅天|这(个|鬼)天(?![^，]{0,2}(塌|黑))|鬼天气/u;

/** What is taken in a quarrel or a queue, not a robbery (被抢了个停车位, 抢座位, 抢红包). */
export const NOT_ROBBED = /抢[^，]{0,3}(车位|位子|座位|座|位置|风头|生意|队|道|菜|红包|票|购)|抢着/u;

/** Things that fall and break: not a person falling (杯子摔到地上, 手机摔了一下). */
export const OBJECT_BEFORE =
  /(杯子?|碗|盘子?|手机|东西|花瓶|花盆|眼镜|遥控器|电视|椅子|凳子|架子|柜子|瓶子?|镜子|碟子?|锅|灯|车|盒子?|箱子?|门|菜|衣服|水壶|热水瓶|暖壶|钥匙)[^人爸妈他她]{0,3}$/u;

/** People a resident speaks of, in Mandarin and Wu forms (阿爹, 姆妈, 老头子). */
export const PERSON =
  '(?:人|老人|老人家|老爷子|老太太|老太|老头子?|老太婆|老伴儿?|爸爸?|妈妈?|父亲|母亲|爷爷|奶奶|外公|外婆|姥姥|姥爷|阿爹|阿娘|阿婆|阿爷|姆妈|孩子|小孩|儿子|女儿|孙子|孙女|老公|老婆|婆婆|公公|丈夫|妻子|他|她|邻居|大爷|大妈|阿姨|叔叔|老伯伯|老伯|伯伯|阿伯|老先生|老阿姨|老奶奶|老爷爷|老婆婆|老公公|阿公|阿嬷|老汉|老娘|老爹|爹|娘|病人|雇主)';
