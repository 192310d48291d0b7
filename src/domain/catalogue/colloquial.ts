// === Dialect and colloquial forms read as plain Mandarin before anything matches: Wu (Jiaxing, Shanghai)
// words and grammar, northern colloquial words, and the everyday ways of saying "broken". The same
// reading is applied to the catalogue's keywords, so a keyword written either way still matches.

/**
 * Whole words, by meaning. Longer forms win over shorter ones (屋里厢 before 屋里, 掼脱 before 掼), so a
 * short form here never breaks a longer one. Only forms that cannot be read otherwise in a request
 * are listed: 困 alone is 困难 as often as "sleep", so only 困觉 / 困勿着 are.
 */
const WORDS: ReadonlyArray<readonly [to: string, forms: readonly string[]]> = [
  // Not, don't, there is none.
  ['不要', ['覅', '嫑', '勿要', '不要']],
  ['不', ['勿', '弗']],
  ['没有', ['呒没', '呒么', '嘸没', '没得', '冇', '木有']],
  ['没', ['朆', '呒', '嘸']],
  ['都', ['侪']],
  ['在', ['辣海', '勒海', '辣辣', '勒浪']],
  ['太', ['忒']],
  ['不行', ['勿来事', '不来事', '勿来三', '不来三']],
  // Who.
  ['我们', ['阿拉']],
  ['你', ['侬']],
  ['他们', ['伊拉', '伊们']],
  ['他', ['伊']],
  ['我', ['俺', '伲']],
  ['谁', ['啥人', '哪个人']],
  ['老伴', ['家主婆', '老头子', '老头儿', '老太婆', '老太太婆', '屋里厢人', '老婆子', '老倌']],
  ['孩子', ['小人', '小囡', '小囝', '囡囡', '小鬼头', '小娃', '娃娃', '娃儿', '伢儿', '小伢']],
  ['孙女', ['孙囡']],
  ['父母', ['爷娘', '爹娘']],
  ['妈妈', ['姆妈', '阿妈']],
  ['舅舅', ['娘舅']],
  ['调解员', ['老娘舅']],
  ['邻居', ['隔壁邻舍', '邻舍']],
  ['外婆', ['好婆']],
  ['爷爷', ['阿爷']],
  ['媳妇', ['新妇', '儿媳妇']],
  // Where and when.
  ['家里', ['屋里厢', '屋里向', '屋里', '屋头', '家头']],
  ['里面', ['里厢', '里向', '里头']],
  ['外面', ['外头', '外势']],
  ['上面', ['高头', '上头']],
  ['下面', ['下头', '底下头']],
  ['时候', ['辰光']],
  ['白天', ['日里', '日里向', '白天里']],
  ['晚上', ['夜里向', '夜头', '夜快']],
  ['一天到晚', ['一日到夜', '一天到夜']],
  ['今天', ['今朝', '今朝子']],
  ['明天', ['明朝', '明朝子']],
  ['昨天', ['昨日', '昨日子']],
  ['上午', ['上半天', '上半日']],
  ['下午', ['下半天', '下半日']],
  ['星期', ['礼拜']],
  ['后天', ['后日']],
  ['一会儿', ['一歇歇', '一歇']],
  ['阳台', ['晒台']],
  ['暖气', ['水汀']],
  ['很早', ['老早']],
  ['一起', ['一道']],
  // What and how.
  ['为什么', ['啥体', '为啥']],
  ['什么', ['啥', '啥子', '甚么']],
  ['这个', ['迭个', '迭只']],
  ['怎么办', ['哪能办', '咋办', '咋整']],
  ['怎么', ['哪能', '咋', '哪恁']],
  ['东西', ['物事', '物什', '么事']],
  ['多少钱', ['几钿', '几钿一个']],
  ['钱', ['铜钿', '钞票', '铜板', '钿']],
  ['知道', ['晓得']],
  ['喜欢', ['欢喜']],
  ['很', ['交关', '邪气']],
  ['膝盖', ['脚馒头']],
  ['脖子', ['头颈']],
  ['肚子', ['肚皮']],
  ['可怜', ['作孽']],
  ['遇到', ['碰着']],
  ['给我', ['拨我']],
  ['给他', ['拨伊', '拨他']],
  ['给你', ['拨侬']],
  // Doing.
  ['找', ['寻']],
  ['找不到', ['寻不着', '寻勿着', '找不着', '寻不到']],
  ['洗澡', ['汏浴', '汰浴', '淴浴', '洗浴']],
  ['洗', ['汏']],
  ['洗衣服', ['汏衣裳', '汰衣裳']],
  ['衣服', ['衣裳']],
  ['被子', ['被头']],
  ['扣子', ['纽子', '钮子']],
  ['摔跤', ['掼跤', '跌跤', '绊跤', '掼了一跤', '跌了一跤']],
  ['扔掉', ['掼脱', '掼掉', '甩脱', '厾脱', '厾掉']],
  ['摔', ['掼']],
  ['睡不着', ['困勿着', '困不着', '睏不着', '睏勿着']],
  ['睡不好', ['困勿好', '困不好']],
  ['睡觉', ['困觉', '睏觉']],
  ['按', ['揿']],
  ['擦', ['揩']],
  ['待在家里', ['孵在屋里', '孵在家里', '孵在屋里厢']],
  ['聊天', ['讲讲闲话', '讲闲话', '谈谈天', '嘎讪胡', '聊聊天', '唠嗑', '唠唠嗑', '拉家常']],
  ['下雨', ['落雨']],
  ['下雪', ['落雪']],
  ['玩', ['白相']],
  ['干活', ['做生活']],
  ['放', ['囥']],
  ['靠', ['隑']],
  ['做饭', ['烧饭', '烧菜饭']],
  ['做菜', ['烧菜', '烧小菜']],
  ['菜', ['小菜']],
  ['看', ['瞅', '睇']],
  ['这', ['搿']],
  ['受不了', ['吃勿消', '吃不消']],
  ['不会弄', ['弄勿来', '弄不来', '搞勿来', '搞不来', '弄不懂']],
  ['厨房', ['灶披间', '灶间']],
  ['电动车', ['电瓶车', '电驴子', '小电驴']],
  ['自行车', ['脚踏车', '单车']],
  // Broken, in everyday words.
  [
    '坏了',
    [
      '坏脱了',
      '坏掉了',
      '坏脱哉',
      '坏特了',
      '坏忒了',
      '不灵了',
      '勿灵了',
      '失灵了',
      '罢工了',
      '不好使了',
      '不中用了',
      '不管用了',
      '歇菜了',
      '趴窝了',
      '报废了',
    ],
  ],
  ['坏', ['坏脱', '坏掉']],
];

/** A form ending in one of these after a verb: 断脱 / 丢脱 are 断掉 / 丢掉 (not 脱 as in 脱落). */
const DROPPED = /([断落丢烂用忘卖扔剪拆吃烧撕])脱/gu;
/** 冷煞 / 急煞: very. */
const VERY = /([冷热急吓痛疼苦累饿忙烦闷气])煞/gu;
/** A question ending in 伐 / 𠲎 (好伐, 有伐): 吗. */
const QUESTION = /(?:伐|𠲎)(?=[\s\p{P}]|$)/gu;
/** 汰 typed for the Wu 汏 (to wash: 拆下来汰, 汰衣裳), but not in 淘汰. */
const WASH = /(?<!淘)汰/gu;

const REPLACEMENT = new Map<string, string>();
for (const [to, forms] of WORDS) for (const form of forms) if (form !== to) REPLACEMENT.set(form, to);
/** A form ending in 头 (下头, 里头) is not read where the 头 is a head: 剪一下头发, 洗一下头. */
const formPattern = (form: string) => (form.endsWith('头') ? `${form}(?![发疼痛晕皮顶])` : form);
const FORMS = new RegExp(
  [...REPLACEMENT.keys()]
    .sort((a, b) => b.length - a.length)
    .map(formPattern)
    .join('|'),
  'gu',
);

/**
 * Words that greet, thank, apologise or fill a pause (你好, 谢谢你们, 不好意思打扰了, 小同志, 嗯): they say
 * nothing of the need, so they are read as a pause. Said before the colloquial reading (侬好 is "can you").
 */
const COURTESY =
  /(?:你们好|你好啊|你好呀|你好|您好|大家好|哈喽|早上好|中午好|下午好|晚上好|在吗|在不在|谢谢(?:你们|你|您|啦|了)?|多谢(?:你们|你|您|了)?|感谢(?:你们|您)|辛苦(?:你们|你|您)?了|不好意思(?:打扰(?:一下|你们|您|了)*)?|打扰(?:一下|你们|您|了)+|麻烦(?:你们|你|您)?了|小同志|同志们|嗯+|呃+|就是说)/gu;

/**
 * Who is writing, when it is someone writing for another (我是保姆, 我是隔壁的, 我是楼道长, 我是小店老板): the
 * speaker's role says nothing of the need, and its word would pull another item (保姆 is 家政, 隔壁 a dispute,
 * 老板 a labour dispute). Read as a pause. Only roles of a helper or a bystander are listed: 我是残疾人, 我是退伍
 * 老兵 and 我是一个人住的 say who needs the help, and stay.
 */
const INTRODUCTION =
  /我是(?:[他她]们?|老人|老人家|这家|[他她]家|隔壁|楼上|楼下|对门|对面|[0-9一二三四五六七八九十]+楼)?的?(?:住家保姆|保姆|护工|钟点工|住家阿姨|保洁阿姨|楼道长|楼长|单元长|网格员|小区保安|保安|门卫|物业的|物业|志愿者|社工|小店老板|店老板|邻居|隔壁邻居|隔壁的|楼上的|楼下的|对门的|对面的|[0-9一二三四五六七八九十]+楼的)/gu;

/**
 * A neighbour named as a person (楼上阿婆, 隔壁老伯, 对门阿姨, 邻居大姐) is whom the request is for — the
 * neighbours' own needs, reported by the writer — not a quarrel with them: the where-word is dropped and the
 * person kept (隔壁老伯裤子破了 is 老伯裤子破了). A neighbour without a person (楼上天天拖椅子, 隔壁装修) stays.
 */
const NEIGHBOUR_PERSON =
  /(?:楼上|楼下|隔壁|对门|对面|邻居)家?的?(?=阿爹|阿婆|阿公|阿姨|阿叔|老太|老伯|老人|老头|老大爷|老奶奶|老先生|老阿姨|大爷|大妈|大姐|大哥|奶奶|爷爷|孤老|老两口|老夫妻)/gu;

/**
 * A measure word between a verb and its thing says nothing of the need: 换个锁, 搬个柜子, 配两把钥匙 and
 * 送一桶水 are 换锁, 搬柜子, 配钥匙 and 送水 (the verbs a request is made with; the keywords read the same way).
 */
const MEASURE = /([换修配装搬抬扛买订请叫找送补做理剪办测洗擦])(?:[一两几]|好几)?[个只把张件副双盏根扇袋桶包瓶位份]/gu;

/**
 * How often or how briefly, between a verb and its thing, says nothing of the need either: 洗一次头, 汏一次浴,
 * 修一下电视, 量两次血压 are 洗头, 洗澡, 修电视, 量血压 (not 一下子 suddenly, nor 一下午); nor does a verb said twice.
 */
const HOW_OFTEN = /([洗汏剪修换理测量擦扫送配补缝磨查通])(?:[一两几]|好几)?[次下回趟](?=\p{Script=Han})(?![子午])/gu;
/** A verb said twice before its thing is said once: 擦擦身, 洗一洗澡, 修修电视 are 擦身, 洗澡, 修电视. */
const TWICE = /([洗汏剪修换理测量擦扫配补缝磨通])一?\1(?=\p{Script=Han})/gu;

/** The text with its dialect and colloquial forms read as plain Mandarin; anything else unchanged. */
export function plainMandarin(text: string): string {
  return text
    .replace(COURTESY, ' ')
    .replace(INTRODUCTION, ' ')
    .replace(NEIGHBOUR_PERSON, '')
    .replace(QUESTION, '吗')
    .replace(DROPPED, '$1掉')
    .replace(VERY, '$1死')
    .replace(WASH, '汏')
    .replace(HOW_OFTEN, '$1')
    .replace(TWICE, '$1')
    .replace(FORMS, (form) => REPLACEMENT.get(form) ?? form)
    .replace(MEASURE, '$1');
}
