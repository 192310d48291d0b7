// === Context frames: what a message says about its danger words as a whole
// A danger word inside a frame is not about someone in danger now: seen on television or in a game,
// imagined (要是…怎么办), over (上礼拜…现在好了), a joke (哈哈), a long-standing condition (老毛病).
// A frame opened in one clause holds for the clauses after it until one says now (现在, 刚刚, 突然).

/** Why a clause is not about now. */
export type Frame = 'media' | 'past' | 'recent' | 'hypothetical' | 'habit' | 'question';

/** The frames of one message, clause by clause and as a whole. */
export interface Frames {
  /** Per clause: the frame it is in, or null (about now). */
  clause: (Frame | null)[];
  /** A joke or a figure of speech (哈哈, 笑死, 开玩笑): nothing in it is raised. */
  joke: boolean;
  /** A long-standing condition (老毛病, 好多年, 每个月), or said to be well (没啥不舒服): signs that only ask to watch are not raised. */
  chronic: boolean;
  /** A scam seen through (挂掉了, 没理他, 还好没点): not fraud in progress. */
  foiled: boolean;
  /** A routine need asked for (想借个轮椅, 家庭医生, 能不能送药上门): a sign only to watch is not raised, nor the model's line. */
  routine: boolean;
  /** Going on for days (刷牙出血好几天了): not news of a moment — the model adds no line (the rules still read). */
  lasting: boolean;
  /** Money lent and not paid back (借给别人五万块 对方不还): a dispute — the model adds no line (the rules still read). */
  lent: boolean;
  /** Calling the police declined (我不想报警, 不报警): a sign only to watch is not raised, nor the model's line (an urgent one still is). */
  declined: boolean;
  /** Ending on a practical question (是正常的吧, 要开多久窗, 几点开门, 想退): the model adds no line (the rules still read). */
  asks: boolean;
  /** A pain already diagnosed, and its medicine to refill (医院看过是肋间神经痛 止痛药吃完了要再配), nothing sudden: not news of a moment. */
  known: boolean;
}

/** Seen or heard, not lived: television, news, a video, a game, a play, a dream, hearsay. */
const MEDIA =
  /电视(里|上|中|剧|新闻|说|播|演)|电视台(播|放|里|上)|看电视|看新闻|刷到|看到[^，]{0,3}视频|新闻|抖音|快手|看视频|刷视频|视频上说|报纸上|报纸说|看报纸|报上|广播里|电影|[剧片]里|看[^，]{0,4}(剧|片|电影|戏)|宣传片|法制|(看|播)[^，]{0,4}节目|广播(说|讲|通知)|游戏|梦(见|到|里)|做[^，]{0,2}梦|[噩恶]梦|梦话|玩[^，]{0,2}(警察|抓小偷|打仗|过家家|捉迷藏)|演(一个|戏)|话剧|排戏|小品|相声|(节目|动画片?|广告|直播|戏)(里|上)|听说|听人说|据说|网上说|网上视频|视频里教|(学堂|学校|课上|老师)[^，]{0,3}(里)?教|传(讲|说|言)|群里说|朋友圈里说|小说/u;
/** Long ago (上礼拜, 去年, 三个月前): over, for the clauses after it too, unless one says now. */
const PAST =
  /((走|去世|过世|死|没)了?[一两二三四五六七八九十几\d]+(年|个月)|上个?礼拜|上个?星期|上周|上个?月|上次|上回|上趟|去年|前年|前阵子|以前|之前|那次|那回|有一次|曾经|年轻时|小时候|老早(?!就)|[五六七八九]几年(?!的)|在世的?(时候|辰光)|[一两二三四五六七八九十几\d]+(年|个月|个礼拜|个星期)(前|以前))(?![^，]{0,6}(开始|起|到现在|以来|一直))/u;
/** Lately (昨天, 前两天): over in its own clause only — what follows may still be going on (昨天吃了蘑菇 都吐了). */
const RECENT = /(前两天|前几天|前些天|前天|昨天|昨晚|昨夜)(?![^，]{0,6}(开始|起|到现在|以来|一直|一夜|一晚|整夜|还没|没回|今天|今早|今儿))/u;
/** Somewhere, someone, not known (不知道哪里着火了, 不晓得哪家出事了): heard of, not seen. Not 不知道走到哪里. */
const UNKNOWN_WHERE = /(不知道|不晓得|不清楚)(是)?(哪里|哪儿|哪家|谁家|什么地方)/u;
/** Imagined: if, in case, suppose. */
const HYPOTHETICAL = /迟早|早晚(要|会)|要是|万一|如果|假如|假设|假使|倘若|一旦|(?<![样句])的话|起火来/u;
/** A habit, not an event (有时候碰一下冒火星, 每次看到消防车都心慌, 最近老是头晕); 老是 alone makes a sign soft instead. */
const HABIT =
  /出牙|长牙|(?<!不)容易(?![^，]{0,3}(想不开|寻死|死))|(老|总)(想|要|爱)(?![^，]{0,3}(死|寻|自杀|跳|想不开|走了))|有时候|有时|每次|每回|(?<!一)动不动|(最近|平时|平常|这段时间|这阵子)[^，]{0,3}(老是|经常|总是|常常)|经常|常常|偶尔|时不时|隔三差五|才(睡得着|能睡着?|睡着|睡得了)|一(着急|急|累|紧张|生气|激动|走路|走快|爬楼|上楼|活动|变天|下雨|天冷|冷|热|躺下|站起来|蹲下|起床)[^，]{0,2}就/u;
/** A question about danger in general (有什么前兆, 会不会着火, 怎么防, 真的假的, 哪里买): what it asks about is not happening. */
const QUESTION =
  /前兆|征兆|怎么(看出|判断|预防|防|教|劝|逃|急救|用|装|关|换)|要注意|注意(点|些)?什么|真的假的|是真的吗|是不是真的|哪里(买|换|有卖)|(装|放)(在)?哪|哪(种|个|里)比较好|多少钱|想学|学学|怎么救|培训|还是本来(就)?|学一下|有课|能不能(喝|吃|用|装)|要不要换|会不会(?!是)|安不安全|靠谱吗|有没有用|(?<![没有])什么意思|怎么(查|检查|测)|教教|教一下|教我|(有人|谁)教|教(吗|吧)|(以后|下次|再)[^，]{0,8}怎么(办|弄|处理)|(碰到|遇到|碰上|遇上)这(种|样|类)|多吗|多不多|记混|搞混|分不清|记不住|记一下|先问问/u;
/** Now, said after a frame's word in its clause (以前中风过现在又说不出话): the rest is read as it stands. */
const STRONG_NOW = /现在(?!好|没事|还好|很好|恢复|出院|已经)|刚刚|刚才|突然|正在|这会|此刻/u;
/** Now again: a clause with one of these closes the frame of the clauses before (看抖音说…，我爸还是没醒). */
const NOW = new RegExp(`${STRONG_NOW.source}|今天|今早|今晚|眼下|还是`, 'u');
/** It is over: 现在好了, 出院了, 扑灭了, 找回来了, 抓到了 — what came before is the past. Not a question (修好了吗). */
const RESOLVED =
  /((现在|已经|早就|早|都|病|人|伤|身体|今天)(也)?好(了|多了)|没事了|出院了|(?<![没不未])回来了|送回来|找回来|抓到了|处理好|扑灭了|火灭了|修好了|追回来|放出来了|调解了|和好了|挺好|很好|恢复得|能下地|查过了|看过了|检查过|医生说没事|(?<!死了)算了|(早就|已经)关(了|掉)|现在[^，]{0,3}没(什么)?(味道?|烟)了|(是|都是)[^，]{0,10}(以前|之前|年前|月前|过去|很久)的事|早(就)?过去了|关火了|包好了|包扎好了|(烧|热度)?退(下去|下来)了|烧退了|(?<![没不未])止住了|看过[^，]{0,3}(医生|牙医|医院|大夫)了|上过药了|处理过了|报过警|(警察|派出所|民警)[^，]{0,3}来过|后来[^，]{0,8}(停|走|好|没事|散|找到|回来|灭)|现在[^，]{0,6}好(多)?了)(?![吗没])/u;
/** What is usual, not what happened (平时一个钟头就回来了): it resolves nothing. */
const USUALLY = /平时|平常|一般|通常|往常|每次|每天|总是/u;
/** It turned out to be something else (原来是炒辣椒): what came before was not a danger; what follows is read. */
const TURNED_OUT =
  /原来是|误报|(按|碰)错了?|误按|不小心按|(后来|结果|一看|才)发现(是|就是|只是)|后来发现|原来就是|搞错了|看错了|闻错了|听错了|虚惊一场|是误会|是瞎讲的|是瞎说的|是谣言/u;
/** Said as a joke or a figure of speech; a price called robbery (抢劫啊 青菜卖八块一斤, 猪肉价格简直是抢钱). */
const JOKE =
  /(?<!不是)气话|(瞎|乱)(打|按|点)的|(吵|烦)得[^，]{0,4}(心脏病|高血压|血压)[^，]{0,2}要(犯|上来)了|哈哈|呵呵|嘿嘿|笑死|好笑|开玩笑|开个玩笑|讲笑话|说笑话|说笑|逗你|不是真的|(抢劫|抢钱|打劫|强盗)[^。]{0,16}(一斤|[块元]钱?一|价格?|卖[^，]{0,3}[块元]|太贵)|(价格?|卖[^，]{0,6}[块元]|一斤[^，]{0,3}[块元])[^。]{0,16}(抢劫|抢钱|打劫|强盗)/u;
/** What came before was not real (其实是打麻将输了钱, 其实没有). */
const ACTUALLY = /其实(是|没|就是|不是|也)/u;
/** A condition of long standing, or a routine of care (每个礼拜量血压). */
const CHRONIC =
  /(我|他|她)这个人|每个?(礼拜|星期|周)|定期|老毛病|老样子|一直这样|一直都这样|平时就这样|向来|老病号|好多年|好几年|多年|几十年|[一两二三四五六七八九十几\d]+年了|长期|常年|慢性|每个月|每天要|每年|一直(偏)?(高|低)|平时也|平常也|医生说是|医生讲是|平时(都|一直|在)?吃[^，]{0,2}药/u;
/** Said to be well now (没啥不舒服, 人好好的): a sign that only asks to watch is not raised. */
const WELL =
  /(医生|村医|大夫)(讲|说)[^，]{0,2}(不要紧|没事|没关系|正常)|没(啥|什么|有)?(不舒服|不适|异常)|人好好的|精神(很好|挺好|还好|不错)|不(痛|疼)不痒|没有(什么)?(味道|气味)|没(什么)?味道|(?<!头晕)不(头晕|头痛|头疼|难受)(?![^，]{0,2}吗)|没(啥|什么)感觉/u;
/** For days or weeks now. */
const LASTING = /(好|这)?[几两三四五六七八九十]+(天|个?星期|个?礼拜|周|个月)了/u;
/** Money lent and not returned: a debt, not a scam in progress. */
const LENT = /借给[^，]{0,8}(人|他|她|别人|朋友|亲戚|邻居|同事)|借条|(一直|就是|还)?不还(钱)?|赖账/u;
/** The police declined (不想报警, 不报警): what only asks to watch is left to the resident. */
const DECLINED = /(不想|不用|不必|没必要|用不着|不要|不)报警/u;
/** Diagnosed by a doctor (医院看过是…, 医生说是…, 确诊). */
const DIAGNOSED = /(医院|医生|大夫)[^，]{0,4}(看过|查过|诊断|说|讲)[^，]{0,2}是|诊断(是|为)|确诊/u;
/** …and the medicine to refill (药吃完了要再配, 能多开点吗). */
const REFILL = /(再|要|想)配|配药|开药|多开|药[^，]{0,3}(吃完|用完|没了)/u;
/** …but nothing sudden or worse. */
const ACUTE = /突然|刚刚|刚才|厉害|受不了|不行了|越来越|晕倒|昏|喘不|出冷汗|冷汗/u;

/** A routine need: borrowing, a visit, medicine, an escort, a device. */
const ROUTINE =
  /想(借|请|找人|申请|办|配|买|装|签约|预约|约)|能不能(帮|有人|送|来|上门|代|借|请|派人来(看看|修))|代配|配药|上门(看|量|测|送)|家庭医生|签约|陪(我|他|她)?(去)?(医院|看病|复查|体检)|有没有(人|那种|地方|专门|什么|软|适合)|挂[^，]{0,4}号|有人上门|上门(吗|来|帮)|哪里能|想[^，]{0,6}(有人|社区|人)[^，]{0,3}(去|来)?(劝|调解|管|看看)|调解|有(啥|什么)[^，]{0,6}(装置|设备|手环|报警器)|(能不能|想|要)[^，]{0,4}(弄|办|装|配|买|借|申请|领)(个|一个|一台|一副|点)/u;
/** A practical question, or an everyday complaint, at the end of a message (the last dozen characters). */
const ASKS =
  /(正常(吗|吧|的吧|不)|正不正常|多久|多少钱|几点|什么时候|哪里(买|有|领|办|能)|怎么(查|弄|用|开|关|换|装|调)|报修|来修|修一下|想退|退货|投诉|算(不算)?(高|低|正常|严重)|提醒|说一声|转告)[^，]{0,8}$/u;
/** A scam seen through: hung up, ignored, not clicked, the door not opened, stopped in time. */
const FOILED =
  /没开门|没让[^，]{0,3}进|没买|没答应|没理|不理|挂了|挂掉|没信|不信|没点|没加|删了|删掉|没给|没转|没汇|没交|没付|没下载|拦下|拦住了|幸好|还好没|钱都在|没上当|听出|识破|没接|发(了)?声明|还没(投|转|给|交|汇|付|点)/u;

/** The frame a clause opens, and where its word ends. */
function opening(c: string): { frame: Frame; at: number } | null {
  for (const [frame, re] of [
    ['media', MEDIA],
    ['hypothetical', HYPOTHETICAL],
    ['past', PAST],
    ['recent', RECENT],
  ] as const) {
    const m = re.exec(c);
    if (m) return { frame, at: m.index + m[0].length };
  }
  return null;
}

/** The frames of a message's clauses (already normalised by `clausesOf`). */
export function framesOf(clauses: readonly string[]): Frames {
  const whole = clauses.join('，');
  const clause: (Frame | null)[] = [];
  let open: Frame | null = null;
  for (const c of clauses) {
    const start = opening(c);
    if (start) {
      // 以前中风过现在又说不出话: now again after the frame's word — the clause is read as it stands
      // (not inside what a programme said: 新闻说现在骗子…). The recent past holds for its own clause only.
      // 要是…突然停电了: what is sudden in a supposition is supposed too.
      const rest = start.frame === 'hypothetical' ? c.slice(start.at).replace(/突然/gu, '') : c.slice(start.at);
      const nowAgain = start.frame !== 'media' && STRONG_NOW.test(rest);
      clause.push(nowAgain ? null : start.frame);
      open = nowAgain || start.frame === 'recent' ? null : start.frame;
    } else {
      if (NOW.test(c)) open = null;
      clause.push(HABIT.test(c) ? 'habit' : UNKNOWN_WHERE.test(c) ? 'question' : open);
    }
  }
  // 现在好了 / 其实没有: it and every clause before it are over, or not real.
  const over = clauses.findLastIndex((c) => (RESOLVED.test(c) && !USUALLY.test(c)) || ACTUALLY.test(c));
  for (let i = 0; i <= over; i++) clause[i] ??= 'past';
  const mistaken = clauses.findLastIndex((c) => TURNED_OUT.test(c));
  for (let i = 0; i < mistaken; i++) clause[i] ??= 'past';
  // 会不会着火 要不要换: the question and the clauses before it, back to one that says now.
  const asks = clauses.findLastIndex((c) => QUESTION.test(c));
  for (let i = asks; i >= 0 && (i === asks || !STRONG_NOW.test(clauses[i]!)); i--) clause[i] ??= 'question';
  return {
    clause,
    joke: JOKE.test(whole),
    chronic: CHRONIC.test(whole) || WELL.test(whole),
    foiled: FOILED.test(whole),
    declined: DECLINED.test(whole),
    lent: LENT.test(whole),
    lasting: LASTING.test(whole),
    asks: ASKS.test(whole.slice(-12)),
    routine: ROUTINE.test(whole),
    known: DIAGNOSED.test(whole) && REFILL.test(whole) && !ACUTE.test(whole),
  };
}
