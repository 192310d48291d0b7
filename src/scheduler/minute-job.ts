import cron from 'node-cron';
import type { Logger } from 'pino';
import type { Clock } from '../core/ports.js';
import { safeError } from '../core/privacy.js';

// === A job run every minute: the one wrapper of the schedulers

export interface MinuteJobOptions<T> {
  /** node-cron's name for the task. */
  name: string;
  log: Logger;
  clock?: Clock;
  /** One run at `now`; it logs and delivers what it did. */
  run: (now: Date) => Promise<T>;
  /** The result of a run that threw (the error is logged with `failureMessage`). */
  failed: T;
  failureMessage: string;
}

/**
 * `runOnce` now, or `start` running it at every minute (a minute is a minute in every time zone, so
 * none is needed), a run never overlapping the one before; a failure is logged and never thrown.
 */
export function createMinuteJob<T>(options: MinuteJobOptions<T>) {
  const clock = options.clock ?? (() => new Date());
  let task: ReturnType<typeof cron.schedule> | null = null;
  async function runOnce(): Promise<T> {
    try {
      return await options.run(clock());
    } catch (err) {
      options.log.error({ err: safeError(err) }, options.failureMessage);
      return options.failed;
    }
  }
  return {
    runOnce,
    start() {
      task ??= cron.schedule('* * * * *', () => void runOnce(), { name: options.name, noOverlap: true });
    },
    stop() {
      void task?.destroy();
      task = null;
    },
  };
}
