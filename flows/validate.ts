import { normalizeText } from './choice.js';

// === Checks of typed answers

/** True when the text has at least two letters or Chinese characters (not only emoji or punctuation). */
export function isMeaningful(text: string): boolean {
  const letters = text.match(/[\p{Script=Han}\p{L}\p{N}]/gu) ?? [];
  return letters.length >= 2;
}

/**
 * A mainland mobile (11 digits, 1[3-9]…) or a landline with area code (0xx(x)-xxxxxxx(x)),
 * normalized (mobile: digits only; landline: `0573-82345678`); null when it is neither.
 */
export function normalizePhone(input: string): string | null {
  const t = normalizeText(input).replace(/[()（）\s]/g, '');
  const mobile = t.replace(/^(\+?86)/, '').replace(/-/g, '');
  if (/^1[3-9]\d{9}$/.test(mobile)) return mobile;
  const land = /^(0\d{2,3})-?(\d{7,8})$/.exec(t);
  if (land) return `${land[1]}-${land[2]}`;
  return null;
}
