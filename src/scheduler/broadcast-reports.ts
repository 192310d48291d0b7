import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import type { Clock } from '../core/ports.js';
import { reportFinishedBroadcasts } from '../domain/broadcasts/report.js';
import { createMinuteJob } from './minute-job.js';

/** Every minute, a delivery report to the organizer of each broadcast that has nothing pending any more. */
export function createBroadcastReporter(options: { db: Db; log: Logger; clock?: Clock; afterRun?: () => Promise<unknown> }) {
  return createMinuteJob({
    name: 'broadcast-reports',
    log: options.log,
    clock: options.clock,
    failed: 0,
    failureMessage: 'broadcast reports failed',
    async run(now) {
      const reported = await reportFinishedBroadcasts(options.db, now);
      if (reported > 0) {
        options.log.info({ reported }, 'broadcast delivery reports written');
        await options.afterRun?.();
      }
      return reported;
    },
  });
}
