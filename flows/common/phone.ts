import { normalizeText } from './choice.js';
import { normalizePhone } from './validate.js';

// === Reading a phone number the way people write one: in Chinese digits, with words around it,
// a relative's number, spaces and dashes, or a local 8-digit number without its area code

/** A phone read from a message, and whose it is when the person said so ("女儿"). */
export interface ReadPhone {
  phone: string;
  /** The relative or person the number belongs to (女儿, 邻居), or null when it is the person's own. */
  whose: string | null;
}

/** Spoken digits: 幺 (yao) is how 1 is read aloud in numbers, 洞 is 0 in the same habit. */
export const SPOKEN_DIGITS: Record<string, string> = {
  零: '0',
  〇: '0',
  洞: '0',
  幺: '1',
  一: '1',
  二: '2',
  两: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};

/** Whose number it may be: relatives first, then others people leave a number of. */
export const OWNERS = [
  '女儿',
  '儿子',
  '儿媳',
  '媳妇',
  '女婿',
  '老伴',
  '老公',
  '老婆',
  '爱人',
  '孙子',
  '孙女',
  '外孙女',
  '外孙',
  '侄子',
  '侄女',
  '外甥',
  '哥哥',
  '姐姐',
  '弟弟',
  '妹妹',
  '邻居',
  '保姆',
  '护工',
  '朋友',
  '亲戚',
];

/** Runs of seven or more spoken digits (spaces and dashes between them allowed) become ascii digits. */
function spokenToDigits(text: string): string {
  return text.replace(/[零〇洞幺一二两三四五六七八九\d](?:[\s-]*[零〇洞幺一二两三四五六七八九\d]){6,}/g, (run) =>
    [...run].map((c) => SPOKEN_DIGITS[c] ?? c).join(''),
  );
}

/** Digit groups that may be one number: digits with spaces, dashes, dots or brackets between them. */
const CANDIDATE = /(?:\+?86[\s-]*)?[(（]?\d[\d\s\-–—.()（）]*\d/g;

/**
 * The first phone number in a message, normalized as `normalizePhone` gives it. A local number
 * of 8 digits gets `localAreaCode` (0573 → `0573-82345678`). `whose` names the owner when the
 * message says so ("打我女儿的 139…" → 女儿). Null when the message holds no phone number.
 */
export function readPhone(text: string, localAreaCode: string): ReadPhone | null {
  const t = spokenToDigits(normalizeWidth(text));
  for (const match of t.matchAll(CANDIDATE)) {
    // Two numbers in a row ("138… 139…"): the first one that reads.
    const phone = [match[0], ...match[0].split(/\s+/)].map((c) => phoneOf(c, localAreaCode)).find((p) => p !== null);
    if (phone) return { phone, whose: ownerOf(t.slice(0, match.index), t.slice((match.index ?? 0) + match[0].length)) };
  }
  return null;
}

function phoneOf(candidate: string, localAreaCode: string): string | null {
  const digits = candidate.replace(/\D/g, '');
  return normalizePhone(candidate) ?? (/^[2-9]\d{7}$/.test(digits) ? `${localAreaCode}-${digits}` : null);
}

/** Full-width digits and signs to half-width, keeping inner spaces (they may split number groups). */
function normalizeWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** "我女儿的", "女儿电话", "邻居家" around the number, unless the person says it is their own. */
function ownerOf(before: string, after: string): string | null {
  const words = normalizeText(`${before}|${after}`);
  for (const owner of OWNERS) {
    if (
      words.includes(`${owner}的`) ||
      words.includes(`${owner}家的`) ||
      words.includes(`${owner}电话`) ||
      words.includes(`${owner}手机`) ||
      new RegExp(`打给?我?${owner}`).test(words)
    )
      return owner;
    if (words.includes(owner) && /没(有)?手机|不会用手机|没电话/.test(words)) return owner;
  }
  return null;
}
