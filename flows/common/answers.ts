import { normalizeText, YES_WORDS } from './choice.js';

// === Reading short answers with sense: a yes is not a value, giving up is not an answer,
// and an address is an address wherever it is typed

/** Sentence-final particles that change nothing in a yes ("好的呀", "行吧"). */
const PARTICLES = /[啊呀吧啦哈嘛呢哦噢喔嗷]+$/u;

/** More ways to say yes than the confirmation words: "好好好", "嗯嗯", "可以的", "好吧", "中". */
const MORE_YES = ['好吧', '可以的', '行的', '中', '妥', '没问题', '就这样', '那好', '好嘞', '好咧', '嗯呐', '是呀', '对呀'];

/**
 * True when the whole text only says yes: 好的, 嗯嗯, 对对对, 行吧, 可以的, 好好好… A yes answers a
 * yes/no question; where a value is asked (an address, a time), it is never the value.
 */
export function isYes(text: string): boolean {
  const t = normalizeText(text)
    .toLowerCase()
    .replace(/[,，、。!！~～]/g, '')
    .replace(/(谢谢(你们|您|你)?|多谢|麻烦了)+$/u, '');
  if (!t) return false;
  const bare = t.replace(PARTICLES, '') || t;
  // Repeats: 好好好, 嗯嗯, 对对对, 好的好的.
  const once = /^(.+?)\1+$/u.exec(bare)?.[1] ?? bare;
  return [t, bare, once].some((w) => YES_WORDS.includes(w) || MORE_YES.includes(w));
}

/**
 * Phrases that give up the whole request: 算了, 太麻烦了, 不弄了, 不需要了, 我自己叫人修了, 已经好了…
 * 不用了 gives up too, except where the question offers something to decline (a number on file):
 * the caller decides that and passes `declinable`.
 */
const GIVE_UP = [
  /^算了(?!一下|下)/,
  /^那?(就)?不用了$/,
  /太麻烦(了)?$/,
  /^不(弄|修|办|要|找|搞|报|麻烦你们|麻烦您|麻烦)了/,
  /不需要了$/,
  /不用(麻烦)?(你们|您)?了$/,
  /(自己|家里人|儿子|女儿|邻居).{0,6}(修|弄|搞|解决|处理)(好)?了$/,
  /已经(修)?好了$/,
  /^没事了$/,
  /不想(弄|修|办|报)了$/,
];
/** What may follow a give-up phrase without changing it: particles and thanks. */
const GIVE_UP_TAIL = /(吧|啊|呀|哈|啦|嘛|哦|谢谢(你们|您|你)?|多谢)+$/u;

/** True when the text gives the request up ("算了 太麻烦了"); with `declinable`, a bare 不用了 does not. */
export function isGiveUp(text: string, declinable = false): boolean {
  const t = normalizeText(text)
    .replace(/[,，、。!！~～\s]/g, '')
    .replace(GIVE_UP_TAIL, '');
  if (!t || t.length > 30) return false;
  if (declinable && /^(那?(就)?)?不用(了)?$/.test(t)) return false;
  return GIVE_UP.some((re) => re.test(t));
}

/** Marks of a street address: a number followed by 号, 弄, 幢, 栋, 单元, 室, 楼, 层, 座. */
const ADDRESS_MARK = /\d+\s*(号|弄|幢|栋|单元|室|楼|层|座|排|组)/u;

/** True when the text looks like a street address (文昌小区3幢2单元501, 建国南路128弄6号302). */
export function looksLikeAddress(text: string): boolean {
  const t = normalizeText(text);
  return [...t].length <= 100 && ADDRESS_MARK.test(t) && /\p{Script=Han}{2,}/u.test(t);
}

/** A province, city, district or county name at the start of an address (浙江省, 嘉兴市, 南湖区). */
const ADMIN_PREFIX = /^\p{Script=Han}{2,4}?(?:[省市区县镇乡]|街道)/u;

/**
 * The place words of an address: what comes before its first number, less the city, district and
 * road suffixes people add (嘉兴市南湖区文昌小区3幢 → 文昌小区; 建国南路128弄 → 建国南路).
 */
export function placeOf(address: string): string {
  let head = normalizeText(address).split(/\d/u)[0] ?? '';
  for (let m = ADMIN_PREFIX.exec(head); m && m[0].length < head.length - 1; m = ADMIN_PREFIX.exec(head)) head = head.slice(m[0].length);
  return head;
}
