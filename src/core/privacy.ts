// === Keeping residents' phone numbers and addresses out of logs and group messages

const PHONE = /(?:\+?86[-. ]?)?1[3-9]\d(?:[-. ]?\d){8}|0\d{2,3}[-. ]?\d{7,8}|\d(?:[-. ]?\d){6,}/g;

/** Full-width digits, `+`, `-` and `.` to ASCII, so `１３８…` is seen as a number. */
const halfWidth = (text: string) => text.replace(/[\uFF10-\uFF19\uFF0B\uFF0D\uFF0E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** Replaces anything that looks like a phone number (or any long digit run) with `***`. */
export function redactPhones(text: string): string {
  return halfWidth(text).replace(PHONE, '***');
}

/** Error → a loggable object without query parameters or message text that may hold personal data. */
export function safeError(err: unknown): { type: string; code?: string; message: string; stack?: string } {
  if (!(err instanceof Error)) return { type: typeof err, message: redactPhones(String(err)).slice(0, 200) };
  const code = (err as { code?: unknown }).code;
  // drizzle wraps driver errors as "Failed query: … params: …": keep the first line only.
  const message = redactPhones(err.message.split('\n')[0] ?? '').replace(/params:.*$/, 'params: [redacted]');
  return {
    type: err.name,
    ...(typeof code === 'string' ? { code } : {}),
    message: message.slice(0, 300),
    ...(err.stack ? { stack: redactPhones(err.stack.split('\n').slice(1, 6).join('\n')) } : {}),
  };
}

const NUM = '(?:\\d+|[一二三四五六七八九十百零〇两]+)';
const ADDRESS = new RegExp(
  `[\\p{Script=Han}A-Za-z]{0,8}?(?:小区|花园|公寓|大厦|新村|家园|苑|府|里|巷|路|街)?\\s*${NUM}\\s*(?:幢|栋|号楼|号|单元|室|楼|弄|座|层)(?:[\\s\\d一二三四五六七八九十百零〇两幢栋号楼单元室弄座层-])*|\\d+-\\d+(?:-\\d+)+`,
  'gu',
);

/** Text safe for a group chat: phone numbers and house-number addresses replaced. */
export function redactForGroup(text: string): string {
  return redactPhones(text).replace(ADDRESS, '[地址已隐去]');
}
