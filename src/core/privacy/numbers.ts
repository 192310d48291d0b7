// === Numbers that reach a person: phones, ID-card and bank-card numbers, however they are written

/** Digits as people write them: ASCII, full-width, Chinese numerals (幺 and 两 too), financial numerals. */
export const DIGIT = '0-9\\uFF10-\\uFF19零〇一二三四五六七八九幺两壹贰叁肆伍陆柒捌玖';
/** Anything that may sit between the digits of one number: spaces, punctuation, symbols, invisible marks. */
export const SEPARATOR = '\\s\\p{P}\\p{S}\\p{Cf}\\p{Cc}';
/** A run of digits with at most three separator characters between any two of them. */
const DIGIT_RUN = new RegExp(`[${DIGIT}](?:[${SEPARATOR}]{0,3}[${DIGIT}])+`, 'gu');
/** Where a number starts: no digit (and separators) just before, so that a long run is read once, not from each digit. */
export const NUMBER_START = `(?<![${DIGIT}][${SEPARATOR}]{0,3})`;
/** A run of 14 or more digits ending in the check letter X: an ID-card number (the X would survive `***` otherwise). */
const ID_CARD = new RegExp(`${NUMBER_START}[${DIGIT}](?:[${SEPARATOR}]{0,3}[${DIGIT}]){13,}[${SEPARATOR}]{0,3}[XxＸｘ](?![A-Za-z])`, 'gu');
const DIGIT_CHAR = new RegExp(`[${DIGIT}]`, 'gu');
/** This many digits in one run make a number that may reach a person (mobile 11, landline 7–12, bank card 16–19). */
const PHONE_MIN_DIGITS = 7;
/** Dates and times are not phone numbers: 2026-12-01, 2026/12/01 08:30:00.000Z. Years 20xx only (no mobile starts with 2). */
const DATE_TIME = /^20\d{2}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])(?:[ T](?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:[.,]\d{1,6})?)?Z?)?$/;
/** A ticket number (`YYYYMMDD-NNNN`, `src/domain/requests/tickets.ts`) at the start of a run: ours, not a person's. */
const TICKET = /^20\d{6}-\d{4,}(?!\d)/;

/**
 * Replaces anything that reads as a phone, ID-card or bank-card number (any run of 7 or more digits,
 * however written) with `***`. Dates, times and ticket numbers are kept.
 */
export function redactPhones(text: string): string {
  return text.replace(ID_CARD, '***').replace(DIGIT_RUN, redactRun);
}

/** True for a date, a time or a ticket number: numbers of ours or of the calendar, not of a person. */
export function isDateOrTicket(run: string): boolean {
  return DATE_TIME.test(run) || TICKET.exec(run)?.[0] === run;
}

function redactRun(run: string): string {
  const ticket = TICKET.exec(run)?.[0];
  if (ticket) return ticket + run.slice(ticket.length).replace(DIGIT_RUN, redactRun);
  if ((run.match(DIGIT_CHAR) ?? []).length < PHONE_MIN_DIGITS) return run;
  return DATE_TIME.test(run) ? run : '***';
}
