import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { requestQuotas } from '../../../db/schema.js';
import { dateIn } from '../calendar/civil.js';

// === The daily cap on new requests per resident

/** How many new requests one resident may make a day, and whose days they are. */
export interface DailyCap {
  perDay: number;
  /** Days are counted in this zone (TIME_ZONE). */
  timeZone: string;
}

/**
 * Counts one more new request of the resident's today; false, counting nothing, when they already made
 * `cap.perDay`. An urgent request (emergency words) always counts through: safety first. One statement:
 * two confirmations of one resident at the same moment queue on the day's row, and the second sees the
 * first's count (PostgreSQL re-reads the row an `on conflict do update` waited for).
 */
export async function takeRequestQuota(tx: Db, residentId: number, cap: DailyCap, at: Date, urgent = false): Promise<boolean> {
  const rows = await tx
    .insert(requestQuotas)
    .values({ residentId, day: dateIn(at, cap.timeZone), created: 1 })
    .onConflictDoUpdate({
      target: [requestQuotas.residentId, requestQuotas.day],
      set: { created: sql`${requestQuotas.created} + 1` },
      ...(urgent ? {} : { setWhere: sql`${requestQuotas.created} < ${cap.perDay}` }),
    })
    .returning({ created: requestQuotas.created });
  return rows.length > 0;
}
