import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import type { Clock } from '../core/ports.js';
import type { Dispatch } from '../domain/dispatch/dispatch.js';
import { createMinuteJob } from './minute-job.js';

/** Every minute, turn due deadlines into reminders and escalations. */
export function createDispatchSweeper(options: { db: Db; dispatch: Dispatch; log: Logger; clock?: Clock; afterSweep?: () => Promise<unknown> }) {
  return createMinuteJob({
    name: 'dispatch-sweep',
    log: options.log,
    clock: options.clock,
    failed: { reminded: 0, escalated: 0 },
    failureMessage: 'dispatch sweep failed',
    async run(now) {
      const result = await options.dispatch.sweep(options.db, now);
      if (result.reminded || result.escalated) options.log.info(result, 'dispatch sweep');
      await options.afterSweep?.();
      return result;
    },
  });
}
