import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { ticketCounters } from '../../../db/schema.js';
import { DEFAULT_TIME_ZONE, dateIn } from '../calendar/civil.js';

/** The day of `at` in `timeZone` as `YYYYMMDD`: a ticket's day. */
export function ticketDay(at: Date, timeZone = DEFAULT_TIME_ZONE): string {
  return dateIn(at, timeZone).replaceAll('-', '');
}

/** Next ticket number `YYYYMMDD-NNNN`, the day in `timeZone` (per-day sequence, safe under concurrency: one upsert). */
export async function nextTicket(tx: Db, at: Date, timeZone = DEFAULT_TIME_ZONE): Promise<string> {
  const day = ticketDay(at, timeZone);
  const [row] = await tx
    .insert(ticketCounters)
    .values({ day, last: 1 })
    .onConflictDoUpdate({ target: ticketCounters.day, set: { last: sql`${ticketCounters.last} + 1` } })
    .returning({ last: ticketCounters.last });
  return `${day}-${String(row!.last).padStart(4, '0')}`;
}
