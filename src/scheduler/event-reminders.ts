import cron from 'node-cron';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import type { Clock } from '../core/ports.js';
import { safeError } from '../core/privacy.js';
import { sweepEventReminders } from '../domain/events/reminders.js';

/** Every minute (in the configured time zone), turn due event reminders into private messages. */
export function createEventReminderSweeper(options: {
  db: Db;
  log: Logger;
  clock?: Clock;
  timeZone: string;
  hoursBefore: number;
  afterSweep?: () => Promise<unknown>;
}) {
  const clock = options.clock ?? (() => new Date());
  let task: ReturnType<typeof cron.schedule> | null = null;
  async function runOnce(): Promise<number> {
    try {
      const reminded = await sweepEventReminders(options.db, clock(), { hoursBefore: options.hoursBefore, timeZone: options.timeZone });
      if (reminded > 0) {
        options.log.info({ reminded }, 'event reminders');
        await options.afterSweep?.();
      }
      return reminded;
    } catch (err) {
      options.log.error({ err: safeError(err) }, 'event reminder sweep failed');
      return 0;
    }
  }
  return {
    runOnce,
    start() {
      task ??= cron.schedule('* * * * *', () => void runOnce(), { timezone: options.timeZone, name: 'event-reminders', noOverlap: true });
    },
    stop() {
      void task?.destroy();
      task = null;
    },
  };
}
