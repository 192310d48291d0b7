import cron from 'node-cron';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import type { Clock } from '../core/ports.js';
import { safeError } from '../core/privacy.js';
import { reportFinishedBroadcasts } from '../domain/broadcasts/report.js';

/** Every minute, a delivery report to the organizer of each broadcast that has nothing pending any more. */
export function createBroadcastReporter(options: { db: Db; log: Logger; clock?: Clock; afterRun?: () => Promise<unknown> }) {
  const clock = options.clock ?? (() => new Date());
  let task: ReturnType<typeof cron.schedule> | null = null;
  async function runOnce(): Promise<number> {
    try {
      const reported = await reportFinishedBroadcasts(options.db, clock());
      if (reported > 0) {
        options.log.info({ reported }, 'broadcast delivery reports written');
        await options.afterRun?.();
      }
      return reported;
    } catch (err) {
      options.log.error({ err: safeError(err) }, 'broadcast reports failed');
      return 0;
    }
  }
  return {
    runOnce,
    start() {
      task ??= cron.schedule('* * * * *', () => void runOnce(), { timezone: 'Asia/Shanghai', name: 'broadcast-reports', noOverlap: true });
    },
    stop() {
      void task?.destroy();
      task = null;
    },
  };
}
