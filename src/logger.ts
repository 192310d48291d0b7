import pino, { type Logger } from 'pino';

/**
 * Structured logs (JSON lines) on standard error, so standard output stays free for the console chat.
 * Never log message text, phone numbers or addresses: log ids, states and error codes.
 */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'lianxin' } }, pino.destination(2));
}
