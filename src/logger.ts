import pino, { type DestinationStream, type Logger } from 'pino';
import { redactForLog, safeError } from './core/privacy.js';

// === Structured logs with a redaction step: nothing private reaches a log line, whoever logs

/** Fields that hold ids made by us or by a channel (not by a person): kept as they are. */
const ID_FIELD = /^(?:id|key|ticket|[a-z]+Ids?)$/;
const MAX_DEPTH = 6;

/** Every string redacted (phones, addresses), every Error made safe (no SQL parameters), ids kept. */
export function redactLogValue(value: unknown, field = '', depth = 0): unknown {
  if (typeof value === 'string') return ID_FIELD.test(field) ? value : redactForLog(value);
  if (value instanceof Error) return safeError(value);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (depth >= MAX_DEPTH) return '[nested]';
  if (Array.isArray(value)) return value.map((v) => redactLogValue(v, field, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactLogValue(v, k, depth + 1)]));
}

/**
 * JSON lines on standard error (standard output stays free for the console chat), or on `destination`.
 * Log ids, states and error codes; even so, each line passes the redaction step above.
 */
export function createLogger(level: string, destination: DestinationStream = pino.destination(2)): Logger {
  return pino(
    {
      level,
      base: { app: 'lianxin' },
      formatters: { log: (object) => redactLogValue(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? redactForLog(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
