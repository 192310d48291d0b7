import { DIGIT, isDateOrTicket, NUMBER_START, SEPARATOR } from './numbers.js';

// === Other ways to reach a person: WeChat and QQ accounts, e-mail, Telegram names, links, licence plates

const CONTACT = '[联系方式已隐去]';
const LINK = '[链接已隐去]';
const PLATE = '[车牌已隐去]';

/** Not inside a longer word of Latin letters or digits (nor the rest of an e-mail address or a link). */
const ALONE_BEFORE = '(?<![A-Za-z0-9_@./:-])';
const ALONE_AFTER = '(?![A-Za-z0-9_-])';
/** An account name as WeChat (6–20), QQ mail and most sites allow them: a letter, then letters, digits, _ and -. */
const HANDLE = `[A-Za-z][A-Za-z0-9_-]{5,63}${ALONE_AFTER}`;
/** A number of 5 or more digits however written (QQ numbers have 5 to 11; longer ones are phones anyway). */
const NUMBER = `${NUMBER_START}[${DIGIT}](?:[${SEPARATOR}]{0,3}[${DIGIT}]){4,}`;

/** Words that name an account: 微信号, V信, 加我, 扣扣, 邮箱 …; and Latin ones not inside a longer word (vx, QQ, wechat). */
const CN_CUE = ['微 ?信(?:号码|号)?', '[威薇徽]信', '微❤', '加微', '[加+]\\s*[vV]', '加我', '扣扣', '企鹅号?', '邮箱', '电邮'].join('|');
const LATIN_CUE = '(?<![A-Za-z0-9_-])(?:wechat|weixin|vx|wx|v信|v❤|qq|q号|e-?mail|telegram)(?![a-z])';
const CUE = `${CN_CUE}|${LATIN_CUE}`;
/** What may stand between such a word and the account: 号, 是, a colon, brackets, spaces (not a comma or a new line: another clause). */
const CONNECTOR = '(?:[ \\u3000\\t]|[:：=()（）【】\\[\\]-]|号码|账号|帐号|号|是|为|id(?![A-Za-z0-9]))';
/** An account name with a digit, _ or - in it: no English word (`wechat callback refused` in a log stays). */
const MIXED_HANDLE = `(?=[A-Za-z0-9_-]*[0-9_-])${HANDLE}`;

/** 微信号wang_xiuying1950, vx: wang1950, QQ 12345678, 加我 wangxy1950: the words stay, the account goes. */
const ACCOUNT_AFTER_CUE = new RegExp(`((?:${CUE})${CONNECTOR}{0,6})(${MIXED_HANDLE}|${NUMBER})`, 'giu');
/** 微信 wangxiuying, vx：wangxiuying: letters only, after a Chinese word or a Latin one with a colon, 号 or 是. */
const LETTERS_AFTER_CUE = new RegExp(
  `((?:${CN_CUE})${CONNECTOR}{0,6}|(?:${LATIN_CUE})[ \\u3000\\t]*(?:[:：=]|号码?|账号|是|为)${CONNECTOR}{0,5})(${HANDLE})`,
  'giu',
);
/** wang1950是我微信, 12345（QQ）: the account first, then what it is. */
const ACCOUNT_BEFORE_CUE = new RegExp(`${ALONE_BEFORE}(?:${HANDLE}|${NUMBER})(?=\\s*(?:[（(]|是|就是|为)\\s*(?:我|俺|本人)?的?\\s*(?:${CUE}))`, 'giu');
/** WeChat's own account ids (wxid_…), and any account name with an underscore and a digit (wang_xiuying1950). */
const WXID = /wxid_[A-Za-z0-9_-]+/giu;
const UNDERSCORED = new RegExp(`${ALONE_BEFORE}[A-Za-z][A-Za-z0-9-]*_[A-Za-z0-9_-]*${ALONE_AFTER}`, 'gu');

const AT = '(?:@|＠|\\(at\\)|\\[at\\]|（at）|艾特)';
const DOT = '(?:\\.|。|点|\\(dot\\)|\\[dot\\])';
/** wang1950@qq.com, 12345678@qq.com, wang @ 163.com, wang(at)qq点com. */
const EMAIL = new RegExp(`(?<![A-Za-z0-9_@./:%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*\\s*${AT}\\s*[A-Za-z0-9-]+(?:${DOT}[A-Za-z0-9-]+)+`, 'giu');
/** A Telegram name: @wang_xiuying. */
const MENTION = /(?<![A-Za-z0-9_.])@[A-Za-z][A-Za-z0-9_]{4,31}(?![A-Za-z0-9_])/gu;

/** Characters a link is made of (a Chinese character or a space ends it). */
const URL_CHAR = "[A-Za-z0-9\\-._~:/?#@!$&*+,;=%'()\\[\\]]";
const TLD = '(?:com|cn|net|org|gov|edu|io|me|cc|co|top|xyz|info|link|site|ly|gl|tv|vip|ink|ren)';
/** https://… with anything after the host; a scheme-less host with a path (u.wechat.com/EMj8, weixin.qq.com/r/…). */
const LINK_WITH_SCHEME = new RegExp(`https?://${URL_CHAR}+`, 'giu');
const LINK_WITHOUT_SCHEME = new RegExp(`${ALONE_BEFORE}(?:[A-Za-z0-9-]+\\.)+${TLD}(?::\\d+)?[/?#]${URL_CHAR}*`, 'giu');
/** A link that is only a site (https://www.gree.com/) carries nothing personal. */
const SITE_ONLY = /^https?:\/\/[A-Za-z0-9.-]+(?::\d+)?\/?$/i;
/** Punctuation that ends a sentence rather than a link (input cleaning turns ，into ,). */
const TRAILING_PUNCTUATION = /[.,;:!?)'\]]+$/;

/** A link becomes `[链接已隐去]` unless it is only a site; the punctuation after it stays. */
function redactLink(match: string): string {
  const tail = TRAILING_PUNCTUATION.exec(match)?.[0] ?? '';
  const url = match.slice(0, match.length - tail.length);
  return (SITE_ONLY.test(url) ? url : LINK) + tail;
}

/** Provinces' one-character names on plates, and the plate: 浙F·12345, 浙A D12345, 苏E12345挂. */
const PROVINCE = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领';
const PLATE_CHAR = '[A-HJ-NP-Za-hj-np-z0-9]';
const LICENCE_PLATE = new RegExp(`[${PROVINCE}]\\s?[A-Za-z][\\s·•・.-]{0,2}(?=${PLATE_CHAR}*[0-9])${PLATE_CHAR}{5,6}(?![A-Za-z0-9])[挂学警港澳]?`, 'gu');

/**
 * Replaces every other way to reach a person: links with anything after the site (`[链接已隐去]`);
 * e-mail addresses, WeChat ids (wxid_…), an account after a word that names one (微信号, vx, 加我, QQ,
 * 邮箱…) or before one (…是我微信), account names with an underscore and a digit, Telegram names
 * (`[联系方式已隐去]`); licence plates (`[车牌已隐去]`). The words around stay.
 */
export function redactContacts(text: string): string {
  return text
    .replace(LINK_WITH_SCHEME, redactLink)
    .replace(LINK_WITHOUT_SCHEME, redactLink)
    .replace(EMAIL, CONTACT)
    .replace(WXID, CONTACT)
    .replace(ACCOUNT_AFTER_CUE, (all: string, cue: string, account: string) => (isDateOrTicket(account) ? all : cue + CONTACT))
    .replace(LETTERS_AFTER_CUE, (_, cue: string) => cue + CONTACT)
    .replace(ACCOUNT_BEFORE_CUE, CONTACT)
    .replace(UNDERSCORED, (name) => (name.length >= 6 && /\d/.test(name) ? CONTACT : name))
    .replace(MENTION, CONTACT)
    .replace(LICENCE_PLATE, PLATE);
}
