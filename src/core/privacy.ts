import { redactAddresses } from './privacy/addresses.js';
import { redactContacts } from './privacy/contacts.js';
import { redactPhones } from './privacy/numbers.js';

// === Keeping the ways to reach a resident (phones, addresses, accounts, links, plates) out of group messages and logs

export { redactAddresses, redactContacts, redactPhones };

/**
 * Text safe for a group chat: accounts, e-mail, links and plates first (their digits would otherwise be
 * cut in half), then phone, ID-card and bank-card numbers, then addresses — whatever way they are written.
 */
export function redactForGroup(text: string): string {
  return redactAddresses(redactPhones(redactContacts(text)));
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
