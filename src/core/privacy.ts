// === Keeping residents' phone numbers and addresses out of group messages and logs

/** Digits as people write them: ASCII, full-width, Chinese numerals (幺 and 两 too), financial numerals. */
const DIGIT = '0-9\\uFF10-\\uFF19零〇一二三四五六七八九幺两壹贰叁肆伍陆柒捌玖';
/** Anything that may sit between the digits of one number: spaces, punctuation, symbols, invisible marks. */
const SEPARATOR = '\\s\\p{P}\\p{S}\\p{Cf}\\p{Cc}';
/** A run of digits with at most three separator characters between any two of them. */
const DIGIT_RUN = new RegExp(`[${DIGIT}](?:[${SEPARATOR}]{0,3}[${DIGIT}])+`, 'gu');
const DIGIT_CHAR = new RegExp(`[${DIGIT}]`, 'gu');
/** This many digits in one run make a number that may reach a person (mobile 11, landline 7–12). */
const PHONE_MIN_DIGITS = 7;
/** Dates and times are not phone numbers: 2026-12-01, 2026/12/01 08:30:00.000Z. Years 20xx only (no mobile starts with 2). */
const DATE_TIME = /^20\d{2}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])(?:[ T](?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:[.,]\d{1,6})?)?Z?)?$/;

/** Replaces anything that reads as a phone number (or any long run of digits, however written) with `***`. */
export function redactPhones(text: string): string {
  return text.replace(DIGIT_RUN, (run) => {
    if ((run.match(DIGIT_CHAR) ?? []).length < PHONE_MIN_DIGITS) return run;
    return DATE_TIME.test(run) ? run : '***';
  });
}

// === Addresses: house, building, unit and room numbers

const CN_NUM = '零〇一二三四五六七八九十百两幺';
const NUM = `(?:[${DIGIT}十百]+)`;
/** A building or room designator: a number, a letter (A座, B栋), or a number with a letter (12B); not a date (12月1号). */
const DESIGNATOR = `(?<!月\\s*)(?:${NUM}[A-Za-z]?|[A-Za-z]${NUM}?)`;
const UNIT = '(?:号楼|号院|幢|栋|号|单元|室|楼|弄|座|层|户|排|期|区|院)';
/** What may follow: more numbers and units; Chinese numerals only as a room number (五零一) or before a unit. */
const TRAILING = `(?:[\\s0-9\\uFF10-\\uFF19A-Za-z#幢栋号楼单元室弄座层户排-]|[${CN_NUM}]{3,}|[${CN_NUM}]+(?=${UNIT}))`;
const ESTATE = '(?:小区|花园|公寓|大厦|新村|家园|苑|大楼|公馆|名邸|华府|山庄)';
const STREET = '(?:路|街|巷|弄)';
const PLACE = `[\\p{Script=Han}]{0,6}?(?:${ESTATE}|${STREET}|社区|村)`;
const ADDRESS = new RegExp(
  [
    // 文昌小区3幢2单元501, 文昌苑A座1203, 中山路88号, 三号楼二单元五零一, 五楼 (the place's name goes too)
    `(?:${PLACE})?\\s*${DESIGNATOR}\\s*${UNIT}${TRAILING}*`,
    // 3-2-501, 5#302 (a date such as 2026-12-01 is not an address)
    `(?<![\\d-])(?!20\\d{2}-\\d{1,2}-\\d{1,2}(?!\\d))\\d+(?:[-#]\\d+)+`,
    // 文昌苑1203, 幸福家园B1203 (an estate name followed by a room number)
    `[\\p{Script=Han}]{0,6}?${ESTATE}\\s*[A-Za-z]?\\d{2,}${TRAILING}*`,
    // 建国南路128 (a street followed by a house number that is not a time, a distance or an amount)
    `[\\p{Script=Han}]{0,6}?${STREET}\\s*\\d{1,5}(?![\\d分点个米块元岁年月日天小次公里])`,
  ].join('|'),
  'gu',
);

/** Replaces house, building, unit and room numbers (with the few words naming the place before them). */
export function redactAddresses(text: string): string {
  return text.replace(ADDRESS, '[地址已隐去]');
}

/** Text safe for a group chat: addresses and phone numbers replaced, whatever way they are written. */
export function redactForGroup(text: string): string {
  return redactAddresses(redactPhones(text));
}

/** Text safe for a log line: the same redaction as for groups. */
export const redactForLog = redactForGroup;

// === Errors in logs

export interface SafeError {
  type: string;
  code?: string;
  message: string;
  stack?: string;
  cause?: SafeError;
}

/**
 * Error → a loggable object: type, code, the message's first line without SQL parameters or values,
 * only the `at …` frames of the stack, and the same for its cause. Driver errors put the query's
 * parameters in the message, the stack's first lines and in fields such as `detail`: none is kept.
 */
export function safeError(err: unknown, depth = 0): SafeError {
  if (!(err instanceof Error)) return { type: typeof err, message: redactForLog(String(err)).slice(0, 200) };
  const code = (err as { code?: unknown }).code;
  const firstLine = (err.message.split('\n')[0] ?? '')
    // drizzle: "Failed query: insert … params: a,b,c" — the statement has placeholders only; drop the values.
    .replace(/params:.*$/s, 'params: [redacted]')
    // PostgreSQL: `Key (phone)=(138…) already exists`, `invalid input syntax for type integer: "abc"`.
    .replace(/\(([^()]*)\)=\([^)]*\)/g, '($1)=([redacted])')
    .replace(/: ".*"$/, ': "[redacted]"');
  const frames = (err.stack ?? '')
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .slice(0, 6);
  const cause = (err as { cause?: unknown }).cause;
  return {
    type: err.name,
    ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code) } : {}),
    message: redactForLog(firstLine).slice(0, 300),
    ...(frames.length ? { stack: frames.join('\n') } : {}),
    ...(cause !== undefined && depth < 2 ? { cause: safeError(cause, depth + 1) } : {}),
  };
}
