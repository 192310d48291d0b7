import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import type { Clock } from '../core/ports.js';
import { sweepEventReminders } from '../domain/events/reminders.js';
import { createMinuteJob } from './minute-job.js';

/** Every minute, turn due event reminders (in the configured time zone) into private messages. */
export function createEventReminderSweeper(options: {
  db: Db;
  log: Logger;
  clock?: Clock;
  timeZone: string;
  hoursBefore: number;
  afterSweep?: () => Promise<unknown>;
}) {
  return createMinuteJob({
    name: 'event-reminders',
    log: options.log,
    clock: options.clock,
    failed: 0,
    failureMessage: 'event reminder sweep failed',
    async run(now) {
      const reminded = await sweepEventReminders(options.db, now, { hoursBefore: options.hoursBefore, timeZone: options.timeZone });
      if (reminded > 0) {
        options.log.info({ reminded }, 'event reminders');
        await options.afterSweep?.();
      }
      return reminded;
    },
  });
}
