import HOMOPHONES from './homophones.json' with { type: 'json' };

// === Before anything matches: Wu and colloquial forms, a little English, and pinyin typos, read as Mandarin
// The signs are written once, in Mandarin; this step brings what residents type to that form.

/**
 * Grammar and everyday words of Wu (Jiaxing, Shanghai) and colloquial Chinese, most specific first.
 * Each is a form of the language, not a phrase of a fixture: 勿 is 不 wherever it stands.
 */
const WU: ReadonlyArray<readonly [RegExp, string]> = [
  // Negation and question particles.
  [/[勿不]来事/gu, '不行'],
  [/覅|嫑|勿要/gu, '不要'],
  [/呒没|嘸没|呒不|没得/gu, '没有'],
  [/勿/gu, '不'],
  [/伐(?=$|[吧呀啊呢了])/gu, '吗'],
  // Pronouns and people.
  [/伊拉/gu, '他们'],
  [/伊(?![朗拉斯甸利犁])/gu, '他'],
  [/侬/gu, '你'],
  [/阿拉|伲(?=屋|家|老|小|姆|阿|爷|娘|隔)/gu, '我们'],
  [/小囡|囡囡|小宁/gu, '孩子'],
  [/爷叔/gu, '叔叔'],
  [/老太婆/gu, '老太太'],
  // Places and things.
  [/屋里厢|屋里向/gu, '家里'],
  [/里厢|里向/gu, '里面'],
  [/外头/gu, '外面'],
  [/屋里(?!人)/gu, '家里'],
  [/灶披间/gu, '厨房'],
  [/物事/gu, '东西'],
  [/事体/gu, '事'],
  [/铜钿|钞票|铜板/gu, '钱'],
  [/面孔|面皮/gu, '脸'],
  [/面色/gu, '脸色'],
  [/肚皮(?!舞)/gu, '肚子'],
  [/鼻头/gu, '鼻子'],
  [/头颈/gu, '脖子'],
  [/心口头/gu, '心口'],
  [/被头/gu, '被子'],
  [/电平车|电频车/gu, '电瓶车'],
  // Time.
  [/今朝/gu, '今天'],
  [/明朝/gu, '明天'],
  [/昨日/gu, '昨天'],
  [/前日/gu, '前天'],
  [/(?<=[两二三四五六七八九十几\d])日(?!子|期|本|报|常)/gu, '天'],
  [/辰光/gu, '时候'],
  [/早浪向|早上向|早浪/gu, '早上'],
  [/夜饭/gu, '晚饭'],
  [/一歇歇|一歇/gu, '一会'],
  [/钟头/gu, '小时'],
  [/(?<=[了几两一二三四五六七八九十好\d])趟/gu, '次'],
  // Verbs.
  [/汏浴|汰浴/gu, '洗澡'],
  [/汏|汰(?=衣|碗|菜|头|脚)/gu, '洗'],
  [/掼跤/gu, '摔跤'],
  [/[\p{Script=Han}]了一[跤交]/gu, '摔了一跤'],
  [/掼(?=倒|下|了|伤|断|坏|破|到|在)/gu, '摔'],
  [/吃(?=[了醉过]?[^，]{0,2}酒)/gu, '喝'],
  [/困觉/gu, '睡觉'],
  [/困(?=[不没勿]?着|[不没勿]醒|过去|得|了一夜|落枕)/gu, '睡'],
  [/困(?=在(地|床|沙发|路|楼梯))/gu, '躺'],
  [/(?<=一直|还在)困$/gu, '睡'],
  [/打相打/gu, '打架'],
  [/相骂/gu, '吵架'],
  [/寻(?![死短思常求])/gu, '找'],
  [/落雨/gu, '下雨'],
  [/落雪/gu, '下雪'],
  [/淌/gu, '流'],
  [/透气/gu, '呼吸'],
  [/讲(?![座课解究理台])/gu, '说'],
  [/闲话/gu, '话'],
  [/清爽/gu, '清楚'],
  [/哪能|哪哈|咋/gu, '怎么'],
  [/啥人/gu, '谁'],
  [/啥(?!子)/gu, '什么'],
  [/眼乌珠/gu, '眼睛'],
  [/脚馒头/gu, '膝盖'],
  [/老酒/gu, '酒'],
  [/揿/gu, '按'],
  [/不适意|不舒齐/gu, '不舒服'],
  [/一记/gu, '一下'],
  // Typos that are real words, read by what stands around them (打电化 is a call, 开水汤了 a scald).
  [/(?<=[打接来回挂])电化/gu, '电话'],
  [/电[挮剃踢替提题体](?=[里停卡门坏困关])/gu, '电梯'],
  [/雪(?=[^，]{0,2}(一直|还在|止不住|不停)?(流|淌|冒|滴))/gu, '血'],
  [/(?<=(开水|热水|沸水|滚水|热油|油|热汤|粥)[被给]?)汤(?=[了伤到着])/gu, '烫'],
  // Words that hold a danger character and mean nothing of it.
  [/跳槽/gu, '换工作'],
  [/跳楼价|跳楼大甩卖/gu, '低价'],
  [/秒杀/gu, '抢购'],
  // Resultatives: 牢 holds (噎牢 = 噎住, 止勿牢 = 止不住), 脱 completes (坏脱 = 坏了).
  [/(?<![坐监大])牢(?![固房骚靠记])/gu, '住'],
  [/(?<=[坏抢软麻歪少疯杀断死丢走逃飞烂])脱了?(?![落水臼皮掉离衣险身手])/gu, '了'],
  // Intensifiers: 煞 and 交关 and 老 before a quality are 很 / 死.
  [/(?<!脸|面)煞(?![白费有气星])/gu, '死'],
  [/交关|邪气|蛮/gu, '很'],
  [/(?<![小古养])老(?=[重响快大深惨高多慢痛疼冷热烫红浓])(?!大[爷妈娘哥姐])/gu, '很'],
  [/得来(?=$)/gu, '得厉害'],
  [/得来/gu, '得'],
];

/** English a grown child abroad mixes in (my mom says her left arm 麻了): the few words that name danger. */
const ENGLISH: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bmy (mom|mum|mother)\b\s*/giu, '我妈'],
  [/\bmy (dad|father)\b\s*/giu, '我爸'],
  [/\b(says|said|her|his|is|has)\b\s*/giu, ''],
  [/\bleft\s*/giu, '左边'],
  [/\bright\s*/giu, '右边'],
  [/\barms?\b\s*/giu, '手臂'],
  [/\blegs?\b\s*/giu, '腿'],
  [/\bface\b\s*/giu, '脸'],
  [/\bchest\b\s*/giu, '胸口'],
  [/\b(can'?t|cannot) breathe\b\s*/giu, '喘不过气'],
  [/\bfell( down)?\b\s*/giu, '摔倒了'],
  [/\bfire\b\s*/giu, '着火'],
];

/** Emoji that say a danger in a picture (🆘, 🚑); every other emoji only ends a clause. */
const EMOJI: ReadonlyArray<readonly [RegExp, string]> = [
  [/🆘/gu, ' sos '],
  [/🚑/gu, '救护车'],
];

/** A message with the English words that name danger, and emoji that picture it, in Chinese (before it is cut into clauses). */
export function readEnglish(text: string): string {
  let t = text;
  for (const [re, to] of EMOJI) t = t.replace(re, to);
  if (!/[a-z]/iu.test(t)) return t;
  for (const [re, to] of ENGLISH) t = t.replace(re, to);
  return readPinyin(t);
}

// === Pinyin typos: a danger word typed with the wrong character of the same sound (就护车, 电题, 凶口)

interface Homophones {
  /** Each syllable (toneless pinyin) with the common characters read so. */
  syllables: Record<string, string>;
  /** The danger words, each with its syllables. */
  words: Record<string, string[]>;
  /** Real words that sound like a danger word (九名, 抱紧, 猫眼), and common ones a typo could cut: never rewritten. */
  real: string[];
}

const H = HOMOPHONES as Homophones;
/** Every syllable each character may be read as. */
const SOUND = new Map<string, Set<string>>();
for (const [syllable, chars] of Object.entries(H.syllables)) {
  for (const c of chars) SOUND.set(c, (SOUND.get(c) ?? new Set()).add(syllable));
}
const REAL = new Set(H.real);
/** The danger words by their first syllable, longest first (救护车 before 救护). */
const BY_FIRST = new Map<string, [string, string[]][]>();
for (const [word, syl] of Object.entries(H.words).sort((x, y) => y[0].length - x[0].length)) {
  BY_FIRST.set(syl[0]!, [...(BY_FIRST.get(syl[0]!) ?? []), [word, syl]]);
}
/** Numbers are meant as typed (九名 is nine people, not 救命). */
const NUMERAL = /[零一二两三四五六七八九十百千万几\d]/u;
/** Particles are never part of a typed word (然后呢|水 is not 溺水). */
const PARTICLE = /[呢吗吧啊呀嘛哦么哈啦了的]/u;

/** The danger word that `chars` at `i` sound like, typed with other characters and no real word; or null. */
function typoAt(chars: string[], i: number): [string, string[]] | null {
  for (const first of SOUND.get(chars[i]!) ?? []) {
    for (const [word, syl] of BY_FIRST.get(first) ?? []) {
      if (!syl.every((s, k) => SOUND.get(chars[i + k] ?? '')?.has(s))) continue;
      const span = chars.slice(i, i + syl.length).join('');
      if (span === word || REAL.has(span) || NUMERAL.test(span) || PARTICLE.test(span)) continue;
      // Not a typo where it would cut a real word in two (有点|点事 is not 电视).
      if (REAL.has(`${chars[i - 1] ?? ''}${chars[i]}`) || REAL.has(`${chars[i + syl.length - 1]}${chars[i + syl.length] ?? ''}`)) continue;
      return [word, syl];
    }
  }
  return null;
}

// === Pinyin typed in letters (jiu hu che, jiuming, xiong口疼): when the input method is not switched to Chinese

/** How many characters of `latin` (from `at`, spaces between syllables skipped) spell `syllable`; 0 if not. */
function spells(latin: string, at: number, syllable: string): number {
  let i = at;
  while (latin[i] === ' ') i++;
  return latin.slice(i, i + syllable.length).toLowerCase() === syllable ? i - at + syllable.length : 0;
}

/**
 * A danger word spelt in letters, wholly or in part (jiu hu che, jiuming, xiong口): each syllable typed
 * as letters, or as a character read so; at least one in letters, and the letters end where a word ends.
 */
export function readPinyin(text: string): string {
  let out = '';
  let i = 0;
  outer: while (i < text.length) {
    if (/[a-z]/iu.test(text[i]!) && (i === 0 || !/[a-z]/iu.test(text[i - 1]!))) {
      for (const [word, syl] of [...BY_FIRST.values()].flat()) {
        let at = i;
        let letters = false;
        for (const s of syl) {
          const n = spells(text, at, s);
          if (n > 0) {
            at += n;
            letters = true;
          } else if (SOUND.get(text[at] ?? '')?.has(s)) at += 1;
          else {
            at = -1;
            break;
          }
        }
        if (at > 0 && letters && !/[a-z]/iu.test(text[at] ?? '')) {
          out += word;
          i = at;
          continue outer;
        }
      }
    }
    out += text[i++];
  }
  return out;
}

/** The text with each span that sounds like a danger word, and is no real word, written as that word. */
export function fixTypos(text: string): string {
  const chars = [...text];
  let out = '';
  for (let i = 0; i < chars.length; ) {
    const hit = typoAt(chars, i);
    if (hit) {
      out += hit[0];
      i += hit[1].length;
    } else out += chars[i++];
  }
  return out;
}

/**
 * All of WU as one pattern read in a single pass: the first rule that matches at a place wins, as the
 * table orders them (each rule's own groups made non-capturing, the rule's number its group's name).
 */
const WU_ONE = new RegExp(WU.map(([re], i) => `(?<r${i}>${re.source.replace(/\((?!\?)/g, '(?:')})`).join('|'), 'gu');

/** A clause in Mandarin form: Wu and colloquial forms, then typos. */
export function normaliseClause(clause: string): string {
  const t = clause.replace(WU_ONE, (...args) => {
    const groups = args.at(-1) as Record<string, string | undefined>;
    for (const key in groups) if (groups[key] !== undefined) return WU[Number(key.slice(1))]![1];
    return args[0] as string;
  });
  return fixTypos(t);
}
