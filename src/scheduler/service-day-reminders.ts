import cron from 'node-cron';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import type { Clock } from '../core/ports.js';
import { safeError } from '../core/privacy.js';
import { type ReminderDeps, type ReminderRun, sendDueReminders } from '../domain/calendar/reminders.js';

/** Every minute (in the calendar's zone), sends the service-day reminders that are due; after downtime, those still within the grace. */
export function createServiceDayReminders(options: { db: Db; deps: ReminderDeps; log: Logger; clock?: Clock; afterRun?: () => Promise<unknown> }) {
  const clock = options.clock ?? (() => new Date());
  let task: ReturnType<typeof cron.schedule> | null = null;
  async function runOnce(): Promise<ReminderRun> {
    try {
      const result = await sendDueReminders(options.db, options.deps, clock());
      if (result.sent || result.skipped) options.log.info(result, 'service-day reminders');
      if (result.sent) await options.afterRun?.();
      return result;
    } catch (err) {
      options.log.error({ err: safeError(err) }, 'service-day reminders failed');
      return { sent: 0, skipped: 0 };
    }
  }
  return {
    runOnce,
    start() {
      task ??= cron.schedule('* * * * *', () => void runOnce(), { timezone: options.deps.calendar.timeZone, name: 'service-day-reminders', noOverlap: true });
    },
    stop() {
      void task?.destroy();
      task = null;
    },
  };
}
