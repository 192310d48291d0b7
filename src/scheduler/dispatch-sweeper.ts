import cron from 'node-cron';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import type { Clock } from '../core/ports.js';
import { safeError } from '../core/privacy.js';
import type { Dispatch } from '../domain/dispatch/dispatch.js';

/** Every minute (Asia/Shanghai), turn due deadlines into reminders and escalations. */
export function createDispatchSweeper(options: { db: Db; dispatch: Dispatch; log: Logger; clock?: Clock; afterSweep?: () => Promise<unknown> }) {
  const clock = options.clock ?? (() => new Date());
  let task: ReturnType<typeof cron.schedule> | null = null;
  async function runOnce() {
    try {
      const result = await options.dispatch.sweep(options.db, clock());
      if (result.reminded || result.escalated) options.log.info(result, 'dispatch sweep');
      await options.afterSweep?.();
      return result;
    } catch (err) {
      options.log.error({ err: safeError(err) }, 'dispatch sweep failed');
      return { reminded: 0, escalated: 0 };
    }
  }
  return {
    runOnce,
    start() {
      task ??= cron.schedule('* * * * *', () => void runOnce(), { timezone: 'Asia/Shanghai', name: 'dispatch-sweep', noOverlap: true });
    },
    stop() {
      void task?.destroy();
      task = null;
    },
  };
}
