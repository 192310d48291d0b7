import { normalizeText } from '../choice.js';
import { OWNERS, SPOKEN_DIGITS } from '../phone.js';
import { PERSON } from './types.js';
import { normaliseClause, readEnglish } from './normalise.js';

// === Reading a message the way people write it: clauses, and words that are not about now

/** Where one thought ends and the next begins: punctuation, emoji, and linking words. */
const BREAK = /[，,。.!！?？；;、：:\n…~～()（）【】[\]"“”'‘’]|\p{Extended_Pictographic}|但是|可是|然后|还有(?!点)/u;

/**
 * The clauses of a message, normalised (full-width to half-width, no spaces inside a clause; Wu and
 * colloquial forms and pinyin typos in Mandarin form, `normalise.ts`).
 * Spaces part clauses when both sides are words (我爸摔倒了 现在起不来), not when someone typed
 * one character at a time (我 摔 倒 了). A number typed in groups is one word of ascii digits, and
 * 打 before a number is dialling (打我女儿的 一三九 五七三… reads 拨打我女儿的，1395731234).
 */
export function clausesOf(text: string): string[] {
  const written = readEnglish(politeness(text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)))).replace(/\u3000/g, ' ');
  const pieces = dialled(numbersJoined(written))
    .split(BREAK)
    .flatMap((part) => joinSingles(part.trim().split(/\s+/)));
  return pieces.map((p) => normaliseClause(normalizeText(p))).filter((p) => p.length > 0);
}

/**
 * Greetings, thanks and apologies say nothing of danger, and their characters mislead (不好意思 holds 意思, as
 * 活着没意思 does): they are left out.
 */
const POLITE =
  /不好意思|打扰(了|一下|你们|啦|打扰)?|麻烦(你们|你|一下)了?|谢谢(你们|你|小同志)?(了|啊|哦|啦)?|小同志|((你|您|你们)好(啊|呀)?)+(?=$|[\s，,。.!！?？~～…])/gu;

function politeness(text: string): string {
  return text.replace(POLITE, ' ');
}

// === Numbers and calls: 打 a person's number is a call, not a blow

/** Seven or more digits, spoken or written, with spaces or dashes between groups: one phone-like number. */
const NUMBER_RUN = /[零〇洞幺一二两三四五六七八九\d](?:[\s\-–—]*[零〇洞幺一二两三四五六七八九\d]){6,}/gu;

function numbersJoined(text: string): string {
  return text.replace(NUMBER_RUN, (run) => [...run].map((c) => SPOKEN_DIGITS[c] ?? (/\d/.test(c) ? c : '')).join(''));
}

/** Between a doer and 打 (他在打我, 老公又打我): the doer still hits. */
const HABIT = '(?:在|又|还|正在|老是|总是?|一直|天天|经常|要)';
/** Whose number: 我, 她, 女儿, 我儿子家, 邻居的, 老伴手机. */
const WHOSE = `(?:给)?(?:我|他|她)?们?家?(?:${OWNERS.join('|')}|${PERSON})?家?的?[吧啊呀]?`;
const CONNECT = '[\\s，,:：]*';
/**
 * 打 followed by whose number and the number itself, with no doer before it (他打我 139… still hits):
 * a call. Read as 拨打, which no sign of a blow matches.
 */
const DIAL = new RegExp(`(?<!${PERSON}${HABIT}?)打(?=${WHOSE}${CONNECT}(?:电话|手机|号码|座机|号)?(?:是|为)?${CONNECT}\\+?\\d{7})`, 'gu');

function dialled(text: string): string {
  return text.replace(DIAL, '拨打');
}

/** Space-separated runs: single characters typed apart are joined back into one word. */
function joinSingles(runs: string[]): string[] {
  const out: string[] = [];
  let singles = '';
  for (const run of runs) {
    if ([...run].length === 1) {
      singles += run;
      continue;
    }
    if (singles) out.push(singles);
    singles = '';
    out.push(run);
  }
  if (singles) out.push(singles);
  return out;
}

// === Not about now: negated, past, a worry or a question, a talk or a poster

/** Just before a word: it did not happen (没有着火, 不是摔倒, 没晕倒, 勿是, 差点被骗). */
const NEGATED = /(没有|没|不是|不会|不要|并不|并没|从没|从来没|勿是|别|差点|差一点|险些)[^没不]?$/u;
/** Right before a word: not wanted, or nobody (不想报警, 不用报警, 没人困住, 要不要报警). */
const NEGATED_NEXT = /(不|不想|不用|不必|没必要|用不着|没人|没有人)$/u;
/** Right before a word: what would happen, said in general (吃错药会中毒的, 电热毯会着火). */
const GENERIC = /(?<!不)会$/u;
/** …unless it is a suspicion, which counts (是不是中风了, 会不会是煤气). */
const SUSPECTED = /(是不是|会不会|是否|好像是|可能是)[^没不]?$/u;
/** Anywhere before a word in its clause: before, a worry, a question, a talk (上次摔倒的, 担心走丢, 想问中风). */
const NOT_NOW_BEFORE =
  /(上次|上回|上个月|上个礼拜|上星期|上周|以前|去年|前年|之前|曾经|年轻时|小时候|那年|担心|怕(?!是)|万一|如果|要是|假如|假设|容易|咨询|想(再|就)?问|请问|打听|本来|原本|本想|还以为|以为|自从|想了解|了解一下|讲座|宣传|课上|电视上|新闻|学学|学会|学着|学怎么|学用|培训|演练|不要等|别等|免得|以免|省得|(中风|脑梗|脑出血|偏瘫)(过|以后|后)(?!来))/u;
const NOT_NOW_BEFORE_ALL = new RegExp(NOT_NOW_BEFORE.source, 'gu');
/** Just before a word: guarding against it (防诈骗, 防走失, 预防中风, 防止被骗). */
const GUARDED = /(?<!消)(防|预防|防止|防范|避免)[^，]{0,1}$/u;
/** Just after a word: it is the subject of talk, not an event (着火了怎么办的宣传, 中风后遗症), or past (中风过). */
const NOT_NOW_AFTER =
  /^(容易|的话|会(?!不会))|^(膏|药膏|喷雾|贴)|^(已经|都|也)?(好了|好多了|治好|痊愈|止住了)(?![吗没吧])|^的?(早期|常见|主要)?(有)?(什么|哪些)?(症状|前兆|征兆|信号|表现)(?!越|更|加重|严重)|^[^，]{0,8}?(宣传|讲座|知识|演练|演习|演示|逃生|常识|隐患|预案|培训|海报|手册|保险|险|课|视频|新闻|电视剧|小说|后遗症|康复|怎么预防|怎么防|的预防|以后怎么|怎么急救|急救知识|应急)|^过(?!去|来|了一|不|气)|^(的人|的事|的老人|的新闻|的案子)|^[^，]{0,10}?(骗局|骗术|套路|手法|诈骗案)|^(了|过)?(好几|好多|几|十几|[一两二三四五六七八九十]+)(年|个月)|^[^，]{0,2}怕(了|死了)/u;
/** Between a past or worry word and the word, these bring it back to now (以前中风过现在又说不出话). */
const NOW = /现在|刚才|刚刚|突然|正在|快来|赶紧|马上/u;

/**
 * Whether a word found at `at` (length `length`) in `clause` is about now: not negated, not in the past,
 * not a worry, a question or a talk. A suspicion (是不是中风了) counts as now.
 */
export function aboutNow(clause: string, at: number, length: number): boolean {
  const before = clause.slice(0, at);
  const after = clause.slice(at + length);
  const tail = before.slice(-4);
  if ((NEGATED.test(tail) || NEGATED_NEXT.test(tail) || GENERIC.test(tail)) && !SUSPECTED.test(tail)) return false;
  if (GUARDED.test(before)) return false;
  if (NOT_NOW_AFTER.test(after)) return false;
  // 以前中风过现在又说不出话: 现在 between the past word and this one brings it back to now.
  const notNow = [...before.matchAll(NOT_NOW_BEFORE_ALL)].at(-1);
  if (notNow) return NOW.test(before.slice(notNow.index + notNow[0].length));
  return true;
}
