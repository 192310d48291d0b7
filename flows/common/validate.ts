import { normalizeText } from './choice.js';

// === Checks of typed answers

/** How many letters, digits or Chinese characters the text has (emoji, spaces and punctuation do not count). */
export function meaningfulLength(text: string): number {
  return (text.match(/[\p{Script=Han}\p{L}\p{N}]/gu) ?? []).length;
}

/** True when the text has at least two letters, digits or Chinese characters (not only emoji or punctuation). */
export function isMeaningful(text: string): boolean {
  return meaningfulLength(text) >= 2;
}

/**
 * A mainland mobile (11 digits, 1[3-9]…) or a landline with area code (0xx(x)-xxxxxxx(x)),
 * normalized (mobile: digits only; landline: `0573-82345678`); null when it is neither.
 * Words before the number ("电话：", "手机") are ignored.
 */
export function normalizePhone(input: string): string | null {
  const t = normalizeText(input)
    .replace(/^[\p{Script=Han}:]+/u, '')
    .replace(/[()（）\s]/g, '');
  const mobile = t.replace(/^(\+?86)/, '').replace(/-/g, '');
  if (/^1[3-9]\d{9}$/.test(mobile)) return mobile;
  // Area codes: 010 and 02x have three digits, all others four (0573), so "02112345678" splits well.
  const land = /^(010|02\d|0[3-9]\d{2})-?(\d{7,8})$/.exec(t);
  if (land) return `${land[1]}-${land[2]}`;
  return null;
}

/** True for a mainland mobile number (digits only, as `normalizePhone` gives it). */
export const isMobile = (phone: string | null): phone is string => phone !== null && /^1[3-9]\d{9}$/.test(phone);
