import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import type { Clock } from '../core/ports.js';
import { type ReminderDeps, type ReminderRun, sendDueReminders } from '../domain/calendar/reminders.js';
import { createMinuteJob } from './minute-job.js';

/** Every minute, sends the service-day reminders that are due (in the calendar's zone); after downtime, those still within the grace. */
export function createServiceDayReminders(options: { db: Db; deps: ReminderDeps; log: Logger; clock?: Clock; afterRun?: () => Promise<unknown> }) {
  return createMinuteJob<ReminderRun>({
    name: 'service-day-reminders',
    log: options.log,
    clock: options.clock,
    failed: { sent: 0, skipped: 0 },
    failureMessage: 'service-day reminders failed',
    async run(now) {
      const result = await sendDueReminders(options.db, options.deps, now);
      if (result.sent || result.skipped) options.log.info(result, 'service-day reminders');
      if (result.sent) await options.afterRun?.();
      return result;
    },
  });
}
